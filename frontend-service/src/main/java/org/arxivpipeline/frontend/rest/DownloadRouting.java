package org.arxivpipeline.frontend.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.arxivpipeline.common.export.DownloadRoute;
import org.arxivpipeline.common.export.ExportFormat;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** A request for {@code /results} or {@code /queries} that asks for a download goes to {@code <path>/download} before matching ({@link DownloadRoute}). */
public class DownloadRouting {

    @ServerRequestFilter(preMatching = true)
    public void toDownload(ContainerRequestContext request) {
        DownloadRoute.apply(request, "results", ExportFormat.OF_RESULTS);
        DownloadRoute.apply(request, "queries", ExportFormat.OF_HISTORY);
    }
}
