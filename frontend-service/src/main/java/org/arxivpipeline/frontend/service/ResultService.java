package org.arxivpipeline.frontend.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.frontend.client.ResultsBackend;
import org.arxivpipeline.frontend.model.StoredPage;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET /results}: the contract makes the frontend's page and backend-results' the same JSON, so a
 * page is passed on as backend-results wrote it, neither parsed nor written again.
 */
@ApplicationScoped
public class ResultService {

    @Inject
    ResultsBackend results;

    public Uni<StoredPage> page(Long queryId, Long page, Integer itemsPerPage, String cursor, ResultFilter filter) {
        return filter.isEmpty() ? results.read(queryId, page, itemsPerPage, cursor)
                : results.readFiltered(queryId, page, itemsPerPage, cursor, filter);
    }
}
