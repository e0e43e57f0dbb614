package org.arxivpipeline.arxivapi.service;

import org.arxivpipeline.arxivapi.client.ArxivReply;
import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.problem.ProblemException;

/**
 * What arXiv's failures are answered with: a status or a transport failure becomes the contract's
 * problem, wrapped in a {@link RetryableFailure} when trying again may help.
 */
final class ArxivFailures {

    /** Seconds a client is asked to wait when arXiv itself gave no Retry-After. */
    private static final long RATE_LIMITED_RETRY_AFTER = 30;
    private static final long UNAVAILABLE_RETRY_AFTER = 10;

    private ArxivFailures() {
    }

    /** No answer: unreachable (503), silent (504) or a broken connection (502), all worth another try. */
    static RetryableFailure notAnswered(ArxivReply reply) {
        if (reply instanceof ArxivReply.Unreachable) {
            return new RetryableFailure(ProblemException.unavailable("arXiv cannot be reached", UNAVAILABLE_RETRY_AFTER), 0);
        }
        if (reply instanceof ArxivReply.TimedOut) {
            return new RetryableFailure(ProblemException.timeout("arXiv did not answer in time"), 0);
        }
        if (reply instanceof ArxivReply.ConnectionFailed failed) {
            return new RetryableFailure(ProblemException.badGateway("the connection to arXiv failed: " + failed.cause().getMessage()), 0);
        }
        throw new IllegalArgumentException("arXiv answered: " + reply);
    }

    /**
     * An answer other than 200: 429, 503 and other 5xx are tried again (arXiv's Retry-After kept for the
     * wait and for the client); arXiv's error feed with a 400 is the client's 400; anything else is a 502.
     *
     * @param arxivMessage the message of arXiv's error feed in the body, or null
     */
    static RuntimeException status(ArxivReply.Answered answer, String arxivMessage) {
        int status = answer.status();
        Long retryAfter = answer.retryAfterSeconds();
        long wait = retryAfter == null ? 0 : retryAfter;
        if (status == 429) {
            return new RetryableFailure(ProblemException.unavailable("arXiv is limiting the rate of requests",
                    retryAfter == null ? RATE_LIMITED_RETRY_AFTER : retryAfter), wait);
        }
        if (status == 503) {
            return new RetryableFailure(ProblemException.unavailable("arXiv is unavailable (503)",
                    retryAfter == null ? UNAVAILABLE_RETRY_AFTER : retryAfter), wait);
        }
        if (status >= 500) {
            return new RetryableFailure(ProblemException.badGateway("arXiv answered " + status), wait);
        }
        if (status == 400 && arxivMessage != null) {
            return rejected(arxivMessage);
        }
        return ProblemException.badGateway("arXiv answered " + status);
    }

    /** arXiv's error feed: the query is the client's fault, a 400 with arXiv's own words (no factory says "Rejected by arXiv"). */
    static ProblemException rejected(String arxivMessage) {
        return new ProblemException(400, "Rejected by arXiv", "arXiv rejected the query: " + arxivMessage, null, null);
    }

    /** A 200 whose body is not an Atom feed: a 502, not retried. */
    static ProblemException notAFeed(String why) {
        return ProblemException.badGateway("arXiv answered something that is not an Atom feed: " + why);
    }

    /**
     * arXiv's known flakiness: a valid feed with fewer entries than the query has from {@code start} on (a
     * short or empty page). Tried again; when no try is left, the answer stands, marked incomplete.
     */
    static RetryableFailure shortPage(ArxivAnswer answer, long expected) {
        return new RetryableFailure(ProblemException.badGateway("arXiv answered " + answer.numEntries() + " entries of the "
                + expected + " expected (" + answer.numResults() + " results from " + answer.start() + ")"), 0, answer);
    }
}
