package org.arxivpipeline.common.problem;

import java.util.List;

/**
 * A failure that is answered with a given status as problem details. Services and repositories throw
 * it (or turn lower-level failures into it); {@link ProblemMappers} writes it. It carries no stack
 * trace: these are expected outcomes, not bugs.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: every invalid field of the request. */
    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? "1 invalid field" : errors.size() + " invalid fields";
        return new ProblemException(400, "Invalid input", detail, errors, null);
    }

    /** 400 for one field. */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** 404: nothing stored under what was asked for. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, null, null);
    }

    /** 409: a write that conflicts with what is stored. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null, null);
    }

    /** 429: the arXiv waiting line cannot give this request a turn before its deadline. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, "Too Many Requests", detail, null, retryAfterSeconds);
    }

    /** 503: a dependency is down; the client may try again after {@code retryAfterSeconds}. */
    public static ProblemException unavailable(String detail, long retryAfterSeconds) {
        return new ProblemException(503, "Service Unavailable", detail, null, retryAfterSeconds);
    }

    /** 504: a dependency did not answer in time. */
    public static ProblemException timeout(String detail) {
        return new ProblemException(504, "Gateway Timeout", detail, null, null);
    }

    /** 502: a dependency answered with an error or something unparseable. */
    public static ProblemException badGateway(String detail) {
        return new ProblemException(502, "Bad Gateway", detail, null, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
