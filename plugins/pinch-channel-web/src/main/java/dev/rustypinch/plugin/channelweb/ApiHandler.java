package dev.rustypinch.plugin.channelweb;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.SessionEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.LoggerFactory;

/**
 * Every route of SPEC §20.2–§20.3 on Jetty's core API: origin check, bearer token on {@code /v1/}, then the route and
 * its method. Chat requests are answered asynchronously: reading the body and waiting for the turn hold no thread.
 */
final class ApiHandler extends Handler.Abstract {
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final String SESSIONS = "/v1/sessions/";

    /** Takes a parsed chat request and answers its exchange later. */
    interface TurnGateway {
        void submit(ChatBody body, TurnExchange exchange);
    }

    private final BearerToken token;
    private final OriginPolicy origins;
    private final PageAssets assets;
    private final PluginContext context;
    private final TurnGateway gateway;

    ApiHandler(BearerToken token, OriginPolicy origins, PageAssets assets, PluginContext context, TurnGateway gateway) {
        this.token = requireNonNull(token, "token is null");
        this.origins = requireNonNull(origins, "origins is null");
        this.assets = requireNonNull(assets, "assets is null");
        this.context = requireNonNull(context, "context is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        ApiResponses.securityHeaders(response);
        String method = request.getMethod();
        String path = request.getHttpURI().getDecodedPath();
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !origins.isSameOrigin(origin, request.getHeaders().get(HttpHeader.HOST))) {
            if (!origins.isListed(origin)) {
                ApiResponses.error(response, callback, ApiError.foreignOrigin(origin));
                return true;
            }
            allowCrossOrigin(response, origin);
            if (method.equals("OPTIONS") && request.getHeaders().contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD)) {
                preflight(request, response, callback);
                return true;
            }
        }
        if (path.startsWith("/v1/")) {
            if (!token.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
                ApiResponses.error(response, callback, ApiError.unauthorized());
                return true;
            }
            api(method, path, request, response, callback);
        } else {
            page(method, path, response, callback);
        }
        return true;
    }

    private void api(String method, String path, Request request, Response response, Callback callback) {
        if (path.equals("/v1/chat/completions")) {
            if (allowed(method, "POST", path, response, callback)) {
                chat(request, response, callback);
            }
        } else if (path.equals("/v1/models")) {
            if (allowed(method, "GET", path, response, callback)) {
                ApiResponses.json(response, callback, OpenAiShapes.models(context.modelName()));
            }
        } else if (path.startsWith(SESSIONS) && path.length() > SESSIONS.length() && path.indexOf('/', SESSIONS.length()) < 0) {
            if (allowed(method, "GET", path, response, callback)) {
                session(path.substring(SESSIONS.length()), path, response, callback);
            }
        } else {
            ApiResponses.error(response, callback, ApiError.notFound(method, path));
        }
    }

    private void page(String method, String path, Response response, Callback callback) {
        if (path.equals("/healthz")) {
            if (allowed(method, "GET", path, response, callback)) {
                ApiResponses.send(response, callback, 200, "text/plain; charset=utf-8", ApiResponses.utf8("ok"));
            }
            return;
        }
        Optional<PageAssets.Asset> asset = assets.find(path);
        if (asset.isEmpty()) {
            ApiResponses.error(response, callback, ApiError.notFound(method, path));
        } else if (allowed(method, "GET", path, response, callback)) {
            response.getHeaders().put("Content-Security-Policy", ApiResponses.CONTENT_SECURITY_POLICY);
            ApiResponses.send(response, callback, 200, asset.get().contentType(), ByteBuffer.wrap(asset.get().bytes()));
        }
    }

    private static boolean allowed(String method, String expected, String path, Response response, Callback callback) {
        if (method.equals(expected)) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, expected);
        ApiResponses.error(response, callback, ApiError.methodNotAllowed(method, path, expected));
        return false;
    }

    private void session(String sessionId, String path, Response response, Callback callback) {
        if (!sessionId.startsWith(WebChannel.CHANNEL + ":")) {
            ApiResponses.error(response, callback, ApiError.notFound("GET", path));
            return;
        }
        List<SessionEntry> entries;
        try {
            entries = context.sessionEntries(sessionId);
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(ApiHandler.class).warn("session '{}' could not be read: {}", sessionId, e.getMessage());
            ApiResponses.error(response, callback, ApiError.internal("session '" + sessionId + "' could not be read"));
            return;
        }
        ApiResponses.json(response, callback, Json.prettyEntries(entries));
    }

    private void chat(Request request, Response response, Callback callback) {
        long length = request.getLength();
        if (length > MAX_BODY_BYTES) {
            ApiResponses.error(response, callback, ApiError.tooLarge(MAX_BODY_BYTES));
            return;
        }
        new BodyReader(request, response, callback).read();
    }

    private void bodyRead(byte[] body, Response response, Callback callback) {
        ChatBody chat;
        try {
            chat = ChatBody.parse(body);
        } catch (ChatBody.BadBody e) {
            ApiResponses.error(response, callback, ApiError.badRequest(e.getMessage()));
            return;
        }
        long created = context.clock().instant().getEpochSecond();
        gateway.submit(chat, new TurnExchange(response, callback, chat.stream(), context.modelName(), created));
    }

    private static void allowCrossOrigin(Response response, String origin) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.getHeaders().add(HttpHeader.VARY, "Origin");
    }

    private static void preflight(Request request, Response response, Callback callback) {
        String headers = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, headers == null ? "authorization, content-type" : headers);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        response.setStatus(204);
        callback.succeeded();
    }

    /** Reads a request body without holding a thread while the client is slow; stops at {@link #MAX_BODY_BYTES}. */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        BodyReader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void read() {
            run();
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    callback.failed(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int size = bytes.remaining();
                if (body.size() + size > MAX_BODY_BYTES) {
                    chunk.release();
                    ApiResponses.error(response, callback, ApiError.tooLarge(MAX_BODY_BYTES));
                    return;
                }
                byte[] copy = new byte[size];
                bytes.get(copy);
                body.write(copy, 0, size);
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    bodyRead(body.toByteArray(), response, callback);
                    return;
                }
            }
        }
    }
}
