package org.arxivpipeline.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.JavascriptExecutor;

/**
 * The automated accessibility check: axe-core, from the npm registry ({@code npm pack}, once, into
 * {@code e2e/target/axe-core}), run inside the test browser on the page as it is.
 */
final class Accessibility {

    static final String AXE_VERSION = "4.10.2";
    private static final Path HOME = RunningSuite.projectRoot().resolve("e2e/target/axe-core");
    private static String source;

    private Accessibility() {
    }

    /** Every violation of impact serious or critical on the page: "rule (impact): help — targets". */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(JavascriptExecutor browser) {
        browser.executeScript(source());
        List<String> found = (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(results => done(results.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '))),
                    error => done(['axe failed: ' + error]));
                """);
        return new ArrayList<>(found);
    }

    private static synchronized String source() {
        if (source == null) {
            try {
                source = Files.readString(fetched());
            } catch (IOException e) {
                throw new IllegalStateException("axe-core " + AXE_VERSION + " could not be read", e);
            }
        }
        return source;
    }

    /** axe.min.js of the pinned version, fetched with the machine's npm when not there yet. */
    private static Path fetched() throws IOException {
        Path script = HOME.resolve("package/axe.min.js");
        if (Files.exists(script)) {
            return script;
        }
        Files.createDirectories(HOME);
        run(List.of("npm", "pack", "axe-core@" + AXE_VERSION, "--silent"));
        run(List.of("tar", "xzf", "axe-core-" + AXE_VERSION + ".tgz"));
        if (!Files.exists(script)) {
            throw new IllegalStateException("npm pack axe-core@" + AXE_VERSION + " gave no " + script);
        }
        return script;
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                    .redirectOutput(HOME.resolve("npm.log").toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed (the accessibility check needs npm and its "
                        + "registry): " + Files.readString(HOME.resolve("npm.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
