package org.arxivpipeline.common.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The suite's one vocabulary for what went wrong with a call to a dependency (a database, a backend,
 * arXiv), judged by the types in the failure's cause chain, never by class names or message text:
 * each place that turns failures into answers ({@code DatabaseFailures}, the frontend's
 * {@code BackendFailures}, the arXiv client) asks these questions, then picks its own wording.
 */
public final class Failures {

    /** Longest Retry-After taken from a dependency: beyond it the dependency is as good as down. */
    static final long MAX_RETRY_AFTER_SECONDS = 3600;

    private Failures() {
    }

    /** The first throwable in {@code failure}'s cause chain that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /** True when some throwable of the cause chain matches. */
    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The dependency could not be reached: refused, no route, unknown host, or no connection within the
     * connect timeout (Netty's {@code ConnectTimeoutException} is a {@link ConnectException}). Nothing
     * was sent, so any call may be tried again elsewhere.
     */
    public static boolean isUnreachable(Throwable failure) {
        return any(failure, cause -> cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException);
    }

    /**
     * A deadline passed while waiting for an answer: Mutiny's {@code ifNoItem().after(…).fail()}
     * ({@link io.smallrye.mutiny.TimeoutException}, not the JDK's), the JDK's {@link TimeoutException}
     * (also Vert.x' request timeout, {@code NoStackTraceTimeoutException}), a socket or JDK client read
     * ({@link SocketTimeoutException}, {@link HttpTimeoutException}), Netty's idle and read timeouts.
     * Ask {@link #isUnreachable} first: a connect timeout is both.
     */
    public static boolean isTimeout(Throwable failure) {
        return any(failure, cause -> cause instanceof io.smallrye.mutiny.TimeoutException || cause instanceof TimeoutException
                || cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                || cause instanceof io.netty.handler.timeout.TimeoutException);
    }

    /**
     * A {@code Retry-After} header in whole seconds: delta-seconds, or an HTTP-date from now; null when
     * absent, not positive or unreadable; at most an hour.
     */
    public static Long retryAfterSeconds(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                seconds = (long) Math.ceil(Duration.between(Instant.now(), at).toMillis() / 1000.0);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        return seconds > 0 ? Math.min(seconds, MAX_RETRY_AFTER_SECONDS) : null;
    }
}
