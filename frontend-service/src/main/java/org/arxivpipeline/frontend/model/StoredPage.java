package org.arxivpipeline.frontend.model;

/**
 * A page of results as backend-results wrote it: its JSON (the frontend's own form, passed on unparsed)
 * and the query string of its next page ({@code Link: </read-results?…>; rel="next"}), null on the last.
 */
public record StoredPage(byte[] json, String nextPageQuery) {
}
