package org.arxivpipeline.arxivapi.service;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.client.ArxivRequest;
import org.arxivpipeline.arxivapi.client.ArxivFetcher;
import org.arxivpipeline.arxivapi.client.ArxivReply;
import org.arxivpipeline.arxivapi.mapping.FeedParser;
import org.arxivpipeline.arxivapi.mapping.FeedReading;
import org.arxivpipeline.arxivapi.mapping.atom.AtomFeed;
import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.model.ArxivEntry;
import org.arxivpipeline.common.time.UnixTime;

import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * One call to arXiv in a given turn and the reading of its answer, counted and timed. Transient failures
 * come out as {@link RetryableFailure}, the others as the problem they are answered with.
 */
@ApplicationScoped
class ArxivCalls {

    @Inject
    ArxivFetcher fetcher;

    @Inject
    FeedParser parser;

    @Inject
    SearchMetrics metrics;

    @Inject
    Vertx vertx;

    Uni<ArxivAnswer> call(ArxivRequest request, ArxivPacing.Turn turn) {
        Timer.Sample sample = metrics.callStarted();
        long startNanos = System.nanoTime();
        return fetcher.fetch(request, turn::sending)
                // the exchange is over (read, failed, timed out or given up): the next call may start while this
                // answer is parsed
                .onTermination().invoke(turn::ended)
                .flatMap(reply -> answer(reply, request))
                .onTermination().invoke((answer, failure, cancelled) -> {
                    metrics.callEnded(sample, answer != null, failure, cancelled);
                    if (answer != null) {
                        Notice.log(ArxivCalls.class, "arXiv answered %d entries of %d in %d ms: %s", answer.numEntries(),
                                answer.numResults(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), request.describe());
                    }
                });
    }

    private Uni<ArxivAnswer> answer(ArxivReply reply, ArxivRequest request) {
        if (!(reply instanceof ArxivReply.Answered answered)) {
            throw ArxivFailures.notAnswered(reply);
        }
        if (answered.status() == 200) {
            // parsing is CPU work: on a worker thread, the event loop stays free
            return vertx.executeBlocking(Uni.createFrom().item(() -> read(answered, request)));
        }
        throw ArxivFailures.status(answered, answered.status() == 400 ? errorMessage(answered.body()) : null);
    }

    private ArxivAnswer read(ArxivReply.Answered answered, ArxivRequest request) {
        AtomFeed feed;
        try {
            feed = parser.parse(answered.body());
        } catch (FeedParser.NotAFeedException e) {
            throw ArxivFailures.notAFeed(e.getMessage());
        }
        String error = FeedReading.errorMessage(feed);
        if (error != null) {
            throw ArxivFailures.rejected(error);
        }
        long total = FeedReading.totalResults(feed);
        List<ArxivEntry> entries = FeedReading.entries(feed);
        ArxivAnswer answer = new ArxivAnswer(entries, timestamp(answered, feed), answered.status(), total, entries.size(),
                request.searchQuery(), request.sortBy().label(), request.sortOrder().label(), request.start(), request.idList(), true);
        long expected = request.expectedEntries(total);
        if (entries.size() < expected) {
            throw ArxivFailures.shortPage(answer, expected);
        }
        return answer;
    }

    /** arXiv's Date header; else the feed's updated time; else now. */
    private static long timestamp(ArxivReply.Answered answered, AtomFeed feed) {
        if (answered.dateSeconds() != null) {
            return answered.dateSeconds();
        }
        Long updated = FeedReading.updated(feed);
        return updated != null ? updated : UnixTime.now();
    }

    /** The message of arXiv's error feed in a body, or null when the body is no feed or no error feed. */
    private String errorMessage(byte[] body) {
        try {
            return FeedReading.errorMessage(parser.parse(body));
        } catch (FeedParser.NotAFeedException e) {
            return null;
        }
    }
}
