package org.arxivpipeline.results.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.results.config.ResultsConfig;
import org.arxivpipeline.results.repository.ListingKey;

import io.smallrye.mutiny.Uni;

/**
 * Where the listing of every result stands at every {@code every}-th position (offset 10,000, 20,000, …),
 * so that a page by number ({@code page=50000} without a query) starts from the nearest position below it
 * by key and skips fewer than {@code every} rows in the index, instead of counting half a million. Finding
 * a position costs one skip through the index from the one below it (shared by concurrent askers); it is
 * kept {@value #KEPT_SECONDS} s, as {@link FilteredTotals} keeps its totals, and forgotten as soon as this
 * replica stores results (another replica's writes may shift a page for that long: a page by number is
 * never stable under writes anyway, which is why the listing has cursors). Measured in bench/RESULTS.md.
 */
@ApplicationScoped
public class OffsetCheckpoints {

    static final long KEPT_SECONDS = 30;
    private static final int MOST_KEPT = 10_000;

    /** The key of the {@code offset}-th result (0-based): the page starts there, {@code offset} rows in. */
    public record Position(long offset, ListingKey key) {
    }

    private record Kept(ListingKey key, long untilNanos) {
    }

    private final long every;
    private final ConcurrentSkipListMap<Long, Kept> kept = new ConcurrentSkipListMap<>();
    private final Map<Long, Uni<ListingKey>> finding = new ConcurrentHashMap<>();

    @Inject
    OffsetCheckpoints(ResultsConfig config) {
        this.every = config.offsetCheckpointEvery();
    }

    /**
     * The nearest known position at or below {@code offset}: the start, or the checkpoint at
     * {@code offset} rounded down to {@code every}, found when not known by {@code find(from, skip)} (the key
     * {@code skip} rows after {@code from}, or null past the end).
     */
    public Uni<Position> atOrBefore(long offset, BiFunction<ListingKey, Long, Uni<ListingKey>> find) {
        long target = offset / every * every;
        if (target == 0) {
            return Uni.createFrom().item(new Position(0, ListingKey.START));
        }
        Kept known = fresh(target);
        if (known != null) {
            return Uni.createFrom().item(new Position(target, known.key()));
        }
        Position below = below(target);
        return Uni.createFrom().deferred(() -> finding.computeIfAbsent(target, running -> find.apply(below.key(), target - below.offset())
                .invoke(key -> keep(running, key))
                .onTermination().invoke(() -> finding.remove(running))
                .memoize().indefinitely()))
                .map(key -> key == null ? below : new Position(target, key));
    }

    /** Results were stored: every position kept may have moved. */
    public void forget() {
        kept.clear();
    }

    private Position below(long target) {
        for (Map.Entry<Long, Kept> entry = kept.lowerEntry(target); entry != null; entry = kept.lowerEntry(entry.getKey())) {
            if (System.nanoTime() - entry.getValue().untilNanos() < 0) {
                return new Position(entry.getKey(), entry.getValue().key());
            }
        }
        return new Position(0, ListingKey.START);
    }

    private Kept fresh(long target) {
        Kept known = kept.get(target);
        return known != null && System.nanoTime() - known.untilNanos() < 0 ? known : null;
    }

    private void keep(long target, ListingKey key) {
        if (key == null) {
            return;
        }
        if (kept.size() >= MOST_KEPT) {
            kept.clear();
        }
        kept.put(target, new Kept(key, System.nanoTime() + KEPT_SECONDS * 1_000_000_000L));
    }
}
