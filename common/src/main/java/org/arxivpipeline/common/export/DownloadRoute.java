package org.arxivpipeline.common.export;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * A page (or the JSON history) and a download share their public path ({@code /results}, {@code /queries} and
 * the backends' {@code /read-…}), but a download is a stream with its own {@code Content-Type} and no
 * {@code @Produces}, while a page keeps its plain JSON method: answered as a one-item stream it lost about a
 * third of its rate (bench/RESULTS.md). So a request that asks for a download ({@code format}, or an
 * {@code Accept} type, as {@link ExportFormat#choose} reads them) is sent to {@code <path>/download} before
 * a resource method is matched (a pre-matching filter of each service calls this).
 */
public final class DownloadRoute {

    private DownloadRoute() {
    }

    /**
     * Sends {@code request} to {@code /<path>/download} (same method, same query) when it is a request for
     * {@code /<path>} that asks for one of {@code offered}, or names a {@code format} at all: a format not
     * offered is then refused there with the other invalid fields.
     */
    public static void apply(ContainerRequestContext request, String path, Set<ExportFormat> offered) {
        if (!path.equals(request.getUriInfo().getPath().replaceFirst("^/", ""))) {
            return;
        }
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        if ((format != null && !format.isEmpty()) || ExportFormat.preferred(request.getHeaderString("Accept"), offered) != null) {
            request.setRequestUri(request.getUriInfo().getRequestUriBuilder().replacePath("/" + path + "/download").build());
        }
    }
}
