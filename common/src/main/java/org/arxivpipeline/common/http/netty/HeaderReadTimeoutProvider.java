package org.arxivpipeline.common.http.netty;

import org.jboss.logging.Logger;

import io.vertx.core.impl.VertxBuilder;
import io.vertx.core.impl.transports.JDKTransport;
import io.vertx.core.spi.VertxServiceProvider;

/**
 * Found by Vert.x through {@code META-INF/services} when Quarkus builds its Vert.x instance: replaces
 * the JDK (NIO) transport, already chosen at that point, with {@link HeaderReadTimeoutTransport}. With
 * another transport (the native one, {@code quarkus.vertx.prefer-native-transport=true}) nothing is
 * bounded, and that is said at WARN.
 */
public class HeaderReadTimeoutProvider implements VertxServiceProvider {

    private static final Logger LOG = Logger.getLogger(HeaderReadTimeoutProvider.class);

    @Override
    public void init(VertxBuilder builder) {
        if (builder.findTransport() != null && builder.findTransport().getClass() == JDKTransport.class) {
            builder.findTransport(new HeaderReadTimeoutTransport());
        } else {
            LOG.warnf("Request headers are not time-bounded: transport %s is not Vert.x' JDK transport", builder.findTransport());
        }
    }
}
