package org.arxivpipeline.frontend.service;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.arxivpipeline.common.time.UnixTime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import io.vertx.core.buffer.Buffer;

/**
 * Turns backend-queries' JSON array of stored records, arriving in byte chunks cut anywhere, into the
 * client's records ({@code time} added, the query prefixed), token by token with Jackson's non-blocking
 * parser: no tree or map per record, nothing buffered beyond the record being read. One instance per
 * stream, used by one thread at a time.
 */
final class HistoryTransformer {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final ByteArrayBuilder out = new ByteArrayBuilder(16 * 1024);
    private final JsonGenerator generator;
    private int depth;
    private boolean ended;
    private long records;
    private long recordsInChunk;

    // the record being read
    private String field;
    private long queryId;
    private long timestamp;
    private long status;
    private long numResults;
    private long numEntries;
    private String query;

    HistoryTransformer() {
        try {
            parser = JSON.createNonBlockingByteArrayParser();
            feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
            generator = JSON.createGenerator(out);
            // records are separated by commas here, not by Jackson's space between root values
            generator.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client records completed by this chunk, comma-separated (empty when none is complete yet). */
    Buffer feed(Buffer chunk) {
        try {
            byte[] bytes = chunk.getBytes();
            feeder.feedInput(bytes, 0, bytes.length);
            recordsInChunk = 0;
            for (JsonToken token; (token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE;) {
                read(token);
            }
            generator.flush();
            Buffer completed = Buffer.buffer(out.toByteArray());
            out.reset();
            return recordsInChunk > 0 ? completed : Buffer.buffer();
        } catch (IOException e) {
            throw new UncheckedIOException("backend-queries sent malformed JSON", e);
        }
    }

    /** Checks that the array was complete; a stream cut short is a failure, not a shorter history. */
    void finish() {
        feeder.endOfInput();
        if (!ended) {
            throw new IllegalStateException("backend-queries' history ended before its closing bracket");
        }
    }

    long records() {
        return records;
    }

    private void read(JsonToken token) throws IOException {
        switch (token) {
            case START_ARRAY, START_OBJECT -> {
                depth++;
                if (depth == 2) {
                    query = null;
                }
            }
            case END_OBJECT -> {
                if (depth-- == 2) {
                    write();
                }
            }
            case END_ARRAY -> {
                if (--depth == 0) {
                    ended = true;
                }
            }
            case FIELD_NAME -> field = parser.currentName();
            case VALUE_NUMBER_INT -> number(parser.getLongValue());
            case VALUE_STRING -> {
                if ("query".equals(field)) {
                    query = parser.getText();
                }
            }
            default -> {
                // other fields and values are not part of a stored record: ignored
            }
        }
    }

    private void number(long value) {
        switch (field) {
            case "query_id" -> queryId = value;
            case "timestamp" -> timestamp = value;
            case "status" -> status = value;
            case "num_results" -> numResults = value;
            case "num_entries" -> numEntries = value;
            default -> {
                // not a field of the record
            }
        }
    }

    private void write() throws IOException {
        if (recordsInChunk > 0) {
            generator.writeRaw(',');
        }
        generator.writeStartObject();
        generator.writeNumberField("query_id", queryId);
        generator.writeNumberField("timestamp", timestamp);
        generator.writeStringField("time", UnixTime.toIso(timestamp));
        generator.writeNumberField("status", status);
        generator.writeNumberField("num_results", numResults);
        generator.writeNumberField("num_entries", numEntries);
        generator.writeStringField("query", HistoryService.QUERY_PREFIX + query);
        generator.writeEndObject();
        records++;
        recordsInChunk++;
    }
}
