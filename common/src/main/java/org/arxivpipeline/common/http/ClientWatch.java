package org.arxivpipeline.common.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;

import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets go of what an answer holds once its client has gone. Quarkus REST does not always do it: a client
 * that went away at the wrong moment (OverloadIT: one download in 300) left the stream waiting, with its
 * database cursor {@code idle in transaction}, until an idle timeout; and an answer whose client left
 * before its stream was subscribed is never subscribed, so nothing downstream can notice. So a watch looks
 * at its client every {@link #CHECK_MILLIS} from the moment it starts, and runs the release actions
 * registered with {@link #whenGone} once the client is gone (at once for one registered after that).
 */
public final class ClientWatch {

    /** How often a watch checks that its client is still there. */
    public static final long CHECK_MILLIS = 500;

    private final BooleanSupplier gone;
    private final Vertx vertx;
    private final long timer;
    private final List<Runnable> releases = new ArrayList<>();
    private boolean clientGone;
    private boolean over;

    private ClientWatch(BooleanSupplier gone, Vertx vertx) {
        this.gone = gone;
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(CHECK_MILLIS, id -> check());
    }

    /** A watch over the client {@code gone} describes, checking from now until {@link #stop}. */
    public static ClientWatch start(BooleanSupplier gone, Vertx vertx) {
        return new ClientWatch(gone, vertx);
    }

    /** {@code stream}, cancelled at its source when the client of {@code routing} is gone. */
    public static <T> Multi<T> cancelWhenGone(Multi<T> stream, RoutingContext routing) {
        return Multi.createFrom().deferred(() -> {
            ClientWatch watch = start(() -> routing.response().closed(), routing.vertx());
            return stream
                    .onSubscription().invoke((Flow.Subscription source) -> watch.whenGone(source::cancel))
                    .onTermination().invoke(watch::stop);
        });
    }

    /** Runs {@code release} when the client is gone: now if it is already, never once the watch stopped. */
    public void whenGone(Runnable release) {
        synchronized (this) {
            if (over) {
                return;
            }
            if (!clientGone) {
                releases.add(release);
                return;
            }
        }
        release.run();
    }

    /** Whether the client is known to be gone. */
    public synchronized boolean isGone() {
        return clientGone;
    }

    /** The client is known to be gone (a cancellation said so): release now. */
    public void clientLeft() {
        List<Runnable> due;
        synchronized (this) {
            if (over || clientGone) {
                return;
            }
            clientGone = true;
            due = new ArrayList<>(releases);
            releases.clear();
        }
        vertx.cancelTimer(timer);
        due.forEach(Runnable::run);
    }

    /** The answer is over (ended, failed or released): nothing more to watch. */
    public void stop() {
        synchronized (this) {
            over = true;
            releases.clear();
        }
        vertx.cancelTimer(timer);
    }

    private void check() {
        synchronized (this) {
            if (over || clientGone) {
                vertx.cancelTimer(timer);
                return;
            }
        }
        if (gone.getAsBoolean()) {
            clientLeft();
        }
    }
}
