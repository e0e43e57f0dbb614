package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** The root's wait-for script, run by sh as compose runs it. */
class WaitForTest {

    private static final Path SCRIPT = Path.of("..", "wait-for").toAbsolutePath().normalize();

    private record Run(int status, String output) {
    }

    private static Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "wait-for did not end");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anOpenPortIsReadyAndTheCommandRunsAfterIt(@TempDir Path dir) throws Exception {
        try (ServerSocket open = new ServerSocket(0)) {
            Path marker = dir.resolve("ran");
            Run run = run("127.0.0.1:" + open.getLocalPort(), "-t", "5", "--", "sh", "-c", "echo done > " + marker + "; exit 3");
            assertEquals(3, run.status(), run.output());
            assertEquals("done", Files.readString(marker).strip());
        }
    }

    @Test
    void aClosedPortTimesOutWithStatusOne(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        long start = System.nanoTime();
        Run run = run("127.0.0.1:" + closedPort(), "-t", "2", "--", "touch", marker.toString());
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("timed out"), run.output());
        assertTrue(!Files.exists(marker), "the command must not run after a timeout");
        assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void urlModeWaitsForA2xx() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/down", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(0, run(base + "/ready", "-t", "5").status());
            assertEquals(1, run(base + "/down", "-t", "2", "-q").status());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badUsageIsStatusTwo() throws Exception {
        assertEquals(2, run().status());
        assertEquals(2, run("no-port-here").status());
        assertEquals(2, run("localhost:80", "-t", "soon").status());
    }
}
