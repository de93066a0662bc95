package dev.rustypinch.plugin.channelweb;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty itself answers (a malformed request line, headers too large, …) in the OpenAI envelope too. */
final class ErrorEnvelopeHandler implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        String reason = HttpStatus.getMessage(status);
        ApiResponses.securityHeaders(response);
        ApiResponses.error(response, callback, ApiError.fromStatus(status, reason));
        return true;
    }
}
