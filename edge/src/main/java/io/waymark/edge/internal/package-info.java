/**
 * How the edge works inside; nothing here is for other modules.
 *
 * <h2>Pipelines</h2>
 * <pre>
 * HTTPS  limit → idle → [proxy] → EdgeSniHandler ──(becomes SslHandler)──→ ALPN ┬ h2:       Http2FrameCodec → Http2MultiplexHandler,
 *                                                                                │           per stream: Http2StreamFrameToHttpObjectCodec → routes
 *                                                                                └ http/1.1: http1 → routes
 * HTTP   limit → idle → [proxy] → http1 → HttpRequestGuardHandler → AcmeChallengeHandler → TrackingHandler → NotFoundHandler
 * http1  = RequestHeadTimeoutHandler → HttpRequestDecoder, HttpResponseEncoder → (head received)
 * routes = HttpRequestGuardHandler → TrackingHandler → NotFoundHandler
 * [proxy] = ProxyProtocolHandler, only with edge.proxy-protocol=true; becomes HAProxyMessageDecoder
 *           → (PROXY source address) for a trusted peer that sends a header, nothing otherwise
 * </pre>
 * <ul>
 * <li>{@link io.waymark.edge.internal.ConnectionLimitHandler} closes connections over the cap
 *     before any TLS work; {@code IdleStateHandler} closes connections that stop sending for the
 *     shorter of the read and idle timeouts (reads only: the edge writes nothing but answers).</li>
 * <li>{@link io.waymark.edge.internal.EdgeSniHandler} is Netty's {@code SniHandler} over
 *     {@link io.waymark.edge.internal.CertificateStore}, an {@code AsyncMapping}: a host whose
 *     context is cached completes on the event loop; a cold host's sealed key is opened and its
 *     context built on a small executor; an unknown or missing name gets a fatal
 *     {@code unrecognized_name} alert and a metric, without an exception.</li>
 * <li>{@link io.waymark.edge.internal.ProxyProtocolHandler} reads a PROXY protocol header before
 *     TLS from a trusted load balancer (its source address becomes the client address), closes a
 *     connection whose untrusted peer sends one, and leaves the pipeline otherwise.</li>
 * <li>{@link io.waymark.edge.internal.RequestHeadTimeoutHandler} gives each HTTP/1.1 request head a
 *     total deadline from its first byte (408 and close), against clients that trickle bytes
 *     just inside the read timeout.</li>
 * <li>The HTTP codec enforces the request-line (8 KB) and header (16 KB) limits;
 *     {@link io.waymark.edge.internal.HttpRequestGuardHandler} turns decoder failures into
 *     414/431/400 and non-GET/HEAD methods into 405.</li>
 * <li>{@link io.waymark.edge.internal.TrackingHandler} verifies tokens against Host (and SNI),
 *     answers 302 or the pixel, and hands the event to the
 *     {@link io.waymark.edge.internal.EventSpool}, which never blocks the event loop.</li>
 * </ul>
 *
 * <h2>State from Kafka</h2>
 * {@link io.waymark.edge.internal.CompactedTopicReader} reads {@code certificates} and
 * {@code acme-challenges} from the beginning on its own thread, with no consumer group, at every
 * start (the index is rebuilt from the topic, not persisted locally); {@code /readyz} waits until
 * both have been read to the end offsets seen at start-up.
 *
 * <h2>Events</h2>
 * Write-ahead: every event is appended to the {@link io.waymark.edge.internal.SpoolLog} first and
 * forwarded from there to Kafka in order; see {@link io.waymark.edge.internal.EventSpool} for the
 * delivery guarantee and loss bounds.
 */
package io.waymark.edge.internal;
