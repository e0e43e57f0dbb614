package org.arxivpipeline.arxivapi.mapping.atom;

/** The three namespaces of an arXiv feed. */
public final class Namespaces {

    public static final String ATOM = "http://www.w3.org/2005/Atom";
    public static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";
    public static final String ARXIV = "http://arxiv.org/schemas/atom";

    private Namespaces() {
    }
}
