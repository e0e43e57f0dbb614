package org.arxivpipeline.common.export;

import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * A download that fails after its first byte cannot become an error answer any more: its status and part of
 * its body are sent. So it ends with its format's {@link ExportFormat#cutMark() mark} and then fails (the
 * connection is closed without HTTP's last chunk), and the log says why. A failure before the first byte
 * is left as it is, to become the problem answer it maps to.
 */
public final class CutVisibly {

    private CutVisibly() {
    }

    /**
     * {@code body} ended visibly when it fails after its first chunk; {@code what} names the download in
     * the log ("export of results of query 42 as csv"), {@code source} is the class that logs.
     */
    public static Multi<Buffer> when(Multi<Buffer> body, ExportFormat format, String what, Class<?> source) {
        return Multi.createFrom().deferred(() -> {
            AtomicLong bytes = new AtomicLong();
            AtomicLong chunks = new AtomicLong();
            return body
                    .invoke(chunk -> {
                        chunks.incrementAndGet();
                        bytes.addAndGet(chunk.length());
                    })
                    .onFailure().recoverWithMulti(failure -> {
                        if (chunks.get() == 0) {
                            return Multi.createFrom().failure(failure);
                        }
                        Logger.getLogger(source).warnf("%s cut short after %d bytes, ended with the cut mark: %s", what, bytes.get(),
                                failure.toString());
                        return Multi.createFrom().item(Buffer.buffer(format.cutMark()))
                                .onCompletion().failWith(failure);
                    });
        });
    }
}
