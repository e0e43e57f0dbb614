package org.arxivpipeline.results.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.arxivpipeline.common.validation.ResultFilter;

import io.smallrye.mutiny.Uni;

/**
 * The totals of filtered listings. Counting a filter's matches costs a heap visit per match: a common word's
 * 200,000 matches take over a second, where its page takes milliseconds (bench/RESULTS.md). So the same count
 * asked for by several requests at once is made once, and a large total ({@value #KEPT_FROM} matches or more)
 * is kept for {@value #KEPT_SECONDS} s and forgotten as soon as this replica stores results: a small total is
 * always counted afresh, a large one may miss another replica's latest writes for that long. (The next pages
 * carry their total in their cursor and are not counted at all.) A map rather than a cache library: what is
 * kept depends on the value counted, and the running counts are shared.
 */
@ApplicationScoped
public class FilteredTotals {

    static final long KEPT_FROM = 10_000;
    static final long KEPT_SECONDS = 30;
    private static final int MOST_KEPT = 10_000;

    /** The listing a total is of. */
    record Listing(Long queryId, ResultFilter filter) {
    }

    private record Kept(long total, long untilNanos) {
    }

    private final Map<Listing, Kept> kept = new ConcurrentHashMap<>();
    private final Map<Listing, Uni<Long>> counting = new ConcurrentHashMap<>();

    /** The total of {@code queryId}'s results (all when null) matching {@code filter}, counted by {@code count} when not known. */
    public Uni<Long> of(Long queryId, ResultFilter filter, Supplier<Uni<Long>> count) {
        Listing listing = new Listing(queryId, filter);
        Kept known = kept.get(listing);
        if (known != null && System.nanoTime() - known.untilNanos() < 0) {
            return Uni.createFrom().item(known.total());
        }
        return Uni.createFrom().deferred(() -> counting.computeIfAbsent(listing, running -> count.get()
                .invoke(total -> keep(running, total))
                .onTermination().invoke(() -> counting.remove(running))
                .memoize().indefinitely()));
    }

    /** Results were stored: every total kept may be short. */
    public void forget() {
        kept.clear();
    }

    private void keep(Listing listing, long total) {
        if (total < KEPT_FROM) {
            return;
        }
        if (kept.size() >= MOST_KEPT) {
            kept.clear();
        }
        kept.put(listing, new Kept(total, System.nanoTime() + KEPT_SECONDS * 1_000_000_000L));
    }
}
