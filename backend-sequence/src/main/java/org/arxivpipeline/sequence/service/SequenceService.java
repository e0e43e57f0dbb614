package org.arxivpipeline.sequence.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.model.SequenceValue;
import org.arxivpipeline.sequence.repository.SequenceRepository;

import io.smallrye.mutiny.Uni;

/** Hands out query_ids: a PostgreSQL sequence's next value, unique across replicas and restarts (a value lost is only a gap). */
@ApplicationScoped
public class SequenceService {

    @Inject
    SequenceRepository sequence;

    public Uni<SequenceValue> next() {
        return sequence.nextValue().map(SequenceValue::new);
    }
}
