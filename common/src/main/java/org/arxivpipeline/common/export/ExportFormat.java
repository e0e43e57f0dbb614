package org.arxivpipeline.common.export;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.arxivpipeline.common.validation.InputErrors;

/**
 * The download formats of {@code /results} ({@link #CSV}, {@link #BIBTEX}, {@link #RIS}, {@link #JSONL})
 * and of {@code /queries} (CSV, JSON Lines): their name in {@code format=}, their media type, the
 * extension of their attachment, and the mark that ends a download cut short.
 */
public enum ExportFormat {

    CSV("csv", "text/csv", "csv",
            // an opened quote never closed: a CSV reader fails on it (RFC 4180), a spreadsheet shows it
            "\r\n\"EXPORT CUT SHORT: this file is incomplete"),
    BIBTEX("bibtex", "application/x-bibtex", "bib",
            // an entry never closed: a BibTeX parser fails on it; a lenient importer shows it as an item
            "\n@misc{EXPORT-CUT-SHORT,\n  title = {EXPORT CUT SHORT: this file is incomplete"),
    RIS("ris", "application/x-research-info-systems", "ris",
            // a record without its "ER  -" line
            "\r\nTY  - PREP\r\nTI  - EXPORT CUT SHORT: this file is incomplete\r\n"),
    JSONL("jsonl", "application/x-ndjson", "jsonl",
            // a last line that is not a JSON value
            "\n{\"export_cut_short\": \"this file is incomplete\"");

    /** The formats of the stored results' downloads. */
    public static final Set<ExportFormat> OF_RESULTS = Collections.unmodifiableSet(EnumSet.of(CSV, BIBTEX, RIS, JSONL));
    /** The formats of the history's downloads. */
    public static final Set<ExportFormat> OF_HISTORY = Collections.unmodifiableSet(EnumSet.of(CSV, JSONL));

    private final String name;
    private final String mediaType;
    private final String extension;
    private final String cutMark;

    ExportFormat(String name, String mediaType, String extension, String cutMark) {
        this.name = name;
        this.mediaType = mediaType;
        this.extension = extension;
        this.cutMark = cutMark;
    }

    /** The value of {@code format=}. */
    public String formatName() {
        return name;
    }

    /** The media type, without parameters. */
    public String mediaType() {
        return mediaType;
    }

    /** The {@code Content-Type} of a download: every format is written in UTF-8. */
    public String contentType() {
        return mediaType + "; charset=UTF-8";
    }

    public String extension() {
        return extension;
    }

    /**
     * What a download that fails after its first byte ends with, after the last whole record, so that the
     * file can never pass for a complete one: every reader of the format fails on it, and a person reading
     * the file sees it. (The connection is then closed without HTTP's last chunk, which clients report.)
     */
    public String cutMark() {
        return cutMark;
    }

    /** {@code Content-Disposition} of a download named {@code base} (no extension). */
    public String attachment(String base) {
        return "attachment; filename=\"" + base + "." + extension + "\"";
    }

    /** Whether {@code contentType} (an answer's header, parameters allowed) is this format's. */
    public boolean isContentType(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(mediaType);
    }

    /**
     * The format a request asks for among {@code offered}, or null for the endpoint's JSON: {@code format}
     * when given (anything not offered is recorded in {@code errors}), else the offered type that the
     * {@code Accept} header prefers to JSON (a type named outright, with a greater quality than JSON and
     * the wildcards).
     */
    public static ExportFormat choose(String format, String accept, Set<ExportFormat> offered, InputErrors errors) {
        if (format != null) {
            for (ExportFormat known : offered) {
                if (known.name.equals(format)) {
                    return known;
                }
            }
            errors.add("format", "must be one of " + offered.stream().map(ExportFormat::formatName)
                    .collect(Collectors.joining(", ")));
            return null;
        }
        if (accept == null || accept.isBlank()) {
            return null;
        }
        ExportFormat best = null;
        double bestQuality = 0;
        double jsonQuality = 0;
        for (String range : List.of(accept.split(","))) {
            String[] parts = range.trim().split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) {
                jsonQuality = Math.max(jsonQuality, quality);
                continue;
            }
            for (ExportFormat known : offered) {
                if (known.mediaType.equals(type) && quality > bestQuality) {
                    best = known;
                    bestQuality = quality;
                }
            }
        }
        return best != null && bestQuality > jsonQuality ? best : null;
    }

    /**
     * The format of a request routed to a download ({@link DownloadRoute}): as {@link #choose}, and one is
     * required there (a {@code format} of its own or an {@code Accept} type among {@code offered}).
     */
    public static ExportFormat required(String format, String accept, Set<ExportFormat> offered, InputErrors errors) {
        ExportFormat chosen = choose(format, accept, offered, errors);
        if (chosen == null && format == null) {
            errors.add("format", "is required: one of " + offered.stream().map(ExportFormat::formatName).collect(Collectors.joining(", ")));
        }
        return chosen;
    }

    /** The format among {@code offered} that an {@code Accept} header prefers to JSON (as {@link #choose} reads it), or null. */
    public static ExportFormat preferred(String accept, Set<ExportFormat> offered) {
        return choose(null, accept, offered, new InputErrors());
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
