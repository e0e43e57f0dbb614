package org.arxivpipeline.results.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.arxivpipeline.common.export.DownloadRoute;
import org.arxivpipeline.common.export.ExportFormat;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** A request for {@code /read-results} that asks for a download goes to {@code /read-results/download} before matching ({@link DownloadRoute}). */
public class DownloadRouting {

    @ServerRequestFilter(preMatching = true)
    public void toDownload(ContainerRequestContext request) {
        DownloadRoute.apply(request, "read-results", ExportFormat.OF_RESULTS);
    }
}
