package org.arxivpipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
    /** The query stored by the first test, and its search as sent to arXiv. */
    private static String queryId;
    private static final String QUERY = "ti:electron AND au:\"del maestro\"";

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
        suite = RunningSuite.start("browser");
        Path profile = Files.createTempDirectory("chromium-profile");
        downloads = Files.createTempDirectory("chromium-downloads");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", BROWSER_ZONE.getId()))
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--lang=en-US", "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight(), "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        browser = new ChromeDriver(service, options);
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
    void aSearchShowsTheStoredQueryAndTheTableShowsItsRows() {
        open("/");
        WebElement form = browser.findElement(By.id("search-form"));
        form.findElement(By.name("title")).sendKeys("electron");
        form.findElement(By.name("author")).sendKeys("\"del maestro\"");
        WebElement max = form.findElement(By.name("max_results"));
        max.clear();
        max.sendKeys("23", Keys.ENTER);

        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-answer")));
        queryId = field(answer, "query_id");
        assertTrue(queryId.matches("[1-9]\\d*"), queryId);
        assertEquals("25", field(answer, "num_results"));
        assertEquals("23", field(answer, "num_entries"));
        assertEquals(QUERY, field(answer, "query"));
        assertEquals("false", browser.findElement(By.id("search")).getDomAttribute("aria-busy"));

        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        assertEquals(suite.frontend + "/?query_id=" + queryId, browser.getCurrentUrl());
        List<WebElement> rows = rows("results-table");
        assertEquals(10, rows.size());
        assertRow(rows.get(0), 1);
        assertRow(rows.get(1), 2);
        assertEquals("Sample result 10 on electron del maestro", cells(rows.get(9)).get(0));
        screenshot("search-results");
    }

    @Test
    @Order(2)
    void nextAndPreviousPagesFollowTheCursorsWithLoadingStates() {
        WebElement next = browser.findElement(By.cssSelector("#results [data-role=next]"));
        WebElement previous = browser.findElement(By.cssSelector("#results [data-role=previous]"));
        assertFalse(previous.isEnabled());

        // a slow network: the loading state is there while the page is on its way
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setLatency(Duration.ofMillis(1500));
        browser.setNetworkConditions(slow);
        try {
            next.sendKeys(Keys.ENTER);
            assertEquals("true", browser.findElement(By.id("results")).getDomAttribute("aria-busy"));
            assertFalse(next.isEnabled());
            assertEquals("Loading results…", browser.findElement(By.cssSelector("#results [data-role=status]")).getText());
        } finally {
            browser.deleteNetworkConditions();
        }
        awaitSummary("Results 11–20 of 23 of query " + queryId + ".");
        assertEquals("Page 2 of 3", browser.findElement(By.cssSelector("#results [data-role=page]")).getText());
        assertEquals("Sample result 11 on electron del maestro", cells(rows("results-table").get(0)).get(0));
        assertEquals(next, browser.switchTo().activeElement(), "the keyboard stays on the button it pressed");

        next.sendKeys(Keys.ENTER);
        awaitSummary("Results 21–23 of 23 of query " + queryId + ".");
        assertEquals(3, rows("results-table").size());
        assertEquals("Sample result 23 on electron del maestro", cells(rows("results-table").get(2)).get(0));
        assertFalse(next.isEnabled(), "no page after the last");

        previous.click();
        awaitSummary("Results 11–20 of 23 of query " + queryId + ".");
        previous.click();
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        assertFalse(previous.isEnabled());
        assertRow(rows("results-table").get(0), 1);

        new Select(browser.findElement(By.id("results-per-page"))).selectByVisibleText("25");
        awaitSummary("Results 1–23 of 23 of query " + queryId + ".");
        assertEquals(23, rows("results-table").size());
        assertFalse(next.isEnabled());
    }

    @Test
    @Order(3)
    void aDeepLinkOpensThatQuerysResults() {
        open("/?query_id=" + queryId);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        assertRow(rows("results-table").get(0), 1);
        assertEquals("Results of query " + queryId + " — arXiv pipeline", browser.getTitle());
        assertEquals(suite.frontend + "/?query_id=" + queryId,
                browser.findElement(By.cssSelector("#results [data-role=share]")).getDomProperty("href"));
        for (String format : List.of("csv", "bibtex", "ris", "jsonl")) {
            assertEquals(suite.frontend + "/results?query_id=" + queryId + "&format=" + format,
                    browser.findElement(By.cssSelector("#results [data-format=" + format + "]")).getDomProperty("href"));
        }
        assertFalse(browser.findElement(By.cssSelector("#results [data-role=empty]")).isDisplayed());

        open("/?query_id=abc");
        WebElement alert = awaitText(By.cssSelector("#results [data-role=alert]"));
        assertEquals("Invalid input: 1 invalid field. query_id: must be an integer.", alert.getText());
        assertFalse(browser.findElement(By.cssSelector("#results [data-role=view]")).isDisplayed());
    }

    @Test
    @Order(4)
    void fieldErrorsAreShownNextToTheirFields() {
        open("/");
        WebElement form = browser.findElement(By.id("search-form"));
        WebElement max = form.findElement(By.name("max_results"));
        max.clear();
        max.sendKeys("0", Keys.ENTER);
        for (String field : List.of("author", "title", "journal")) {
            assertFieldError(form, field, "at least one of title, author, journal is required");
        }
        assertFieldError(form, "max_results", "must be between 1 and 2000");
        assertEquals(form.findElement(By.name("author")), browser.switchTo().activeElement(), "the first invalid field has the focus");

        // valid here, refused by the server: its field error comes back next to the field
        max.clear();
        max.sendKeys("5");
        form.findElement(By.name("title")).sendKeys("AND OR", Keys.ENTER);
        WebElement alert = awaitText(By.cssSelector("#search [data-role=alert]"));
        assertEquals("Invalid input: 1 invalid field.", alert.getText());
        assertFieldError(form, "title", "has no word to search for");
        assertNull(form.findElement(By.name("author")).getDomAttribute("aria-invalid"), "the other fields are valid");
        assertEquals(form.findElement(By.name("title")), browser.switchTo().activeElement());
        assertFalse(browser.findElement(By.id("search-answer")).isDisplayed());
        screenshot("field-error");
    }

    @Test
    @Order(5)
    void theHistoryOfARangeListsTheQueryOpensItAndDownloadsTheSameRange() throws Exception {
        open("/");
        ZonedDateTime now = ZonedDateTime.now(BROWSER_ZONE).truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime start = now.minusHours(1);
        ZonedDateTime end = now.plusHours(1);
        WebElement form = browser.findElement(By.id("history-form"));
        setValue(form.findElement(By.name("start_timestamp")), LOCAL_INPUT.format(start));
        setValue(form.findElement(By.name("end_timestamp")), LOCAL_INPUT.format(end));
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement download = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#history [data-role=download]")));
        String startIso = OFFSET_TIME.format(start);
        String endIso = OFFSET_TIME.format(end);
        assertTrue(startIso.endsWith("+05:30"), startIso);
        assertEquals(suite.frontend + "/queries?start_timestamp=" + encode(startIso) + "&end_timestamp=" + encode(endIso),
                download.getDomProperty("href"));

        WebElement row = rows("history-table").stream()
                .filter(r -> cells(r).get(0).equals(queryId)).findFirst().orElseThrow();
        List<String> cells = cells(row);
        assertEquals(QUERY, cells.get(2));
        assertEquals("25", cells.get(3));
        assertEquals("23", cells.get(4));
        String status = browser.findElement(By.cssSelector("#history [data-role=status]")).getText();
        assertTrue(status.matches("\\d+ quer(y|ies) in this range\\."), status);
        screenshot("history");

        // the link answers the range as an attachment, named after it in Unix seconds
        HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(URI.create(download.getDomProperty("href"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, file.statusCode());
        String name = "queries_" + start.toEpochSecond() + "_" + end.toEpochSecond() + ".json";
        assertEquals("attachment; filename=\"" + name + "\"", file.headers().firstValue("Content-Disposition").orElse(""));
        assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode history = JSON.readTree(file.body());
        assertTrue(history.findValuesAsText("query_id").contains(queryId), file.body());
        // and the browser saves it under that name
        download.click();
        Path saved = downloads.resolve(name);
        wait.until(driver -> Files.exists(saved));
        assertEquals(history, JSON.readTree(saved.toFile()));

        WebElement openButton = row.findElement(By.tagName("button"));
        assertEquals("Open results of query " + queryId, openButton.getAccessibleName());
        openButton.sendKeys(Keys.ENTER);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        assertEquals(suite.frontend + "/?query_id=" + queryId, browser.getCurrentUrl());
        assertEquals(browser.findElement(By.id("results")), browser.switchTo().activeElement());

        // the browser's back and forward buttons follow the addresses
        browser.navigate().back();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results [data-role=empty]")));
        assertEquals(suite.frontend + "/", browser.getCurrentUrl());
        assertFalse(browser.findElement(By.cssSelector("#results [data-role=view]")).isDisplayed());
        browser.navigate().forward();
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
    }

    @Test
    @Order(6)
    void aServerThatCannotBeReachedIsAReadableMessage() {
        open("/?query_id=" + queryId);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.setNetworkConditions(offline);
        try {
            browser.findElement(By.cssSelector("#results [data-role=next]")).click();
            WebElement alert = awaitText(By.cssSelector("#results [data-role=alert]"));
            assertEquals("The server cannot be reached: check the connection and try again.", alert.getText());
        } finally {
            browser.deleteNetworkConditions();
        }
        // the page shown stays, and the next try goes on from it
        assertEquals("Page 1 of 3", browser.findElement(By.cssSelector("#results [data-role=page]")).getText());
        browser.findElement(By.cssSelector("#results [data-role=next]")).click();
        awaitSummary("Results 11–20 of 23 of query " + queryId + ".");
    }

    @Test
    @Order(7)
    void movingToAnotherSectionKeepsThePageOfResultsShown() {
        open("/?query_id=" + queryId);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        browser.findElement(By.cssSelector("#results [data-role=next]")).click();
        awaitSummary("Results 11–20 of 23 of query " + queryId + ".");
        // the address changes (#search) but names the same query: nothing is loaded again
        Object busyAtHashChange = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.addEventListener('hashchange', () => done(document.getElementById('results').getAttribute('aria-busy')), {once: true});"
                + "document.querySelector('nav a[href=\"#search\"]').click();");
        assertEquals("false", busyAtHashChange);
        assertEquals(suite.frontend + "/?query_id=" + queryId + "#search", browser.getCurrentUrl());
        assertEquals("Page 2 of 3", browser.findElement(By.cssSelector("#results [data-role=page]")).getText());
    }

    @Test
    @Order(8)
    void onAPhoneWidthScreenNothingScrollsSideways() {
        // a phone's viewport (a desktop window cannot be made this narrow)
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE_WIDTH, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            open("/?query_id=" + queryId);
            awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
            assertEquals((long) PHONE_WIDTH, browser.executeScript("return window.innerWidth"));
            long pageWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth");
            assertTrue(pageWidth <= PHONE_WIDTH, "the page is " + pageWidth + " px wide");
            // the table keeps readable columns and scrolls sideways in its own region, which the keyboard reaches
            assertEquals(Boolean.TRUE, browser.executeScript(
                    "const region = document.querySelector('#results .table-scroll');"
                    + "return region.scrollWidth > region.clientWidth && region.tabIndex === 0"));
            // the form's fields stack in one column
            WebElement author = browser.findElement(By.name("author"));
            WebElement title = browser.findElement(By.name("title"));
            assertEquals(author.getLocation().getX(), title.getLocation().getX());
            assertTrue(title.getLocation().getY() > author.getLocation().getY());
            browser.executeScript("document.getElementById('results').scrollIntoView()");
            screenshot("phone");
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(9)
    void everythingThePageLoadsComesFromTheFrontendItself() {
        open("/?query_id=" + queryId);
        awaitSummary("Results 1–10 of 23 of query " + queryId + ".");
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name)");
        assertTrue(loaded.size() >= 8, loaded.toString());
        for (String url : loaded) {
            assertTrue(url.startsWith(suite.frontend + "/"), url);
        }
        assertTrue(loaded.contains(suite.frontend + "/js/main.js"), loaded.toString());
        assertTrue(loaded.contains(suite.frontend + "/app.css"), loaded.toString());
    }

    private static void open(String path) {
        browser.get(suite.frontend + path);
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
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

    private static String field(WebElement answer, String name) {
        return answer.findElement(By.cssSelector("[data-field=" + name + "]")).getText();
    }

    private static List<WebElement> rows(String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).collect(Collectors.toList());
    }

    /** Row n (1-based) as the arXiv stand-in answers it: a journal and a DOI on odd rows only. */
    private static void assertRow(WebElement row, int n) {
        String id = String.format("2401.%05dv1", n);
        List<WebElement> cells = row.findElements(By.tagName("td"));
        WebElement title = cells.get(0).findElement(By.tagName("a"));
        assertEquals("Sample result " + n + " on electron del maestro", title.getText());
        assertEquals("https://arxiv.org/abs/" + id, title.getDomProperty("href"));
        assertEquals("A. Sample, B. Example", cells.get(1).getText());
        boolean odd = n % 2 == 1;
        assertEquals(odd ? "Phys. Rev. B " + (99 + n) + ", " + n + " (2024)" : "", cells.get(2).getText());
        if (odd) {
            WebElement doi = cells.get(3).findElement(By.tagName("a"));
            String name = "10.1103/PhysRevB." + (99 + n) + "." + n;
            assertEquals(name, doi.getText());
            assertEquals("https://doi.org/" + name, doi.getDomProperty("href"));
        } else {
            assertEquals(List.of(), cells.get(3).findElements(By.tagName("a")));
        }
        assertEquals("cond-mat.str-el", cells.get(4).getText());
        assertEquals("2024-01-0" + (1 + (n - 1) % 9), cells.get(5).getText());
        assertEquals("2024-01-0" + (1 + (n - 1) % 9) + "T12:00:00Z",
                cells.get(5).findElement(By.tagName("time")).getDomAttribute("datetime"));
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
