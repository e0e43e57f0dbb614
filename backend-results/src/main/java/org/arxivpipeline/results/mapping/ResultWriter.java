package org.arxivpipeline.results.mapping;

import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.model.StoredResult;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes stored results in one download format. One instance per download: BibTeX remembers what it wrote. */
public interface ResultWriter {

    /** What the file starts with (CSV's header row; nothing for the others). */
    default String header() {
        return "";
    }

    /** Appends {@code result} (or nothing, when the format leaves it out). */
    void append(StringBuilder out, StoredResult result);

    /** A new writer of {@code format}; JSON Lines writes each record with {@code json}. */
    static ResultWriter of(ExportFormat format, ObjectMapper json) {
        return switch (format) {
            case CSV -> new ResultCsv();
            case BIBTEX -> new ResultBibtex();
            case RIS -> new ResultRis();
            case JSONL -> new ResultJsonLines(json);
        };
    }
}
