package org.arxivpipeline.common.schema;

/** The JDBC form of a reactive datasource URL, so that a deployment sets the database's address once. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    /**
     * {@code postgresql://host:port/db?x=y} (also with Quarkus' {@code vertx-reactive:} prefix, or as
     * {@code postgres://}) → {@code jdbc:postgresql://host:port/db?x=y}.
     */
    static String fromReactive(String reactiveUrl) {
        String url = reactiveUrl.strip();
        if (url.startsWith("vertx-reactive:")) {
            url = url.substring("vertx-reactive:".length());
        }
        if (url.startsWith("jdbc:")) {
            return url;
        }
        if (url.startsWith("postgres://")) {
            url = "postgresql://" + url.substring("postgres://".length());
        }
        if (!url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("Not a PostgreSQL URL: " + reactiveUrl);
        }
        return "jdbc:" + url;
    }
}
