package org.cpjudge.api.problem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cpjudge.api.files.Trees;
import org.cpjudge.api.http.ApiException;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemImporter;
import org.cpjudge.judge.problem.ProblemPackage;
import org.cpjudge.judge.problem.ProblemPackageException;

/**
 * Turns an uploaded problem package zip into a stored problem: unpacks it in scratch space, loads and checks
 * it, chooses its limits (judging its accepted submissions when the package gives no time limit), and stores
 * the zip itself so that any worker can fetch it by hash.
 */
public final class ProblemImport {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final ProblemStore store;
    private final Path scratch;
    private final Optional<Judge> judge;

    public ProblemImport(ProblemStore store, Path scratch, Optional<Judge> judge) {
        this.store = store;
        this.scratch = scratch;
        this.judge = judge;
    }

    /** A stored problem with what its import learned: the package as read, its warnings included. */
    public record Imported(StoredProblem stored, Problem problem) {
    }

    public Imported importZip(byte[] zip, String requestedId, long adminId) throws Exception {
        if (requestedId != null && !ID.matcher(requestedId).matches()) {
            throw ApiException.badRequest("invalid_id",
                    "a problem id is 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        Path work = scratch.resolve("import-" + UUID.randomUUID());
        try {
            Path root = ZipPackages.unpack(zip, work);
            Problem problem = load(root);
            String id = requestedId != null ? requestedId : defaultId(problem, root, work.resolve("tree"));
            StoredProblem stored = new StoredProblem(id, problem.name(), Math.toIntExact(problem.timeLimitMs()),
                    Math.toIntExact(problem.memoryLimitMib()), problem.testCases().size(), PackageHash.of(zip));
            if (!store.insert(stored, zip, adminId)) {
                throw new ApiException(409, "problem_exists", "a problem with the id '" + id + "' exists");
            }
            return new Imported(stored, problem);
        } catch (ProblemPackageException e) {
            // the message names files inside our scratch directory: name them as the package does, never the host path
            String where = work.toAbsolutePath().toString();
            throw ApiException.badRequest("invalid_package", String.valueOf(e.getMessage())
                    .replace(where + java.io.File.separator, "").replace(where, "the package"));
        } finally {
            Trees.delete(work);
        }
    }

    private Problem load(Path root) throws ProblemPackageException, IOException, InterruptedException {
        if (judge.isPresent()) {
            return new ProblemImporter(judge.get()).importPackage(root);
        }
        return ProblemPackage.load(root);
    }

    /** The package's folder name when the zip holds one, else its name made into an id. */
    private static String defaultId(Problem problem, Path root, Path unpacked) {
        String candidate = !root.equals(unpacked) ? root.getFileName().toString() : problem.name();
        String id = candidate.toLowerCase().replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|-+$", "");
        if (id.length() > 64) {
            id = id.substring(0, 64);
        }
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("missing_id", "no id can be made from the package; give ?id=shortname");
        }
        return id;
    }
}
