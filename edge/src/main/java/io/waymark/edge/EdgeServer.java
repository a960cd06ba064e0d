package io.waymark.edge;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.waymark.edge.internal.EdgeChannelInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The edge's two listeners on one set of event loops: HTTPS (SNI-selected certificates, ALPN h2
 * and http/1.1, click and open endpoints) and plain HTTP (ACME HTTP-01 answers, click and open
 * endpoints). Native epoll when it loads, NIO otherwise. Closing stops accepting, then lets the
 * event loops finish what they are writing.
 */
public final class EdgeServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EdgeServer.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel https;
    private final Channel http;

    private EdgeServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup, Channel https, Channel http) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.https = https;
        this.http = http;
    }

    /** Binds both ports; the shared handlers come from {@code shared}. */
    public static EdgeServer start(EdgeConfig config, EdgeChannelInitializer.Shared shared) throws InterruptedException {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Leak sampling records a stack trace for one buffer in 128: a debugging aid that
            // costs every request on a busy edge. -Dio.netty.leakDetection.level=simple turns it on.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, factory);
        // One event loop per core by default, as nginx runs one worker per core: more loops than
        // cores only add context switches to a CPU-bound TLS server.
        int loops = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(loops, factory);
        try {
            Channel https = bind(boss, workers, channelType, new EdgeChannelInitializer(shared, true), config.bindHost(), config.httpsPort());
            Channel http = bind(boss, workers, channelType, new EdgeChannelInitializer(shared, false), config.bindHost(), config.httpPort());
            EdgeServer server = new EdgeServer(boss, workers, https, http);
            LOGGER.atInfo().addKeyValue("httpsPort", server.httpsPort()).addKeyValue("httpPort", server.httpPort())
                    .addKeyValue("transport", epoll ? "epoll" : "nio").log("edge listening");
            return server;
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Channel bind(EventLoopGroup boss, EventLoopGroup workers, Class<? extends ServerChannel> type,
                                EdgeChannelInitializer initializer, String host, int port) throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress(host, port))
                .sync()
                .channel();
    }

    /** The bound HTTPS port (useful when configured as 0). */
    public int httpsPort() {
        return ((InetSocketAddress) https.localAddress()).getPort();
    }

    /** The bound HTTP port (useful when configured as 0). */
    public int httpPort() {
        return ((InetSocketAddress) http.localAddress()).getPort();
    }

    @Override
    public void close() {
        https.close().syncUninterruptibly();
        http.close().syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
