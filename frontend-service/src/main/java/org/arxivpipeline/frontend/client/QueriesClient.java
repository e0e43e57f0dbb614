package org.arxivpipeline.frontend.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.model.QueryRecord;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.arxivpipeline.frontend.client.stork.StorkInstanceSelection;
import org.jboss.resteasy.reactive.client.impl.StorkClientRequestFilterMarker;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import io.smallrye.mutiny.Uni;

/** Writes to backend-queries; its streamed history is read by {@link QueriesHistoryBackend}. */
@RegisterRestClient(configKey = "queries")
// picks an instance per call when the URL is stork://<service>; does nothing for http://
@RegisterProvider(StorkInstanceSelection.class)
@RegisterProvider(StorkClientRequestFilterMarker.class)
public interface QueriesClient {

    @POST
    @Path("/write-queries")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> write(QueryRecord record);

    @ClientExceptionMapper
    static RuntimeException toProblem(Response response) {
        return BackendFailures.fromResponse("backend-queries", response);
    }
}
