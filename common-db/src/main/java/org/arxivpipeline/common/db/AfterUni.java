package org.arxivpipeline.common.db;

import java.util.concurrent.Flow;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code uni.onItem().transformToMulti(next)} that cancels the stream {@code next} made whenever the whole is
 * cancelled, whatever the order of the two. Mutiny 3.1's operator drops an inner subscription that arrives
 * after a concurrent cancellation without cancelling it (its {@code onSubscribe} only does a compare-and-set),
 * so a stream holding a resource (a database cursor in its transaction) started just as its client left
 * stayed open for good: one download in a few hundred in OverloadIT, one race in a few thousand in
 * {@code StreamSlotsTest}.
 */
final class AfterUni {

    private AfterUni() {
    }

    /** The stream {@code next} makes of {@code first}'s item; a cancellation reaches it at any moment. */
    static <I, T> Multi<T> stream(Uni<I> first, Function<I, Multi<T>> next) {
        return Multi.createFrom().deferred(() -> {
            Inner inner = new Inner();
            return first.onItem().transformToMulti(item -> next.apply(item).onSubscription().invoke(inner::subscribed))
                    .onCancellation().invoke(inner::cancel);
        });
    }

    /** The inner stream's subscription, and whether the whole was cancelled: whichever comes second cancels it. */
    private static final class Inner {

        private Flow.Subscription subscription;
        private boolean cancelled;

        void subscribed(Flow.Subscription started) {
            synchronized (this) {
                if (!cancelled) {
                    subscription = started;
                    return;
                }
            }
            started.cancel();
        }

        void cancel() {
            Flow.Subscription started;
            synchronized (this) {
                cancelled = true;
                started = subscription;
                subscription = null;
            }
            if (started != null) {
                started.cancel();
            }
        }
    }
}
