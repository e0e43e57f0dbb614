package org.arxivpipeline.frontend.client.stork;

import java.net.URI;
import java.net.URISyntaxException;

import io.smallrye.stork.api.ServiceInstance;

/**
 * Where a call to a {@code stork://<service>} (or {@code storks://}) URL goes on the instance Stork chose:
 * its host, port, TLS and path prefix. One builder for the REST clients' filter and the history download.
 */
public record StorkTarget(String host, int port, boolean secure, String pathPrefix) {

    public static StorkTarget of(ServiceInstance instance, String scheme) {
        boolean secure = instance.isSecure() || "storks".equals(scheme);
        int port = instance.getPort() > 0 ? instance.getPort() : (secure ? 443 : 80);
        String prefix = instance.getPath().map(path -> "/" + path.replaceAll("^/|/$", "")).orElse("");
        return new StorkTarget(instance.getHost(), port, secure, prefix);
    }

    /** The call's URI there: this target's scheme, host, port and prefix, then the call's own path and query. */
    public URI uri(String rawPath, String rawQuery) throws URISyntaxException {
        String host = this.host.contains(":") && !this.host.startsWith("[") ? "[" + this.host + "]" : this.host;
        return new URI((secure ? "https" : "http") + "://" + host + ":" + port + pathPrefix + (rawPath == null ? "" : rawPath)
                + (rawQuery == null ? "" : "?" + rawQuery));
    }
}
