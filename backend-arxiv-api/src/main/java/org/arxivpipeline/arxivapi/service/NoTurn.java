package org.arxivpipeline.arxivapi.service;

import org.arxivpipeline.common.problem.ProblemException;

/**
 * No turn at arXiv came (or could come) before the search's latest start: a 429 with {@code Retry-After},
 * the one status that tells a client to slow down. Its own type, because it is the right answer only for
 * a search that never made a call: one that did answers for that call's failure ({@link SearchService}).
 */
final class NoTurn extends ProblemException {

    NoTurn(String detail, long retryAfterSeconds) {
        this(ProblemException.tooManyRequests(detail, retryAfterSeconds));
    }

    private NoTurn(ProblemException problem) {
        super(problem.status(), problem.title(), problem.detail(), problem.errors(), problem.retryAfterSeconds());
    }
}
