package org.arxivpipeline.common.db;

import java.util.concurrent.atomic.AtomicBoolean;

import org.arxivpipeline.common.problem.ProblemException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.Transaction;

/**
 * Streams the rows of a query through a server-side cursor, {@code fetch} rows per round trip, so a
 * result of millions of rows never sits in memory. A cursor needs a transaction, so the stream holds a
 * connection; it is given back (transaction rolled back, connection closed) however the stream ends:
 * completed, failed, or cancelled by a client that went away, <em>at any moment</em>.
 * <p>
 * The moment that needs care is a cancellation while the connection is still being acquired or its
 * {@code BEGIN} is in flight: a cancelled {@code Uni} drops the connection it later receives, and
 * {@code Multi.createFrom().resourceFromUni} has no resource yet to finalize, so the connection stayed
 * {@code idle in transaction} for good (issue 17). Here the acquisition is a Vert.x future, which
 * cancellation cannot stop, and {@link Session} releases whatever arrives after the end.
 */
public final class CursorStream {

    /** What a stream refused for want of a connection tells its client to wait. */
    static final long STREAM_RETRY_AFTER_SECONDS = 2;

    private CursorStream() {
    }

    /**
     * The rows of {@code sql}, {@code fetch} at a time from a cursor.
     *
     * @param openWait how long the stream may wait for its connection and its {@code BEGIN} (a pool taken
     *        by other work): beyond, it fails with 503 and {@code Retry-After} before its first row, and
     *        the connection, should it come later, is given back at once
     */
    public static Multi<Row> rows(Pool pool, String sql, Tuple args, int fetch, java.time.Duration openWait) {
        return Multi.createFrom().deferred(() -> {
            Session session = new Session();
            io.vertx.core.Future<SqlConnection> opening = session.open(pool);
            Uni<SqlConnection> connected = UniHelper.toUni(opening)
                    .ifNoItem().after(openWait).failWith(() -> ProblemException.unavailable(
                            "No database connection is free for this stream now", STREAM_RETRY_AFTER_SECONDS));
            return AfterUni.stream(connected, connection -> AfterUni.stream(connection.prepare(sql),
                    statement -> statement.createStream(fetch, args).toMulti()))
                    .onTermination().invoke(session::end);
        });
    }

    /**
     * One stream's connection and transaction. {@link #end} may come before, during or after the
     * opening; whichever of the two comes second releases the connection, exactly once.
     */
    private static final class Session {

        private final AtomicBoolean released = new AtomicBoolean();
        private volatile SqlConnection connection;
        private volatile Transaction transaction;
        private volatile boolean ended;

        io.vertx.core.Future<SqlConnection> open(Pool pool) {
            return pool.getDelegate().getConnection().compose(core -> core.begin()
                    .map(begun -> {
                        transaction = begun;
                        connection = SqlConnection.newInstance(core);
                        if (ended) {
                            release();
                        }
                        return connection;
                    })
                    .onFailure(failure -> core.close()));
        }

        void end() {
            ended = true;
            if (connection != null) {
                release();
            }
        }

        /** The transaction only read: rolling it back or committing it is the same; the connection goes back to the pool. */
        private void release() {
            if (released.compareAndSet(false, true)) {
                transaction.rollback().onComplete(ignored -> connection.getDelegate().close());
            }
        }
    }
}
