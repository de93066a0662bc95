/**
 * The WhatsApp bridge channel (SPEC §13): a websocket client for a PicoClaw or nanobot bridge that
 * turns bridge frames into inbound messages and replies into bridge frames, reconnecting with
 * jittered exponential back-off.
 */
package dev.rustypinch.plugin.channelwhatsapp;
