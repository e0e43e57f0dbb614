package org.arxivpipeline.common.schema;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.problem.Failures;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Brings this service's tables to the version its code needs, when the service starts: Flyway, over one
 * JDBC connection as the schema owner ({@link MigrationConfig}), with the service's own migrations and its
 * own history table. The runtime pool keeps its least-privilege role. This is the one place where a
 * service blocks a thread on the database, deliberately: on the main thread during start-up, so that the
 * first request finds its tables.
 * <p>
 * A database that cannot be reached does not stop the service: it starts not ready, and the migration is
 * tried again every {@link MigrationConfig#retryInterval()} until it succeeds. A migration that fails (bad
 * SQL, a checksum that no longer matches) is not tried again: Flyway ran it in a transaction, so the schema
 * stays at the previous version, the log and readiness say which migration failed and why, and the service
 * stays not ready until it is fixed and restarted. Replicas starting at once migrate one after another
 * ({@link Migrations#migrateExclusively}): the first migrates, the others find nothing left to do.
 * <p>
 * With {@link MigrationConfig#atStart()} off, nothing is changed: the service reads its history table (as its
 * runtime role, which the first migration lets read it) and stays not ready while the schema is behind.
 */
@Singleton
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    @Inject
    MigrationConfig config;

    /** The primary datasource: the database to migrate, and the runtime role (for the check when migration is off). */
    @Inject
    PrimaryDatasourceConfig datasource;

    private volatile SchemaState state = new SchemaState.Starting();
    private ScheduledExecutorService retries;

    void migrateAtStart(@Observes StartupEvent started) {
        Optional<String> jdbcUrl = config.jdbcUrl()
                .or(() -> datasource.configured() ? datasource.reactive().url().map(JdbcUrls::fromReactive) : Optional.empty());
        if (jdbcUrl.isEmpty()) {
            state = new SchemaState.NoDatabase();
            return;
        }
        if (!attempt(jdbcUrl.get())) {
            retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "schema-migration-retry");
                thread.setDaemon(true);
                return thread;
            });
            long every = config.retryInterval().toMillis();
            retries.scheduleWithFixedDelay(() -> {
                if (attempt(jdbcUrl.get())) {
                    retries.shutdown();
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Where the schema stands now, for readiness. */
    public SchemaState state() {
        return state;
    }

    /** Whether the service may be ready without its database (see {@link MigrationConfig#optional()}). */
    public boolean databaseOptional() {
        return config.optional();
    }

    /** One try; answers whether it is settled (true also for a failed migration, which is not tried again). */
    boolean attempt(String jdbcUrl) {
        try {
            SchemaState before = state;
            state = config.atStart() ? migrate(jdbcUrl) : check(jdbcUrl);
            if (state instanceof SchemaState.Behind behind) {
                // looked at again until the separate migration has run; said once per version found
                if (!behind.equals(before)) {
                    LOG.error("Schema not ready: " + behind.describe());
                }
                return false;
            }
            LOG.infof("Schema %s (%s)", state.describe(), config.table());
            return true;
        } catch (SQLException notConnected) { // no connection, or another replica's migration held the lock too long
            unreachable(notConnected);
            return false;
        } catch (RuntimeException e) { // FlywayException mostly; anything else is as much a failed migration
            if (Unreachable.is(e)) {
                unreachable(e);
                return false;
            }
            state = new SchemaState.Failed(currentVersion(jdbcUrl), String.valueOf(e.getMessage()));
            LOG.error("Migration failed, this service stays not ready: " + state.describe());
            return true;
        }
    }

    private void unreachable(Exception e) {
        boolean first = !(state instanceof SchemaState.Unreachable);
        state = new SchemaState.Unreachable(Unreachable.reason(e));
        if (first) {
            LOG.warnf("Schema not checked yet, the database cannot be reached (tried again every %s): %s",
                    config.retryInterval(), state.describe());
        }
    }

    private SchemaState migrate(String jdbcUrl) throws SQLException {
        Flyway flyway = flyway(jdbcUrl, config.username(), config.password());
        MigrateResult result = Migrations.migrateExclusively(flyway, jdbcUrl, config.username(), config.password(), config.table(),
                config.lockWait());
        if (result.migrationsExecuted > 0) {
            // a key event for an operator: said at NOTICE, the services' default level
            Notice.log(SchemaMigrator.class, "Applied %d migration(s) to %s (%s): %s -> %s", result.migrationsExecuted, result.database,
                    config.table(), Optional.ofNullable(result.initialSchemaVersion).orElse("empty"), result.targetSchemaVersion);
        }
        return new SchemaState.Current(versionAfter(result));
    }

    /**
     * The schema's version once {@code result}'s migration is done, read from the result rather than from a
     * second pass over the history at every start: the last version applied, or, when there was nothing to
     * apply, the version found.
     */
    static String versionAfter(MigrateResult result) {
        return shown(result.migrationsExecuted > 0 ? result.targetSchemaVersion : result.initialSchemaVersion);
    }

    /** A version as readiness says it: "none" before the first migration (nothing, or only the baseline 0). */
    private static String shown(String version) {
        return version == null || MigrationVersion.fromVersion("0").equals(MigrationVersion.fromVersion(version)) ? "none" : version;
    }

    private SchemaState check(String jdbcUrl) throws SQLException {
        String user = datasource.username().orElse(config.username());
        String password = datasource.password().orElse(config.password());
        // a connection first: failing here is "not reachable yet", tried again, not a failed check
        Migrations.connect(jdbcUrl, user, password).close();
        MigrationInfoService info = flyway(jdbcUrl, user, password).info();
        String current = versionOf(info);
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            return new SchemaState.Behind(current, pending[pending.length - 1].getVersion().toString());
        }
        return new SchemaState.Current(current);
    }

    private String currentVersion(String jdbcUrl) {
        try {
            return versionOf(flyway(jdbcUrl, config.username(), config.password()).info());
        } catch (FlywayException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String versionOf(MigrationInfoService info) {
        MigrationInfo current = info.current();
        return shown(current == null || current.getVersion() == null ? null : current.getVersion().toString());
    }

    private Flyway flyway(String jdbcUrl, String user, String password) {
        return Migrations.flyway(jdbcUrl, user, password, config.locations(), config.table(), config.lockWait());
    }

    @PreDestroy
    void stop() {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    /** The database could not be reached at all (as opposed to a migration that ran and failed). */
    static final class Unreachable {

        private Unreachable() {
        }

        /**
         * Refused, unknown host, no route or too slow to connect ({@link Failures}), or PostgreSQL itself
         * refusing the connection: starting up, the database or the role not made yet, a password not set yet.
         */
        static boolean is(Throwable e) {
            return Failures.isUnreachable(e) || Failures.isTimeout(e) || Failures.any(e, cause -> cause instanceof SQLException sql
                    && sql.getSQLState() != null && (sql.getSQLState().startsWith("08") || REFUSED_AT_CONNECT.contains(sql.getSQLState())));
        }

        /** cannot_connect_now, invalid_catalog_name, invalid_password, invalid_authorization_specification. */
        private static final java.util.Set<String> REFUSED_AT_CONNECT = java.util.Set.of("57P03", "3D000", "28P01", "28000");

        static String reason(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
    }

}
