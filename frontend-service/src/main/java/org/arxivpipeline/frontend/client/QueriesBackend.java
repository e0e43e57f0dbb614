package org.arxivpipeline.frontend.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.model.QueryRecordJson;
import org.arxivpipeline.common.problem.ProblemException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** backend-queries' write (idempotent by contract: the same record again is a 200, so retried) and its one-query read. */
@ApplicationScoped
public class QueriesBackend {

    static final String NAME = "backend-queries";

    @RestClient
    QueriesClient client;

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<Void> write(QueryRecord record) {
        return client.write(record).replaceWithVoid().onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    /** One stored query in the public form, as backend-queries wrote it, passed through unparsed; 404 when not stored. */
    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<byte[]> one(long queryId) {
        return client.one(queryId, QueryRecordJson.Form.PUBLIC.label())
                .map(answer -> {
                    if (!QueryRecordJson.Form.PUBLIC.label().equals(answer.getHeaderString(QueryRecordJson.FORM_HEADER))) {
                        // an older backend-queries that ignores form=public: its record must not reach a client as a public one
                        throw ProblemException.badGateway(NAME + " answered without the public record form (an older version?)");
                    }
                    return answer.getEntity();
                })
                .onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }
}
