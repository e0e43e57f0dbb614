package org.arxivpipeline.common.db;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.arxivpipeline.common.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Turns what the database does wrong into the contract's answers: unreachable, restarting, or out of
 * connections is 503 with {@code Retry-After}; too slow is 504. Anything else stays as it is (a bug of
 * ours, answered 500 without details).
 */
public final class DatabaseFailures {

    /** What a client is told to wait before trying again after an outage. */
    public static final long RETRY_AFTER_SECONDS = 5;

    private DatabaseFailures() {
    }

    /** Bounds {@code call} by {@code timeout} and translates its failures. */
    public static <T> Uni<T> guard(Uni<T> call, Duration timeout) {
        return call.ifNoItem().after(timeout).failWith(() -> ProblemException.timeout("The database did not answer in time"))
                .onFailure().transform(DatabaseFailures::translate);
    }

    public static Throwable translate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException) {
                return cause;
            }
            if (cause instanceof PgException pg) {
                Throwable translated = translateSqlState(pg.getSqlState());
                if (translated != null) {
                    return translated;
                }
                return failure;
            }
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || cause instanceof ClosedChannelException || cause instanceof UnknownHostException
                    || isPoolExhausted(cause)) {
                return unavailable();
            }
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return ProblemException.timeout("The database did not answer in time");
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure;
    }

    private static Throwable translateSqlState(String state) {
        if (state == null) {
            return null;
        }
        if (state.equals("57014")) {
            // query_canceled: statement_timeout fired
            return ProblemException.timeout("The database did not answer in time");
        }
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("28P01")
                || state.equals("3D000")) {
            // connection failures, out of resources, shutting down or starting up, bad credentials, missing database
            return unavailable();
        }
        return null;
    }

    private static boolean isPoolExhausted(Throwable cause) {
        String message = cause.getMessage();
        // "Timeout": Vert.x' pool gave up waiting for a free connection (io.vertx.core.impl.NoStackTraceThrowable)
        if (cause instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(message)) {
            return true;
        }
        return message != null && (message.contains("max wait queue size") || message.equals("Connection is not active now")
                || message.equals("closed") || message.contains("Pool closed"));
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("The database is unavailable", RETRY_AFTER_SECONDS);
    }
}
