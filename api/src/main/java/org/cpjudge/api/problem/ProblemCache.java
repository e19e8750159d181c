package org.cpjudge.api.problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.cpjudge.api.files.Trees;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemPackage;

/**
 * A worker's copy of the problem packages it judges, unpacked once under their content hash: a package is
 * fetched from the database the first time and never again, and a changed package has a new hash.
 */
public final class ProblemCache {

    private final ProblemStore store;
    private final Path dir;
    private final Map<String, Problem> loaded = new ConcurrentHashMap<>();

    public ProblemCache(ProblemStore store, Path dir) {
        this.store = store;
        this.dir = dir;
    }

    /** The problem ready to judge, with the limits chosen when it was imported. */
    public Problem get(StoredProblem stored) throws Exception {
        Problem problem = loaded.get(stored.packageSha256());
        if (problem == null) {
            problem = ProblemPackage.load(unpacked(stored.packageSha256()));
            loaded.put(stored.packageSha256(), problem);
        }
        return problem.withTimeLimitMs(stored.timeLimitMs());
    }

    private Path unpacked(String sha256) throws Exception {
        Path target = dir.resolve(sha256);
        Path rootMarker = target.resolve(".root");
        if (Files.exists(rootMarker)) {
            return target.resolve(Files.readString(rootMarker).strip());
        }
        byte[] zip = store.packageZip(sha256)
                .orElseThrow(() -> new IllegalStateException("no problem package has the hash " + sha256));
        Path staging = dir.resolve("staging-" + UUID.randomUUID());
        try {
            Path root = ZipPackages.unpack(zip, staging);
            Files.writeString(staging.resolve(".root"), staging.relativize(root).toString());
            Trees.moveIntoPlace(staging, target);
        } finally {
            Trees.delete(staging);
        }
        return target.resolve(Files.readString(rootMarker).strip());
    }
}
