package org.arxivpipeline.results.mapping;

import java.util.ArrayList;
import java.util.List;

/** The authors of a result, stored as one text joined by ", " (as the contract's records carry them). */
final class Authors {

    private Authors() {
    }

    static List<String> split(String authors) {
        List<String> names = new ArrayList<>();
        for (String name : authors.split(",\\s*")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }
}
