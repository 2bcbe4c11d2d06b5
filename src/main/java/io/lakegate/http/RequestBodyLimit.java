package io.lakegate.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose body is larger than the endpoint could want, from its headers alone, before anything
 * reads it: Camel's platform-http binding reads a whole body into one String, so a large POST was an
 * OutOfMemoryError. Over the limit: 413; a chunked body, whose size is known only once read: 411.
 * Tomcat then drops the connection instead of swallowing the rest (server.tomcat.max-swallow-size).
 */
class RequestBodyLimit extends OncePerRequestFilter {

    private final DataSize limit;

    RequestBodyLimit(DataSize limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit.toBytes()) {
            ApiErrors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The request body is larger than "
                    + limit.toBytes() + " bytes, the most " + request.getRequestURI() + " takes");
        } else if (request.getHeader("Transfer-Encoding") != null) {
            ApiErrors.write(response, HttpServletResponse.SC_LENGTH_REQUIRED, "A request body needs a Content-Length here");
        } else {
            chain.doFilter(request, response);
        }
    }
}
