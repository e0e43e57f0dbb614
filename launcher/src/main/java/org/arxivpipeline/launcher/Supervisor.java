package org.arxivpipeline.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts again a service that died (a crash, an out-of-memory exit, a kill), as Kubernetes and compose'
 * {@code restart:} do: after 1 s, then twice as long after each death in a row, at most 30 s; a start
 * that ran for a minute counts as healthy and the next death waits 1 s again. Each death and restart is
 * said on the console and in the log. Services stopped by the launcher itself are left alone.
 */
final class Supervisor {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration HEALTHY_RUN = Duration.ofMinutes(1);
    private static final Duration LOOK_EVERY = Duration.ofMillis(250);

    private final List<ServiceProcess> services;
    private final PrintStream console;
    private final Map<ServiceProcess, Duration> backoff = new HashMap<>();
    private final Map<ServiceProcess, Long> restartAt = new HashMap<>();
    private volatile boolean running = true;
    private Thread thread;

    Supervisor(List<ServiceProcess> services, PrintStream console) {
        this.services = List.copyOf(services);
        this.console = console;
    }

    void start() {
        thread = new Thread(this::watch, "arxiv-pipeline-supervisor");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The wait before the next start of a service that died after running {@code uptime}, given the previous wait. */
    static Duration nextBackoff(Duration previous, Duration uptime) {
        if (previous == null || uptime.compareTo(HEALTHY_RUN) >= 0) {
            return FIRST_BACKOFF;
        }
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private void watch() {
        while (running) {
            for (ServiceProcess service : services) {
                if (running) {
                    look(service);
                }
            }
            try {
                Thread.sleep(LOOK_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void look(ServiceProcess service) {
        if (!service.died()) {
            return;
        }
        Long due = restartAt.get(service);
        if (due == null) {
            Duration wait = nextBackoff(backoff.get(service), service.uptime());
            backoff.put(service, wait);
            restartAt.put(service, System.nanoTime() + wait.toNanos());
            console.printf("%s exited with %d after %d s (see %s); starting it again in %d s%n", service.name, service.exitCode(),
                    service.uptime().toSeconds(), service.log(), wait.toSeconds());
            return;
        }
        if (System.nanoTime() - due < 0) {
            return;
        }
        restartAt.remove(service);
        try {
            service.startAgain();
            console.printf("%s started again%n", service.name);
        } catch (IOException | RuntimeException e) {
            console.printf("%s could not be started again: %s%n", service.name, e.getMessage());
        }
    }
}
