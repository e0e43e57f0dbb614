package org.arxivpipeline.testsupport;

/** A real PostgreSQL server for tests, that can be stopped and started again on the same address with its data. */
interface PostgresServer {

    String host();

    int port();

    String superuser();

    String superuserPassword();

    /** Stops the server (an outage, as the services see it). */
    void stop();

    /** Starts it again on the same host and port with the same data. */
    void start();

    /** Stops it for good and removes its data. */
    void destroy();
}
