package org.arxivpipeline.results.mapping;

import org.arxivpipeline.common.model.StoredResult;

/**
 * Results as RIS records of type PREP (a preprint): {@code TAG  - value} lines ended by CRLF, a value on one
 * line (line breaks become spaces), one {@code AU} per author and one {@code KW} per category, and
 * {@code ER  - } closing each record.
 */
final class ResultRis implements ResultWriter {

    @Override
    public void append(StringBuilder out, StoredResult r) {
        line(out, "TY", "PREP");
        line(out, "TI", r.title());
        if (r.authors() != null) {
            for (String author : Authors.split(r.authors())) {
                line(out, "AU", author);
            }
        }
        if (r.published() != null && r.published().length() >= 10) {
            line(out, "PY", r.published().substring(0, 4));
            line(out, "DA", r.published().substring(0, 10).replace('-', '/'));
        }
        line(out, "AB", r.abstractText());
        line(out, "JF", r.journal());
        line(out, "DO", r.doi());
        line(out, "UR", r.url());
        line(out, "L1", r.pdfUrl());
        if (r.categories() != null) {
            for (String category : r.categories()) {
                line(out, "KW", category);
            }
        }
        line(out, "N1", r.comment());
        line(out, "PB", "arXiv");
        line(out, "AN", r.arxivId() == null ? null : "arXiv:" + r.arxivId());
        out.append("ER  - \r\n\r\n");
    }

    private static void line(StringBuilder out, String tag, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        out.append(tag).append("  - ");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c == '\r' || c == '\n' ? ' ' : c);
        }
        out.append("\r\n");
    }
}
