package org.arxivpipeline.arxivapi.service;

import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.problem.ProblemException;

/**
 * A failure of one arXiv call that may go away on its own (connection error, 5xx, 429, a short or
 * empty page): it is tried again while tries and time remain, and answered as {@code problem} when they run
 * out. {@code retryAfterSeconds} is arXiv's own request to wait, when it gave one.
 */
final class RetryableFailure extends RuntimeException {

    final ProblemException problem;
    final long retryAfterSeconds;
    /**
     * What arXiv did answer, when it answered short (fewer entries than it should have): the answer, marked
     * incomplete, once no try is left, rather than a failure.
     */
    final ArxivAnswer partial;

    RetryableFailure(ProblemException problem, long retryAfterSeconds) {
        this(problem, retryAfterSeconds, null);
    }

    RetryableFailure(ProblemException problem, long retryAfterSeconds, ArxivAnswer partial) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
        this.partial = partial;
    }
}
