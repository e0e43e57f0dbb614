package org.arxivpipeline.common.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * arXiv's subject taxonomy as data: every category and archive id arXiv has, current and defunct,
 * spelled (and matched) case-sensitively as arXiv writes them. {@link #closest} proposes ids for
 * an error message ("unknown arXiv category 'cs.lg'; did you mean cs.LG?").
 */
public final class ArxivTaxonomy {

    /*
     * Source: arXiv/arxiv-base, arxiv/taxonomy/definitions.py (CATEGORIES and ARCHIVES, last changed
     * 2024-04-01; read 2026-06), without its test and bad-arch entries. Grouped by archive, the
     * archive id first. Defunct ids are kept because old papers carry them. Aliases are both listed,
     * canonical on the right: math.MP = math-ph, stat.TH = math.ST, math.IT = cs.IT,
     * q-fin.EC = econ.GN, cs.SY = eess.SY, cs.NA = math.NA.
     */
    private static final List<String> DATA = List.of(
            "astro-ph", "astro-ph.CO", "astro-ph.EP", "astro-ph.GA", "astro-ph.HE", "astro-ph.IM",
            "astro-ph.SR",
            "cond-mat", "cond-mat.dis-nn", "cond-mat.mes-hall", "cond-mat.mtrl-sci", "cond-mat.other",
            "cond-mat.quant-gas", "cond-mat.soft", "cond-mat.stat-mech", "cond-mat.str-el",
            "cond-mat.supr-con",
            "cs", "cs.AI", "cs.AR", "cs.CC", "cs.CE", "cs.CG", "cs.CL", "cs.CR", "cs.CV", "cs.CY",
            "cs.DB", "cs.DC", "cs.DL", "cs.DM", "cs.DS", "cs.ET", "cs.FL", "cs.GL", "cs.GR", "cs.GT",
            "cs.HC", "cs.IR", "cs.IT", "cs.LG", "cs.LO", "cs.MA", "cs.MM", "cs.MS", "cs.NA", "cs.NE",
            "cs.NI", "cs.OH", "cs.OS", "cs.PF", "cs.PL", "cs.RO", "cs.SC", "cs.SD", "cs.SE", "cs.SI",
            "cs.SY",
            "econ", "econ.EM", "econ.GN", "econ.TH",
            "eess", "eess.AS", "eess.IV", "eess.SP", "eess.SY",
            "math", "math.AC", "math.AG", "math.AP", "math.AT", "math.CA", "math.CO", "math.CT",
            "math.CV", "math.DG", "math.DS", "math.FA", "math.GM", "math.GN", "math.GR", "math.GT",
            "math.HO", "math.IT", "math.KT", "math.LO", "math.MG", "math.MP", "math.NA", "math.NT",
            "math.OA", "math.OC", "math.PR", "math.QA", "math.RA", "math.RT", "math.SG", "math.SP",
            "math.ST",
            "nlin", "nlin.AO", "nlin.CD", "nlin.CG", "nlin.PS", "nlin.SI",
            "physics", "physics.acc-ph", "physics.ao-ph", "physics.app-ph", "physics.atm-clus",
            "physics.atom-ph", "physics.bio-ph", "physics.chem-ph", "physics.class-ph",
            "physics.comp-ph", "physics.data-an", "physics.ed-ph", "physics.flu-dyn", "physics.gen-ph",
            "physics.geo-ph", "physics.hist-ph", "physics.ins-det", "physics.med-ph", "physics.optics",
            "physics.plasm-ph", "physics.pop-ph", "physics.soc-ph", "physics.space-ph",
            "q-bio", "q-bio.BM", "q-bio.CB", "q-bio.GN", "q-bio.MN", "q-bio.NC", "q-bio.OT", "q-bio.PE",
            "q-bio.QM", "q-bio.SC", "q-bio.TO",
            "q-fin", "q-fin.CP", "q-fin.EC", "q-fin.GN", "q-fin.MF", "q-fin.PM", "q-fin.PR", "q-fin.RM",
            "q-fin.ST", "q-fin.TR",
            "stat", "stat.AP", "stat.CO", "stat.ME", "stat.ML", "stat.OT", "stat.TH",
            // archives that are a single category
            "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph", "nucl-ex", "nucl-th",
            "quant-ph",
            // defunct archives, subsumed by the category named in the comment
            "acc-phys", // physics.acc-ph
            "adap-org", // nlin.AO
            "alg-geom", // math.AG
            "ao-sci", // physics.ao-ph
            "atom-ph", // physics.atom-ph
            "bayes-an", // physics.data-an
            "chao-dyn", // nlin.CD
            "chem-ph", // physics.chem-ph
            "cmp-lg", // cs.CL
            "comp-gas", // nlin.CG
            "dg-ga", // math.DG
            "funct-an", // math.FA
            "mtrl-th", // cond-mat.mtrl-sci
            "patt-sol", // nlin.PS
            "plasm-ph", // physics.plasm-ph
            "q-alg", // math.QA
            "solv-int", // nlin.SI
            "supr-con"); // cond-mat.supr-con

    private static final Set<String> IDS = Collections.unmodifiableSet(new TreeSet<>(DATA));

    private ArxivTaxonomy() {
    }

    /** Whether {@code id} is an arXiv category or archive id, exactly as arXiv writes it. */
    public static boolean contains(String id) {
        return id != null && IDS.contains(id);
    }

    /** Every id, sorted; unmodifiable. */
    public static Set<String> ids() {
        return IDS;
    }

    /**
     * At most {@code limit} ids close to {@code unknown}: a case-insensitive match first, then the
     * ids the input begins ("astro" → astro-ph, ...), then the rest by edit distance (Damerau, on
     * lower case), ties alphabetically. An id is close within max(2, length / 3) edits, or when it
     * starts with the input or shares its archive ("cs.XX" → cs.AI, ...). Empty when nothing is close.
     */
    public static List<String> closest(String unknown, int limit) {
        String wanted = unknown == null ? "" : unknown.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() || limit <= 0) {
            return List.of();
        }
        int maxDistance = Math.max(2, wanted.length() / 3);
        int dot = wanted.indexOf('.');
        String archive = dot > 0 ? wanted.substring(0, dot + 1) : null;
        List<Candidate> candidates = new ArrayList<>();
        for (String id : IDS) {
            String lower = id.toLowerCase(Locale.ROOT);
            int distance = distance(wanted, lower);
            boolean prefix = wanted.length() >= 2 && lower.startsWith(wanted);
            if (distance <= maxDistance || prefix || archive != null && lower.startsWith(archive)) {
                int tier = distance == 0 ? 0 : prefix ? 1 : 2;
                candidates.add(new Candidate(id, tier, distance));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::tier).thenComparingInt(Candidate::distance)
                .thenComparing(Candidate::id));
        return candidates.stream().limit(limit).map(Candidate::id).toList();
    }

    private record Candidate(String id, int tier, int distance) {
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
