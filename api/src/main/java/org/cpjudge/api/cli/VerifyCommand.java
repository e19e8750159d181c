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
 * none), judges every submission under {@code DIR/submissions/} and prints a table of submission, expected
 * and actual verdict, and time. Exits 0 only when every verdict is the expected one.
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
                out.printf("problem %s (%s): time limit %d ms, memory %d MiB, %d test cases%n", problem.shortName(),
                        problem.name(), problem.timeLimitMs(),
                        problem.memoryLimitMib(), problem.testCases().size());
                problem.warnings().forEach(w -> out.println("warning: " + w));
                List<PackageVerifier.Row> rows = new PackageVerifier(judge).verify(problem);
                out.print(PackageVerifier.table(rows));
                long bad = rows.stream().filter(r -> !r.matches()).count();
                out.println(bad == 0 ? "all " + rows.size() + " submissions as expected"
                        : bad + " of " + rows.size() + " submissions not as expected");
                return bad == 0 && !rows.isEmpty() ? 0 : 1;
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
