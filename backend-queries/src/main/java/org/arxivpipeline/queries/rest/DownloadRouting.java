package org.arxivpipeline.queries.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.arxivpipeline.common.export.DownloadRoute;
import org.arxivpipeline.common.export.ExportFormat;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** A request for {@code /read-queries} that asks for a format goes to {@code /read-queries/download} before matching ({@link DownloadRoute}). */
public class DownloadRouting {

    @ServerRequestFilter(preMatching = true)
    public void toDownload(ContainerRequestContext request) {
        DownloadRoute.apply(request, "read-queries", ExportFormat.OF_HISTORY);
    }
}
