package org.arxivpipeline.common.db;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Streams the rows of a query through a server-side cursor, {@code fetch} rows per round trip, so a
 * result of millions of rows never sits in memory. A cursor needs a transaction; the connection and
 * transaction are released on completion, on failure and when the subscriber cancels (a client that
 * disconnects), so no connection is left {@code idle in transaction}.
 */
public final class CursorStream {

    private CursorStream() {
    }

    public static Multi<Row> rows(Pool pool, String sql, Tuple args, int fetch) {
        return Multi.createFrom().resourceFromUni(
                () -> open(pool),
                open -> open.connection().prepare(sql)
                        .onItem().transformToMulti(statement -> statement.createStream(fetch, args).toMulti()))
                .withFinalizer(
                        open -> release(open.transaction().commit(), open),
                        (open, failure) -> release(open.transaction().rollback(), open),
                        open -> release(open.transaction().rollback(), open));
    }

    private static Uni<Open> open(Pool pool) {
        return pool.getConnection().flatMap(connection -> connection.begin()
                .map(transaction -> new Open(connection, transaction))
                .onFailure().call(connection::close));
    }

    private static Uni<Void> release(Uni<Void> ending, Open open) {
        return ending.onFailure().recoverWithNull().eventually(() -> open.connection().close());
    }

    private record Open(SqlConnection connection, Transaction transaction) {
    }
}
