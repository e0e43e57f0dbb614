package org.arxivpipeline.frontend.client.stork;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.ServiceDefinition;
import io.smallrye.stork.api.config.ConfigWithType;
import io.smallrye.stork.spi.StorkInfrastructure;
import io.vertx.core.Vertx;

/**
 * Several instances per backend, opt-in: a backend whose URL is {@code stork://<service>} is looked up
 * through Stork, configured as Quarkus' Stork extension would be ({@code quarkus.stork.<service>.service-discovery.type}
 * and its parameters, {@code quarkus.stork.<service>.load-balancer.type}). A plain {@code http://} URL is
 * used as it is, and then nothing here runs.
 * <p>
 * Done by hand because the Quarkus extension is not available where this project builds: Stork is
 * initialised with Quarkus' own Vert.x (the DNS discovery's client runs on it), one service defined per
 * stork:// URL, and {@link StorkInstanceSelection} selects an instance for every REST call.
 */
@ApplicationScoped
public class StorkSetup {

    /** The REST clients' config keys: {@code quarkus.rest-client.<key>.url} may be a stork:// URL. */
    static final List<String> BACKEND_CLIENTS = List.of("arxiv-api", "sequence", "queries", "results", "watches");

    /**
     * Parameters looked up by name, since an environment variable cannot be listed as a property of a
     * dynamic name: those of the static and DNS discoveries and of the least-response-time balancer.
     * Others can be set in a properties file or as system properties.
     */
    static final List<String> KNOWN_PARAMETERS = List.of("address-list", "shuffle", "secure", "hostname", "record-type", "port",
            "dns-servers", "dns-timeout", "refresh-period", "recursion-desired", "resolve-srv", "fail-on-error",
            "declining-factor", "error-penalty", "use-secure-random");

    /**
     * The balancer when none is configured. Least response time rather than round-robin: a failed call
     * counts as a very slow one (error-penalty, 60 s), so a dead instance stops being chosen after its first
     * failure and is only tried again after about a hundred calls to the others; round-robin would send it
     * every N-th call, each one a failure and a retry.
     */
    static final String DEFAULT_LOAD_BALANCER = "least-response-time";

    @Inject
    Vertx vertx;

    @Inject
    Config config;

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        Map<String, ServiceDefinition> services = definitions(config);
        if (services.isEmpty()) {
            return;
        }
        // a test run restarts the application in the same JVM: start from a fresh Stork each time
        Stork.shutdown();
        Stork.initialize(new QuarkusVertx(vertx));
        services.forEach((name, definition) -> Stork.getInstance().defineIfAbsent(name, definition));
    }

    void stop(@Observes ShutdownEvent stopped) {
        Stork.shutdown();
    }

    /** The Stork services named by the backends' stork:// URLs, with their discovery and balancer. */
    static Map<String, ServiceDefinition> definitions(Config config) {
        Map<String, ServiceDefinition> services = new LinkedHashMap<>();
        for (String client : BACKEND_CLIENTS) {
            serviceName(config.getOptionalValue("quarkus.rest-client." + client + ".url", String.class).orElse(null))
                    .ifPresent(name -> services.computeIfAbsent(name, ignored -> definition(config, name)));
        }
        return services;
    }

    /** The Stork service of a {@code stork://name} or {@code storks://name} URL; empty for any other URL. */
    public static Optional<String> serviceName(String url) {
        if (url == null || !url.startsWith(Stork.STORK)) {
            return Optional.empty();
        }
        String host = URI.create(url).getHost();
        if (host == null) {
            throw new IllegalStateException("A Stork URL names its service: stork://<service>, not " + url);
        }
        return Optional.of(host);
    }

    private static ServiceDefinition definition(Config config, String name) {
        String prefix = "quarkus.stork." + name + ".";
        String discovery = config.getOptionalValue(prefix + "service-discovery.type", String.class)
                .orElseThrow(() -> new IllegalStateException("stork://" + name + " is used but " + prefix
                        + "service-discovery.type is not set (static with address-list, or dns)"));
        String balancer = config.getOptionalValue(prefix + "load-balancer.type", String.class).orElse(DEFAULT_LOAD_BALANCER);
        return ServiceDefinition.of(new Typed(discovery, parameters(config, prefix + "service-discovery.")),
                new Typed(balancer, parameters(config, prefix + "load-balancer.")));
    }

    private static Map<String, String> parameters(Config config, String prefix) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && !name.equals(prefix + "type")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> parameters.put(name.substring(prefix.length()), value));
            }
        }
        for (String parameter : KNOWN_PARAMETERS) {
            config.getOptionalValue(prefix + parameter, String.class).ifPresent(value -> parameters.put(parameter, value));
        }
        return parameters;
    }

    private record Typed(String type, Map<String, String> parameters) implements ConfigWithType {
    }

    /** Stork's DNS discovery asks for a Vert.x: it gets Quarkus' own, not one more of its own. */
    private record QuarkusVertx(Vertx vertx) implements StorkInfrastructure {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Class<T> type, Supplier<T> otherwise) {
            return type == Vertx.class ? (T) vertx : otherwise.get();
        }
    }
}
