package org.arxivpipeline.common.http;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Cancels a streamed answer's source once its client has gone. Quarkus REST does not always do it: a
 * client that went away at the wrong moment (OverloadIT: one download in 300) left the stream waiting,
 * with its database cursor {@code idle in transaction}, until an idle timeout. So a stream looks at its
 * client every {@link #CHECK_MILLIS} and cancels what feeds it when the connection is closed.
 */
public final class ClientWatch {

    /** How often a stream checks that its client is still there. */
    public static final long CHECK_MILLIS = 500;

    private ClientWatch() {
    }

    /** {@code stream}, cancelled at its source when the client of {@code routing} is gone. */
    public static <T> Multi<T> cancelWhenGone(Multi<T> stream, RoutingContext routing) {
        return cancelWhenGone(stream, () -> routing.response().closed(), routing.vertx());
    }

    /** {@code stream}, cancelled at its source when {@code gone} says so. */
    public static <T> Multi<T> cancelWhenGone(Multi<T> stream, BooleanSupplier gone, Vertx vertx) {
        return Multi.createFrom().deferred(() -> {
            AtomicReference<java.util.concurrent.Flow.Subscription> source = new AtomicReference<>();
            AtomicBoolean ended = new AtomicBoolean();
            long timer = vertx.setPeriodic(CHECK_MILLIS, id -> {
                if (ended.get()) {
                    vertx.cancelTimer(id);
                } else if (gone.getAsBoolean()) {
                    vertx.cancelTimer(id);
                    java.util.concurrent.Flow.Subscription subscription = source.get();
                    if (subscription != null) {
                        subscription.cancel();
                    }
                }
            });
            return stream
                    .onSubscription().invoke(source::set)
                    .onTermination().invoke(() -> {
                        ended.set(true);
                        vertx.cancelTimer(timer);
                    });
        });
    }
}
