package org.arxivpipeline.common.export;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * Frames runs of JSON values ({@code {…},{…}}) as one array: {@code [} with the first run, a comma before
 * each next one, {@code ]} at the end ({@code []} for none). Written by hand rather than by Quarkus REST,
 * whose framing needs a resource method that produces JSON only, where the downloads share one method.
 * Nothing is sent before the first run, and a stream that fails never gets its {@code ]}: an array cut
 * short is never a shorter one.
 */
public final class JsonArrays {

    private JsonArrays() {
    }

    public static Multi<Buffer> frame(Multi<Buffer> runs) {
        return Multi.createFrom().deferred(() -> {
            boolean[] first = {true};
            return runs
                    .map(run -> {
                        Buffer framed = Buffer.buffer(run.length() + 1).appendByte((byte) (first[0] ? '[' : ',')).appendBuffer(run);
                        first[0] = false;
                        return framed;
                    })
                    .onCompletion().switchTo(() -> Multi.createFrom().item(Buffer.buffer(first[0] ? "[]" : "]")));
        });
    }
}
