package org.jboss.resteasy.reactive.client.impl;

import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

/**
 * Does nothing; its name is what counts. On a call to a {@code stork://} URL the REST client registers its
 * own {@code StorkClientRequestFilter} on the client's shared configuration unless a provider whose class
 * name starts with that filter's is registered already ({@code WebTargetImpl.isStorkAlreadyRegistered}).
 * That late registration races with calls on other event loops (a ConcurrentModificationException, a 500,
 * seen when the first searches came in together), and the filter itself refuses to work without the
 * Quarkus Stork extension, which our Maven repository lacks. Registered on each client beside
 * {@code StorkInstanceSelection}, which does the selecting; it lives in this package only so that its name
 * matches that check.
 */
public class StorkClientRequestFilterMarker implements ResteasyReactiveClientRequestFilter {

    @Override
    public void filter(ResteasyReactiveClientRequestContext requestContext) {
        // the instance was chosen by StorkInstanceSelection
    }
}
