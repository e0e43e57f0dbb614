package org.arxivpipeline.frontend.client.stork;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;

import jakarta.ws.rs.RuntimeType;

import org.jboss.resteasy.reactive.client.impl.StorkClientRequestFilterMarker;
import org.jboss.resteasy.reactive.client.impl.WebTargetImpl;
import org.jboss.resteasy.reactive.common.jaxrs.ConfigurationImpl;
import org.junit.jupiter.api.Test;

/**
 * The Stork workaround (docs/decisions/stork-workaround.md) relies on a private check of RESTEasy's REST
 * client: it registers its own Stork filter on a {@code stork://} call unless a provider whose class name
 * starts with that filter's is registered. This fails as soon as that check changes or goes away; then
 * read the decision record again (with the Quarkus Stork extension the whole workaround goes).
 */
class RestEasyStorkInternalsTest {

    private static boolean storkAlreadyRegistered(ConfigurationImpl configuration) throws Exception {
        Method check = WebTargetImpl.class.getDeclaredMethod("isStorkAlreadyRegistered", ConfigurationImpl.class);
        check.setAccessible(true);
        return (boolean) check.invoke(null, configuration);
    }

    @Test
    void theMarkerKeepsTheRestClientFromRegisteringItsOwnStorkFilter() throws Exception {
        ConfigurationImpl marked = new ConfigurationImpl(RuntimeType.CLIENT);
        marked.register(StorkInstanceSelection.class);
        marked.register(StorkClientRequestFilterMarker.class);
        assertTrue(storkAlreadyRegistered(marked), "RESTEasy no longer sees the marker as its Stork filter");

        ConfigurationImpl unmarked = new ConfigurationImpl(RuntimeType.CLIENT);
        unmarked.register(StorkInstanceSelection.class);
        assertFalse(storkAlreadyRegistered(unmarked), "without the marker RESTEasy would register its own filter");
    }
}
