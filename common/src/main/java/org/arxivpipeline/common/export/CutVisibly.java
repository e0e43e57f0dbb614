package org.arxivpipeline.common.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * A download that fails after its first byte cannot become an error answer any more: its status and part of
 * its body are sent. So it ends with its format's {@link ExportFormat#cutMark() mark} and then fails (the
 * connection is closed without HTTP's last chunk), and the log says why. A failure before the first byte
 * is left as it is, to become the problem answer it maps to. A body that already ends with the mark (a
 * backend's download passed through) is not marked twice.
 */
public final class CutVisibly {

    private CutVisibly() {
    }

    /**
     * {@code body} ended visibly when it fails after its first chunk; {@code what} names the download in
     * the log ("export of results of query 42 as csv"), {@code source} is the class that logs.
     */
    public static Multi<Buffer> when(Multi<Buffer> body, ExportFormat format, String what, Class<?> source) {
        byte[] mark = format.cutMark().getBytes(StandardCharsets.UTF_8);
        return Multi.createFrom().deferred(() -> {
            AtomicLong bytes = new AtomicLong();
            AtomicLong chunks = new AtomicLong();
            // the last bytes sent, as many as the mark has
            AtomicReference<byte[]> tail = new AtomicReference<>(new byte[0]);
            return body
                    .invoke(chunk -> {
                        chunks.incrementAndGet();
                        bytes.addAndGet(chunk.length());
                        tail.set(tail(tail.get(), chunk, mark.length));
                    })
                    .onFailure().recoverWithMulti(failure -> {
                        if (chunks.get() == 0) {
                            return Multi.createFrom().failure(failure);
                        }
                        if (Arrays.equals(tail.get(), mark)) {
                            Logger.getLogger(source).warnf("%s cut short after %d bytes, which end with the cut mark: %s", what, bytes.get(),
                                    failure.toString());
                            return Multi.createFrom().failure(failure);
                        }
                        Logger.getLogger(source).warnf("%s cut short after %d bytes, ended with the cut mark: %s", what, bytes.get(),
                                failure.toString());
                        return Multi.createFrom().item(Buffer.buffer(mark))
                                .onCompletion().failWith(failure);
                    });
        });
    }

    /** The last {@code length} bytes of {@code before} followed by {@code chunk}. */
    private static byte[] tail(byte[] before, Buffer chunk, int length) {
        int fromChunk = Math.min(length, chunk.length());
        int fromBefore = Math.min(length - fromChunk, before.length);
        byte[] tail = new byte[fromBefore + fromChunk];
        System.arraycopy(before, before.length - fromBefore, tail, 0, fromBefore);
        chunk.getBytes(chunk.length() - fromChunk, chunk.length(), tail, fromBefore);
        return tail;
    }
}
