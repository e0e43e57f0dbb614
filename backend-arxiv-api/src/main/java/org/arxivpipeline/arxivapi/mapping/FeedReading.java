package org.arxivpipeline.arxivapi.mapping;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.arxivpipeline.arxivapi.mapping.atom.AtomAuthor;
import org.arxivpipeline.arxivapi.mapping.atom.AtomCategory;
import org.arxivpipeline.arxivapi.mapping.atom.AtomEntry;
import org.arxivpipeline.arxivapi.mapping.atom.AtomFeed;
import org.arxivpipeline.arxivapi.mapping.atom.AtomLink;
import org.arxivpipeline.common.model.ArxivEntry;
import org.arxivpipeline.common.time.UnixTime;

/** Reads the contract's fields out of a parsed feed, the same way for both arXiv formats. */
public final class FeedReading {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private FeedReading() {
    }

    /** arXiv's error feed: one entry whose id points at {@code /api/errors}. Its message, or null. */
    public static String errorMessage(AtomFeed feed) {
        for (AtomEntry entry : feed.entries) {
            if (entry.id != null && entry.id.contains("/api/errors")) {
                String summary = normalize(entry.summary);
                return summary == null ? "arXiv rejected the query" : summary;
            }
        }
        return null;
    }

    /** {@code opensearch:totalResults}, or the number of entries when it is missing or unreadable. */
    public static long totalResults(AtomFeed feed) {
        String total = feed.totalResults == null ? null : feed.totalResults.strip();
        try {
            return total == null ? feed.entries.size() : Long.parseLong(total);
        } catch (NumberFormatException e) {
            return feed.entries.size();
        }
    }

    public static List<ArxivEntry> entries(AtomFeed feed) {
        List<ArxivEntry> entries = new ArrayList<>(feed.entries.size());
        for (AtomEntry entry : feed.entries) {
            entries.add(entry(entry));
        }
        return entries;
    }

    static ArxivEntry entry(AtomEntry entry) {
        String id = normalize(entry.id);
        String arxivId = id == null ? null : id.substring(id.indexOf("/abs/") >= 0 ? id.indexOf("/abs/") + 5 : 0);
        List<String> names = new ArrayList<>();
        for (AtomAuthor author : entry.authors) {
            String name = normalize(author.name);
            if (name != null) {
                names.add(name);
            }
        }
        String category = entry.primaryCategory != null ? normalize(entry.primaryCategory.term)
                : entry.categories.isEmpty() ? null : normalize(entry.categories.get(0).term);
        return new ArxivEntry(
                arxivId,
                normalize(entry.title),
                names.isEmpty() ? null : String.join(", ", names),
                normalize(entry.journalRef),
                normalize(entry.doi),
                category,
                instant(entry.published),
                abstractPage(entry, id),
                normalize(entry.summary),
                categories(category, entry),
                instant(entry.updated),
                normalize(entry.comment),
                pdfUrl(arxivId));
    }

    /** Every category term once, the primary first; null when the entry has none. */
    private static List<String> categories(String primary, AtomEntry entry) {
        java.util.LinkedHashSet<String> terms = new java.util.LinkedHashSet<>();
        if (primary != null) {
            terms.add(primary);
        }
        for (AtomCategory category : entry.categories) {
            String term = normalize(category.term);
            if (term != null) {
                terms.add(term);
            }
        }
        return terms.isEmpty() ? null : List.copyOf(terms);
    }

    /**
     * The PDF's address, built from the id: the feed's link titles changed in 2025 and clients that read
     * them broke. An old-style id keeps its slash ({@code https://arxiv.org/pdf/hep-th/9901001v1}).
     */
    static String pdfUrl(String arxivId) {
        return arxivId == null || arxivId.isBlank() ? null : "https://arxiv.org/pdf/" + arxivId;
    }

    /** The feed's {@code updated} time, the fallback when arXiv sent no {@code Date} header. */
    public static Long updated(AtomFeed feed) {
        try {
            return feed.updated == null ? null : OffsetDateTime.parse(feed.updated.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String abstractPage(AtomEntry entry, String id) {
        for (AtomLink link : entry.links) {
            if ("alternate".equals(link.rel) && link.href != null) {
                return link.href.strip();
            }
        }
        return id;
    }

    private static String instant(String text) {
        String value = normalize(text);
        if (value == null) {
            return null;
        }
        try {
            return UnixTime.toIso(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Runs of whitespace (legacy titles are hard-wrapped) become one space; empty becomes null. */
    static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String value = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return value.isEmpty() ? null : value;
    }

}
