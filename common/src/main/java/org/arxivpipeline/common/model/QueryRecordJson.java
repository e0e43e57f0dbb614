package org.arxivpipeline.common.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.arxivpipeline.common.time.UnixTime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

/**
 * Query records as JSON, a run of them at a time: one generator per run rather than one per record,
 * which is what makes a history of millions of records cheap to write. Two forms:
 * <ul>
 * <li>{@link Form#STORED}: as backend-queries stores them ({@link QueryRecord});</li>
 * <li>{@link Form#PUBLIC}: as the frontend's {@code /queries} answers them, with {@code time} and the
 * {@code ArXiv Query: } prefix. backend-queries writes this form when asked, so the frontend can pass a
 * history through byte for byte instead of parsing and writing it again.</li>
 * </ul>
 */
public final class QueryRecordJson {

    /**
     * The response header by which backend-queries says which form it wrote ({@code stored} or
     * {@code public}): a frontend newer than its backend-queries (in a rolling update) would otherwise pass
     * stored records to its clients as if they were public ones.
     */
    public static final String FORM_HEADER = "X-Record-Form";

    /** What {@code query} carries in the public form and not in the database. */
    public static final String QUERY_PREFIX = "ArXiv Query: ";

    private static final JsonFactory JSON = new JsonFactory();

    public enum Form {
        STORED, PUBLIC;

        /** The name in {@code form=} and {@link #FORM_HEADER}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private QueryRecordJson() {
    }

    /** The records as JSON objects separated by commas (no brackets: a part of an array). */
    public static byte[] run(List<QueryRecord> records, Form form) {
        ByteArrayBuilder out = new ByteArrayBuilder(records.size() * (form == Form.PUBLIC ? 192 : 144));
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            // objects separated by commas, not by Jackson's space between root values
            generator.setRootValueSeparator(null);
            for (int i = 0; i < records.size(); i++) {
                if (i > 0) {
                    generator.writeRaw(',');
                }
                write(records.get(i), form, generator);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A query record could not be written as JSON", e);
        }
        return out.toByteArray();
    }

    private static void write(QueryRecord record, Form form, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        generator.writeNumberField("query_id", record.queryId());
        generator.writeNumberField("timestamp", record.timestamp());
        if (form == Form.PUBLIC) {
            generator.writeStringField("time", UnixTime.toIso(record.timestamp()));
        }
        generator.writeNumberField("status", record.status());
        generator.writeNumberField("num_results", record.numResults());
        generator.writeNumberField("num_entries", record.numEntries());
        generator.writeStringField("query", form == Form.PUBLIC ? QUERY_PREFIX + record.query() : record.query());
        generator.writeEndObject();
    }
}
