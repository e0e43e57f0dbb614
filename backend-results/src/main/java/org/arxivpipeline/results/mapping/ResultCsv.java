package org.arxivpipeline.results.mapping;

import org.arxivpipeline.common.export.Csv;
import org.arxivpipeline.common.model.StoredResult;

/** Results as CSV: a header row of the result fields, then one row per result; categories separated by spaces (as arXiv's own metadata lists them). */
final class ResultCsv implements ResultWriter {

    private static final String[] FIELDS = {"query_id", "result_number", "arxiv_id", "title", "authors", "journal", "doi", "primary_category",
        "published", "url", "abstract", "categories", "updated", "comment", "pdf_url"};

    @Override
    public String header() {
        StringBuilder out = new StringBuilder(160);
        Csv.row(out, FIELDS);
        return out.toString();
    }

    @Override
    public void append(StringBuilder out, StoredResult r) {
        Csv.row(out, Long.toString(r.queryId()), Integer.toString(r.resultNumber()), r.arxivId(), r.title(), r.authors(), r.journal(), r.doi(),
                r.primaryCategory(), r.published(), r.url(), r.abstractText(),
                r.categories() == null ? null : String.join(" ", r.categories()), r.updated(), r.comment(), r.pdfUrl());
    }
}
