package dev.switchboard.core.http;

import java.net.SocketAddress;
import java.util.function.Supplier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * httpclient5's TLS set-up, made at the first https connection instead of at start-up: creating it
 * loads the JDK's trust store and parses the public suffix list, a third of a second of start-up
 * that a runtime posting only to http receivers (or not posting yet) never needs.
 */
final class LazyTlsStrategy implements TlsStrategy {

    private final Supplier<TlsStrategy> factory;
    private volatile TlsStrategy delegate;

    LazyTlsStrategy(Supplier<TlsStrategy> factory) {
        this.factory = factory;
    }

    private TlsStrategy delegate() {
        TlsStrategy strategy = delegate;
        if (strategy == null) {
            synchronized (this) {
                strategy = delegate;
                if (strategy == null) {
                    strategy = factory.get();
                    delegate = strategy;
                }
            }
        }
        return strategy;
    }

    @Override
    public void upgrade(TransportSecurityLayer sessionLayer, NamedEndpoint endpoint, Object attachment,
                        Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
        delegate().upgrade(sessionLayer, endpoint, attachment, handshakeTimeout, callback);
    }

    @Deprecated
    @Override
    public boolean upgrade(TransportSecurityLayer sessionLayer, HttpHost host, SocketAddress localAddress,
                           SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
        return delegate().upgrade(sessionLayer, host, localAddress, remoteAddress, attachment, handshakeTimeout);
    }
}
