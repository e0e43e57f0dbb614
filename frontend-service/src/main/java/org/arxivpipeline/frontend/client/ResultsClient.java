package org.arxivpipeline.frontend.client;

import java.lang.reflect.Method;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.model.WriteResultsRequest;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.arxivpipeline.frontend.client.stork.StorkInstanceSelection;
import org.jboss.resteasy.reactive.client.impl.StorkClientRequestFilterMarker;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import io.smallrye.mutiny.Uni;

@RegisterRestClient(configKey = "results")
// picks an instance per call when the URL is stork://<service>; does nothing for http://
@RegisterProvider(StorkInstanceSelection.class)
@RegisterProvider(StorkClientRequestFilterMarker.class)
public interface ResultsClient {

    @POST
    @Path("/write-results")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> write(WriteResultsRequest request);

    @GET
    @Path("/read-results")
    Uni<RestResponse<byte[]>> read(@QueryParam("query_id") Long queryId, @QueryParam("page") Long page,
            @QueryParam("items_per_page") Integer itemsPerPage, @QueryParam("cursor") String cursor, @RestQuery Map<String, String> filters);

    @GET
    @Path("/read-paper")
    Uni<RestResponse<byte[]>> paper(@QueryParam("arxiv_id") String arxivId);

    @ClientExceptionMapper
    static RuntimeException toProblem(Response response, Method method) {
        // a paper never stored is the client's 404; elsewhere a 404 means a wrong path
        return "paper".equals(method.getName()) ? BackendFailures.notFoundOrFromResponse("backend-results", response)
                : BackendFailures.fromResponse("backend-results", response);
    }
}
