package org.arxivpipeline.common.problem;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds problem-details responses, for JAX-RS mappers and for the Vert.x router alike. */
public final class Problems {

    private Problems() {
    }

    public static Problem of(int status, String title, String detail, String instance, List<FieldError> errors) {
        return new Problem("about:blank", title, status, detail, instance, errors);
    }

    public static Response response(Problem problem, Long retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (retryAfterSeconds != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return builder.build();
    }

    /** The reason phrase of a status, used as the title of problems that have no better one. */
    public static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
