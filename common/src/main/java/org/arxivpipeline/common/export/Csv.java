package org.arxivpipeline.common.export;

/**
 * Rows of RFC 4180 CSV: cells separated by commas, rows ended by CRLF, a cell quoted when it holds a comma,
 * a quote or a line break (its quotes doubled). A cell that starts with {@code =}, {@code +}, {@code -} or
 * {@code @} is prefixed with {@code '}, so that a spreadsheet shows it as text instead of running it as a
 * formula (CSV injection).
 */
public final class Csv {

    private Csv() {
    }

    /** Appends {@code cells} as one row; a null cell is an empty one. */
    public static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            cell(out, cells[i]);
        }
        out.append("\r\n");
    }

    private static void cell(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        char first = value.charAt(0);
        String text = first == '=' || first == '+' || first == '-' || first == '@' ? "'" + value : value;
        if (!needsQuotes(text)) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
