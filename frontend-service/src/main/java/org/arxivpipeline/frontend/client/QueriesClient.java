package org.arxivpipeline.frontend.client;

import java.lang.reflect.Method;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.model.QueryRecord;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.arxivpipeline.frontend.client.stork.StorkInstanceSelection;
import org.jboss.resteasy.reactive.client.impl.StorkClientRequestFilterMarker;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** Writes to backend-queries and reads one query; its streamed history is read by {@link QueriesHistoryBackend}. */
@RegisterRestClient(configKey = "queries")
// picks an instance per call when the URL is stork://<service>; does nothing for http://
@RegisterProvider(StorkInstanceSelection.class)
@RegisterProvider(StorkClientRequestFilterMarker.class)
public interface QueriesClient {

    @POST
    @Path("/write-queries")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> write(QueryRecord record);

    @GET
    @Path("/read-queries/{query_id}")
    Uni<RestResponse<byte[]>> one(@RestPath("query_id") long queryId, @QueryParam("form") String form);

    @ClientExceptionMapper
    static RuntimeException toProblem(Response response, Method method) {
        // a query never stored is the client's 404; elsewhere a 404 means a wrong path
        return "one".equals(method.getName()) ? BackendFailures.notFoundOrFromResponse("backend-queries", response)
                : BackendFailures.fromResponse("backend-queries", response);
    }
}
