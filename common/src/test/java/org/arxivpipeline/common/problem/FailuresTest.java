package org.arxivpipeline.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.vertx.core.impl.NoStackTraceTimeoutException;

class FailuresTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new CompletionException(new RuntimeException("outer", cause));
    }

    @Test
    void timeoutsAreToldByTheirTypesAnywhereInTheCauseChain() {
        assertTrue(Failures.isTimeout(wrapped(new io.smallrye.mutiny.TimeoutException())));
        assertTrue(Failures.isTimeout(wrapped(new SocketTimeoutException("read timed out"))));
        assertTrue(Failures.isTimeout(wrapped(ReadTimeoutException.INSTANCE)));
        assertTrue(Failures.isTimeout(wrapped(new NoStackTraceTimeoutException("The timeout period of 1000ms has been exceeded"))));
        assertTrue(Failures.isTimeout(new java.net.http.HttpTimeoutException("request timed out")));
        // a name or a message is not a type
        assertFalse(Failures.isTimeout(new IllegalStateException("Timeout")));
        assertFalse(Failures.isTimeout(new ConnectException("Connection refused")));
    }

    @Test
    void unreachableMeansNothingWasSent() {
        assertTrue(Failures.isUnreachable(wrapped(new ConnectException("Connection refused"))));
        assertTrue(Failures.isUnreachable(wrapped(new UnknownHostException("backend-results"))));
        assertTrue(Failures.isUnreachable(wrapped(new ConnectTimeoutException("connection timed out"))), "a connect timeout");
        assertFalse(Failures.isUnreachable(new SocketTimeoutException()));
    }

    @Test
    void findReturnsTheFirstOfATypeAndSurvivesACycle() {
        ProblemException problem = ProblemException.badGateway("x");
        assertSame(problem, Failures.find(wrapped(problem), ProblemException.class).orElseThrow());
        RuntimeException selfCaused = new RuntimeException() {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertTrue(Failures.find(selfCaused, ProblemException.class).isEmpty());
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDateAndNothingElse() {
        assertEquals(5L, Failures.retryAfterSeconds(" 5 "));
        assertEquals(3600L, Failures.retryAfterSeconds("86400"), "at most an hour");
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        long fromDate = Failures.retryAfterSeconds(inTenSeconds);
        assertTrue(fromDate >= 8 && fromDate <= 11, "from the date: " + fromDate);
        assertNull(Failures.retryAfterSeconds(null));
        assertNull(Failures.retryAfterSeconds("0"));
        assertNull(Failures.retryAfterSeconds("-3"));
        assertNull(Failures.retryAfterSeconds("soon"));
        assertNull(Failures.retryAfterSeconds(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1))));
    }
}
