package org.arxivpipeline.results.mapping;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The position after the last result of a page — (query_id, result_number) — plus the query the pages
 * are of, the filters they were narrowed by ({@code filters}: a fingerprint of them, empty for none) and
 * the number of the next page. Opaque to clients and signed (HMAC-SHA256), so a forged or damaged cursor
 * is refused instead of silently pointing somewhere else. A cursor without filters is written as before
 * filters existed (version 1), so cursors held across an upgrade stay valid. A cursor of filtered pages
 * also carries their {@code total}, counted with the first page, so that the next pages are not counted
 * again (a count of a common word's matches costs seconds, its page milliseconds): version 3 (version 2,
 * filters without a total, is still read).
 */
public record ResultsCursor(Long queryFilter, long lastQueryId, int lastResultNumber, long page, String filters, Long total) {

    private static final String VERSION = "1";
    private static final String VERSION_WITH_FILTERS = "2";
    private static final String VERSION_WITH_TOTAL = "3";

    /** A cursor of pages narrowed by no filter. */
    public ResultsCursor(Long queryFilter, long lastQueryId, int lastResultNumber, long page) {
        this(queryFilter, lastQueryId, lastResultNumber, page, "", null);
    }

    /** The fingerprint of filters given as normalised query parameters: a hash, short, in the cursor's alphabet. */
    public static String fingerprint(java.util.Map<String, String> filters) {
        if (filters.isEmpty()) {
            return "";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(filters.toString().getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(Arrays.copyOf(hash, 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
    private static final int SIGNATURE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A cursor that cannot be read or whose signature does not match. */
    public static final class InvalidCursorException extends RuntimeException {
        InvalidCursorException() {
            super("invalid cursor", null, false, false);
        }
    }

    public String encode(byte[] key) {
        String version = filters.isEmpty() ? VERSION : total == null ? VERSION_WITH_FILTERS : VERSION_WITH_TOTAL;
        String payload = String.join("|", version, queryFilter == null ? "" : queryFilter.toString(),
                Long.toString(lastQueryId), Integer.toString(lastResultNumber), Long.toString(page));
        if (!filters.isEmpty()) {
            payload += "|" + filters;
            if (total != null) {
                payload += "|" + total;
            }
        }
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(key, bytes));
    }

    public static ResultsCursor decode(String text, byte[] key) {
        try {
            int dot = text.indexOf('.');
            if (dot <= 0 || text.length() > 200) {
                throw new InvalidCursorException();
            }
            byte[] payload = DECODER.decode(text.substring(0, dot));
            byte[] signature = DECODER.decode(text.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(key, payload))) {
                throw new InvalidCursorException();
            }
            String[] parts = new String(payload, StandardCharsets.US_ASCII).split("\\|", -1);
            boolean withTotal = parts.length == 7 && parts[0].equals(VERSION_WITH_TOTAL) && !parts[5].isEmpty();
            boolean filtered = withTotal || parts.length == 6 && parts[0].equals(VERSION_WITH_FILTERS) && !parts[5].isEmpty();
            if (!filtered && (parts.length != 5 || !parts[0].equals(VERSION))) {
                throw new InvalidCursorException();
            }
            Long filter = parts[1].isEmpty() ? null : Long.parseLong(parts[1]);
            ResultsCursor cursor = new ResultsCursor(filter, Long.parseLong(parts[2]), Integer.parseInt(parts[3]), Long.parseLong(parts[4]),
                    filtered ? parts[5] : "", withTotal ? Long.valueOf(parts[6]) : null);
            // only the exact text this service wrote: base64 has other spellings of the same bytes
            if (!cursor.encode(key).equals(text)) {
                throw new InvalidCursorException();
            }
            return cursor;
        } catch (IllegalArgumentException e) {
            // bad base64 or numbers (NumberFormatException is one too)
            throw new InvalidCursorException();
        }
    }

    private static byte[] sign(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(payload), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
