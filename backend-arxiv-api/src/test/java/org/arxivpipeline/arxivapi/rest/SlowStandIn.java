package org.arxivpipeline.arxivapi.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import org.arxivpipeline.arxivapi.SlowArxiv;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the service under test at a {@link SlowArxiv}, handed to the test in a field annotated {@link InjectSlowArxiv}. */
public class SlowStandIn implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSlowArxiv {
    }

    private SlowArxiv arxiv;

    @Override
    public Map<String, String> start() {
        try {
            arxiv = new SlowArxiv();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("arxiv.base-url", arxiv.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(arxiv, new TestInjector.AnnotatedAndMatchesType(InjectSlowArxiv.class, SlowArxiv.class));
    }

    @Override
    public void stop() {
        if (arxiv != null) {
            try {
                arxiv.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
