package org.arxivpipeline.frontend.service;

import java.io.StringWriter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.common.model.WatchPaper;
import org.arxivpipeline.common.time.UnixTime;

/**
 * A watch's new papers as an Atom 1.0 feed (RFC 4287), written with the JDK's StAX writer, which escapes
 * every text and attribute: one entry per paper, its id the paper's abstract page, {@code updated} when the
 * watch first found it, {@code published} arXiv's date, a link to the abstract and to the PDF.
 */
public final class WatchFeed {

    public static final String MEDIA_TYPE = "application/atom+xml";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private WatchFeed() {
    }

    /** The feed of {@code watch} with {@code papers} (newest first); {@code self} its own absolute URL. */
    public static String write(Watch watch, List<WatchPaper> papers, String self, String page) {
        StringWriter out = new StringWriter(2048 + papers.size() * 2048);
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", self);
            element(xml, "title", watch.name());
            element(xml, "subtitle", "Papers new to the watch '" + watch.name() + "' of arxiv-pipeline, newest first");
            long updated = papers.isEmpty() ? watch.created() : papers.get(0).firstSeen();
            element(xml, "updated", UnixTime.toIso(updated));
            link(xml, "self", MEDIA_TYPE, self);
            link(xml, "alternate", "text/html", page);
            xml.writeStartElement("author");
            element(xml, "name", "arxiv-pipeline");
            xml.writeEndElement();
            element(xml, "generator", "arxiv-pipeline");
            for (WatchPaper paper : papers) {
                entry(xml, paper);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the feed could not be written", e);
        }
        return out.toString();
    }

    private static void entry(XMLStreamWriter xml, WatchPaper paper) throws XMLStreamException {
        String abstractPage = paper.url() != null ? paper.url() : "https://arxiv.org/abs/" + paper.arxivId();
        xml.writeStartElement("entry");
        element(xml, "id", abstractPage);
        element(xml, "title", paper.title() == null ? paper.arxivId() : paper.title());
        element(xml, "updated", UnixTime.toIso(paper.firstSeen()));
        if (paper.published() != null && !paper.published().isEmpty()) {
            element(xml, "published", paper.published());
        }
        if (paper.authors() != null) {
            for (String author : paper.authors().split(",\\s*")) {
                if (!author.isBlank()) {
                    xml.writeStartElement("author");
                    element(xml, "name", author.strip());
                    xml.writeEndElement();
                }
            }
        }
        link(xml, "alternate", "text/html", abstractPage);
        if (paper.pdfUrl() != null) {
            link(xml, "related", "application/pdf", paper.pdfUrl());
        }
        if (paper.categories() != null) {
            for (String category : paper.categories()) {
                xml.writeEmptyElement("category");
                xml.writeAttribute("term", category);
            }
        }
        if (paper.abstractText() != null) {
            element(xml, "summary", paper.abstractText());
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }
}
