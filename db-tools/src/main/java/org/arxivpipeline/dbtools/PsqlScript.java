package org.arxivpipeline.dbtools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Applies the {@code db/} scripts over JDBC where no {@code psql} exists, as {@code psql -v
 * ON_ERROR_STOP=1 -f} would: statements split on {@code ;} outside quotes, dollar quotes and comments,
 * and the psql meta-commands the scripts use — {@code \set}, {@code \getenv}, {@code \connect}
 * ({@code \c}), {@code \echo}, {@code \gexec} — with {@code :'var'}, {@code :"var"} and {@code :var}
 * interpolation. Any other meta-command is refused rather than silently skipped (see
 * docs/decisions/psql-interpreter.md); the first failing statement stops it. An error names the statement as
 * the script wrote it, before interpolation, so that a password from the environment is never shown.
 */
public final class PsqlScript {

    private final Function<String, Connection> connector;
    private final Map<String, String> environment;
    private final Map<String, String> variables = new HashMap<>();
    private Connection connection;

    /**
     * @param connector opens a superuser connection to the named database
     * @param firstDatabase the database the scripts start in ({@code postgres})
     * @param environment what {@code \getenv} reads
     */
    public PsqlScript(Function<String, Connection> connector, String firstDatabase, Map<String, String> environment) {
        this.connector = connector;
        this.environment = environment;
        this.connection = connector.apply(firstDatabase);
    }

    /** One script: its name (for messages) and its text. */
    public record Script(String name, String text) {
    }

    /** Applies every {@code *.sql} file of {@code dir} in file-name order, then closes the connection. */
    public static void applyDirectory(Path dir, Function<String, Connection> connector, Map<String, String> environment) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dir, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("No .sql file in " + dir);
        }
        List<Script> scripts = new ArrayList<>();
        for (Path file : files) {
            try {
                scripts.add(new Script(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
        }
        applyScripts(scripts, connector, environment);
    }

    /**
     * Applies {@code scripts} in their order, each as a separate {@code psql -f} run would (it starts in
     * database {@code postgres} with no variables), then closes the connection.
     */
    public static void applyScripts(List<Script> scripts, Function<String, Connection> connector, Map<String, String> environment) {
        PsqlScript script = new PsqlScript(connector, "postgres", environment);
        try {
            for (Script each : scripts) {
                script.reconnect("postgres");
                script.variables.clear();
                try {
                    script.run(each.text());
                } catch (RuntimeException e) {
                    throw new IllegalStateException(each.name() + ": " + e.getMessage(), e);
                }
            }
        } finally {
            script.close();
        }
    }

    public void apply(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
        try {
            run(text);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Runs a script text. */
    public void run(String text) {
        // the statement to run, and the same as the script wrote it (variables not replaced) for messages
        StringBuilder statement = new StringBuilder();
        StringBuilder written = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                String command = text.substring(i + 1, end).strip();
                if (statement.toString().isBlank()) {
                    meta(command);
                } else if (command.equals("gexec")) {
                    gexec(statement.toString().strip(), written.toString().strip());
                } else {
                    throw new IllegalStateException("psql meta-command \\" + command.split("\\s+")[0]
                            + " inside a statement (only \\gexec may end one): " + written.toString().strip());
                }
                statement.setLength(0);
                written.setLength(0);
                i = end;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = skipBlockComment(text, i);
            } else if (c == '\'' || c == '"' || (c == '$' && dollarTag(text, i) != null)) {
                int end = c == '$' ? closingDollar(text, i) : closing(text, i, c);
                statement.append(text, i, end);
                written.append(text, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && isVariableStart(text, i)) {
                int end = interpolate(text, i, statement);
                written.append(text, i, end);
                i = end;
            } else if (c == ';') {
                execute(statement.toString().strip(), written.toString().strip());
                statement.setLength(0);
                written.setLength(0);
                i++;
            } else {
                statement.append(c);
                written.append(c);
                i++;
            }
        }
        if (!statement.toString().isBlank()) {
            throw new IllegalStateException("statement without a closing ';': " + written.toString().strip());
        }
    }

    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing after the work is done
        }
    }

    private void meta(String command) {
        String[] words = command.split("\\s+", 3);
        switch (words[0]) {
            case "set" -> {
                if (words.length < 2) {
                    throw new IllegalStateException("\\set without a name");
                }
                variables.put(words[1], words.length > 2 ? unquote(words[2]) : "");
            }
            case "getenv" -> {
                if (words.length < 3) {
                    throw new IllegalStateException("\\getenv needs a variable and an environment name");
                }
                String value = environment.get(words[2].strip());
                if (value != null) {
                    variables.put(words[1], value);
                }
            }
            case "connect", "c" -> {
                if (words.length < 2) {
                    throw new IllegalStateException("\\connect without a database");
                }
                reconnect(unquote(words[1]));
            }
            // psql would send the previous query again; the scripts never need that
            case "gexec" -> throw new IllegalStateException("\\gexec without a query before it");
            case "echo" -> System.out.println(words.length > 1 ? command.substring(command.indexOf(' ') + 1) : "");
            default -> throw new IllegalStateException("unsupported psql meta-command \\" + words[0]);
        }
    }

    private void reconnect(String database) {
        close();
        connection = connector.apply(database);
    }

    private void execute(String sql, String written) {
        if (sql.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + written, e);
        }
    }

    /**
     * psql's {@code \\gexec}: runs the query, then every value of its answer (row by row, left to right;
     * nulls skipped) as a statement of its own, outside any transaction ({@code CREATE DATABASE} may be one).
     */
    private void gexec(String query, String written) {
        List<String> generated = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(query)) {
                try (ResultSet rows = statement.getResultSet()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            String value = rows.getString(column);
                            if (value != null) {
                                generated.add(value);
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + written, e);
        }
        for (String sql : generated) {
            execute(sql, sql);
        }
    }

    private boolean isVariableStart(String text, int i) {
        char next = text.charAt(i + 1);
        boolean afterColon = i > 0 && text.charAt(i - 1) == ':';
        return !afterColon && next != ':' && (next == '\'' || next == '"' || Character.isLetter(next) || next == '_');
    }

    private int interpolate(String text, int i, StringBuilder out) {
        char next = text.charAt(i + 1);
        if (next == '\'' || next == '"') {
            int end = text.indexOf(next, i + 2);
            if (end < 0) {
                throw new IllegalStateException("unterminated variable reference");
            }
            String name = text.substring(i + 2, end);
            String value = variables.get(name);
            if (value == null) {
                out.append(text, i, end + 1);
            } else if (next == '\'') {
                out.append(literal(value));
            } else {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            }
            return end + 1;
        }
        int end = i + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        String value = variables.get(text.substring(i + 1, end));
        out.append(value == null ? text.substring(i, end) : value);
        return end;
    }

    private static String literal(String value) {
        String quoted = value.replace("'", "''");
        return value.indexOf('\\') >= 0 ? "E'" + quoted.replace("\\", "\\\\") + "'" : "'" + quoted + "'";
    }

    private static String unquote(String word) {
        String w = word.strip();
        if (w.length() >= 2 && w.startsWith("'") && w.endsWith("'")) {
            return w.substring(1, w.length() - 1).replace("''", "'");
        }
        return w;
    }

    private static int closing(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalStateException("unterminated quote " + quote);
    }

    private static int skipBlockComment(String text, int start) {
        int depth = 0;
        int i = start;
        while (i < text.length() - 1) {
            if (text.charAt(i) == '/' && text.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (text.charAt(i) == '*' && text.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw new IllegalStateException("unterminated block comment");
    }

    private static int closingDollar(String text, int start) {
        String tag = dollarTag(text, start);
        int close = text.indexOf(tag, start + tag.length());
        if (close < 0) {
            throw new IllegalStateException("unterminated dollar quote " + tag);
        }
        return close + tag.length();
    }

    /** {@code $$} or {@code $tag$} starting at {@code i}, or null. */
    private static String dollarTag(String text, int i) {
        int j = i + 1;
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
            j++;
        }
        if (j < text.length() && text.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(text.charAt(i + 1)))) {
            return text.substring(i, j + 1);
        }
        return null;
    }

}
