package io.lakegate.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lakegate.security.*}: whether /api/** and the consoles need credentials. One secret, the token:
 * {@code Authorization: Bearer <token>} everywhere, or HTTP basic as {@code user} with the token as password
 * on the consoles (a browser can only do basic). Off by default so that the first {@code java -jar} on a laptop,
 * bound to loopback, needs nothing; the kubernetes profile turns it on.
 */
@ConfigurationProperties("lakegate.security")
public record SecuritySettings(boolean enabled, @DefaultValue("lakegate") String user, String token) {

    /** Shorter tokens are guessable over HTTP in the time a pod lives. */
    static final int MINIMUM_TOKEN_LENGTH = 16;

    public SecuritySettings {
        if (enabled && (token == null || token.strip().length() < MINIMUM_TOKEN_LENGTH)) {
            throw new IllegalArgumentException("lakegate.security.enabled is true, so lakegate.security.token must be set "
                    + "to at least " + MINIMUM_TOKEN_LENGTH + " characters (e.g. openssl rand -hex 32)");
        }
    }
}
