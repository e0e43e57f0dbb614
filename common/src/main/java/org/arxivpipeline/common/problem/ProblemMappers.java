package org.arxivpipeline.common.problem;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Turns every failure that reaches JAX-RS into the contract's problem details. Nothing of the
 * exception (class, stack, SQL) reaches the client; unexpected ones are logged with their cause.
 */
@Singleton
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        if (e.status() >= 500) {
            LOG.warnf("%d %s: %s", e.status(), path(uri), e.detail());
        }
        return Problems.response(
                Problems.of(e.status(), e.title(), e.detail(), path(uri), e.errors()), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "Method not allowed here";
            case 406 -> "This resource answers application/json only";
            case 413 -> "The request body is too large";
            case 415 -> "Send the body as application/json";
            default -> status >= 500 ? "The request could not be completed" : "The request could not be understood";
        };
        if (status >= 500) {
            LOG.errorf(e, "%d %s", status, path(uri));
        }
        Response response = Problems.response(Problems.of(status, Problems.title(status), detail, path(uri), null), null);
        if (e instanceof NotAllowedException) {
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow == null && uri != null) {
                allow = allowedMethods.allowHeader(uri.getPath());
            }
            if (allow != null) {
                return Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
            }
        }
        return response;
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? JsonPaths.of(mapping.getPath()) : null;
        List<FieldError> errors = field == null || field.isEmpty()
                ? null
                : List.of(new FieldError(field, "has the wrong type or form"));
        return Problems.response(Problems.of(400, "Malformed JSON", "The request body is not valid JSON for this endpoint",
                path(uri), errors), null);
    }

    /** Anything else is a bug of ours: logged with its stack, answered without it. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure serving %s", path(uri));
        return Problems.response(Problems.of(500, "Internal Server Error",
                "An unexpected error occurred; it has been logged", path(uri), null), null);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
