package org.arxivpipeline.common.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * The optional shared secret between frontend-service and the backends ({@code INTERNAL_TOKEN}; off
 * when unset). The frontend sends it on every backend call in {@value #HEADER}; the backends refuse
 * calls without it. A second line of defence behind the network policy, not a user credential.
 */
@ApplicationScoped
public class InternalToken {

    public static final String HEADER = "X-Internal-Token";

    private final Optional<String> token;

    @Inject
    InternalToken(InternalTokenConfig config) {
        this.token = config.token();
    }

    public Optional<String> value() {
        return token;
    }

    /**
     * Whether a presented token is the configured one, in time independent of where they differ and
     * of their lengths (both are hashed first, then compared with {@link MessageDigest#isEqual}).
     */
    public boolean accepts(String presented) {
        return token.isPresent() && presented != null && MessageDigest.isEqual(sha256(token.get()), sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
