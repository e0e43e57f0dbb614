package org.arxivpipeline.watches.repository;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The position after a page of a watch's new papers: the last paper's (first_seen, published, paper), the
 * keyset of index {@code watch_papers_newest}. Opaque to clients (base64url), bound to its watch.
 */
public record WatchCursor(long watchId, long firstSeen, String published, String paper) {

    private static final char SEPARATOR = '\n';

    public String encode() {
        String text = watchId + "" + SEPARATOR + firstSeen + SEPARATOR + published + SEPARATOR + paper;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or null when {@code text} is not one this service issued for {@code watchId}. */
    public static WatchCursor decode(String text, long watchId) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1);
            if (parts.length != 4 || Long.parseLong(parts[0]) != watchId || parts[3].isEmpty()) {
                return null;
            }
            return new WatchCursor(watchId, Long.parseLong(parts[1]), parts[2], parts[3]);
        } catch (IllegalArgumentException notACursor) { // NumberFormatException is one
            return null;
        }
    }
}
