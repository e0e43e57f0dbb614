package org.arxivpipeline.common.http;

import java.net.URI;

/** The {@code Link} header that points a paged answer's reader to its next page (RFC 8288), as every paged endpoint writes it. */
public final class NextPageLink {

    public static final String HEADER = "Link";

    private NextPageLink() {
    }

    /** The header's value for the next page at {@code next}. */
    public static String to(URI next) {
        return "<" + next + ">; rel=\"next\"";
    }
}
