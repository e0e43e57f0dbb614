package org.arxivpipeline.arxivapi.client;

/** How one call to arXiv ended: answered, whatever the status, or not answered and why. */
public sealed interface ArxivReply {

    /**
     * arXiv answered.
     *
     * @param dateSeconds its {@code Date} header in Unix seconds; null when absent or unreadable
     * @param retryAfterSeconds its {@code Retry-After} header in seconds; null when absent, not positive or unreadable
     */
    record Answered(int status, Long dateSeconds, Long retryAfterSeconds, byte[] body) implements ArxivReply {
    }

    /** No connection could be opened (refused, unknown host, no route, connect timeout): nothing was sent. */
    record Unreachable(Throwable cause) implements ArxivReply {
    }

    /** arXiv stayed silent longer than the read timeout. */
    record TimedOut(Throwable cause) implements ArxivReply {
    }

    /** The connection failed otherwise: reset, closed before or while answering, a TLS failure. */
    record ConnectionFailed(Throwable cause) implements ArxivReply {
    }
}
