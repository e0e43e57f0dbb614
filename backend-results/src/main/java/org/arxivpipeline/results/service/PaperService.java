package org.arxivpipeline.results.service;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.model.Paper;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.results.repository.ResultRepository;
import org.arxivpipeline.results.repository.ResultRepository.Sighting;

import io.smallrye.mutiny.Uni;

/** One paper across everything stored: every version and every query that found it. */
@ApplicationScoped
public class PaperService {

    /** Versions in their order: v2 before v10. */
    private static final Comparator<String> BY_VERSION = Comparator.comparingInt(PaperService::version).thenComparing(id -> id);

    @Inject
    ResultRepository repository;

    /** The paper {@code paper} (an id without version); a 404 when no result of it is stored. */
    public Uni<Paper> paper(String paper) {
        return repository.sightingsOf(paper).map(sightings -> {
            if (sightings.isEmpty()) {
                throw ProblemException.notFound("No result of arXiv paper " + paper + " is stored");
            }
            TreeSet<String> versions = new TreeSet<>(BY_VERSION);
            TreeSet<Long> queries = new TreeSet<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            Sighting latest = sightings.get(0);
            for (Sighting sighting : sightings) {
                versions.add(sighting.result().arxivId());
                queries.add(sighting.result().queryId());
                first = Math.min(first, sighting.timestamp());
                last = Math.max(last, sighting.timestamp());
                // the newest version; of equal versions, the one the latest query found (its record is the newest)
                if (BY_VERSION.compare(sighting.result().arxivId(), latest.result().arxivId()) >= 0) {
                    latest = sighting;
                }
            }
            return new Paper(paper, latest.result(), List.copyOf(versions), List.copyOf(queries), first, last);
        });
    }

    private static int version(String id) {
        int v = id.lastIndexOf('v');
        try {
            return v < 0 ? 0 : Integer.parseInt(id.substring(v + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
