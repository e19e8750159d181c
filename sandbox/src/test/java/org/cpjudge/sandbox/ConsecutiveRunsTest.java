package org.cpjudge.sandbox;

import static org.cpjudge.sandbox.BoxTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's box is as if made for it, whatever ran in the slot before: the host's changes to the folders it binds
 * show, a folder deleted and made again at the same path is the new one, its own limits hold, its output file
 * holds only its output, its pids start at 2, and nothing it set on its work directory outlives it. On cgroup
 * v1 a box is kept for the next run of the same shape (run.c, `kept`; box.c, box_reset), so most of these meet
 * a kept box. A box made ahead, shaped like the last request, was tried before (branch try/box-made-ahead,
 * sandbox README "Cost") and failed the two "made again" tests until it compared the folders by device and
 * inode. Sequential runs from one thread go to the same slot (the most recently used). Run inside
 * /work/shared/tools/contained.
 */
class ConsecutiveRunsTest {
    @TempDir
    Path dir;

    private static final Map<String, String> PATH = Map.of("PATH", "/usr/bin:/bin");

    /** A run in {@code work} with the streams beside it (so that {@code work} itself can be replaced). */
    private SandboxResult run(Path work, SandboxSpec.Limits limits, List<Path> binds, String script)
            throws Exception {
        SandboxResult r = sandbox().run(new SandboxSpec(List.of("/bin/sh", "-c", script), work, PATH, null,
                dir.resolve("out.txt"), dir.resolve("err.txt"), limits, binds, true));
        System.out.println(script + " -> " + r);
        return r;
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The supervisor prepares for the next run after it answered (a kept box makes itself new then): a change
     * the test made at once could come before that saw the folder, and then prove nothing. Wait until it has.
     */
    private static void letTheSupervisorPrepareTheNextRun() throws InterruptedException {
        Thread.sleep(300);
    }

    private String out() throws Exception {
        return Files.readString(dir.resolve("out.txt"));
    }

    @Test
    void whatTheHostChangesInTheWorkDirectoryBetweenRunsShows() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Files.writeString(work.resolve("a.txt"), "one");
        assertTrue(run(work, defaults(), List.of(), "cat a.txt").exitedCleanly());
        assertEquals("one", out());
        letTheSupervisorPrepareTheNextRun();
        Files.writeString(work.resolve("a.txt"), "two");
        Files.writeString(work.resolve("b.txt"), "added");
        SandboxResult r = run(work, defaults(), List.of(), "cat a.txt b.txt");
        assertTrue(r.exitedCleanly(), r.toString());
        assertEquals("twoadded", out());
    }

    @Test
    void aWorkDirectoryMadeAgainAtTheSamePathIsTheNewOne() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Files.writeString(work.resolve("a.txt"), "old");
        assertTrue(run(work, defaults(), List.of(), "cat a.txt").exitedCleanly());
        assertEquals("old", out());
        letTheSupervisorPrepareTheNextRun();
        deleteTree(work);
        Files.createDirectory(work);
        Files.writeString(work.resolve("a.txt"), "new");
        SandboxResult r = run(work, defaults(), List.of(), "cat a.txt");
        assertTrue(r.exitedCleanly(), r + " " + Files.readString(dir.resolve("err.txt")));
        assertEquals("new", out());
    }

    @Test
    void aBoundFolderMadeAgainAtTheSamePathIsTheNewOne() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.writeString(shared.resolve("x.txt"), "first");
        String look = "cat " + shared.resolve("x.txt");
        assertTrue(run(work, defaults(), List.of(shared), look).exitedCleanly());
        assertEquals("first", out());
        letTheSupervisorPrepareTheNextRun();
        deleteTree(shared);
        Files.createDirectory(shared);
        Files.writeString(shared.resolve("x.txt"), "second");
        SandboxResult r = run(work, defaults(), List.of(shared), look);
        assertTrue(r.exitedCleanly(), r + " " + Files.readString(dir.resolve("err.txt")));
        assertEquals("second", out());
    }

    /** The streams' files are new for each run (run.c opens them with open_fresh): nothing of a longer one before. */
    @Test
    void eachRunsOutputFileHoldsOnlyItsOwnOutput() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        assertTrue(run(work, defaults(), List.of(), "head -c 100000 /dev/zero | tr '\\0' x").exitedCleanly());
        assertEquals(100_000, out().length());
        assertTrue(run(work, defaults(), List.of(), "echo short").exitedCleanly());
        assertEquals("short\n", out());
        assertTrue(run(work, defaults(), List.of(), "true").exitedCleanly());
        assertEquals("", out());
    }

    /**
     * Pids start at 2 in every run, as in a new box, whatever the run before forked: a kept box's pids counted on
     * would let a run pass a number to the next (box.c, box_reset).
     */
    @Test
    void everyRunsFirstProcessIsPidTwo() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        SandboxSpec.Limits limits = new SandboxSpec.Limits(5000, 10000, 256 * MB, MB, 16 * MB, 8);
        assertTrue(run(work, limits, List.of(), "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do /bin/true; done; echo $$")
                .exitedCleanly());
        assertEquals("2\n", out());
        assertTrue(run(work, limits, List.of(), "echo $$").exitedCleanly());
        assertEquals("2\n", out());
    }

    /**
     * An extended attribute a run set on its work directory is gone in the next (the layers are made new). Where
     * tmpfs has no user attributes (kernels before 6.6, as in the cgroup v2 guest), the run cannot set one: the
     * channel is not there, which the test then checks instead.
     */
    @Test
    void anAttributeOfTheWorkDirectoryDoesNotOutliveItsRun() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        compileC(dir, "attr", """
                #include <errno.h>
                #include <stdio.h>
                #include <string.h>
                #include <sys/xattr.h>
                int main(int argc, char **argv) {
                  if (argc > 1) { int r = setxattr(".", "user.cpjudge", "kept", 4, 0);
                    printf("set %s\\n", r == 0 ? "ok" : errno == EOPNOTSUPP ? "unsupported" : strerror(errno)); return 0; }
                  char v[16] = ""; ssize_t n = getxattr(".", "user.cpjudge", v, sizeof v - 1);
                  printf("got %zd %s\\n", n, n > 0 ? v : ""); return 0; }
                """);
        Files.copy(dir.resolve("attr"), work.resolve("attr"));
        assertTrue(run(work, defaults(), List.of(), "./attr set").exitedCleanly());
        assertTrue(out().equals("set ok\n") || out().equals("set unsupported\n"), out());
        assertTrue(run(work, defaults(), List.of(), "./attr").exitedCleanly());
        assertEquals("got -1 \n", out(), "the attribute the last run set");
    }

    /** Each run has its own limits, whatever the run before had. */
    @Test
    void aRunWithOtherLimitsGetsItsOwn() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        // 100 MB of /dev/shm touched: over a 64 MB limit, within 256 MB
        String fill = "head -c 100000000 /dev/zero > /dev/shm/f && echo filled";
        SandboxSpec.Limits small = new SandboxSpec.Limits(5000, 10000, 64 * MB, MB, 200 * MB, 16);
        SandboxSpec.Limits large = new SandboxSpec.Limits(5000, 10000, 256 * MB, MB, 200 * MB, 16);
        assertTrue(run(work, large, List.of(), "true").exitedCleanly());
        SandboxResult over = run(work, small, List.of(), fill);
        assertFalse(over.exitedCleanly(), "100 MB in /dev/shm under a 64 MB limit: " + over);
        assertFalse(out().contains("filled"), out());
        SandboxResult within = run(work, large, List.of(), fill);
        assertTrue(within.exitedCleanly(), within + " " + Files.readString(dir.resolve("err.txt")));
        assertEquals("filled\n", out());
        SandboxResult overAgain = run(work, small, List.of(), fill);
        assertFalse(overAgain.exitedCleanly(), overAgain.toString());
    }
}
