package org.arxivpipeline.common.http.netty;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.json.Json;

import org.arxivpipeline.common.problem.Problem;
import org.arxivpipeline.common.problem.Problems;

/**
 * The request line and headers of a request must arrive within the bound: counted from the connection's
 * accept for its first request, and from the first byte of each later one on a kept-alive connection.
 * Beyond it the client gets a 408 problem and the connection is closed. The body is bounded by the
 * router's {@code RequestReadTimeout} (408 problem), the answer by each dependency's deadline, so a
 * long download is never cut here.
 * <p>
 * It sees raw bytes (first in the pipeline) and, through a marker right after Vert.x' {@code httpDecoder},
 * when a request's headers ({@link HttpRequest}) and its end ({@link LastHttpContent}) have been decoded.
 * A connection without that decoder (HTTP/2, TLS, a plain TCP server) is left alone. Everything runs on
 * the connection's event loop.
 */
final class HeaderReadTimeoutHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "arxivHeaderReadTimeout";
    /** Vert.x 4.5's name for the HTTP/1.x decoder of a server connection (HttpServerWorker). */
    static final String VERTX_DECODER = "httpDecoder";

    private static final byte[] REQUEST_TIMEOUT = answer(Json.encode(Problems.of(408, Problems.title(408),
            "The request headers did not arrive in time", null, null)));

    private final long timeoutMillis;
    private ChannelHandlerContext context;
    private ScheduledFuture<?> timer;
    /** Between a request's first byte (or the accept) and its decoded headers. */
    private boolean awaitingHeaders;
    /** Between a request's headers and its end: bytes then belong to its body. */
    private boolean inBody;
    private boolean leftAlone;

    private static byte[] answer(String problem) {
        byte[] body = problem.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: " + Problem.MEDIA_TYPE + "\r\nConnection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[head.length + body.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(body, 0, whole, head.length, body.length);
        return whole;
    }

    HeaderReadTimeoutHandler(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        if (ctx.pipeline().get(VERTX_DECODER) == null) {
            leftAlone = true;
        } else {
            ctx.pipeline().addAfter(VERTX_DECODER, NAME + "Marker", new Marker());
            awaitingHeaders = true;
            arm();
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        if (!leftAlone && !awaitingHeaders && !inBody && message instanceof ByteBuf bytes && bytes.isReadable()) {
            // the first byte of the next request on this connection
            awaitingHeaders = true;
            arm();
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void arm() {
        cancel();
        timer = context.executor().schedule(this::expired, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expired() {
        timer = null;
        if (awaitingHeaders && context.channel().isActive()) {
            // nothing has reached Vert.x' request handling yet: answered here, under the decoder
            context.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Right after the decoder: learns when headers and ends of requests have been read. */
    private final class Marker extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
            if (message instanceof HttpRequest) {
                awaitingHeaders = false;
                inBody = true;
                cancel();
            }
            if (message instanceof LastHttpContent) {
                inBody = false;
            }
            ctx.fireChannelRead(message);
        }
    }
}
