package org.arxivpipeline.frontend.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.time.UnixTime;
import org.arxivpipeline.frontend.client.QueriesHistoryClient;
import org.arxivpipeline.frontend.config.FrontendConfig;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.JsonEventType;
import io.vertx.mutiny.core.parsetools.JsonParser;

/**
 * The query history, transformed record by record as it streams from backend-queries to the client:
 * each record gains {@code time} and the {@code ArXiv Query: } prefix. Nothing holds the whole history;
 * the backend is read only as fast as the client takes it.
 */
@ApplicationScoped
public class HistoryService {

    public static final String QUERY_PREFIX = "ArXiv Query: ";

    @Inject
    QueriesHistoryClient client;

    @Inject
    FrontendConfig config;

    /** Completes once backend-queries has answered 200 (its failures fail it); then streams JSON chunks. */
    public Uni<Multi<Buffer>> history(long start, long end) {
        return client.open(start, end).map(response -> {
            long[] served = {0};
            return JsonParser.newParser(response).objectValueMode().toMulti()
                    .filter(event -> event.type() == JsonEventType.VALUE && event.getDelegate().value() instanceof JsonObject)
                    .map(event -> clientRecord(event.objectValue()))
                    .invoke(record -> served[0]++)
                    .onCompletion().invoke(() -> Notice.log(HistoryService.class, "history %d..%d served: %d queries",
                            start, end, served[0]))
                    .group().intoLists().of(config.historyChunkSize())
                    .map(HistoryService::chunk);
        });
    }

    static JsonObject clientRecord(JsonObject stored) {
        long timestamp = stored.getLong("timestamp");
        return new JsonObject()
                .put("query_id", stored.getLong("query_id"))
                .put("timestamp", timestamp)
                .put("time", UnixTime.toIso(timestamp))
                .put("status", stored.getInteger("status"))
                .put("num_results", stored.getLong("num_results"))
                .put("num_entries", stored.getInteger("num_entries"))
                .put("query", QUERY_PREFIX + stored.getString("query"));
    }

    private static Buffer chunk(List<JsonObject> records) {
        Buffer buffer = Buffer.buffer(records.size() * 160);
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                buffer.appendByte((byte) ',');
            }
            buffer.appendBuffer(records.get(i).toBuffer());
        }
        return buffer;
    }
}
