package org.arxivpipeline.results.mapping;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.arxivpipeline.common.model.StoredResult;

/**
 * Results as BibTeX, one {@code @misc} entry per paper version in arXiv's own style ({@code title},
 * {@code author} joined by " and ", {@code year}, {@code eprint}, {@code archivePrefix = {arXiv}},
 * {@code primaryClass}, {@code doi}, {@code url}).
 * <p>
 * A version found by several queries is written once. The results come ordered by paper (the export's
 * order for BibTeX), so only the versions of the paper at hand are remembered: memory stays flat. Rows
 * stored without an arXiv id are each an entry of their own.
 * <p>
 * Titles and names are text, not LaTeX: every character LaTeX treats specially is escaped, so that
 * LaTeX prints, and a BibTeX parser with a LaTeX reader reads back, the text as stored ({@code --} is
 * kept from becoming a dash). Non-ASCII letters are written as they are (UTF-8). Keys are
 * {@code <first author's last name><year><first title word>-<arXiv id>}: readable, and unique because the
 * id is.
 */
final class ResultBibtex implements ResultWriter {

    private static final Pattern VERSION = Pattern.compile("v[0-9]+$");
    private static final Pattern NOT_KEY_LETTERS = Pattern.compile("[^a-z0-9]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** " and " inside one name would split it in two: such a name is braced. */
    private static final Pattern AND = Pattern.compile("(?i)(^|\\s)and(\\s|$)");

    private String paper;
    private final Set<String> versionsOfPaper = new HashSet<>();

    @Override
    public void append(StringBuilder out, StoredResult r) {
        if (r.arxivId() != null && !firstSightingOfVersion(r.arxivId())) {
            return;
        }
        List<String> authors = r.authors() == null ? List.of() : Authors.split(r.authors());
        String year = r.published() != null && r.published().length() >= 4 ? r.published().substring(0, 4) : null;
        out.append("@misc{").append(key(r, authors, year)).append(",\n");
        field(out, "title", r.title() == null ? null : escape(r.title()));
        if (!authors.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (String author : authors) {
                if (names.length() > 0) {
                    names.append(" and ");
                }
                String name = escape(author);
                names.append(AND.matcher(author).find() ? "{" + name + "}" : name);
            }
            field(out, "author", names.toString());
        }
        field(out, "year", year);
        field(out, "eprint", r.arxivId() == null ? null : escape(r.arxivId()));
        if (r.arxivId() != null) {
            field(out, "archivePrefix", "arXiv");
        }
        field(out, "primaryClass", r.primaryCategory() == null ? null : escape(r.primaryCategory()));
        field(out, "doi", verbatim(r.doi()));
        field(out, "url", verbatim(r.url()));
        out.setLength(out.length() - 2); // the last field's ",\n"
        out.append("\n}\n\n");
    }

    private boolean firstSightingOfVersion(String arxivId) {
        String ofPaper = VERSION.matcher(arxivId).replaceFirst("");
        if (!ofPaper.equals(paper)) {
            paper = ofPaper;
            versionsOfPaper.clear();
        }
        return versionsOfPaper.add(arxivId);
    }

    private static void field(StringBuilder out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.append("  ").append(name).append(" = {").append(value).append("},\n");
        }
    }

    private static String key(StoredResult r, List<String> authors, String year) {
        StringBuilder key = new StringBuilder();
        if (!authors.isEmpty()) {
            String[] words = authors.get(0).split("\\s+");
            key.append(keyWord(words[words.length - 1]));
        }
        if (year != null) {
            key.append(keyWord(year));
        }
        if (r.title() != null) {
            for (String word : r.title().split("[^\\p{L}\\p{N}]+")) {
                String folded = keyWord(word);
                if (folded.length() >= 3) {
                    key.append(folded);
                    break;
                }
            }
        }
        if (key.length() == 0) {
            key.append("arxiv");
        }
        key.append('-');
        if (r.arxivId() != null) {
            key.append(r.arxivId().replace('/', '-').replaceAll("[^A-Za-z0-9.-]", ""));
        } else {
            key.append("result-").append(r.queryId()).append('-').append(r.resultNumber());
        }
        return key.toString();
    }

    /** A word as ASCII letters and digits for a key ("Müller" → "muller"). */
    private static String keyWord(String word) {
        String folded = MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
        return NOT_KEY_LETTERS.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /**
     * A DOI or URL, which BibTeX styles print verbatim (an escape would become part of it): as it is, but
     * for what cannot stand in a braced value or in either (braces, backslashes, white space).
     */
    private static String verbatim(String value) {
        return value == null ? null : value.replaceAll("[{}\\\\\\s]", "");
    }

    /** {@code text} as LaTeX that prints it as it is. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '{', '}', '$', '&', '%', '#', '_' -> out.append('\\').append(c);
                case '^' -> out.append("\\textasciicircum{}");
                case '~' -> out.append("\\textasciitilde{}");
                // "--" and "---" would print as dashes
                case '-' -> out.append(i + 1 < text.length() && text.charAt(i + 1) == '-' ? "-{}" : "-");
                case '\r', '\n', '\t' -> out.append(' ');
                default -> {
                    if (!Character.isISOControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
