package org.arxivpipeline.frontend.client.stork;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;

import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

import io.smallrye.stork.Stork;
import io.smallrye.stork.api.ServiceInstance;

/**
 * For a REST client whose URL is {@code stork://<service>}: each call (each retry too) asks Stork for an
 * instance and goes there, and the call's outcome and time are recorded for the load balancer (a failure
 * makes least-response-time avoid that instance). Other URLs pass untouched.
 * <p>
 * Ours rather than the REST client's {@code StorkClientRequestFilter}, which refuses to work without the
 * Quarkus Stork extension (see {@link StorkSetup}); {@code StorkClientRequestFilterMarker} keeps the REST
 * client from registering that one by itself.
 */
@Priority(Priorities.AUTHENTICATION)
public class StorkInstanceSelection implements ResteasyReactiveClientRequestFilter {

    @Override
    public void filter(ResteasyReactiveClientRequestContext request) {
        URI uri = request.getUri();
        if (uri == null || uri.getScheme() == null || !uri.getScheme().startsWith(Stork.STORK)) {
            return;
        }
        request.suspend();
        try {
            Stork.getInstance().getService(uri.getHost()).selectInstanceAndRecordStart(true).subscribe().with(instance -> {
                try {
                    request.setUri(StorkTarget.of(instance, uri.getScheme()).uri(uri.getRawPath(), uri.getRawQuery()));
                    if (instance.gatherStatistics()) {
                        request.setCallStatsCollector(instance);
                    }
                    request.resume();
                } catch (URISyntaxException e) {
                    request.resume(e);
                }
            }, request::resume);
        } catch (RuntimeException e) {
            // no such service, or no instance to select
            request.resume(e);
        }
    }
}
