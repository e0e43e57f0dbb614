package org.arxivpipeline.arxivapi.mapping.atom;

import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

@XmlRootElement(name = "feed")
public class AtomFeed {

    public String title;
    public String updated;

    @XmlElement(name = "totalResults", namespace = Namespaces.OPENSEARCH)
    public String totalResults;

    @XmlElement(name = "entry")
    public List<AtomEntry> entries = new ArrayList<>();
}
