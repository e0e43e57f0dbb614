package org.arxivpipeline.common.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Puts the internal token, when one is configured, on every call of the REST clients. Only the
 * frontend's clients of the backends are REST clients: arXiv is called with a plain Vert.x client and
 * never sees the token.
 */
@Provider
public class InternalTokenPropagation implements ClientRequestFilter {

    @Inject
    InternalToken token;

    @Override
    public void filter(ClientRequestContext request) {
        token.value().ifPresent(value -> request.getHeaders().putSingle(InternalToken.HEADER, value));
    }
}
