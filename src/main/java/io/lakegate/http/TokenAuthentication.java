package io.lakegate.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries the token: {@code Authorization: Bearer <token>} anywhere, or basic
 * {@code <user>:<token>} outside /api/. A browser resends basic credentials to any page that asks, a forged
 * form post from another site included; the API changes the lake, so it takes only the header a browser
 * never adds by itself. The consoles take basic because a browser offers nothing else, and Jolokia behind them
 * is read-only and refuses foreign origins (jolokia-access.xml). Anything else leaves the request anonymous.
 */
class TokenAuthentication extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    private final String user;
    private final byte[] tokenDigest;
    private final byte[] basicDigest;

    TokenAuthentication(SecuritySettings settings) {
        this.user = settings.user();
        this.tokenDigest = digest(settings.token().strip());
        this.basicDigest = digest(settings.user() + ":" + settings.token().strip());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (carriesTheToken(request.getHeader("Authorization"), request.getRequestURI().startsWith("/api/"))) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private boolean carriesTheToken(String authorization, boolean api) {
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return sameDigest(tokenDigest, authorization.substring(BEARER.length()).strip());
        }
        if (!api && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                        StandardCharsets.UTF_8);
                return sameDigest(basicDigest, credentials);
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return false;
    }

    // Digests are compared, not the strings: MessageDigest.isEqual takes the same time for any two of equal length.
    private static boolean sameDigest(byte[] expected, String presented) {
        return MessageDigest.isEqual(expected, digest(presented));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
