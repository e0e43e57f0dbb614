package org.arxivpipeline.results.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.db.CursorStream;
import org.arxivpipeline.common.db.DatabaseConfig;
import org.arxivpipeline.common.db.DatabaseFailures;
import org.arxivpipeline.common.db.ReadRouting;
import org.arxivpipeline.common.db.StreamSlots;
import org.arxivpipeline.common.model.ArxivEntry;
import org.arxivpipeline.common.model.StoredResult;
import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.results.mapping.ResultsCursor;
import org.arxivpipeline.common.time.UnixTime;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Table {@code results}: writes go to the primary, reads to the read datasource (a replica, or the primary again). */
@ApplicationScoped
public class ResultRepository {

    private static final String COLUMNS = "query_id, result_number, arxiv_id, title, author, journal, doi, primary_category, published, url, "
            + "abstract, categories, updated, comment, pdf_url";

    /** Every result of a write in one statement and one round trip; a row already there is left as it is. */
    private static final String INSERT = """
            INSERT INTO results (query_id, timestamp, result_number, arxiv_id, title, author, journal, doi,
                                 primary_category, published, url, abstract, categories, updated, comment, pdf_url)
            SELECT $1, $2, r.n, r.id, r.title, r.author, r.journal, r.doi, r.category, r.published, r.url, r.abstract,
                   -- an array per row cannot go through unnest (it flattens): each travels as the text of a JSON array
                   CASE WHEN r.categories IS NOT NULL THEN coalesce((SELECT array_agg(c ORDER BY i)
                        FROM jsonb_array_elements_text(r.categories::jsonb) WITH ORDINALITY AS t(c, i)), '{}') END,
                   r.updated, r.comment, r.pdf_url
              FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                          $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::text[], $16::text[])
                   AS r(n, id, title, author, journal, doi, category, published, url, abstract, categories, updated, comment, pdf_url)
            ON CONFLICT (query_id, result_number) DO NOTHING""";

    private static final String OF_QUERY_BELOW = "SELECT " + COLUMNS
            + " FROM results WHERE query_id = $1 AND result_number < $2 ORDER BY result_number";

    private static final String OF_QUERY_FROM = "SELECT " + COLUMNS
            + " FROM results WHERE query_id = $1 AND result_number >= $2 ORDER BY result_number LIMIT $3";

    private static final String ALL_AFTER = "SELECT " + COLUMNS
            + " FROM results WHERE (query_id, result_number) > ($1, $2) ORDER BY query_id, result_number LIMIT $3";

    /*
     * Pages by number without a query: a deferred join from a known position (OffsetCheckpoints). The rows
     * skipped are counted in the (query_id, result_number) index alone (an index-only scan, as autovacuum
     * leaves the table), and only the page's rows are read from the table; selecting the columns in one scan
     * fetched every skipped row's heap tuple (~500 bytes): 10x slower at offset 500,000 (bench/RESULTS.md).
     */
    private static final String ALL_FROM = "SELECT " + COLUMNS
            + " FROM (SELECT query_id, result_number FROM results WHERE (query_id, result_number) >= ($3, $4)"
            + " ORDER BY query_id, result_number LIMIT $1 OFFSET $2) AS page"
            + " JOIN results USING (query_id, result_number) ORDER BY query_id, result_number";

    /** The key {@code $1} rows after a position (a checkpoint of the service's OffsetCheckpoints). */
    private static final String KEY_AFTER = "SELECT query_id, result_number FROM results WHERE (query_id, result_number) >= ($2, $3)"
            + " ORDER BY query_id, result_number OFFSET $1 LIMIT 1";

    /** Every stored sighting of a paper, by the index on its versionless id. */
    private static final String OF_PAPER = "SELECT " + COLUMNS + ", timestamp"
            + " FROM results WHERE results_paper(arxiv_id) = $1 ORDER BY query_id, result_number";

    /** What a download reads, and in which order. */
    public enum Download {
        /** Whole records in the listing's order, (query_id, result_number). */
        WHOLE_RECORDS(COLUMNS, "query_id, result_number"),
        /**
         * What a citation uses (no abstract, comment or categories: most of a row's bytes), by paper: newest
         * papers first, each paper's sightings together, newest query first (its record is the most recent);
         * the order of the paper index, so streamed without a sort.
         */
        CITATIONS_BY_PAPER("query_id, result_number, arxiv_id, title, author, NULL::text AS journal, doi, primary_category, published, url, "
                + "NULL::text AS abstract, NULL::text[] AS categories, NULL::timestamptz AS updated, NULL::text AS comment, NULL::text AS pdf_url",
                "results_paper(arxiv_id) DESC, query_id DESC, result_number DESC");

        private final String columns;
        private final String order;

        Download(String columns, String order) {
            this.columns = columns;
            this.order = order;
        }
    }

    private static final String COUNT_OF_QUERY = "SELECT count(*) FROM results WHERE query_id = $1";

    /** V5's function: the GIN indexes' pending entries merged into them; answers the pending pages it emptied. */
    private static final String MERGE_PENDING_ENTRIES = "SELECT results_merge_pending_entries()";

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

    /** Inserts result i of {@code entries} as result_number i; answers how many rows were new. */
    public Uni<Integer> insertIfAbsent(long queryId, long timestamp, List<ArxivEntry> entries) {
        int n = entries.size();
        Integer[] numbers = new Integer[n];
        String[] ids = new String[n];
        String[] titles = new String[n];
        String[] authors = new String[n];
        String[] journals = new String[n];
        String[] dois = new String[n];
        String[] categories = new String[n];
        OffsetDateTime[] published = new OffsetDateTime[n];
        String[] urls = new String[n];
        String[] abstracts = new String[n];
        String[] categoryLists = new String[n];
        OffsetDateTime[] updated = new OffsetDateTime[n];
        String[] comments = new String[n];
        String[] pdfUrls = new String[n];
        for (int i = 0; i < n; i++) {
            ArxivEntry e = entries.get(i);
            numbers[i] = i;
            ids[i] = e.arxivId();
            titles[i] = e.title();
            authors[i] = e.authors();
            journals[i] = e.journal();
            dois[i] = e.doi();
            categories[i] = e.primaryCategory();
            published[i] = e.published() == null ? null : OffsetDateTime.ofInstant(Instant.parse(e.published()), ZoneOffset.UTC);
            urls[i] = e.url();
            abstracts[i] = e.abstractText();
            categoryLists[i] = e.categories() == null ? null : Json.encode(e.categories());
            updated[i] = e.updated() == null ? null : OffsetDateTime.ofInstant(Instant.parse(e.updated()), ZoneOffset.UTC);
            comments[i] = e.comment();
            pdfUrls[i] = e.pdfUrl();
        }
        Tuple values = Tuple.tuple()
                .addLong(queryId).addLong(timestamp)
                .addArrayOfInteger(numbers).addArrayOfString(ids).addArrayOfString(titles).addArrayOfString(authors)
                .addArrayOfString(journals).addArrayOfString(dois).addArrayOfString(categories)
                .addArrayOfOffsetDateTime(published).addArrayOfString(urls)
                .addArrayOfString(abstracts).addArrayOfString(categoryLists).addArrayOfOffsetDateTime(updated)
                .addArrayOfString(comments).addArrayOfString(pdfUrls);
        return DatabaseFailures.guard(primary.preparedQuery(INSERT).execute(values).map(RowSet::rowCount), config.queryTimeout());
    }

    /** Results 0..count-1 of a query as stored, from the primary (it decides conflicts). */
    public Uni<List<StoredResult>> firstOfQuery(long queryId, int count) {
        return list(primary, OF_QUERY_BELOW, Tuple.of(queryId, count));
    }

    /** Up to {@code limit} results of one query from result_number {@code first} on. */
    public Uni<List<StoredResult>> ofQueryFrom(long queryId, long first, int limit) {
        // a query's results are written in one statement: none on the replica means not replayed yet
        return reads.read(pool -> list(pool, OF_QUERY_FROM, Tuple.of(queryId, first, limit)), List::isEmpty);
    }

    /** Up to {@code limit} results of all queries after position (queryId, resultNumber). */
    public Uni<List<StoredResult>> allAfter(long queryId, int resultNumber, int limit) {
        return reads.read(pool -> list(pool, ALL_AFTER, Tuple.of(queryId, resultNumber, limit)));
    }

    /** Up to {@code limit} results of all queries, skipping {@code skip} from position {@code from} (pages by number). */
    public Uni<List<StoredResult>> allFrom(ListingKey from, long skip, int limit) {
        return reads.read(pool -> list(pool, ALL_FROM, Tuple.of(limit, skip, from.queryId(), from.resultNumber())));
    }

    /** The position {@code skip} rows after {@code from}, or null past the last result. */
    public Uni<ListingKey> keyAfter(ListingKey from, long skip) {
        return reads.read(pool -> DatabaseFailures.guard(pool.preparedQuery(KEY_AFTER).execute(Tuple.of(skip, from.queryId(), from.resultNumber()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new ListingKey(row.getLong("query_id"), row.getInteger("result_number"));
                }), config.queryTimeout()));
    }

    /**
     * Up to {@code limit} results matching {@code filter} (and of {@code queryId} when given), in
     * (query_id, result_number) order: after the cursor's position when {@code after} is given, else from
     * {@code offset}.
     */
    public Uni<List<StoredResult>> filtered(Long queryId, ResultFilter filter, ResultsCursor after, long offset, int limit) {
        FilteredQuery query = new FilteredQuery(queryId, filter);
        if (after != null) {
            query.after(after.lastQueryId(), after.lastResultNumber());
        }
        String sql = query.page(COLUMNS, limit, after != null ? 0 : offset);
        return reads.read(pool -> list(pool, sql, query.values()));
    }

    /**
     * Every result matching {@code filter} (and of {@code queryId} when given), as {@code download} reads them,
     * streamed from a cursor {@code fetch} rows at a time.
     */
    public Multi<StoredResult> stream(Long queryId, ResultFilter filter, Download download, int fetch) {
        FilteredQuery query = new FilteredQuery(queryId, filter);
        String sql = query.every(download.columns, download.order);
        return streams.guard(() -> reads.stream(pool -> CursorStream.rows(pool, sql, query.values(), fetch, config.queryTimeout())))
                .map(ResultRepository::from)
                .onFailure().transform(DatabaseFailures::translate);
    }

    /** A stored result of a paper and the time of the query that found it. */
    public record Sighting(StoredResult result, long timestamp) {
    }

    /** Every result of the paper {@code paper} (its id without version), in (query_id, result_number) order. */
    public Uni<List<Sighting>> sightingsOf(String paper) {
        return reads.read(pool -> DatabaseFailures.guard(pool.preparedQuery(OF_PAPER).execute(Tuple.of(paper)).map(rows -> {
            List<Sighting> sightings = new ArrayList<>(rows.size());
            for (Row row : rows) {
                sightings.add(new Sighting(from(row), row.getLong("timestamp")));
            }
            return sightings;
        }), config.queryTimeout()));
    }

    /** How many results match {@code filter} (and are of {@code queryId} when given). */
    public Uni<Long> countFiltered(Long queryId, ResultFilter filter) {
        FilteredQuery query = new FilteredQuery(queryId, filter);
        return reads.read(pool -> DatabaseFailures.guard(pool.preparedQuery(query.count()).execute(query.values())
                .map(rows -> rows.iterator().next().getLong(0)), config.queryTimeout()));
    }

    /** Merges the GIN indexes' pending entries into the indexes, on the primary (a replica replays it); answers the pages emptied. */
    public Uni<Long> mergePendingIndexEntries() {
        return DatabaseFailures.guard(primary.query(MERGE_PENDING_ENTRIES).execute().map(rows -> rows.iterator().next().getLong(0)),
                config.queryTimeout());
    }

    public Uni<Long> countOfQuery(long queryId) {
        return reads.read(pool -> DatabaseFailures.guard(pool.preparedQuery(COUNT_OF_QUERY).execute(Tuple.of(queryId))
                .map(rows -> rows.iterator().next().getLong(0)), config.queryTimeout()), count -> count == 0);
    }

    private Uni<List<StoredResult>> list(Pool pool, String sql, Tuple args) {
        return DatabaseFailures.guard(pool.preparedQuery(sql).execute(args).map(rows -> {
            List<StoredResult> results = new ArrayList<>(rows.size());
            for (Row row : rows) {
                results.add(from(row));
            }
            return results;
        }), config.queryTimeout());
    }

    static StoredResult from(Row row) {
        OffsetDateTime published = row.getOffsetDateTime("published");
        OffsetDateTime updated = row.getOffsetDateTime("updated");
        String[] categories = row.getArrayOfStrings("categories");
        return new StoredResult(
                row.getLong("query_id"),
                row.getInteger("result_number"),
                row.getString("arxiv_id"),
                row.getString("title"),
                row.getString("author"),
                row.getString("journal"),
                row.getString("doi"),
                row.getString("primary_category"),
                published == null ? null : UnixTime.toIso(published.toInstant()),
                row.getString("url"),
                row.getString("abstract"),
                categories == null ? null : List.of(categories),
                updated == null ? null : UnixTime.toIso(updated.toInstant()),
                row.getString("comment"),
                row.getString("pdf_url"));
    }
}
