package org.arxivpipeline.testsupport;

import org.arxivpipeline.dbtools.LocalPostgres;

/** The embedded PostgreSQL of the tests: a {@link LocalPostgres} in a temporary directory, on a free port. */
final class EmbeddedServer implements PostgresServer {

    private final LocalPostgres postgres = new LocalPostgres();

    @Override
    public String host() {
        return postgres.host();
    }

    @Override
    public int port() {
        return postgres.port();
    }

    @Override
    public String superuser() {
        return postgres.superuser();
    }

    @Override
    public String superuserPassword() {
        return postgres.superuserPassword();
    }

    @Override
    public void stop() {
        postgres.stop();
    }

    @Override
    public void start() {
        postgres.start();
    }

    @Override
    public void destroy() {
        postgres.destroy();
    }
}
