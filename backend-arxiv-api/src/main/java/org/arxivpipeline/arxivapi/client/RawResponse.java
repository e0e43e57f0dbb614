package org.arxivpipeline.arxivapi.client;

/** What arXiv answered: status, the headers this service reads, and the body. */
public record RawResponse(int status, String date, String retryAfter, byte[] body) {
}
