/**
 * The one place where the suite reaches into Vert.x' internals: a bound on the time a client may take
 * to send its request line and headers (slow-client attacks), which neither Vert.x 4.5 nor Quarkus
 * offers as a setting (their idle timeouts restart with every byte). See
 * {@code docs/decisions/header-read-timeout.md}: what is used, why, and when to delete it.
 * {@code SlowClientsTest} (common) fails when these internals change.
 */
package org.arxivpipeline.common.http.netty;
