package org.arxivpipeline.frontend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.ZoneId;
import java.util.OptionalLong;

import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.frontend.config.FrontendConfig;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class SearchAdmissionTest {

    private static SearchAdmission withBudget(long results) {
        FrontendConfig config = new FrontendConfig() {
            @Override
            public ZoneId timeZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public int defaultMaxResults() {
                return 10;
            }

            @Override
            public Duration searchDeadline() {
                return Duration.ofSeconds(29);
            }

            @Override
            public OptionalLong resultsInFlight() {
                return OptionalLong.of(results);
            }
        };
        return new SearchAdmission(config, new SimpleMeterRegistry());
    }

    @Test
    void searchesAreAdmittedWhileTheirResultsFitAndRefusedWith503Beyond() {
        SearchAdmission admission = withBudget(4_100);
        SearchAdmission.Ticket first = admission.admit(2000);
        SearchAdmission.Ticket second = admission.admit(2000);
        assertEquals(4_002, admission.inFlight());

        ProblemException refused = assertThrows(ProblemException.class, () -> admission.admit(2000));
        assertEquals(503, refused.status());
        assertEquals(2L, refused.retryAfterSeconds());
        // a small search still fits beside them
        SearchAdmission.Ticket small = admission.admit(10);

        first.giveBack();
        first.giveBack(); // a second give-back of the same ticket changes nothing
        assertEquals(2_012, admission.inFlight());
        admission.admit(2000);
        second.giveBack();
        small.giveBack();
        assertEquals(2_001, admission.inFlight());
    }

    @Test
    void oneSearchIsAlwaysAdmittedWhenNothingElseRuns() {
        SearchAdmission admission = withBudget(100);
        SearchAdmission.Ticket alone = admission.admit(2000);
        assertThrows(ProblemException.class, () -> admission.admit(1));
        alone.giveBack();
        assertEquals(0, admission.inFlight());
    }

    @Test
    void theDefaultBudgetFollowsTheHeapAndHoldsOneLargestSearch() {
        long expected = Math.max(2_100, Runtime.getRuntime().maxMemory() * 4 / 10 / FrontendConfig.BYTES_PER_RESULT);
        assertEquals(expected, FrontendConfig.resultsInFlightForHeap());
    }
}
