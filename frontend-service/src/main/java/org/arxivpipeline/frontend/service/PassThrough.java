package org.arxivpipeline.frontend.service;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.arxivpipeline.common.http.ClientWatch;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * A backend's streamed answer passed on to the client: read only as fast as the client takes it, and the
 * request to the backend reset as soon as the client is gone, so that the backend ends its stream and gives
 * its database connection back: when Quarkus REST cancels, and when {@code clientGone} says so
 * ({@link ClientWatch}, from the start: Quarkus REST does not always cancel, and does not subscribe to a
 * stream whose client left before it began).
 */
final class PassThrough {

    private PassThrough() {
    }

    /**
     * Completes once {@code open} has the backend's accepted answer (its failures fail it); then streams its
     * body, shaped by {@code shape} (which may check or frame it).
     */
    static Uni<Multi<Buffer>> of(BooleanSupplier clientGone, Vertx vertx, Function<ClientWatch, Uni<HttpClientResponse>> open,
            Function<Multi<Buffer>, Multi<Buffer>> shape) {
        return Uni.createFrom().deferred(() -> {
            ClientWatch watch = ClientWatch.start(clientGone, vertx);
            return open.apply(watch)
                    .onFailure().invoke(watch::stop)
                    .map(response -> shape.apply(response.toMulti().map(chunk -> chunk.getDelegate()))
                            // a cancellation means the client left: the request is reset; otherwise it is over
                            .onTermination().invoke((failure, cancelled) -> {
                                if (cancelled) {
                                    watch.clientLeft();
                                } else {
                                    watch.stop();
                                }
                            }));
        });
    }
}
