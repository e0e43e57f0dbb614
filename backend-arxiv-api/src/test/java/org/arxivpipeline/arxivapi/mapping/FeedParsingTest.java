package org.arxivpipeline.arxivapi.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.arxivpipeline.arxivapi.Feeds;
import org.arxivpipeline.arxivapi.mapping.atom.AtomFeed;
import org.arxivpipeline.common.model.ArxivEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Both arXiv feed formats read to the contract's fields; anything that is not a feed is refused. */
class FeedParsingTest {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String ARXIV = "http://arxiv.org/schemas/atom";

    private final FeedParser parser = new FeedParser();

    @Test
    void theCurrentFormatReadsEveryField() throws Exception {
        AtomFeed feed = parser.parse(Feeds.fixture("current_two_entries.xml"));
        assertEquals(1532, FeedReading.totalResults(feed));
        assertNull(FeedReading.errorMessage(feed));
        List<ArxivEntry> entries = FeedReading.entries(feed);
        assertEquals(2, entries.size());
        assertEquals(new ArxivEntry("2405.01234v2", "Electron transport in $\\alpha$-RuCl$_3$ & Ramírez's ω-phase",
                "Adrian Del Maestro, Zoë Ünal", "Phys. Rev. B 1, 2 (2024)", "10.1103/PhysRevB.1.2", "cond-mat.mes-hall",
                "2024-05-02T17:59:59Z", "https://arxiv.org/abs/2405.01234v2", "We study the electron. Twice.",
                List.of("cond-mat.mes-hall", "cond-mat.str-el"), "2024-06-01T10:00:00Z", "12 pages, 4 figures",
                "https://arxiv.org/pdf/2405.01234v2"), entries.get(0));
        // an old-style id keeps its slash in the PDF's address; no comment is null
        assertEquals(new ArxivEntry("cond-mat/0601001v1", "A second electron", "B. Author", null, null, "cond-mat.supr-con",
                "2006-01-01T00:00:01Z", "https://arxiv.org/abs/cond-mat/0601001v1", "Short.", List.of("cond-mat.supr-con"),
                "2006-01-01T00:00:01Z", null, "https://arxiv.org/pdf/cond-mat/0601001v1"), entries.get(1));
        assertEquals(1776031767L, FeedReading.updated(feed));
    }

    @Test
    void theLegacyFormatReadsTheSame() throws Exception {
        AtomFeed feed = parser.parse(Feeds.fixture("legacy_two_entries.xml"));
        assertEquals(64, FeedReading.totalResults(feed));
        List<ArxivEntry> entries = FeedReading.entries(feed);
        assertEquals(new ArxivEntry("1111.2011v2",
                "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit",
                "James M. Murray, Adrian Del Maestro", "Phys. Rev. B 85, 115117 (2012)", "10.1103/PhysRevB.85.115117",
                "cond-mat.str-el", "2011-11-08T18:48:36Z", "http://arxiv.org/abs/1111.2011v2",
                "Theoretical description of anisotropic systems is often a challenge.", List.of("cond-mat.str-el"),
                "2012-04-02T12:38:54Z", "10 pages", "https://arxiv.org/pdf/1111.2011v2"), entries.get(0));
        // a title of "0" is a title; runs of spaces in names collapse
        assertEquals("0", entries.get(1).title());
        assertEquals("Jane Doe", entries.get(1).authors());
        assertNull(entries.get(1).journal());
        assertEquals(1475985600L, FeedReading.updated(feed));
    }

    @Test
    void zeroHitsAndTheErrorFeed() throws Exception {
        AtomFeed none = parser.parse(Feeds.fixture("zero_hits.xml"));
        assertEquals(0, FeedReading.totalResults(none));
        assertTrue(FeedReading.entries(none).isEmpty());
        assertEquals("max_results must be non-negative", FeedReading.errorMessage(parser.parse(Feeds.fixture("error_feed.xml"))));
    }

    @Test
    void anExternalEntityIsNeverExpanded(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE feed [ <!ENTITY xxe SYSTEM "%s"> ]>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>&xxe;</title>
                  <entry><id>http://arxiv.org/abs/1</id><title>&xxe;</title></entry></feed>""".formatted(secret.toUri());
        FeedParser.NotAFeedException refused = assertThrows(FeedParser.NotAFeedException.class,
                () -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8)));
        assertFalse(String.valueOf(refused.getMessage()).contains("TOP-SECRET"));
        String billionLaughs = """
                <?xml version="1.0"?>
                <!DOCTYPE feed [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>&b;</title></feed>""";
        assertThrows(FeedParser.NotAFeedException.class, () -> parser.parse(billionLaughs.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void htmlTruncatedEmptyAndForeignXmlAreNotFeeds() {
        for (String body : new String[] {"<html><body>Rate exceeded.</body></html>", "Rate exceeded.", "",
                "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><id>x</id>",
                "<?xml version='1.0'?><rss><channel/></rss>", "<feed><title>no namespace</title></feed>"}) {
            assertThrows(FeedParser.NotAFeedException.class, () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)), body);
        }
    }

    /** arXiv's real answers, when the shared folder is beside the project: each entry against a DOM reading of the XML. */
    @Test
    void realArxivResponsesReadAsAnIndependentDomReadingSays() throws Exception {
        Path shared = Path.of("..", "..", "shared", "fixtures", "arxiv").toAbsolutePath().normalize();
        if (!Files.isDirectory(shared)) {
            System.out.println("No real arXiv responses beside the project (" + shared + "): only the project's own fixtures were read");
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(shared)) {
            files = listing.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        int entriesChecked = 0;
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            AtomFeed feed = parser.parse(body);
            Document dom = dom(body);
            List<Element> domEntries = children(dom.getDocumentElement(), ATOM, "entry");
            boolean error = file.getFileName().toString().startsWith("error");
            if (error) {
                assertNotNull(FeedReading.errorMessage(feed), file.toString());
                continue;
            }
            List<ArxivEntry> entries = FeedReading.entries(feed);
            assertEquals(domEntries.size(), entries.size(), file.toString());
            for (int i = 0; i < entries.size(); i++) {
                Element e = domEntries.get(i);
                ArxivEntry read = entries.get(i);
                String where = file.getFileName() + " entry " + i;
                String id = text(e, ATOM, "id");
                assertEquals(id.substring(id.indexOf("/abs/") + 5), read.arxivId(), where);
                assertEquals(text(e, ATOM, "title"), read.title(), where);
                List<String> names = new ArrayList<>();
                for (Element author : children(e, ATOM, "author")) {
                    names.add(text(author, ATOM, "name"));
                }
                assertEquals(names.isEmpty() ? null : String.join(", ", names), read.authors(), where);
                assertEquals(text(e, ARXIV, "journal_ref"), read.journal(), where);
                assertEquals(text(e, ARXIV, "doi"), read.doi(), where);
                List<Element> primary = children(e, ARXIV, "primary_category");
                assertEquals(primary.isEmpty() ? null : primary.get(0).getAttribute("term"), read.primaryCategory(), where);
                String published = text(e, ATOM, "published");
                assertEquals(published == null ? null
                        : DateTimeFormatter.ISO_INSTANT.format(OffsetDateTime.parse(published).toInstant()), read.published(), where);
                String alternate = null;
                for (Element link : children(e, ATOM, "link")) {
                    if ("alternate".equals(link.getAttribute("rel"))) {
                        alternate = link.getAttribute("href");
                    }
                }
                assertEquals(alternate, read.url(), where);
                assertEquals(text(e, ATOM, "summary"), read.abstractText(), where);
                java.util.LinkedHashSet<String> categories = new java.util.LinkedHashSet<>();
                if (!primary.isEmpty()) {
                    categories.add(primary.get(0).getAttribute("term"));
                }
                for (Element category : children(e, ATOM, "category")) {
                    categories.add(category.getAttribute("term"));
                }
                assertEquals(categories.isEmpty() ? null : List.copyOf(categories), read.categories(), where);
                String updated = text(e, ATOM, "updated");
                assertEquals(updated == null ? null
                        : DateTimeFormatter.ISO_INSTANT.format(OffsetDateTime.parse(updated).toInstant()), read.updated(), where);
                assertEquals(text(e, ARXIV, "comment"), read.comment(), where);
                assertEquals("https://arxiv.org/pdf/" + id.substring(id.indexOf("/abs/") + 5), read.pdfUrl(), where);
                entriesChecked++;
            }
        }
        assertTrue(entriesChecked > 0);
        System.out.println("Real arXiv responses: " + files.size() + " files, " + entriesChecked + " entries checked");
    }

    private static Document dom(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(body));
    }

    private static List<Element> children(Element parent, String ns, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && ns.equals(element.getNamespaceURI()) && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** The element's text with whitespace runs collapsed, or null when absent or empty. */
    private static String text(Element parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        if (found.isEmpty()) {
            return null;
        }
        String text = found.get(0).getTextContent().replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? null : text;
    }
}
