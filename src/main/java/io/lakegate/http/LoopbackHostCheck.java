package io.lakegate.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On a server bound to loopback, answers only requests that name it by a loopback name. Binding to 127.0.0.1
 * keeps other machines out but not a web page the operator opens: through DNS rebinding its own host name
 * resolves to 127.0.0.1, the browser treats the service as that page's origin, and only the Host header still
 * says which site the page thinks it talks to. Any other Host gets 403.
 */
class LoopbackHostCheck extends OncePerRequestFilter {

    static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String host = hostName(request.getHeader("Host"));
        if (host != null && LOOPBACK_NAMES.contains(host)) {
            chain.doFilter(request, response);
        } else {
            ApiErrors.write(response, HttpServletResponse.SC_FORBIDDEN,
                    "Host '" + request.getHeader("Host") + "' is not a name of this service; it answers to localhost only");
        }
    }

    /** The host of a Host header, without its port, lower case; null when there is none. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String host = header.strip().toLowerCase(Locale.ROOT);
        int portColon = host.lastIndexOf(':');
        if (portColon > host.lastIndexOf(']')) {
            host = host.substring(0, portColon);
        }
        return host;
    }
}
