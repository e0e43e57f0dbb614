package org.arxivpipeline.arxivapi;

import java.io.IOException;
import java.io.InputStream;

/** The arXiv feeds of src/test/resources/feeds, read by the tests of every package. */
public final class Feeds {

    private Feeds() {
    }

    public static byte[] fixture(String name) throws IOException {
        try (InputStream in = Feeds.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IOException("no feed fixture " + name);
            }
            return in.readAllBytes();
        }
    }
}
