package org.cpjudge.api.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.Languages;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ProblemImporter;
import org.cpjudge.judge.problem.ProblemPackageException;
import org.cpjudge.judge.verify.PackageVerifier;
import org.cpjudge.sandbox.Sandbox;
import org.cpjudge.sandbox.Sandboxes;

/**
 * {@code judge.jar verify DIR}: imports the problem package in DIR (computing its time limit if it gives
 * none), judges every submission under {@code DIR/submissions/} and prints a table of submission, what the
 * package expects of it, what it got, its time against the limit, and a summary line. Exits 0 only when every
 * submission judged got what is expected of it (those in languages not installed here are skipped).
 *
 * <p>Options: {@code --work DIR} for compile caches and boxes (default: a temporary folder),
 * {@code --insecure} to run without isolation on a development machine that has none.
 */
public final class VerifyCommand {

    private VerifyCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path dir = null;
        Path work = null;
        boolean insecure = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--work" -> work = i + 1 < args.size() ? Path.of(args.get(++i)) : null;
                case "--insecure" -> insecure = true;
                default -> dir = Path.of(args.get(i));
            }
        }
        if (dir == null || !Files.isDirectory(dir)) {
            err.println("usage: verify [--work DIR] [--insecure] PROBLEM_PACKAGE_DIR");
            return 2;
        }
        try {
            if (work == null) {
                work = Files.createTempDirectory("cpjudge-verify-");
            }
            try (Sandbox sandbox = Sandboxes.open(work.resolve("sandbox"), insecure)) {
                Judge judge = new Judge(sandbox, Languages.detect(), work);
                Problem problem = new ProblemImporter(judge).importPackage(dir);
                out.printf("problem %s (%s, %s format): time limit %d ms%s, memory %d MiB, %d test cases%n",
                        problem.shortName(), problem.name(), problem.format().label(),
                        problem.timeLimitMs(), problem.limits().timeLimitExplicit() ? "" : " (computed)",
                        problem.memoryLimitMib(), problem.testCases().size());
                for (String warning : problem.warnings()) {
                    out.println("warning: " + warning);
                }
                List<PackageVerifier.Row> rows = new PackageVerifier(judge).verify(problem);
                out.print(PackageVerifier.table(rows));
                out.println(PackageVerifier.summary(rows));
                return PackageVerifier.passes(rows) ? 0 : 1;
            }
        } catch (ProblemPackageException e) {
            err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("verify failed: " + e);
            return 1;
        }
    }
}
