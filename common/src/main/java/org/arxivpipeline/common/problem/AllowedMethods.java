package org.arxivpipeline.common.problem;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.quarkus.runtime.Startup;

/**
 * The HTTP methods each resource path answers, for the {@code Allow} header of a 405 (RFC 9110 asks for
 * it; Quarkus REST's own 405 carries none). Read once at start-up from the JAX-RS resources, which
 * Quarkus REST makes CDI beans; paths with templates are left out (the suite has none).
 */
@Singleton
@Startup
public class AllowedMethods {

    private final Map<String, Set<String>> byPath = new TreeMap<>();

    @Inject
    AllowedMethods(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path classPath = bean.getBeanClass().getAnnotation(Path.class);
            if (classPath != null) {
                for (Method method : bean.getBeanClass().getMethods()) {
                    add(classPath.value(), method);
                }
            }
        }
    }

    private void add(String classPath, Method method) {
        Path methodPath = method.getAnnotation(Path.class);
        String path = normalised(classPath + (methodPath == null ? "" : "/" + methodPath.value()));
        for (var annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null && !path.contains("{")) {
                byPath.computeIfAbsent(path, p -> new TreeSet<>()).add(http.value());
            }
        }
    }

    /** The {@code Allow} value for {@code path} (e.g. {@code GET, POST}), or null when no resource has that path. */
    public String allowHeader(String path) {
        Set<String> methods = byPath.get(normalised(path));
        if (methods == null) {
            return null;
        }
        Set<String> allowed = new TreeSet<>(methods);
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        allowed.add(HttpMethod.OPTIONS);
        return String.join(", ", allowed);
    }

    private static String normalised(String path) {
        String single = ("/" + path).replaceAll("/+", "/");
        return single.length() > 1 && single.endsWith("/") ? single.substring(0, single.length() - 1) : single;
    }
}
