package org.arxivpipeline.arxivapi.client.atom;

public class AtomAuthor {

    public String name;
}
