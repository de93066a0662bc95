package dev.rustypinch.plugin.channelweb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes whole answers with the headers every response carries (SPEC §20.2). */
final class ApiResponses {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'";

    private ApiResponses() {
    }

    /** {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store}, on every response. */
    static void securityHeaders(Response response) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    static void prepareError(Response response, ApiError error) {
        response.setStatus(error.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (!error.retryable()) {
            response.getHeaders().put("x-should-retry", "false");
        }
    }

    static void error(Response response, Callback callback, ApiError error) {
        prepareError(response, error);
        response.write(true, utf8(error.body()), callback);
    }

    static void json(Response response, Callback callback, String body) {
        send(response, callback, 200, "application/json", utf8(body));
    }

    static void send(Response response, Callback callback, int status, String contentType, ByteBuffer body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, body, callback);
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
