package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SupervisorTest {

    @Test
    void theWaitDoublesWithEachDeathInARowUpTo30SecondsAndStartsOverAfterAHealthyRun() {
        Duration first = Supervisor.nextBackoff(null, Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(1), first);
        Duration second = Supervisor.nextBackoff(first, Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(2), second);
        Duration third = Supervisor.nextBackoff(second, Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(4), third);
        assertEquals(Duration.ofSeconds(30), Supervisor.nextBackoff(Duration.ofSeconds(16), Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(30), Supervisor.nextBackoff(Duration.ofSeconds(30), Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(1), Supervisor.nextBackoff(Duration.ofSeconds(30), Duration.ofMinutes(1)));
    }
}
