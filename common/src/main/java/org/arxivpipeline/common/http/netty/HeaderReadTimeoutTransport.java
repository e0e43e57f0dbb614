package org.arxivpipeline.common.http.netty;

import java.time.Duration;

import org.arxivpipeline.common.http.RequestConfig;
import org.eclipse.microprofile.config.ConfigProvider;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.vertx.core.impl.transports.JDKTransport;
import io.vertx.core.net.NetServerOptions;

/**
 * Vert.x' JDK transport, plus a {@link HeaderReadTimeoutHandler} first in the pipeline of every accepted
 * connection. Vert.x has set its own child handler when it calls {@link #configure}; it is kept, after ours.
 */
final class HeaderReadTimeoutTransport extends JDKTransport {

    /** {@link RequestConfig#readTimeout()}'s property. */
    static final String READ_TIMEOUT = "request.read-timeout";

    @Override
    public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
        super.configure(options, domainSocket, bootstrap);
        if (domainSocket) {
            return;
        }
        // built by Vert.x' service loader, outside CDI and possibly outside Quarkus (a Vert.x of a test
        // tool): RequestConfig's property, read from the configuration directly, with its default
        long millis = ConfigProvider.getConfig().getOptionalValue(READ_TIMEOUT, Duration.class).orElse(Duration.ofSeconds(10)).toMillis();
        ChannelHandler vertx = bootstrap.config().childHandler();
        bootstrap.childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(HeaderReadTimeoutHandler.NAME, new HeaderReadTimeoutHandler(millis));
                channel.pipeline().addLast(vertx);
            }
        });
    }
}
