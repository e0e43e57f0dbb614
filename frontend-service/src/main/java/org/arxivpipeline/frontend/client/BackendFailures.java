package org.arxivpipeline.frontend.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.problem.Failures;
import org.arxivpipeline.common.problem.FieldError;
import org.arxivpipeline.common.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.stork.api.NoServiceInstanceFoundException;

/**
 * What a backend did wrong, as the contract's answer to the client: its validation problems and
 * conflicts pass through with their fields; 503 and unreachable are 503 with Retry-After; timeouts
 * 504; its other failures and unreadable answers 502.
 */
public final class BackendFailures {

    /** What a client is told to wait when a backend is down or its circuit is open. */
    public static final long RETRY_AFTER_SECONDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BackendFailures() {
    }

    /** A backend's error answer (status ≥ 400), as the REST clients see it. */
    public static RuntimeException fromResponse(String backend, Response response) {
        return fromAnswer(backend, response.getStatus(), entity(response), response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    /**
     * A backend's answer that nothing is stored under what was asked for (404), passed on as the client's
     * 404 with the backend's detail; any other error answer as {@link #fromResponse}. Only for calls that
     * look something up: elsewhere a backend's 404 means a wrong path, a 502.
     */
    public static RuntimeException notFoundOrFromResponse(String backend, Response response) {
        if (response.getStatus() == 404) {
            JsonNode problem = parse(entity(response));
            return ProblemException.notFound(text(problem, "detail", "Not stored"));
        }
        return fromResponse(backend, response);
    }

    /** A backend's error answer (status ≥ 400): its status, body and Retry-After header. */
    public static RuntimeException fromAnswer(String backend, int status, String body, String retryAfterHeader) {
        JsonNode problem = parse(body);
        Long retryAfter = Failures.retryAfterSeconds(retryAfterHeader);
        return switch (status) {
            case 400, 409, 413, 422, 429 -> new ProblemException(status, text(problem, "title", "Invalid input"),
                    text(problem, "detail", backend + " refused the request"), errors(problem), status == 429 ? retryAfter : null);
            case 503 -> new BackendBusy(backendDetail(backend, problem, "is unavailable"), retryAfter != null ? retryAfter : RETRY_AFTER_SECONDS);
            case 504 -> new TransientBackendFailure(504, "Gateway Timeout", backendDetail(backend, problem, "timed out"), null);
            // the backend did not get our request's body within its read timeout (this process was slow to send
            // it): the same request may go again, and a write is idempotent
            case 408 -> new TransientBackendFailure(504, "Gateway Timeout", backend + " did not receive the request in time", null);
            case 502 -> ProblemException.badGateway(backendDetail(backend, problem, "failed"));
            default -> status >= 500
                    ? new TransientBackendFailure(502, "Bad Gateway", backend + " failed (" + status + ")", null)
                    : ProblemException.badGateway(backend + " answered " + status);
        };
    }

    /** A call that got no usable answer: refused, timed out, broken, or a body that is not what was expected. */
    public static RuntimeException fromTransport(String backend, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        Optional<ProblemException> problem = Failures.find(failure, ProblemException.class);
        if (problem.isPresent()) {
            return problem.get();
        }
        if (Failures.isUnreachable(failure) || Failures.find(failure, NoServiceInstanceFoundException.class).isPresent()) {
            return new BackendUnreachable(backend);
        }
        if (Failures.isTimeout(failure)) {
            return new TransientBackendFailure(504, "Gateway Timeout", backend + " did not answer in time", null);
        }
        if (Failures.find(failure, JsonProcessingException.class).isPresent()) {
            return ProblemException.badGateway(backend + " answered something unreadable");
        }
        return new TransientBackendFailure(502, "Bad Gateway", "the call to " + backend + " failed", null);
    }

    private static String backendDetail(String backend, JsonNode problem, String fallback) {
        String detail = text(problem, "detail", null);
        return detail == null ? backend + " " + fallback : detail;
    }

    private static String entity(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node != null && node.path(field).isTextual() ? node.path(field).textValue() : fallback;
    }

    private static List<FieldError> errors(JsonNode problem) {
        if (problem == null || !problem.path("errors").isArray()) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            errors.add(new FieldError(error.path("field").asText(), error.path("message").asText()));
        }
        return errors;
    }

}
