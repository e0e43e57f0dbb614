package org.arxivpipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web UI at / in a real browser: the distribution's headless Chromium driven through its
 * chromedriver (never one Selenium Manager would download), against the whole suite as
 * {@link RunningSuite} starts it. The browser runs in a zone with a half-hour offset, so the local
 * times of the history form must be sent with their offset. Screenshots go to
 * {@code e2e/target/screenshots/}; a failing test leaves one named after it. Only WebDriver and
 * chromedriver commands are used (DevTools commands too go through chromedriver), never Selenium's
 * versioned DevTools bindings: its warning that it has none for this Chromium version is harmless.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final ZoneId BROWSER_ZONE = ZoneId.of("Asia/Kolkata");
    static final Path SCREENSHOTS = RunningSuite.projectRoot().resolve("e2e/target/screenshots");
    static final int PHONE_WIDTH = 390;
    /** Tall enough for a screenshot of a whole page of results. */
    static final Dimension DESKTOP = new Dimension(1280, 1600);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningSuite suite;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static Path downloads;
    /** The query stored by the first test, its search in plain words, and the stand-in's abstract. */
    private static String queryId;
    private static final String PLAIN = "Title: electron · Author: \"del maestro\" · Category: cond-mat.str-el · sorted by submission date, oldest first";
    private static final String ABSTRACT = "A sample abstract from the local arXiv stand-in.";
    /** The address of the last page of that query's results, as a reader would share it. */
    private static String sharedLink;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                screenshot("failed-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeAll
    static void startTheSuiteAndTheBrowser() throws Exception {
        for (Path tool : List.of(CHROMIUM, CHROMEDRIVER)) {
            assertTrue(Files.isExecutable(tool), tool + " is missing: the browser tests need the distribution's Chromium "
                    + "and its driver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        }
        // the watch runner looks for due runs every second here (30 s in production)
        suite = RunningSuite.start("browser", Map.of("ARXIV_WATCHES_POLL", "1s", "ARXIV_WATCHES_FIRST_POLL", "1s"));
        downloads = Files.createTempDirectory("chromium-downloads");
        browser = startBrowser();
        wait = new WebDriverWait(browser, WAIT);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopTheBrowserAndTheSuite() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (suite != null) {
                suite.stop();
            }
        }
    }

    /** No test may leave a script error or a blocked resource (CSP) in the browser's console. */
    @AfterEach
    void theConsoleHasNoScriptOrPolicyErrors(TestInfo test) {
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Uncaught") || message.contains("Content Security Policy")
                        || message.contains("Refused to"))
                .collect(Collectors.toList());
        assertEquals(List.of(), problems, test.getDisplayName());
    }

    @Test
    @Order(1)
    void aSearchWithCategoryAndSortIsToldInPlainWordsAndItsResultsShownAsCards() {
        open("/");
        assertEquals("search", currentView());
        WebElement form = browser.findElement(By.id("search-form"));
        form.findElement(By.name("title")).sendKeys("electron");
        form.findElement(By.name("author")).sendKeys("\"del maestro\"");
        form.findElement(By.name("category")).sendKeys("cond-mat.str-el");
        new Select(form.findElement(By.name("sort_by"))).selectByValue("submitted");
        new Select(form.findElement(By.name("sort_order"))).selectByValue("ascending");
        WebElement max = form.findElement(By.name("max_results"));
        max.clear();
        max.sendKeys("23", Keys.ENTER);

        wait.until(driver -> driver.getCurrentUrl().matches(".*/\\?query_id=\\d+"));
        queryId = browser.getCurrentUrl().replaceAll(".*query_id=", "");
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        assertEquals("results", currentView());
        assertEquals("Results of query " + queryId + " — arXiv pipeline", browser.getTitle());
        WebElement searched = awaitText(By.cssSelector("#results [data-role=searched] button"));
        assertEquals("Run this search again", searched.getText());
        assertTrue(searchedText().startsWith("Query " + queryId + ", "), searchedText());
        assertTrue(searchedText().contains(": " + PLAIN + " — 25 papers on arXiv; 23 stored."), searchedText());
        List<WebElement> cards = cards();
        assertEquals(10, cards.size());
        assertCard(cards.get(0), 1);
        assertCard(cards.get(1), 2);
        assertTrue(title(cards.get(9)).startsWith("Sample result 10 on electron"));
        screenshot("search-results");
    }

    @Test
    @Order(2)
    void anAbstractOpensInPlaceAndLinksLeaveInANewTab() {
        WebElement card = cards().get(0);
        WebElement details = card.findElement(By.tagName("details"));
        assertFalse(card.findElement(By.className("abstract")).isDisplayed());
        details.findElement(By.tagName("summary")).click();
        assertEquals("true", String.valueOf(details.getDomProperty("open")));
        assertEquals(ABSTRACT, card.findElement(By.className("abstract")).getText());
        for (WebElement link : card.findElements(By.cssSelector("a[href^='https://']"))) {
            assertEquals("_blank", link.getDomAttribute("target"), link.getText());
            assertTrue(link.getDomAttribute("rel").contains("noopener"));
        }
        screenshot("abstract");
    }

    @Test
    @Order(3)
    void theNextPageIsInTheAddressSoReloadBackAndForwardShowIt() {
        WebElement next = browser.findElement(By.cssSelector("#results [data-role=next]"));
        assertFalse(browser.findElement(By.cssSelector("#results [data-role=previous]")).isEnabled());
        // a slow network: the loading state is there while the page is on its way
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setLatency(Duration.ofMillis(1500));
        browser.setNetworkConditions(slow);
        try {
            next.sendKeys(Keys.ENTER);
            assertEquals("true", browser.findElement(By.id("results")).getDomAttribute("aria-busy"));
            assertEquals("Loading results…", browser.findElement(By.cssSelector("#filter-form [data-role=status]")).getText());
        } finally {
            browser.deleteNetworkConditions();
        }
        awaitSummary("Results 11–20 of 23 of query " + queryId + ".");
        assertTrue(title(cards().get(0)).startsWith("Sample result 11 on"));
        String second = browser.getCurrentUrl();
        assertTrue(second.contains("query_id=" + queryId) && second.contains("page=1") && second.contains("cursor="), second);
        assertEquals("Page 2 of 3", pageText());

        browser.navigate().refresh();
        awaitSummary("Results 11–20 of 23 of query " + queryId + ".");
        assertTrue(title(cards().get(0)).startsWith("Sample result 11 on"));
        // after a reload the earlier cursors are gone: the page before is reached by its number
        browser.findElement(By.cssSelector("#results [data-role=previous]")).click();
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        browser.navigate().back();
        awaitSummary("Results 11–20 of 23 of query " + queryId + ".");
        browser.findElement(By.cssSelector("#results [data-role=next]")).click();
        awaitSummary("Results 21–23 of 23 of query " + queryId + ".");
        assertFalse(browser.findElement(By.cssSelector("#results [data-role=next]")).isEnabled(), "no page after the last");
        browser.navigate().back();
        awaitSummary("Results 11–20 of 23 of query " + queryId + ".");
        browser.navigate().forward();
        awaitSummary("Results 21–23 of 23 of query " + queryId + ".");
        assertEquals(3, cards().size());
        sharedLink = browser.getCurrentUrl();

        new Select(browser.findElement(By.id("results-per-page"))).selectByVisibleText("25");
        awaitSummary("Results 1–23 of 23 of query " + queryId + ".");
        assertEquals(23, cards().size());
    }

    @Test
    @Order(4)
    void aFilteredSearchOverWhatIsStoredKeepsItsFiltersInTheAddress() {
        open("/?query_id=" + queryId);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        WebElement form = browser.findElement(By.id("filter-form"));
        assertFalse(form.findElement(By.name("q")).isDisplayed(), "the filters are folded while only the query is given");
        form.findElement(By.tagName("summary")).click();
        form.findElement(By.name("q")).sendKeys("\"result 13\"");
        form.findElement(By.name("q")).sendKeys(Keys.ENTER);
        awaitSummary("Results 1–1 of 1 of query " + queryId + ".");
        assertTrue(title(cards().get(0)).startsWith("Sample result 13 on"));
        assertTrue(browser.getCurrentUrl().contains("q=%22result+13%22"), browser.getCurrentUrl());
        assertTrue(searchedText().endsWith("Stored results of query " + queryId + " where the words are \"result 13\"."), searchedText());
        assertTrue(form.findElement(By.name("q")).isDisplayed(), "the filters in use are shown");

        // every stored version of a paper, whatever query found it
        form = browser.findElement(By.id("filter-form"));
        setValue(form.findElement(By.name("q")), "");
        setValue(form.findElement(By.name("query_id")), "");
        form.findElement(By.name("arxiv_id")).sendKeys("2401.00007", Keys.ENTER);
        awaitSummary("Results 1–1 of 1.");
        assertEquals("Stored results — arXiv pipeline", browser.getTitle());
        assertEquals("arXiv:2401.00007v1", cards().get(0).findElement(By.className("arxiv-id")).getText());
        assertEquals(suite.frontend + "/results?arxiv_id=2401.00007&format=bibtex",
                browser.findElement(By.cssSelector("#results [data-format=bibtex]")).getDomProperty("href"));
        screenshot("filtered");
        browser.navigate().back();
        awaitSummary("Results 1–1 of 1 of query " + queryId + ".");
    }

    @Test
    @Order(5)
    void theExportHasEveryMatchingResultAndOnePapersBibtexIsCopied() throws Exception {
        open("/?query_id=" + queryId);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        assertEquals("23 results", browser.findElement(By.cssSelector("#results [data-role=count]")).getText());
        browser.findElement(By.cssSelector("#results [data-format=bibtex]")).click();
        Path bib = downloads.resolve("results_" + queryId + ".bib");
        wait.until(driver -> Files.exists(bib) && bibtexEntries(bib) == 23);
        String bibtex = Files.readString(bib);
        assertTrue(bibtex.contains("eprint = {2401.00023v1}"), "the last result too, not only the page");
        browser.findElement(By.cssSelector("#results [data-format=csv]")).click();
        Path csv = downloads.resolve("results_" + queryId + ".csv");
        wait.until(driver -> Files.exists(csv) && csvRecords(csv) == 23);

        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", suite.frontend,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        WebElement copy = cards().get(1).findElement(By.cssSelector("button"));
        assertEquals("Copy the BibTeX of arXiv:2401.00002v1", copy.getAccessibleName());
        copy.click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#filter-form [data-role=status]"), "The BibTeX of arXiv:2401.00002v1 is copied."));
        String copied = (String) browser.executeAsyncScript("navigator.clipboard.readText().then(arguments[arguments.length - 1])");
        assertTrue(copied.startsWith("@misc{") && copied.contains("eprint = {2401.00002v1}") && copied.trim().endsWith("}"), copied);
        assertEquals(1, copied.split("@misc\\{", -1).length - 1, "one entry: " + copied);
    }

    @Test
    @Order(6)
    void theHistoryIsNewestFirstInPlainWordsAndRunsASearchAgain() throws Exception {
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(suite.frontend + "/arxiv?title=hole&max_results=3")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, other.statusCode(), other.body());
        String otherId = JSON.readTree(other.body()).get("query_id").asText();
        open("/?view=history");
        assertEquals("history", currentView());
        wait.until(driver -> driver.findElement(By.cssSelector("#history [data-role=status]")).getText()
                .matches("\\d+ search(es)? in this range\\."));
        List<WebElement> items = browser.findElements(By.cssSelector("#history [data-role=list] > li"));
        assertEquals(otherId, items.get(0).getDomAttribute("data-query-id"), "the newest first");
        assertEquals(queryId, items.get(1).getDomAttribute("data-query-id"));
        assertEquals("Title: hole", items.get(0).findElement(By.tagName("h2")).getText());
        assertEquals(PLAIN, items.get(1).findElement(By.tagName("h2")).getText());
        assertTrue(items.get(1).findElement(By.className("meta")).getText().endsWith("25 papers on arXiv; 23 stored"));
        screenshot("history");

        WebElement csvLink = browser.findElement(By.cssSelector("#history [data-format=csv]"));
        assertTrue(csvLink.isDisplayed());
        HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create(csvLink.getDomProperty("href"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").matches("attachment; filename=\"queries_\\d+_\\d+\\.csv\""));
        assertTrue(csv.body().startsWith("query_id,timestamp,time,status,") && csv.body().contains("\r\n" + queryId + ","), csv.body());
        WebElement jsonLink = browser.findElement(By.cssSelector("#history [data-format=json]"));
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(jsonLink.getDomProperty("href"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(JSON.readTree(json.body()).findValuesAsText("query_id").contains(queryId), json.body());

        WebElement runAgain = items.get(1).findElement(By.cssSelector("button[aria-label='Run query " + queryId + " again']"));
        runAgain.click();
        wait.until(driver -> driver.getCurrentUrl().matches(".*/\\?query_id=\\d+") && !driver.getCurrentUrl().endsWith("=" + queryId));
        String again = browser.getCurrentUrl().replaceAll(".*query_id=", "");
        awaitSummary("Results 1–10 of 23 of query " + again + ".");
        wait.until(driver -> searchedText().contains(": " + PLAIN + " — 25 papers on arXiv; 23 stored."));
        assertEquals("electron", browser.findElement(By.name("title")).getDomProperty("value"), "the search form holds what ran");
        assertEquals("submitted", browser.findElement(By.name("sort_by")).getDomProperty("value"));

        open("/?view=history");
        wait.until(driver -> driver.findElement(By.cssSelector("#history [data-role=status]")).getText().endsWith("in this range."));
        browser.findElement(By.cssSelector("#history button[aria-label='Open results of query " + queryId + "']")).click();
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        assertEquals(suite.frontend + "/?query_id=" + queryId, browser.getCurrentUrl());
    }

    @Test
    @Order(7)
    void aSharedLinkShowsTheSamePageAndWhatWasSearchedInAFreshBrowser() throws Exception {
        ChromeDriver fresh = startBrowser();
        try {
            WebDriverWait freshWait = new WebDriverWait(fresh, WAIT);
            fresh.get(sharedLink);
            freshWait.until(ExpectedConditions.textToBe(By.cssSelector("#results [data-role=summary]"),
                    "Results 21–23 of 23 of query " + queryId + "."));
            freshWait.until(driver -> driver.findElement(By.cssSelector("#results [data-role=searched]")).getText()
                    .contains(": " + PLAIN + " — 25 papers on arXiv; 23 stored."));
            assertTrue(fresh.findElement(By.cssSelector("#results .cards h2")).getText().startsWith("Sample result 21 on"));
        } finally {
            fresh.quit();
        }
    }

    @Test
    @Order(8)
    void theServersValidationMessagesAreShownAtTheirFields() {
        open("/");
        WebElement form = browser.findElement(By.id("search-form"));
        form.findElement(By.name("title")).sendKeys("AND OR", Keys.ENTER);
        WebElement alert = awaitText(By.cssSelector("#search [data-role=alert]"));
        assertEquals("Invalid input: 1 invalid field.", alert.getText());
        assertFieldError(form, "title", "has no word to search for");
        assertEquals(form.findElement(By.name("title")), browser.switchTo().activeElement(), "the invalid field has the focus");

        setValue(form.findElement(By.name("title")), "electron");
        form.findElement(By.name("category")).sendKeys("cs.lg");
        WebElement max = form.findElement(By.name("max_results"));
        max.clear();
        max.sendKeys("0", Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#search [data-role=alert]"), "Invalid input: 2 invalid fields."));
        assertTrue(fieldError(form, "category").startsWith("unknown arXiv category 'cs.lg' (did you mean cs.LG"), fieldError(form, "category"));
        assertFieldError(form, "max_results", "must be between 1 and 2000");
        assertNull(form.findElement(By.name("title")).getDomAttribute("aria-invalid"), "the other fields are valid");
        assertEquals(form.findElement(By.name("category")), browser.switchTo().activeElement(), "the first invalid field has the focus");
        assertEquals("search", currentView());
        screenshot("field-error");
    }

    @Test
    @Order(9)
    void onePaperShowsItsVersionsAndTheSearchesThatFoundIt() {
        open("/?query_id=" + queryId);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        cards().get(0).findElement(By.cssSelector("[data-role=paper]")).click();
        wait.until(ExpectedConditions.urlToBe(suite.frontend + "/?paper=2401.00001"));
        WebElement paper = browser.findElement(By.id("paper"));
        wait.until(driver -> paper.findElement(By.cssSelector("[data-role=view]")).isDisplayed());
        assertTrue(paper.findElement(By.tagName("h1")).getText().startsWith("Sample result 1 on"));
        assertEquals(List.of("2401.00001v1"), texts(paper.findElements(By.cssSelector("[data-role=versions] li"))));
        List<String> found = texts(paper.findElements(By.cssSelector("[data-role=queries] a")));
        assertTrue(found.contains("Results of query " + queryId) && found.size() >= 2, found.toString());
        assertTrue(paper.findElement(By.cssSelector("[data-role=seen]")).getText().matches("Found by \\d+ searches, first .+, last .+\\."));
        screenshot("paper");
        paper.findElement(By.linkText("Results of query " + queryId)).click();
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
    }

    @Test
    @Order(10)
    void atPhoneWidthResultsAreCardsAndNothingScrollsSideways() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE_WIDTH, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            open("/?query_id=" + queryId);
            awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
            assertEquals((long) PHONE_WIDTH, browser.executeScript("return window.innerWidth"));
            long pageWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth");
            assertTrue(pageWidth <= PHONE_WIDTH, "the page is " + pageWidth + " px wide");
            WebElement card = cards().get(0);
            assertTrue(card.getRect().getWidth() <= PHONE_WIDTH, "a card fits: " + card.getRect().getWidth());
            // a card shows more than the title: authors, id, categories, dates
            assertTrue(card.findElement(By.className("authors")).isDisplayed());
            assertTrue(card.findElement(By.className("arxiv-id")).isDisplayed());
            assertTrue(card.findElement(By.className("dates")).isDisplayed());
            // the sections are reachable at once: the navigation is above the results
            assertTrue(browser.findElement(By.cssSelector(".site-header nav")).getRect().getY() < 200);
            screenshot("phone");
            open("/");
            WebElement author = browser.findElement(By.name("author"));
            WebElement title = browser.findElement(By.name("title"));
            assertEquals(author.getLocation().getX(), title.getLocation().getX(), "the form's fields stack in one column");
            screenshot("phone-search");
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(11)
    void aServerThatCannotBeReachedIsAReadableMessage() {
        open("/?query_id=" + queryId);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.setNetworkConditions(offline);
        try {
            browser.findElement(By.cssSelector("#results [data-role=next]")).click();
            WebElement alert = awaitText(By.cssSelector("#filter-form [data-role=alert]"));
            assertEquals("The server cannot be reached: check the connection and try again.", alert.getText());
        } finally {
            browser.deleteNetworkConditions();
        }
        browser.navigate().refresh();
        awaitSummary("Results 11–20 of 23 of query " + queryId + ".");
    }

    @Test
    @Order(12)
    void everyViewPassesTheAccessibilityCheck() {
        for (String path : List.of("/", "/?query_id=" + queryId, "/?view=history", "/?paper=2401.00001", "/?view=watches")) {
            open(path);
            wait.until(driver -> "false".equals(driver.findElement(By.cssSelector("main > section:not([hidden])")).getDomAttribute("aria-busy"))
                    || driver.findElement(By.cssSelector("main > section:not([hidden])")).getDomAttribute("aria-busy") == null);
            if (path.contains("query_id")) {
                awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
                cards().get(0).findElement(By.tagName("summary")).click();
            }
            List<String> serious = Accessibility.seriousViolations(browser);
            assertEquals(List.of(), serious, path);
        }
    }

    @Test
    @Order(13)
    void theFooterThanksArxivAndEverythingComesFromTheFrontendItself() {
        open("/?query_id=" + queryId);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        assertEquals("Thank you to arXiv for use of its open access interoperability.",
                browser.findElement(By.cssSelector("footer p")).getText());
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name)");
        assertTrue(loaded.size() >= 10, loaded.toString());
        for (String url : loaded) {
            assertTrue(url.startsWith(suite.frontend + "/"), url);
        }
        assertTrue(loaded.contains(suite.frontend + "/js/main.js"), loaded.toString());
        assertTrue(loaded.contains(suite.frontend + "/categories"), loaded.toString());
        assertTrue(loaded.contains(suite.frontend + "/queries/" + queryId), loaded.toString());
    }

    @Test
    @Order(14)
    void aSearchIsWatchedAndWhatItFindsIsShownWithItsFeed() {
        open("/");
        browser.findElement(By.name("title")).sendKeys("watched topic");
        browser.findElement(By.cssSelector(".watch-form > summary")).click();
        WebElement form = browser.findElement(By.id("search-form"));
        form.findElement(By.cssSelector("[data-role=watch]")).click();
        assertEquals("is required", fieldError(form, "name"));
        browser.findElement(By.name("name")).sendKeys("My topic");
        new Select(browser.findElement(By.name("every"))).selectByValue("PT6H");
        form.findElement(By.cssSelector("[data-role=watch]")).click();
        wait.until(ExpectedConditions.urlMatches("view=watches&watch_id=\\d+$"));
        WebElement section = browser.findElement(By.id("watches"));
        wait.until(driver -> section.findElement(By.tagName("h1")).getText().equals("My topic"));
        assertEquals("Title: watched topic · the newest 10", section.findElement(By.className("searched")).getText());
        assertTrue(section.findElement(By.linkText("Atom feed")).getDomAttribute("href").matches("/watches/\\d+/feed.atom"));
        // its first run is due at once: the runner (every second here) stores it, and its papers are all new.
        // The API says when it ran (a page reloaded in a loop may never show the cards: they come from a fetch
        // that a slow machine finishes after the check); then the page is loaded once more
        String watchId = browser.getCurrentUrl().replaceAll(".*watch_id=", "");
        JsonNode ran = awaitFirstRun(watchId);
        assertEquals(10, ran.get("new_papers").asInt(), ran.toString());
        browser.navigate().refresh();
        WebElement reloaded = browser.findElement(By.id("watches"));
        WebElement first = wait.until(driver -> driver.findElement(By.cssSelector("#watches [data-role=cards] > li")));
        assertTrue(first.findElement(By.className("first-seen")).getText().startsWith("First found "));
        String schedule = wait.until(driver -> {
            String shown = reloaded.findElement(By.className("schedule")).getText();
            return shown.isEmpty() ? null : shown;
        });
        assertTrue(schedule.matches("Runs every 6 hours; last run .+, 10 new; next .+\\."), schedule);
        assertEquals("10 papers found for the first time, newest first.", reloaded.findElement(By.cssSelector("[data-role=count]")).getText());
        screenshot("watch");
        open("/?view=watches");
        WebElement listed = wait.until(driver -> driver.findElement(By.cssSelector("#watches [data-role=list] > li")));
        assertEquals("My topic", listed.findElement(By.tagName("h2")).getText());
        assertEquals(List.of(), Accessibility.seriousViolations(browser), "/?view=watches");
    }

    /** The watch as the API shows it once its first run is recorded (its state in the message if that never comes). */
    private static JsonNode awaitFirstRun(String watchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode watch = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(suite.frontend + "/watches/" + watchId)).build(),
                        HttpResponse.BodyHandlers.ofString());
                watch = JSON.readTree(answer.body());
                if (answer.statusCode() == 200 && !watch.path("last_run").isNull() && !watch.path("last_run").isMissingNode()) {
                    return watch;
                }
                Thread.sleep(250);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("watch " + watchId + " did not run within 60 s: " + watch);
    }

    private static void open(String path) {
        browser.get(suite.frontend + path);
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    private static ChromeDriver startBrowser() throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", BROWSER_ZONE.getId()))
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--lang=en-US", "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight(),
                        "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return new ChromeDriver(service, options);
    }

    private static String currentView() {
        return browser.findElement(By.cssSelector("main > section:not([hidden])")).getDomAttribute("data-view");
    }

    private static List<WebElement> cards() {
        return browser.findElements(By.cssSelector("#results [data-role=cards] > li"));
    }

    private static String title(WebElement card) {
        return card.findElement(By.cssSelector("h2")).getText();
    }

    private static String searchedText() {
        return browser.findElement(By.cssSelector("#results [data-role=searched]")).getText();
    }

    private static String pageText() {
        return browser.findElement(By.cssSelector("#results [data-role=page]")).getText();
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).collect(Collectors.toList());
    }

    private static String fieldError(WebElement form, String field) {
        WebElement control = form.findElement(By.name(field));
        return wait.until(driver -> {
            List<WebElement> found = driver.findElements(By.id(control.getDomAttribute("id") + "-error"));
            return found.isEmpty() ? null : found.get(0);
        }).getText();
    }

    private static long bibtexEntries(Path file) {
        try {
            String text = Files.readString(file);
            return text.split("@misc\\{", -1).length - 1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long csvRecords(Path file) {
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(Files.readString(file),
                org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords().size();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Result n (1-based) as the arXiv stand-in answers it: a journal, a DOI and a comment on odd results only. */
    private static void assertCard(WebElement card, int n) {
        String id = String.format("2401.%05dv1", n);
        WebElement title = card.findElement(By.cssSelector("h2 a"));
        assertTrue(title.getText().startsWith("Sample result " + n + " on electron"), title.getText());
        assertEquals("https://arxiv.org/abs/" + id, title.getDomAttribute("href"));
        assertEquals("_blank", title.getDomAttribute("target"));
        assertEquals("A. Sample, B. Example", card.findElement(By.className("authors")).getText());
        assertEquals("arXiv:" + id, card.findElement(By.className("arxiv-id")).getText());
        List<WebElement> chips = card.findElements(By.className("chip"));
        assertEquals(List.of("cond-mat.str-el", "cond-mat.mes-hall"), texts(chips));
        assertTrue(chips.get(0).getDomAttribute("class").contains("primary"));
        int day = 1 + (n - 1) % 9;
        WebElement published = card.findElement(By.cssSelector(".dates time"));
        assertEquals("2024-01-0" + day + "T12:00:00Z", published.getDomAttribute("datetime"));
        assertEquals("2024-01-0" + day + " 12:00:00 UTC", published.getDomAttribute("title"), "the exact UTC time on hover");
        // the reader's zone (Asia/Kolkata, +05:30) and locale (en-US)
        assertEquals("Jan " + day + ", 2024, 5:30 PM", published.getText().replace('\u202f', ' ').replace('\u00a0', ' '));
        assertEquals("https://arxiv.org/pdf/" + id, card.findElement(By.partialLinkText("PDF")).getDomAttribute("href"));
        boolean odd = n % 2 == 1;
        if (odd) {
            String doi = "10.1103/PhysRevB." + (99 + n) + "." + n;
            assertTrue(card.findElement(By.className("where")).getText().startsWith("Phys. Rev. B " + (99 + n) + ", " + n + " (2024) · DOI " + doi));
            assertEquals("https://doi.org/" + doi, card.findElement(By.cssSelector(".where a")).getDomAttribute("href"));
            assertEquals((9 + n) + " pages, " + (n - 1) + " figures", card.findElement(By.className("comment")).getText());
        } else {
            assertEquals(List.of(), card.findElements(By.className("where")));
        }
    }

    private static void awaitSummary(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#results [data-role=summary]"), text));
        wait.until(ExpectedConditions.attributeToBe(By.id("results"), "aria-busy", "false"));
    }

    private static WebElement awaitText(By locator) {
        return wait.until(driver -> {
            WebElement element = driver.findElement(locator);
            return element.getText().isEmpty() ? null : element;
        });
    }





    /** The message under the control named field, tied to it for assistive technology. */
    private static void assertFieldError(WebElement form, String field, String message) {
        WebElement control = form.findElement(By.name(field));
        WebElement error = wait.until(driver -> {
            List<WebElement> found = driver.findElements(By.id(control.getDomAttribute("id") + "-error"));
            return found.isEmpty() ? null : found.get(0);
        });
        assertEquals(message, error.getText());
        assertEquals("true", control.getDomAttribute("aria-invalid"));
        assertTrue(control.getDomAttribute("aria-describedby").contains(error.getDomAttribute("id")));
        // right after the control, inside the same field
        assertEquals(error, control.findElement(By.xpath("following-sibling::*[1]")));
    }

    /** A date-time input's value as its picker would set it (typing into one depends on the browser's locale). */
    private static void setValue(WebElement input, String value) {
        browser.executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", input, value);
        assertEquals(value, input.getDomProperty("value"));
    }

    static void screenshot(String name) {
        try {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("screenshot " + name, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
