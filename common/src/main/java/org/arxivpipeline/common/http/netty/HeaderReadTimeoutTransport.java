package org.arxivpipeline.common.http.netty;

import java.time.Duration;

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

    /** The suite's bound on reading a request ({@code REQUEST_READ_TIMEOUT}), also used for the body. */
    static final String TIMEOUT_PROPERTY = "request.read-timeout";

    @Override
    public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
        super.configure(options, domainSocket, bootstrap);
        if (domainSocket) {
            return;
        }
        long millis = ConfigProvider.getConfig().getOptionalValue(TIMEOUT_PROPERTY, Duration.class)
                .orElse(Duration.ofSeconds(10)).toMillis();
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
