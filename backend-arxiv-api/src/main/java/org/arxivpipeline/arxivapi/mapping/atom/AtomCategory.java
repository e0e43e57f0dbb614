package org.arxivpipeline.arxivapi.mapping.atom;

import jakarta.xml.bind.annotation.XmlAttribute;

public class AtomCategory {

    @XmlAttribute
    public String term;
}
