package org.arxivpipeline.common.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.arxivpipeline.common.time.UnixTime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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

    // the field names encoded once, not escaped and encoded again for every record
    private static final SerializableString QUERY_ID = new SerializedString("query_id");
    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializableString TIME = new SerializedString("time");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString NUM_RESULTS = new SerializedString("num_results");
    private static final SerializableString NUM_ENTRIES = new SerializedString("num_entries");
    private static final SerializableString QUERY = new SerializedString("query");
    private static final SerializableString SORT_BY = new SerializedString("sort_by");
    private static final SerializableString SORT_ORDER = new SerializedString("sort_order");
    private static final SerializableString START = new SerializedString("start");
    private static final SerializableString ID_LIST = new SerializedString("id_list");
    private static final SerializableString COMPLETE = new SerializedString("complete");
    private static final SerializableString WATCH_ID = new SerializedString("watch_id");

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
        return write(records, form, ",", "");
    }

    /** The records as JSON Lines: one object per line, each line ended by a line feed. */
    public static byte[] lines(List<QueryRecord> records, Form form) {
        return write(records, form, "\n", "\n");
    }

    private static byte[] write(List<QueryRecord> records, Form form, String separator, String end) {
        ByteArrayBuilder out = new ByteArrayBuilder(records.size() * (form == Form.PUBLIC ? 272 : 224));
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            // objects separated as asked, not by Jackson's space between root values
            generator.setRootValueSeparator(null);
            for (int i = 0; i < records.size(); i++) {
                if (i > 0) {
                    generator.writeRaw(separator);
                }
                write(records.get(i), form, generator);
            }
            if (!records.isEmpty()) {
                generator.writeRaw(end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A query record could not be written as JSON", e);
        }
        return out.toByteArray();
    }

    private static void write(QueryRecord record, Form form, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName(QUERY_ID);
        generator.writeNumber(record.queryId());
        generator.writeFieldName(TIMESTAMP);
        generator.writeNumber(record.timestamp());
        if (form == Form.PUBLIC) {
            generator.writeFieldName(TIME);
            generator.writeString(UnixTime.toIso(record.timestamp()));
        }
        generator.writeFieldName(STATUS);
        generator.writeNumber(record.status());
        generator.writeFieldName(NUM_RESULTS);
        generator.writeNumber(record.numResults());
        generator.writeFieldName(NUM_ENTRIES);
        generator.writeNumber(record.numEntries());
        generator.writeFieldName(QUERY);
        generator.writeString(form == Form.PUBLIC ? QUERY_PREFIX + record.query() : record.query());
        generator.writeFieldName(SORT_BY);
        generator.writeString(record.sortBy());
        generator.writeFieldName(SORT_ORDER);
        generator.writeString(record.sortOrder());
        generator.writeFieldName(START);
        generator.writeNumber(record.start());
        generator.writeFieldName(ID_LIST);
        generator.writeString(record.idList());
        generator.writeFieldName(COMPLETE);
        generator.writeBoolean(record.complete());
        generator.writeFieldName(WATCH_ID);
        if (record.watchId() == null) {
            generator.writeNull();
        } else {
            generator.writeNumber(record.watchId());
        }
        generator.writeEndObject();
    }
}
