package org.arxivpipeline.common.db;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;

import org.arxivpipeline.common.problem.Failures;
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
        Optional<ProblemException> problem = Failures.find(failure, ProblemException.class);
        if (problem.isPresent()) {
            return problem.get();
        }
        Optional<PgException> pg = Failures.find(failure, PgException.class);
        if (pg.isPresent()) {
            Throwable translated = translateSqlState(pg.get().getSqlState());
            return translated != null ? translated : failure;
        }
        if (Failures.isUnreachable(failure) || Failures.any(failure, DatabaseFailures::isConnectionLost)
                || Failures.any(failure, DatabaseFailures::isPoolExhausted)) {
            return unavailable();
        }
        if (Failures.isTimeout(failure)) {
            return ProblemException.timeout("The database did not answer in time");
        }
        return failure;
    }

    private static boolean isConnectionLost(Throwable cause) {
        return cause instanceof ClosedConnectionException || cause instanceof ClosedChannelException;
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

    /**
     * Vert.x' pool gives these failures no type of their own (a {@code NoStackThrowable} or a plain
     * {@code VertxException}), so they are told by their fixed messages: no free connection within the
     * wait ("Timeout"), a full wait queue, a closed pool or connection.
     */
    private static boolean isPoolExhausted(Throwable cause) {
        String message = cause.getMessage();
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
