package org.arxivpipeline.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.arxivpipeline.dbtools.Jdbc;
import org.arxivpipeline.dbtools.PsqlScript;

/**
 * The one real PostgreSQL of a test JVM, with {@code db/} applied exactly as a deployment applies it.
 * Testcontainers' PostgreSQL where a Docker engine runs, otherwise an embedded PostgreSQL; choose with
 * {@code ARXIV_TEST_PG=auto|embedded|testcontainers} (default {@code auto}).
 * <p>
 * Quarkus may load this class in more than one class loader, so the running server is published
 * through system properties (its address, and a {@code Consumer<String>} that stops and starts it),
 * never through a static field: every loader sees the same single server.
 */
public final class TestPostgres {

    private static final String HOST = "arxivtest.pg.host";
    private static final String PORT = "arxivtest.pg.port";
    private static final String USER = "arxivtest.pg.user";
    private static final String PASSWORD = "arxivtest.pg.password";
    private static final String CONTROL = "arxivtest.pg.control";
    private static final String IMAGE = "postgres:17-alpine";

    private final String host;
    private final int port;
    private final String superuser;
    private final String superuserPassword;

    private TestPostgres(String host, int port, String superuser, String superuserPassword) {
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    /** The running server, started (and {@code db/} applied) on first use. */
    public static synchronized TestPostgres get() {
        if (System.getProperty(PORT) == null) {
            launch();
        }
        return new TestPostgres(System.getProperty(HOST), Integer.parseInt(System.getProperty(PORT)),
                System.getProperty(USER), System.getProperty(PASSWORD));
    }

    private static void launch() {
        String mode = System.getProperty("arxivtest.pg", System.getenv().getOrDefault("ARXIV_TEST_PG", "auto"));
        boolean containers = switch (mode) {
            case "testcontainers" -> true;
            case "embedded" -> false;
            default -> dockerLikely() && ContainerPostgresServer.dockerAvailable();
        };
        PostgresServer server = containers ? new ContainerPostgresServer(IMAGE) : new EmbeddedServer();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "test-postgres-shutdown"));
        TestPostgres handle = new TestPostgres(server.host(), server.port(), server.superuser(), server.superuserPassword());
        handle.applySchema(dbDirectory());
        Consumer<String> control = action -> {
            if (action.equals("stop")) {
                server.stop();
            } else {
                server.start();
            }
        };
        Properties properties = System.getProperties();
        properties.put(CONTROL, control);
        System.setProperty(HOST, server.host());
        System.setProperty(USER, server.superuser());
        System.setProperty(PASSWORD, server.superuserPassword());
        System.setProperty(PORT, String.valueOf(server.port()));
    }

    /** Applies every file of {@code db/} to this server, as {@code psql -f} would. */
    public void applySchema(Path dbDirectory) {
        PsqlScript.applyDirectory(dbDirectory, this::connect, System.getenv());
    }

    /** The project's {@code db/} folder: {@code -Darxivtest.db-dir}, or found upwards from the working directory. */
    public static Path dbDirectory() {
        String configured = System.getProperty("arxivtest.db-dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("db/00_roles.sql"))) {
                return dir.resolve("db");
            }
        }
        throw new IllegalStateException("No db/ folder found from " + Path.of("").toAbsolutePath());
    }

    private static boolean dockerLikely() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The URL form of {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A superuser connection to {@code database}. */
    public Connection connect(String database) {
        return connect(database, superuser, superuserPassword);
    }

    public Connection connect(String database, String user, String password) {
        try {
            return Jdbc.connect(jdbcUrl(database), user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + database + " as " + user + ": " + e.getMessage(), e);
        }
    }

    /** Runs statements as the superuser. */
    public void execute(String database, String... statements) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Empties tables of database {@code arxiv} so a test starts from a known state. */
    public void truncate(String... tables) {
        execute("arxiv", "TRUNCATE " + String.join(", ", tables));
    }

    /** The first column of the first row, as a long. */
    public long queryLong(String database, String sql, Object... parameters) {
        List<Map<String, Object>> rows = query(database, sql, parameters);
        Object value = rows.get(0).values().iterator().next();
        return ((Number) value).longValue();
    }

    /** Every row, as column name → value. */
    public List<Map<String, Object>> query(String database, String sql, Object... parameters) {
        try (Connection connection = connect(database); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Stops the server: the services see their database go away. */
    public void stopServer() {
        control().accept("stop");
    }

    /** Starts it again at the same address with the same data. */
    public void startServer() {
        control().accept("start");
    }

    @SuppressWarnings("unchecked")
    private static Consumer<String> control() {
        return (Consumer<String>) System.getProperties().get(CONTROL);
    }

    static void awaitConnectable(PostgresServer server) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres";
        while (true) {
            try (Connection ignored = Jdbc.connect(url, server.superuser(), server.superuserPassword())) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not come back", e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }
}
