package org.arxivpipeline.arxivapi.mapping.atom;

import jakarta.xml.bind.annotation.XmlAttribute;

public class AtomLink {

    @XmlAttribute
    public String href;
    @XmlAttribute
    public String rel;
    @XmlAttribute
    public String type;
    @XmlAttribute
    public String title;
}
