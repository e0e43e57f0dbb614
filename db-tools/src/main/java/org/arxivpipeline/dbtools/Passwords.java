package org.arxivpipeline.dbtools;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** Passwords of the local PostgreSQL: random ones, and the SCRAM-SHA-256 verifier PostgreSQL stores for one. */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 24 random bytes: 192 bits, 32 characters of URL-safe Base64. */
    private static final int RANDOM_BYTES = 24;
    private static final int SCRAM_ITERATIONS = 4096;

    private Passwords() {
    }

    /** A new random password: 32 characters from {@code A-Z a-z 0-9 - _} (192 bits from {@link SecureRandom}). */
    public static String random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The verifier {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} of {@code password}, as
     * PostgreSQL computes it (RFC 5802/7677): {@code ALTER ROLE … PASSWORD '<verifier>'} sets the password
     * without the statement ever holding it. For printable ASCII passwords (SASLprep leaves those as they are).
     */
    public static String scramVerifier(String password) {
        if (!password.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("A local PostgreSQL password must be printable ASCII without spaces");
        }
        try {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, SCRAM_ITERATIONS, 256)).getEncoded();
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder base64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + SCRAM_ITERATIONS + ":" + base64.encodeToString(salt) + "$"
                    + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No SCRAM-SHA-256 in this JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    }
}
