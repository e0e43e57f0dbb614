package org.arxivpipeline.launcher;

import java.util.List;

/** The command line of {@code ./run.sh}. */
public record Options(boolean help, boolean arxivStub, String dbUrl, int basePort, int dbPort, int stubPort, int replicas,
        boolean readReplica) {

    /** The most instances of each backend {@code --replicas} starts (each one a JVM). */
    static final int MAX_REPLICAS = 9;

    static final String USAGE = """
            Usage: ./run.sh [options]

            Starts the whole arxiv-pipeline suite on this machine: an embedded PostgreSQL (data kept in
            .run/pgdata, the bootstrap db/ applied at every start), then the six services. Ctrl-C stops
            all of it. Every connection to that PostgreSQL needs a password: the first start makes random
            ones for this installation in .run/secrets.properties (owner-only) and hands each service its own.

              --arxiv-stub        answer searches from a local arXiv stand-in with sample feeds
                                  (offline, instant) instead of the real arXiv
              --db-url URL        use an existing PostgreSQL (postgresql://host:port, db/ already
                                  applied) instead of the embedded one; the services' passwords
                                  then come from the environment they inherit, as in a deployment
              --base-port N       frontend on N, backends on N+1..N+4 and N+6 (default 8080)
              --db-port N         port of the embedded PostgreSQL (default 54329)
              --stub-port N       port of the arXiv stand-in (default: base port + 10)
              --replicas N        N instances (1..9, default 1) of each backend: instance r of the
                                  backend on port B (B = base+1..base+4, base+6) listens on B + 10*(r-1);
                                  two frontends, on the base port and base port + 5, share the calls
                                  among all of them (Stork static lists) and step over a dead one
              --read-replica      also a streaming read replica of the embedded PostgreSQL (on the
                                  database port + 1, made afresh at each start); backend-queries and
                                  backend-results read from it (READ_DATASOURCE_URL)
              --help              this text

            The environment is passed to the services: LOG_LEVEL, ARXIV_MIN_INTERVAL, ... (docs/configuration.md).
            Logs: .run/logs/<service>.log
            """;

    public static Options parse(List<String> args) {
        boolean help = false;
        boolean stub = false;
        String dbUrl = null;
        int basePort = 8080;
        int dbPort = 54329;
        Integer stubPort = null;
        int replicas = 1;
        boolean readReplica = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--arxiv-stub" -> stub = true;
                case "--db-url" -> dbUrl = value(args, ++i, arg);
                case "--base-port" -> basePort = port(value(args, ++i, arg), arg);
                case "--db-port" -> dbPort = port(value(args, ++i, arg), arg);
                case "--stub-port" -> stubPort = port(value(args, ++i, arg), arg);
                case "--replicas" -> replicas = replicas(value(args, ++i, arg));
                case "--read-replica" -> readReplica = true;
                default -> throw new IllegalArgumentException("Unknown option " + arg + " (see --help)");
            }
        }
        if (dbUrl != null && !dbUrl.matches("postgresql://[^/\\s:]+:\\d{1,5}/?")) {
            throw new IllegalArgumentException("--db-url must look like postgresql://host:port");
        }
        if (dbUrl != null && readReplica) {
            throw new IllegalArgumentException("--read-replica replicates the embedded PostgreSQL; with --db-url, give the services READ_DATASOURCE_URL");
        }
        return new Options(help, stub, dbUrl == null ? null : dbUrl.replaceAll("/$", ""), basePort, dbPort,
                stubPort == null ? basePort + 10 : stubPort, replicas, readReplica);
    }

    private static int replicas(String text) {
        try {
            int replicas = Integer.parseInt(text);
            if (replicas < 1 || replicas > MAX_REPLICAS) {
                throw new NumberFormatException();
            }
            return replicas;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--replicas must be a number from 1 to " + MAX_REPLICAS + ", not " + text);
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int port(String text, String option) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number, not " + text);
        }
    }
}
