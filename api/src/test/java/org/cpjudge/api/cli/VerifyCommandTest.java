package org.cpjudge.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code judge.jar verify DIR}, what a problem setter runs every day: a table, a summary, and an exit code. */
class VerifyCommandTest {

    private static final Path PACKAGES = Path.of("../judge/src/test/resources/packages");

    @TempDir
    Path work;

    private record Run(int exit, String out, String err) {
    }

    private Run verify(String name) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(List.of("--work", work.toString(), PACKAGES.resolve(name).toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPackageWhoseSubmissionsAllGetWhatIsExpectedExitsZero() {
        Run r = verify("modern");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("problem modern (Rough Sums, 2025-09 format): time limit 1000 ms"), r.out());
        assertTrue(r.out().contains("partial/close.py"), r.out());
        assertTrue(r.out().contains("/ 1000 ms"), r.out());
        assertTrue(r.out().strip().endsWith("5 submissions: 5 as expected, 0 not"), r.out());
    }

    @Test
    void aMismatchIsShownWithItsReasonAndExitsOne() {
        Run r = verify("tlemargin");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("warning: time_limit_exceeded/not_slow.py is expected to exceed"), r.out());
        assertTrue(r.out().contains("(computed)"), r.out());
        String row = r.out().lines().filter(l -> l.startsWith("time_limit_exceeded/not_slow.py")).findFirst()
                .orElseThrow();
        assertTrue(row.contains("MISMATCH: no test case got"), row);
        assertTrue(r.out().strip().endsWith("3 submissions: 2 as expected, 1 not"), r.out());
    }

    @Test
    void aMissingFolderIsAUsageError() {
        assertEquals(2, VerifyCommand.run(List.of(work.resolve("nope").toString()), System.out,
                new PrintStream(new ByteArrayOutputStream())));
    }
}
