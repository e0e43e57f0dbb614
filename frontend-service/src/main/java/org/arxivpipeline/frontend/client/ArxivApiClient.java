package org.arxivpipeline.frontend.client;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.model.ArxivAnswer;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.arxivpipeline.frontend.client.stork.StorkInstanceSelection;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.client.impl.StorkClientRequestFilterMarker;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import io.smallrye.mutiny.Uni;

@RegisterRestClient(configKey = "arxiv-api")
// picks an instance per call when the URL is stork://<service>; does nothing for http://
@RegisterProvider(StorkInstanceSelection.class)
@RegisterProvider(StorkClientRequestFilterMarker.class)
public interface ArxivApiClient {

    @GET
    @Path("/arxiv-api")
    Uni<ArxivAnswer> search(@RestQuery Map<String, String> parameters);

    @ClientExceptionMapper
    static RuntimeException toProblem(Response response) {
        return BackendFailures.fromResponse("backend-arxiv-api", response);
    }
}
