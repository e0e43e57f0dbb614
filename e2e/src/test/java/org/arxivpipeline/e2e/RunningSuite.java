package org.arxivpipeline.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.arxivpipeline.launcher.Launcher;
import org.arxivpipeline.launcher.Options;

/**
 * The whole suite started by the launcher of {@code ./run.sh} on free ports, with the arXiv stand-in
 * and a fresh PostgreSQL in a temporary directory; stopped by {@link #stop()} or, failing that, when
 * the test JVM ends, so no process is left behind.
 */
final class RunningSuite {

    final Launcher launcher;
    final String frontend;
    final Path runDir;

    private RunningSuite(Launcher launcher, String frontend, Path runDir) {
        this.launcher = launcher;
        this.frontend = frontend;
        this.runDir = runDir;
    }

    static RunningSuite start(String name) throws Exception {
        return start(name, Map.of());
    }

    /** @param environment set for every service, over this JVM's environment */
    static RunningSuite start(String name, Map<String, String> environment) throws Exception {
        // the frontend on base, the backends on base+1..base+4 and base+6 (watches)
        return start(name, environment, List.of(), 7);
    }

    /**
     * @param options more of {@code ./run.sh}'s options (e.g. {@code --replicas 3})
     * @param portSpan how many consecutive ports from the base port the suite uses
     */
    static RunningSuite start(String name, Map<String, String> environment, List<String> options, int portSpan) throws Exception {
        return start(name, environment, options, portSpan, false);
    }

    /** @param supervised services that die are started again, as under {@code ./run.sh} */
    static RunningSuite start(String name, Map<String, String> environment, List<String> options, int portSpan, boolean supervised)
            throws Exception {
        Map<String, String> inherited = new HashMap<>(System.getenv());
        inherited.putAll(environment);
        Path root = projectRoot();
        Path runDir = Files.createTempDirectory("arxiv-" + name);
        int base = freeBasePort(portSpan);
        List<String> arguments = new java.util.ArrayList<>(List.of("--arxiv-stub", "--base-port", String.valueOf(base),
                "--db-port", String.valueOf(freePort()), "--stub-port", String.valueOf(freePort())));
        arguments.addAll(options);
        Launcher launcher = new Launcher(Options.parse(arguments), root, runDir, inherited);
        if (supervised) {
            launcher.supervised();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, name + "-suite-stop"));
        try {
            launcher.start();
        } catch (Exception e) {
            launcher.stop();
            throw e;
        }
        return new RunningSuite(launcher, "http://localhost:" + base, runDir);
    }

    void stop() {
        launcher.stop();
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("arxiv.project.root", "..")).toAbsolutePath().normalize();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port N with N..N+span-1 all free. */
    static int freeBasePort(int span) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            // below the kernel's ephemeral range (32768 and up here): no client socket, and no port freePort()
            // hands out, can take one of the suite's ports between this check and the services' start
            int base = 20000 + (int) (Math.random() * (12000 - span));
            boolean free = true;
            for (int p = base; p < base + span && free; p++) {
                try (ServerSocket ignored = new ServerSocket(p)) {
                    // free
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no " + span + " consecutive free ports");
    }
}
