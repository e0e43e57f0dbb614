package org.arxivpipeline.watches.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.db.DatabaseConfig;
import org.arxivpipeline.common.db.DatabaseFailures;
import org.arxivpipeline.common.model.ClaimedWatch;
import org.arxivpipeline.common.model.StoredResult;
import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.common.model.WatchPaper;
import org.arxivpipeline.common.validation.ArxivIds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tables {@code watches} and {@code watch_papers}. Every time is the database's clock ({@link #NOW}), the one
 * clock that all replicas share, so that leases and schedules do not depend on any machine's.
 */
@ApplicationScoped
public class WatchRepository {

    /** Unix seconds of the statement's start, on the database's clock. */
    private static final String NOW = "floor(extract(epoch FROM statement_timestamp()))::bigint";

    private static final String COLUMNS = "watch_id, name, every, search::text, created, last_run, next_run, last_query_id, last_error, "
            + "new_papers";

    /** Any constant: the key of the transaction lock under which a create counts the watches. */
    private static final long CREATE_LOCK = 0x7761746368L;

    private static final String COUNT = "SELECT pg_advisory_xact_lock(" + CREATE_LOCK + "), (SELECT count(*) FROM watches)";

    private static final String INSERT = """
            INSERT INTO watches (name, every, every_seconds, search, created, next_run)
            VALUES ($1, $2, $3, $4::text::jsonb, %1$s, %1$s)
            RETURNING %2$s""".formatted(NOW, COLUMNS);

    private static final String ALL = "SELECT " + COLUMNS + " FROM watches ORDER BY watch_id";

    private static final String FIND = "SELECT " + COLUMNS + " FROM watches WHERE watch_id = $1";

    private static final String DELETE = "DELETE FROM watches WHERE watch_id = $1";

    /** The watches, those due now, and how long the oldest due run has waited (0 when none is due). */
    private static final String BACKLOG = """
            SELECT count(*), count(*) FILTER (WHERE next_run <= %1$s), coalesce(%1$s - min(next_run) FILTER (WHERE next_run <= %1$s), 0)
            FROM watches""".formatted(NOW);

    /** Due now, unless a run is under way (whose lease end is its next_run already). */
    private static final String RUN_NOW = """
            UPDATE watches SET next_run = CASE WHEN claim IS NULL THEN LEAST(next_run, %s) ELSE next_run END
             WHERE watch_id = $1""".formatted(NOW);

    /**
     * Up to $1 due watches, oldest first, each claimed for $2 seconds: an index range scan on next_run; rows
     * that another runner is claiming at this moment are skipped, not waited for.
     */
    private static final String CLAIM = """
            UPDATE watches SET claim = gen_random_uuid(), next_run = %1$s + $2
             WHERE watch_id IN (SELECT watch_id FROM watches WHERE next_run <= %1$s ORDER BY next_run LIMIT $1
                                FOR UPDATE SKIP LOCKED)
            RETURNING %2$s, claim::text""".formatted(NOW, COLUMNS);

    private static final String HOLDS_CLAIM = "SELECT 1 FROM watches WHERE watch_id = $1 AND claim = $2::uuid FOR UPDATE";

    /** The papers of a run that this watch never saw: the others are left as they are (first found before). */
    private static final String INSERT_PAPERS = """
            INSERT INTO watch_papers (watch_id, paper, first_seen, published, record)
            SELECT $1, paper, %s, published, record::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS run(paper, published, record)
            ON CONFLICT (watch_id, paper) DO NOTHING""".formatted(NOW);

    /** After a success the next run is one period from now, not from the last schedule: an outage never fires a burst. */
    private static final String SUCCEEDED = """
            UPDATE watches SET claim = NULL, last_run = %1$s, last_query_id = $2, last_error = NULL, failures = 0, new_papers = $3,
                               next_run = %1$s + every_seconds
             WHERE watch_id = $1
            RETURNING %2$s""".formatted(NOW, COLUMNS);

    /** After a failure: tried again after $4 seconds, doubled at each failure in a row, at most one period later. */
    private static final String FAILED = """
            UPDATE watches SET claim = NULL, last_run = %1$s, last_error = $3, failures = failures + 1,
                               next_run = %1$s + LEAST(every_seconds, $4 * power(2, LEAST(failures, 20))::bigint)
             WHERE watch_id = $1 AND claim = $2::uuid
            RETURNING %2$s""".formatted(NOW, COLUMNS);

    /** A run that did not get its turn: given back, due again after $3 seconds (at most one period); not a failure. */
    private static final String DEFERRED = """
            UPDATE watches SET claim = NULL, next_run = %1$s + LEAST(every_seconds, $3)
             WHERE watch_id = $1 AND claim = $2::uuid
            RETURNING %2$s""".formatted(NOW, COLUMNS);

    private static final String PAPERS = """
            SELECT record::text, first_seen, published, paper FROM watch_papers
             WHERE watch_id = $1 %s
             ORDER BY first_seen DESC, published DESC, paper DESC
             LIMIT $2 OFFSET $3""";

    private static final String AFTER = "AND (first_seen, published, paper) < ($4, $5, $6)";

    private static final String PAPER_COUNT = "SELECT count(*) FROM watch_papers WHERE watch_id = $1";

    @Inject
    Pool pool;

    @Inject
    DatabaseConfig config;

    @Inject
    ObjectMapper json;

    /** The new watch, due at once (its first run finds what the topic has now); null when {@code max} watches exist. */
    public Uni<Watch> create(String name, String every, long everySeconds, Map<String, String> search, int max) {
        Tuple values = Tuple.of(name, every, everySeconds, write(search));
        return guard(pool.withTransaction(connection -> connection.query(COUNT).execute()
                .flatMap(count -> count.iterator().next().getLong(1) >= max
                        ? Uni.createFrom().nullItem()
                        : connection.preparedQuery(INSERT).execute(values).map(rows -> watch(rows.iterator().next())))));
    }

    public Uni<List<Watch>> all() {
        return guard(pool.query(ALL).execute().map(rows -> {
            List<Watch> watches = new ArrayList<>(rows.size());
            rows.forEach(row -> watches.add(watch(row)));
            return watches;
        }));
    }

    /** The watch, or null. */
    public Uni<Watch> find(long watchId) {
        return guard(pool.preparedQuery(FIND).execute(Tuple.of(watchId)).map(WatchRepository::firstOrNull).map(this::watchOrNull));
    }

    /** Whether it existed. Its papers go with it; its stored queries and results stay where they are. */
    public Uni<Boolean> delete(long watchId) {
        return guard(pool.preparedQuery(DELETE).execute(Tuple.of(watchId)).map(rows -> rows.rowCount() == 1));
    }

    /** Makes it due now; whether it exists. */
    public Uni<Boolean> runNow(long watchId) {
        return guard(pool.preparedQuery(RUN_NOW).execute(Tuple.of(watchId)).map(rows -> rows.rowCount() == 1));
    }

    public Uni<List<ClaimedWatch>> claim(int limit, long leaseSeconds) {
        return guard(pool.preparedQuery(CLAIM).execute(Tuple.of(limit, leaseSeconds)).map(rows -> {
            List<ClaimedWatch> claimed = new ArrayList<>(rows.size());
            rows.forEach(row -> claimed.add(new ClaimedWatch(watch(row), row.getString("claim"))));
            return claimed;
        }));
    }

    /**
     * Records a successful run under {@code claim}: the papers this watch never saw become its new papers.
     * The watch afterwards, or null when the claim is no longer held (the lease ended and another runner took
     * the run over, or the watch was deleted): then nothing is recorded.
     */
    public Uni<Watch> succeeded(long watchId, String claim, long queryId, List<StoredResult> results) {
        Map<String, StoredResult> byPaper = new LinkedHashMap<>();
        for (StoredResult result : results) {
            if (result.arxivId() != null && !result.arxivId().isBlank()) {
                byPaper.putIfAbsent(ArxivIds.paper(result.arxivId()), result);
            }
        }
        String[] papers = byPaper.keySet().toArray(String[]::new);
        String[] published = byPaper.values().stream().map(r -> r.published() == null ? "" : r.published()).toArray(String[]::new);
        String[] records = byPaper.values().stream().map(this::write).toArray(String[]::new);
        return guard(pool.withTransaction(connection -> holdsClaim(connection, watchId, claim)
                .flatMap(holds -> !holds ? Uni.createFrom().<Watch>nullItem()
                        : connection.preparedQuery(INSERT_PAPERS).execute(Tuple.of(watchId, papers, published, records))
                                .flatMap(inserted -> connection.preparedQuery(SUCCEEDED)
                                        .execute(Tuple.of(watchId, queryId, inserted.rowCount())))
                                .map(rows -> watch(rows.iterator().next())))));
    }

    /** Records a failed run under {@code claim}; the watch afterwards, or null when the claim is no longer held. */
    public Uni<Watch> failed(long watchId, String claim, String error, long retrySeconds) {
        return guard(pool.preparedQuery(FAILED).execute(Tuple.of(watchId, claim, error, retrySeconds))
                .map(WatchRepository::firstOrNull).map(this::watchOrNull));
    }

    /** Gives a run back under {@code claim}, due again after {@code seconds}; the watch afterwards, or null when the claim is no longer held. */
    public Uni<Watch> deferred(long watchId, String claim, long seconds) {
        return guard(pool.preparedQuery(DEFERRED).execute(Tuple.of(watchId, claim, seconds))
                .map(WatchRepository::firstOrNull).map(this::watchOrNull));
    }

    /** A page of its new papers, newest first, after {@code after} (a cursor) or from {@code offset}. */
    public Uni<List<PaperRow>> papers(long watchId, WatchCursor after, long offset, int limit) {
        Uni<RowSet<Row>> rows = after == null
                ? pool.preparedQuery(PAPERS.formatted("")).execute(Tuple.of(watchId, limit, offset))
                : pool.preparedQuery(PAPERS.formatted(AFTER)).execute(Tuple.from(List.of(watchId, limit, 0L, after.firstSeen(),
                        after.published(), after.paper())));
        return guard(rows.map(set -> {
            List<PaperRow> papers = new ArrayList<>(set.size());
            set.forEach(row -> papers.add(new PaperRow(WatchPaper.of(read(row.getString(0), StoredResult.class), row.getLong(1)),
                    new WatchCursor(watchId, row.getLong(1), row.getString(2), row.getString(3)))));
            return papers;
        }));
    }

    /** What {@link #BACKLOG} reads: the number of watches, of due runs, and the seconds the oldest has waited. */
    public Uni<Backlog> backlog() {
        return guard(pool.query(BACKLOG).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new Backlog(row.getLong(0), row.getLong(1), row.getLong(2));
        }));
    }

    /** The watches, the runs due now, and the seconds the oldest due run has waited. */
    public record Backlog(long watches, long due, long oldestDueSeconds) {
    }

    public Uni<Long> paperCount(long watchId) {
        return guard(pool.preparedQuery(PAPER_COUNT).execute(Tuple.of(watchId)).map(rows -> rows.iterator().next().getLong(0)));
    }

    /** A paper of a page, and the cursor that points after it. */
    public record PaperRow(WatchPaper paper, WatchCursor position) {
    }

    private static Uni<Boolean> holdsClaim(SqlConnection connection, long watchId, String claim) {
        return connection.preparedQuery(HOLDS_CLAIM).execute(Tuple.of(watchId, claim)).map(rows -> rows.rowCount() == 1);
    }

    private <T> Uni<T> guard(Uni<T> call) {
        return DatabaseFailures.guard(call, config.queryTimeout());
    }

    private static Row firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }

    private Watch watchOrNull(Row row) {
        return row == null ? null : watch(row);
    }

    private Watch watch(Row row) {
        return new Watch(row.getLong("watch_id"), row.getString("name"), row.getString("every"),
                read(row.getString("search"), new TypeReference<Map<String, String>>() { }), row.getLong("created"),
                row.getLong("last_run"), row.getLong("next_run"), row.getLong("last_query_id"), row.getString("last_error"),
                row.getInteger("new_papers"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " that is not one", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value that is not what it should be", e);
        }
    }
}
