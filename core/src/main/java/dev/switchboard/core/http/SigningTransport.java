package dev.switchboard.core.http;

import dev.switchboard.api.HttpTransport;
import java.util.List;

/** An {@link HttpTransport} that can hand out a view of itself signing every request it sends. */
public interface SigningTransport extends HttpTransport {

    /**
     * @param keys the HMAC keys, current first; each adds one {@code webhook-signature} entry
     * @return a transport signing each request over exactly the bytes of its body
     */
    HttpTransport signingWith(List<byte[]> keys);
}
