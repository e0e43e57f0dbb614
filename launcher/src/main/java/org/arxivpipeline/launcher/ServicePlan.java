package org.arxivpipeline.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which processes {@code ./run.sh} starts, on which ports, with which environment; no process is started
 * here. One instance of everything: frontend on the base port, the backends on base+1..base+4 and
 * backend-watches on base+6 (the contract's 8086; the frontend reaches each by its plain URL). With replicas
 * N &gt; 1: instance r (1..N) of the backend at offset k listens on base + 10·(r−1) + k, and two frontends,
 * on base and base+5, reach all of them through Stork static lists. base+10 (the arXiv stand-in's default)
 * is never one of them.
 */
public final class ServicePlan {

    /** The backends in start order. */
    static final List<String> BACKENDS = List.of("backend-arxiv-api", "backend-sequence", "backend-queries", "backend-results",
            "backend-watches");
    /** Their offsets from the base port (the contract's 8081..8084 and 8086; 8085 is the second frontend's). */
    private static final List<Integer> OFFSETS = List.of(1, 2, 3, 4, 6);
    /** The frontend's REST client config keys, one per backend (QUARKUS_REST_CLIENT_<KEY>_URL). */
    private static final List<String> CLIENT_KEYS = List.of("ARXIV_API", "SEQUENCE", "QUERIES", "RESULTS", "WATCHES");
    static final String FRONTEND = "frontend-service";
    /** Offset of the second frontend from the base port (between the backends' 1..4 and the stand-in's 10). */
    static final int SECOND_FRONTEND_OFFSET = 5;
    /** Ports between one replica of the backends and the next. */
    static final int REPLICA_STRIDE = 10;
    static final int FRONTENDS_WITH_REPLICAS = 2;

    /** One process: its name (also its log file's), the module whose jar it runs, its port and its environment. */
    public record Planned(String name, String module, int port, Map<String, String> environment) {

        /** The names of the environment only: it holds passwords. */
        @Override
        public String toString() {
            return "Planned[" + name + " (" + module + ") on " + port + ", environment " + new java.util.TreeSet<>(environment.keySet()) + "]";
        }
    }

    /** The schema owner: each backend applies its migrations as it (the contract's ARXIV_MIGRATION_USERNAME). */
    static final String MIGRATION_ROLE = "arxiv_owner";

    private ServicePlan() {
    }

    /**
     * @param dbBase {@code postgresql://host:port} of the suite's PostgreSQL
     * @param arxivUrl the arXiv stand-in, or null for the real arXiv
     * @param inherited what every service inherits (the launcher's environment)
     * @return the backends first (in start order), then the frontends
     */
    public static List<Planned> plan(int basePort, int replicas, String dbBase, String arxivUrl, Map<String, String> inherited) {
        return plan(basePort, replicas, dbBase, null, arxivUrl, inherited);
    }

    /** @param readDbBase {@code postgresql://host:port} of a read replica for backend-queries and backend-results, or null */
    public static List<Planned> plan(int basePort, int replicas, String dbBase, String readDbBase, String arxivUrl,
            Map<String, String> inherited) {
        return plan(basePort, replicas, dbBase, readDbBase, arxivUrl, inherited, Map.of());
    }

    /**
     * @param passwords role → password of the suite's PostgreSQL (the launcher's secrets): each backend gets
     *        its runtime role's (and arxiv_ro's for its reads where it has a read datasource) and the schema
     *        owner's for its migrations, through its environment, and no other; empty: the services keep what
     *        they inherit and their defaults (an external PostgreSQL, {@code --db-url})
     */
    public static List<Planned> plan(int basePort, int replicas, String dbBase, String readDbBase, String arxivUrl,
            Map<String, String> inherited, Map<String, String> passwords) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, not " + replicas);
        }
        List<Planned> planned = new ArrayList<>();
        List<List<Integer>> backendPorts = new ArrayList<>();
        for (int k = 0; k < BACKENDS.size(); k++) {
            String backend = BACKENDS.get(k);
            int offset = OFFSETS.get(k);
            List<Integer> ports = IntStream.range(0, replicas).mapToObj(r -> basePort + REPLICA_STRIDE * r + offset).toList();
            backendPorts.add(ports);
            for (int r = 0; r < replicas; r++) {
                planned.add(new Planned(replicas == 1 ? backend : backend + "-" + (r + 1), backend, ports.get(r),
                        backendEnvironment(backend, dbBase, readDbBase, arxivUrl, inherited, passwords)));
            }
        }
        Map<String, String> frontend = new HashMap<>(inherited);
        for (int k = 0; k < BACKENDS.size(); k++) {
            String backend = BACKENDS.get(k);
            String urlVariable = "QUARKUS_REST_CLIENT_" + CLIENT_KEYS.get(k) + "_URL";
            if (replicas == 1) {
                frontend.put(urlVariable, "http://localhost:" + backendPorts.get(k).get(0));
            } else {
                // the Stork service is named after the backend; QUARKUS_STORK_<NAME>_... is how Quarkus
                // spells quarkus.stork.<name>.… in the environment
                String stork = "QUARKUS_STORK_" + backend.toUpperCase().replace('-', '_') + "_";
                frontend.put(urlVariable, "stork://" + backend);
                frontend.put(stork + "SERVICE_DISCOVERY_TYPE", "static");
                frontend.put(stork + "SERVICE_DISCOVERY_ADDRESS_LIST",
                        backendPorts.get(k).stream().map(port -> "localhost:" + port).collect(Collectors.joining(",")));
                frontend.put(stork + "LOAD_BALANCER_TYPE", "least-response-time");
            }
        }
        if (replicas == 1) {
            planned.add(new Planned(FRONTEND, FRONTEND, basePort, Map.copyOf(frontend)));
        } else {
            planned.add(new Planned(FRONTEND + "-1", FRONTEND, basePort, Map.copyOf(frontend)));
            planned.add(new Planned(FRONTEND + "-2", FRONTEND, basePort + SECOND_FRONTEND_OFFSET, Map.copyOf(frontend)));
        }
        return List.copyOf(planned);
    }

    private static Map<String, String> backendEnvironment(String backend, String dbBase, String readDbBase, String arxivUrl,
            Map<String, String> inherited, Map<String, String> passwords) {
        Map<String, String> environment = new HashMap<>(inherited);
        if (!passwords.isEmpty()) {
            credentials(environment, "QUARKUS_DATASOURCE", role(backend), passwords);
            if (READ_DATASOURCE.contains(backend)) {
                credentials(environment, "READ_DATASOURCE", READ_ROLE, passwords);
            }
            credentials(environment, "ARXIV_MIGRATION", MIGRATION_ROLE, passwords);
        }
        switch (backend) {
            case "backend-arxiv-api" -> {
                // the arXiv pacing shared through PostgreSQL by every replica (role arxiv_pacing)
                environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", dbBase + "/arxiv");
                if (arxivUrl != null) {
                    environment.put("ARXIV_BASE_URL", arxivUrl);
                    environment.putIfAbsent("ARXIV_MIN_INTERVAL", "100ms");
                }
            }
            case "backend-sequence" -> environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", dbBase + "/arxiv_sequence");
            default -> {
                environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", dbBase + "/arxiv");
                if (readDbBase != null && READ_DATASOURCE.contains(backend)) {
                    environment.put("READ_DATASOURCE_URL", readDbBase + "/arxiv");
                }
            }
        }
        return Map.copyOf(environment);
    }

    /** The backends with a read datasource (READ_DATASOURCE_*, role arxiv_ro by default). */
    private static final java.util.Set<String> READ_DATASOURCE = java.util.Set.of("backend-queries", "backend-results");
    static final String READ_ROLE = "arxiv_ro";

    /** The runtime role of a backend's (read-write) datasource, as its application.properties names it. */
    static String role(String backend) {
        return switch (backend) {
            case "backend-arxiv-api" -> "arxiv_pacing";
            case "backend-sequence" -> "arxiv_sequence";
            case "backend-queries", "backend-results" -> "arxiv_rw";
            case "backend-watches" -> "arxiv_watches";
            default -> throw new IllegalArgumentException("No database role for " + backend);
        };
    }

    /** {@code <PREFIX>_USERNAME} and {@code <PREFIX>_PASSWORD}: a user and its password always set together. */
    private static void credentials(Map<String, String> environment, String prefix, String role, Map<String, String> passwords) {
        String password = passwords.get(role);
        if (password == null) {
            throw new IllegalArgumentException("No password for role " + role);
        }
        environment.put(prefix + "_USERNAME", role);
        environment.put(prefix + "_PASSWORD", password);
    }
}
