package org.arxivpipeline.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ArxivTaxonomyTest {

    @Test
    void currentDefunctAndArchiveIdsAreKnownExactly() {
        for (String id : List.of("cs.LG", "stat.ML", "math.CO", "hep-th", "astro-ph.CO", "cond-mat.mes-hall",
                "q-bio.NC", "q-fin.ST", "eess.SP", "econ.EM", "physics.optics", "nlin.CD", "quant-ph", "gr-qc",
                "solv-int", "chao-dyn", "cmp-lg", "alg-geom", "astro-ph", "cond-mat", "cs", "math",
                "math.MP", "math-ph", "stat.TH", "math.ST", "cs.NA", "math.NA", "q-fin.EC", "econ.GN")) {
            assertTrue(ArxivTaxonomy.contains(id), id);
        }
        for (String id : List.of("cs.XX", "CS.LG", "cs.lg", "hep_th", "", "cs.LG ", "quant-phys", "test",
                "test.soft", "bad-arch.bad-cat")) {
            assertFalse(ArxivTaxonomy.contains(id), id);
        }
        assertFalse(ArxivTaxonomy.contains(null));
    }

    @Test
    void allIdsAreCountedSortedAndUnmodifiable() {
        // arxiv-base definitions.py: 176 categories (test and bad-arch left out) + 8 archives that
        // are not also a category (cs, econ, eess, math, nlin, physics, q-fin, stat)
        assertEquals(184, ArxivTaxonomy.ids().size());
        assertEquals(List.of("acc-phys", "adap-org", "alg-geom"),
                ArxivTaxonomy.ids().stream().limit(3).toList());
        assertEquals(184, ArxivTaxonomy.ids().stream().map(id -> id.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet()).size(), "no two ids differ only in case");
        assertThrows(UnsupportedOperationException.class, () -> ArxivTaxonomy.ids().add("cs.XX"));
    }

    @Test
    void closestProposesTheCaseInsensitiveMatchThenTheNearest() {
        assertEquals(List.of("cs.LG", "cs.CG", "cs.GL"), ArxivTaxonomy.closest("cs.lg", 3));
        assertEquals(List.of("cs.LG"), ArxivTaxonomy.closest("CS.LG", 1));
        assertEquals(List.of("cs.LG", "cs.CG", "cs.GL"), ArxivTaxonomy.closest(" cs.LG ", 3));
        assertEquals(List.of("math.CO", "math.CA", "math.CT"), ArxivTaxonomy.closest("math.co", 3));
        assertEquals(List.of("hep-th", "hep-ex", "hep-ph"), ArxivTaxonomy.closest("hep-tj", 3));
        assertEquals(List.of("hep-th", "hep-ph"), ArxivTaxonomy.closest("hep_th", 3));
        assertEquals(List.of("hep-th"), ArxivTaxonomy.closest("hpe-th", 1));
        assertEquals(List.of("quant-ph"), ArxivTaxonomy.closest("quant-phys", 1));
    }

    @Test
    void closestProposesWithinAnArchiveOrForAPrefix() {
        assertEquals(List.of("cs.AI", "cs.AR", "cs.CC"), ArxivTaxonomy.closest("cs.XX", 3));
        assertEquals(List.of("hep-ex", "hep-ph", "hep-th", "hep-lat"), ArxivTaxonomy.closest("hep", 5));
        assertEquals(List.of("astro-ph", "astro-ph.CO"), ArxivTaxonomy.closest("astro", 2));
        assertEquals(List.of("cs", "cs.AI", "cs.AR"), ArxivTaxonomy.closest("CS", 3));
        assertEquals(List.of("cs.LG", "cs.LO", "cs.CL"), ArxivTaxonomy.closest("cs.L", 3));
    }

    @Test
    void closestIsEmptyWhenNothingIsClose() {
        assertEquals(List.of(), ArxivTaxonomy.closest("zzzzzzzz", 3));
        assertEquals(List.of(), ArxivTaxonomy.closest("", 3));
        assertEquals(List.of(), ArxivTaxonomy.closest(null, 3));
        assertEquals(List.of(), ArxivTaxonomy.closest("cs.LG", 0));
    }
}
