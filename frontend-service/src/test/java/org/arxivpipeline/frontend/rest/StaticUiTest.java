package org.arxivpipeline.frontend.rest;

import org.arxivpipeline.frontend.BackendsStandIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The web UI at /: the page with its form fields, its modules, stylesheet and icon served by the
 * frontend itself with their content types, and a Content-Security-Policy that allows nothing else.
 */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class StaticUiTest {

    private static final String CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Pattern IMPORT = Pattern.compile("^import .* from '\\./([a-z]+\\.js)';$", Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"/", "/?query_id=42", "/index.html"})
    void thePageIsServedWithItsFormsAndPolicy(String path) {
        String html = given().when().get(path)
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", is(CSP))
                .header("X-Frame-Options", is("DENY"))
                .header("X-Content-Type-Options", is("nosniff"))
                .extract().asString();
        for (String name : List.of("author", "title", "journal", "abstract", "all", "category", "ids", "submitted_from", "submitted_to",
                "sort_by", "sort_order", "max_results", "start", "q", "published_from", "published_to", "arxiv_id", "query_id",
                "items_per_page", "start_timestamp", "end_timestamp")) {
            assertTrue(html.contains("name=\"" + name + "\""), "a control named " + name);
        }
        assertTrue(html.contains("<script type=\"module\" src=\"js/main.js\"></script>"));
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"app.css\">"));
    }

    @Test
    void thePageHasNoInlineCodeAndLoadsNothingFromElsewhere() {
        String html = given().when().get("/").then().statusCode(200).extract().asString();
        assertEquals(1, count(html, "<script"), "one script element");
        assertFalse(html.contains("<style"), "no style element");
        assertFalse(html.contains(" style="), "no style attribute");
        assertFalse(Pattern.compile(" on[a-z]+=").matcher(html).find(), "no event handler attribute");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing from another origin");
    }

    @Test
    void everyModuleTheAppImportsIsServedAsJavaScript() {
        Set<String> served = new TreeSet<>();
        Deque<String> toFetch = new ArrayDeque<>(List.of("main.js"));
        while (!toFetch.isEmpty()) {
            String module = toFetch.pop();
            if (!served.add(module)) {
                continue;
            }
            String source = given().when().get("/js/" + module)
                    .then().statusCode(200)
                    .contentType(containsString("text/javascript"))
                    .header("X-Content-Type-Options", is("nosniff"))
                    .header("Cache-Control", containsString("max-age=0"))
                    .extract().asString();
            assertFalse(source.contains("http://") || source.contains("//cdn"), module + " loads nothing from elsewhere");
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                toFetch.push(imports.group(1));
            }
        }
        assertEquals(Set.of("api.js", "history.js", "main.js", "paper.js", "queries.js", "results.js", "search.js", "time.js", "ui.js", "watches.js"), served);
    }

    @Test
    void theStylesheetAndIconAreServedWithTheirTypes() {
        String css = given().when().get("/app.css").then().statusCode(200).contentType(containsString("text/css")).extract().asString();
        assertFalse(css.contains("@import") || css.contains("url("), "no font or image from elsewhere");
        given().when().get("/favicon.svg").then().statusCode(200).contentType(containsString("image/svg+xml"));
    }

    @Test
    void theSwaggerUiKeepsItsInlineScriptsWithoutThePolicy() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }

    @Test
    void theCategoriesSuggestedAreTheTaxonomyTheSearchChecks() {
        List<String> ids = given().when().get("/categories").then().statusCode(200).contentType("application/json")
                .header("Cache-Control", containsString("max-age=86400")).extract().jsonPath().getList("$", String.class);
        assertEquals(List.copyOf(org.arxivpipeline.common.validation.ArxivTaxonomy.ids()), ids);
        assertTrue(ids.contains("cs.LG") && ids.contains("hep-th") && ids.contains("math.CO"), ids.toString());
    }

    @Test
    void thePageThanksArxivInItsFooter() {
        String html = given().when().get("/").then().statusCode(200).extract().asString();
        assertTrue(html.contains("<footer") && html.contains("Thank you to arXiv for use of its open access interoperability."));
    }

    @Test
    void anUnknownFileIsStillAProblem() {
        given().when().get("/js/missing.js").then().statusCode(404).contentType("application/problem+json");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
