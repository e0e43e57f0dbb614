package org.arxivpipeline.arxivapi.mapping.atom;

import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;

public class AtomEntry {

    public String id;
    public String title;
    public String published;
    public String updated;
    public String summary;

    @XmlElement(name = "author")
    public List<AtomAuthor> authors = new ArrayList<>();

    @XmlElement(name = "link")
    public List<AtomLink> links = new ArrayList<>();

    @XmlElement(name = "category")
    public List<AtomCategory> categories = new ArrayList<>();

    @XmlElement(name = "primary_category", namespace = Namespaces.ARXIV)
    public AtomCategory primaryCategory;

    @XmlElement(name = "journal_ref", namespace = Namespaces.ARXIV)
    public String journalRef;

    @XmlElement(name = "doi", namespace = Namespaces.ARXIV)
    public String doi;

    @XmlElement(name = "comment", namespace = Namespaces.ARXIV)
    public String comment;
}
