package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The offline stand-in answers well-formed Atom feeds in arXiv's format. */
class ArxivStubTest {

    @Test
    void answersAFeedWithAsManyEntriesAsAskedForAndADateHeader() throws Exception {
        ArxivStub stub = new ArxivStub(0);
        stub.start();
        try {
            String query = URLEncoder.encode("ti:electron AND au:\"del maestro\"", StandardCharsets.UTF_8);
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stub.baseUrl() + "?search_query=" + query + "&start=0&max_results=3")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Date").isPresent());
            Document feed = parse(response.body());
            assertEquals(3, feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
            assertEquals("25", feed.getElementsByTagNameNS("http://a9.com/-/spec/opensearch/1.1/", "totalResults").item(0).getTextContent());
            assertTrue(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").item(0).getTextContent()
                    .contains("Sample result 1 on electron del maestro"));
        } finally {
            stub.stop();
        }
    }

    @Test
    void anOutageIsAnsweredWithItsStatusUntilItEndsASlowArxivLateAndEveryCallIsLogged() throws Exception {
        ArxivStub stub = new ArxivStub(0);
        stub.start();
        try {
            HttpRequest search = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "?search_query=ti:electron&max_results=1")).build();
            stub.failWith(503);
            HttpResponse<String> failing = HttpClient.newHttpClient().send(search, HttpResponse.BodyHandlers.ofString());
            assertEquals(503, failing.statusCode());
            assertTrue(failing.body().contains("failing with 503 on purpose"), failing.body());
            stub.failWith(0);
            assertEquals(200, HttpClient.newHttpClient().send(search, HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(java.util.List.of("ti:electron", "ti:electron"), stub.searches());
            assertEquals(2, stub.arrivals().size());
            stub.delay(java.time.Duration.ofMillis(400));
            long asked = System.nanoTime();
            assertEquals(200, HttpClient.newHttpClient().send(search, HttpResponse.BodyHandlers.ofString()).statusCode());
            assertTrue(System.nanoTime() - asked >= 400_000_000L, "answered after the delay");
        } finally {
            stub.stop();
        }
    }

    @Test
    void nothingFindsNothing() throws Exception {
        Document feed = parse(ArxivStub.feed("ti:nothing", java.util.List.of(), 0, 10).getBytes(StandardCharsets.UTF_8));
        assertEquals(0, feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
        assertEquals("0", feed.getElementsByTagNameNS("http://a9.com/-/spec/opensearch/1.1/", "totalResults").item(0).getTextContent());
    }

    @Test
    void popularFindsThirtyThousandAndAnswersUpTo2000EntriesWithLongAbstracts() throws Exception {
        Document feed = parse(ArxivStub.feed("ti:popular", java.util.List.of(), 0, 2000).getBytes(StandardCharsets.UTF_8));
        assertEquals(2000, feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
        assertEquals("30000", feed.getElementsByTagNameNS("http://a9.com/-/spec/opensearch/1.1/", "totalResults").item(0).getTextContent());
        assertTrue(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary").item(1999).getTextContent().length() > 900);
        assertEquals(25, parse(ArxivStub.feed("ti:electron", java.util.List.of(), 0, 2000).getBytes(StandardCharsets.UTF_8))
                .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
    }

    @Test
    void pagesFromStartAndLooksUpIds() throws Exception {
        Document page = parse(ArxivStub.feed("abs:electron", java.util.List.of(), 20, 10).getBytes(StandardCharsets.UTF_8));
        assertEquals(5, page.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength(), "25 hits: 5 left after 20");
        assertEquals("20", page.getElementsByTagNameNS("http://a9.com/-/spec/opensearch/1.1/", "startIndex").item(0).getTextContent());
        assertEquals("http://arxiv.org/abs/2401.00021v1", page.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id").item(0)
                .getTextContent());
        Document ids = parse(ArxivStub.feed("", java.util.List.of("2405.01234", "hep-th/9901001v2"), 0, 10).getBytes(StandardCharsets.UTF_8));
        assertEquals("2", ids.getElementsByTagNameNS("http://a9.com/-/spec/opensearch/1.1/", "totalResults").item(0).getTextContent());
        assertEquals("http://arxiv.org/abs/hep-th/9901001v2", ids.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id").item(1)
                .getTextContent());
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
