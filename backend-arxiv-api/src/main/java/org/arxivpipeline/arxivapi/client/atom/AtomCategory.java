package org.arxivpipeline.arxivapi.client.atom;

import jakarta.xml.bind.annotation.XmlAttribute;

public class AtomCategory {

    @XmlAttribute
    public String term;
}
