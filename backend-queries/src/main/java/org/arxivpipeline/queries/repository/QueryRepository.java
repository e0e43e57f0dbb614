package org.arxivpipeline.queries.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.db.CursorStream;
import org.arxivpipeline.common.db.DatabaseConfig;
import org.arxivpipeline.common.db.DatabaseFailures;
import org.arxivpipeline.common.db.ReadRouting;
import org.arxivpipeline.common.db.StreamSlots;
import org.arxivpipeline.common.model.QueryRecord;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Table {@code queries}: writes go to the primary, reads to the read datasource (a replica, or the primary again). */
@ApplicationScoped
public class QueryRepository {

    private static final String COLUMNS = "query_id, timestamp, status, num_results, num_entries, query, sort_by, sort_order, start, "
            + "id_list, complete, watch_id";

    private static final String INSERT = """
            INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query, sort_by, sort_order, start,
                                 id_list, complete, watch_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (query_id) DO NOTHING
            RETURNING id""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM queries WHERE query_id = $1";

    private static final String RANGE = """
            SELECT %s FROM queries WHERE timestamp >= $1 AND timestamp <= $2
            ORDER BY timestamp, query_id""".formatted(COLUMNS);

    @Inject
    Pool primary;

    /** Reads on the replica when there is one and it answers, else on the primary. */
    @Inject
    ReadRouting reads;

    @Inject
    DatabaseConfig config;

    /** Streams hold a read connection each, for as long as their client takes: a bounded number at once. */
    @Inject
    StreamSlots streams;

    /** Inserts {@code record} unless its query_id is taken; true when this call inserted it. */
    public Uni<Boolean> insertIfAbsent(QueryRecord record) {
        Tuple values = Tuple.tuple()
                .addLong(record.queryId())
                .addLong(record.timestamp())
                .addInteger(record.status())
                .addLong(record.numResults())
                .addInteger(record.numEntries())
                .addString(record.query())
                .addString(record.sortBy())
                .addString(record.sortOrder())
                .addInteger(record.start())
                .addString(record.idList())
                .addBoolean(record.complete())
                .addLong(record.watchId());
        return DatabaseFailures.guard(
                primary.preparedQuery(INSERT).execute(values).map(rows -> rows.rowCount() == 1),
                config.queryTimeout());
    }

    /** The stored record of {@code queryId}, read from the primary (it decides conflicts), or null. */
    public Uni<QueryRecord> find(long queryId) {
        return DatabaseFailures.guard(
                primary.preparedQuery(FIND).execute(Tuple.of(queryId))
                        .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null),
                config.queryTimeout());
    }

    /** Every query with {@code start <= timestamp <= end}, in (timestamp, query_id) order, from a cursor. */
    public Multi<QueryRecord> streamRange(long start, long end, int fetchSize) {
        return streams.guard(() -> reads.stream(pool -> CursorStream.rows(pool, RANGE, Tuple.of(start, end), fetchSize, config.queryTimeout())))
                .map(QueryRepository::from)
                .onFailure().transform(DatabaseFailures::translate);
    }

    static QueryRecord from(Row row) {
        return new QueryRecord(
                row.getLong("query_id"),
                row.getLong("timestamp"),
                row.getInteger("status"),
                row.getLong("num_results"),
                row.getInteger("num_entries"),
                row.getString("query"),
                row.getString("sort_by"),
                row.getString("sort_order"),
                row.getInteger("start"),
                row.getString("id_list"),
                row.getBoolean("complete"),
                row.getLong("watch_id"));
    }
}
