package org.arxivpipeline.arxivapi.mapping.atom;

public class AtomAuthor {

    public String name;
}
