package org.arxivpipeline.dbtools;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * JDBC connections through the PostgreSQL driver itself rather than {@code DriverManager}: in a test JVM that
 * also runs {@code @QuarkusTest}s, the driver may have been registered from a Quarkus class loader, and
 * {@code DriverManager} then refuses it to plain tests with "No suitable driver" (it depends on test order).
 */
public final class Jdbc {

    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private Jdbc() {
    }

    public static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = DRIVER.connect(url, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + url);
        }
        return connection;
    }
}
