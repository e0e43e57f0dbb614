package org.arxivpipeline.arxivapi.mapping;

import java.io.ByteArrayInputStream;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

import org.arxivpipeline.arxivapi.mapping.atom.AtomFeed;
import org.arxivpipeline.arxivapi.mapping.atom.Namespaces;

/**
 * Reads an arXiv answer as an Atom feed. The StAX reader refuses DTDs and external entities, so a
 * body that declares an entity can never make the service read a file or a URL: such a body, like
 * HTML, truncated XML or an empty body, is simply not a feed.
 */
@ApplicationScoped
public class FeedParser {

    private static final QName FEED = new QName(Namespaces.ATOM, "feed");

    /** Thrown when the body is not a well-formed Atom feed. */
    public static final class NotAFeedException extends Exception {
        NotAFeedException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final JAXBContext context;

    public FeedParser() {
        try {
            context = JAXBContext.newInstance(AtomFeed.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("The Atom binding is broken", e);
        }
    }

    public AtomFeed parse(byte[] body) throws NotAFeedException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            reader.nextTag();
            if (!FEED.equals(reader.getName())) {
                throw new NotAFeedException("the document is <" + reader.getLocalName() + ">, not an Atom feed", null);
            }
            return context.createUnmarshaller().unmarshal(reader, AtomFeed.class).getValue();
        } catch (XMLStreamException | JAXBException | RuntimeException e) {
            throw new NotAFeedException("the body is not well-formed XML", e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but memory
                }
            }
        }
    }
}
