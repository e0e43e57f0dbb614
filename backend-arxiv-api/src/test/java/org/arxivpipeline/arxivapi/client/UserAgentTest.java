package org.arxivpipeline.arxivapi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class UserAgentTest {

    @Test
    void withoutAContactOnlyTheSoftwareAndItsVersion() {
        assertEquals("arxiv-pipeline/1.2.3", UserAgent.header("arxiv-pipeline/1.2.3", Optional.empty()));
        assertEquals("arxiv-pipeline/1.2.3", UserAgent.header("arxiv-pipeline/1.2.3", Optional.of("  ")));
    }

    @Test
    void theContactFollowsInAComment() {
        assertEquals("arxiv-pipeline/1.2.3 (+mailto:ops@example.org)",
                UserAgent.header("arxiv-pipeline/1.2.3", Optional.of(" mailto:ops@example.org ")));
        assertEquals("arxiv-pipeline/1.2.3 (+https://example.org/arxiv-pipeline)",
                UserAgent.header("arxiv-pipeline/1.2.3", Optional.of("https://example.org/arxiv-pipeline")));
    }

    @Test
    void aContactThatWouldBreakTheHeaderIsRefused() {
        for (String bad : new String[] {"ops@example.org\r\nX-Injected: 1", "ops (at) example.org", "a\\b@example.org", "opé@example.org"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> UserAgent.header("arxiv-pipeline/1", Optional.of(bad)), bad);
            assertEquals(true, refused.getMessage().startsWith("ARXIV_CONTACT must be"), refused.getMessage());
        }
    }
}
