// Rusty Pinch chat page (SPEC §20.3): token once per browser session, the web:<name> history, Enter sends.
"use strict";

const store = window.sessionStorage;
const log = document.getElementById("log");
const input = document.getElementById("input");
const composer = document.getElementById("composer");
const tokenForm = document.getElementById("token-form");
const tokenInput = document.getElementById("token");
const tokenError = document.getElementById("token-error");

function takeFragment() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  if (params.has("token")) store.setItem("rp-token", params.get("token"));
  if (params.has("session")) store.setItem("rp-session", params.get("session"));
  if (window.location.hash) history.replaceState(null, "", window.location.pathname + window.location.search);
}

function sessionName() {
  return store.getItem("rp-session") || "default";
}

function show(role, text) {
  const item = document.createElement("div");
  item.className = "msg";
  item.dataset.role = role;
  item.textContent = text;
  log.appendChild(item);
  item.scrollIntoView({ block: "end" });
}

function askForToken(message) {
  store.removeItem("rp-token");
  composer.hidden = true;
  tokenForm.hidden = false;
  tokenError.hidden = !message;
  tokenError.textContent = message || "";
  tokenInput.focus();
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({}, options, {
    headers: Object.assign({ "Authorization": "Bearer " + store.getItem("rp-token") }, options && options.headers),
  }));
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (response.status === 401) {
    askForToken("The token was not accepted; enter it again.");
    throw new Error("unauthorized");
  }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : "HTTP " + response.status;
    throw new Error(message);
  }
  return body;
}

async function loadHistory() {
  log.textContent = "";
  try {
    const entries = await api("/v1/sessions/web:" + encodeURIComponent(sessionName()));
    entries.forEach((entry) => show(entry.role === "user" ? "user" : "assistant", entry.content));
  } catch (e) {
    if (e.message !== "unauthorized") show("error", "History could not be loaded: " + e.message);
    return false;
  }
  return true;
}

async function send(text) {
  show("user", text);
  try {
    const body = await api("/v1/chat/completions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: text }], user: sessionName() }),
    });
    show("assistant", body.choices[0].message.content);
  } catch (e) {
    if (e.message !== "unauthorized") show("error", e.message);
  }
}

async function open() {
  document.getElementById("session-name").textContent = "web:" + sessionName();
  if (!store.getItem("rp-token")) {
    askForToken("");
    return;
  }
  tokenForm.hidden = true;
  if (await loadHistory()) {
    composer.hidden = false;
    input.focus();
  }
}

tokenForm.addEventListener("submit", (event) => {
  event.preventDefault();
  store.setItem("rp-token", tokenInput.value.trim());
  tokenInput.value = "";
  open();
});

composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send(text);
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

takeFragment();
open();
