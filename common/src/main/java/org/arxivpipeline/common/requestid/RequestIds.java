package org.arxivpipeline.common.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

/** The X-Request-ID rules: a client's id is kept when it is safe to log and echo, otherwise a new one is made. */
public final class RequestIds {

    public static final String HEADER = "X-Request-ID";
    /** The MDC key, so every log line written while serving a request carries it. */
    public static final String MDC_KEY = "request_id";

    /** Letters, digits and {@code . _ : -}, at most 128: no spaces, quotes or control characters reach a log line or a header. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    /** The id to use for a request that came with {@code offered} (maybe null). */
    public static String accept(String offered) {
        if (offered != null && SAFE.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}
