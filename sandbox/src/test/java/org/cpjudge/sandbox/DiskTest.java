package org.cpjudge.sandbox;

import static org.cpjudge.sandbox.BoxTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cpjudge.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The box's writable space (the work directory and /tmp) is one tmpfs of fileSizeBytes per run: a write past
 * it fails inside the program, the run is OUTPUT_EXCEEDED, its pages count against the memory limit, and
 * what a run writes comes back into the host work directory. Run inside /work/shared/tools/contained.
 */
class DiskTest {
    @TempDir
    Path dir;

    /** Bytes of the regular files under the host work directory (what a run left on the host's disk). */
    static long hostBytes(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static long hostEntries(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.count() - 1;
        }
    }

    /** The largest "wrote N" a program printed, -1 when none. */
    static long largestWrote(String out) {
        long max = -1;
        Matcher m = Pattern.compile("wrote (\\d+)").matcher(out);
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
        }
        return max;
    }

    @Test
    void fastWriterIsStoppedAtTheLimit() throws Exception {
        // dd-like: 1 GB in 1 MB writes, 8 MB per file so that the per-file limit (RLIMIT_FSIZE) is not what stops it
        compileC(dir, "dd", """
                #include <errno.h>
                #include <fcntl.h>
                #include <signal.h>
                #include <stdio.h>
                #include <string.h>
                #include <sys/statvfs.h>
                #include <unistd.h>
                int main(void){ static char buf[1 << 20]; memset(buf, 'x', sizeof buf); signal(SIGXFSZ, SIG_IGN);
                  struct statvfs v; statvfs(".", &v);
                  printf("space %llu\\n", (unsigned long long) v.f_blocks * v.f_frsize); fflush(stdout);
                  long long total = 0; int fd = -1;
                  while (total < (1LL << 30)) {
                    if (total % (8 << 20) == 0) { char name[32]; sprintf(name, "part%lld", total >> 23);
                      if (fd >= 0) close(fd); fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
                      if (fd < 0) { printf("failed %s\\n", strerror(errno)); return 3; } }
                    ssize_t n = write(fd, buf, sizeof buf);
                    if (n < 0) { printf("failed %s\\n", strerror(errno)); fflush(stdout); return 3; }
                    total += n; printf("wrote %lld\\n", total); fflush(stdout);
                    if (n < (ssize_t) sizeof buf) { n = write(fd, buf, sizeof buf);
                      printf("failed %s\\n", n < 0 ? strerror(errno) : "short"); return 3; }
                  }
                  return 0; }
                """);
        long before = hostBytes(dir);
        long limit = 32 * MB;
        SandboxResult r = run(dir, new SandboxSpec.Limits(10000, 20000, 256 * MB, MB, limit, 4), "./dd");
        String out = stdout(dir);
        assertEquals(Outcome.OUTPUT_EXCEEDED, r.outcome(), r + " " + out);
        assertTrue(out.contains("space " + limit + "\n"), "the box's work directory holds exactly the limit: " + out);
        assertTrue(out.contains("failed No space left on device"), "the write past the limit failed at once: " + out);
        long wrote = largestWrote(out);
        assertTrue(wrote <= limit, "never more than the limit: " + wrote);
        assertTrue(wrote > limit - 2 * MB, "stopped at the limit, not before it: " + wrote);
        // nothing of it reached the host's disk: a run that filled its space gets none of its files back
        assertTrue(hostBytes(dir) - before <= limit, "host bytes " + (hostBytes(dir) - before));
        System.out.println("fast writer: stopped at " + wrote + " of " + limit + " bytes (overshoot "
                + Math.max(0, wrote - limit) + "), wall " + r.wallTimeMs() + " ms, host bytes added "
                + (hostBytes(dir) - before - out.length()));
    }

    @Test
    void oneFileOverTheLimitIsStopped() throws Exception {
        compileC(dir, "fill", """
                #include <stdio.h>
                #include <string.h>
                int main(void){ static char buf[1 << 16]; memset(buf, 'x', sizeof buf);
                  FILE *f = fopen("big.bin", "w"); for (;;) fwrite(buf, 1, sizeof buf, f); }
                """);
        SandboxResult r = run(dir, new SandboxSpec.Limits(5000, 10000, 64 * MB, MB, 8 * MB, 4), "./fill");
        assertEquals(Outcome.OUTPUT_EXCEEDED, r.outcome(), r.toString());
        assertTrue(!Files.exists(dir.resolve("big.bin")) || Files.size(dir.resolve("big.bin")) <= 8 * MB);
    }

    @Test
    void hundredThousandSmallFilesEndPromptly() throws Exception {
        // keeps trying after the first failure, as a careless program would
        compileC(dir, "many", """
                #include <fcntl.h>
                #include <stdio.h>
                #include <unistd.h>
                int main(void){ int made = 0, failed = 0;
                  for (int i = 0; i < 100000; i++) { char name[32]; sprintf(name, "f%06d", i);
                    int fd = open(name, O_WRONLY | O_CREAT, 0644); if (fd < 0) { failed++; continue; }
                    made++; if (write(fd, "x", 1) < 0) failed++; close(fd);
                    if (made % 1000 == 0) { printf("made %d\\n", made); fflush(stdout); } }
                  printf("made %d failed %d\\n", made, failed); return 0; }
                """);
        long entriesBefore = hostEntries(dir);
        long t0 = System.nanoTime();
        SandboxResult r = run(dir, new SandboxSpec.Limits(20000, 30000, 256 * MB, MB, 512 * MB, 4), "./many");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Outcome.OUTPUT_EXCEEDED, r.outcome(), r + " " + stdout(dir));
        assertTrue(hostEntries(dir) - entriesBefore <= 20_016, "entries on the host: " + hostEntries(dir));
        Matcher m = Pattern.compile("made (\\d+)").matcher(stdout(dir));
        int made = 0;
        while (m.find()) {
            made = Integer.parseInt(m.group(1));
        }
        // the tmpfs holds 20,000 entries for the program and 16 for the box's own folders (disk.h), some unused
        assertTrue(made <= 20_016 && made >= 19_000, "bounded by the inode limit: made " + made);
        // the slot is healthy after it
        SandboxResult after = run(dir, defaults(), "/bin/echo", "fine");
        assertTrue(after.exitedCleanly(), after.toString());
        assertEquals("fine\n", stdout(dir));
        System.out.println("100,000 files: " + made + " made, " + r.outcome() + " after " + r.wallTimeMs()
                + " ms of wall time, " + ms + " ms for the whole request");
    }

    @Test
    void theInodeLimitFailsInsideTheProgram() throws Exception {
        compileC(dir, "careful", """
                #include <errno.h>
                #include <fcntl.h>
                #include <stdio.h>
                #include <string.h>
                #include <sys/stat.h>
                #include <unistd.h>
                int main(void){ mkdir("d", 0755);
                  for (int i = 0; i < 100000; i++) { char name[32]; sprintf(name, "d/f%06d", i);
                    int fd = open(name, O_WRONLY | O_CREAT, 0644);
                    if (fd < 0) { printf("stopped at %d: %s\\n", i, strerror(errno)); return 4; } close(fd); }
                  return 0; }
                """);
        SandboxResult r = run(dir, new SandboxSpec.Limits(20000, 30000, 256 * MB, MB, 512 * MB, 4), "./careful");
        assertEquals(Outcome.OUTPUT_EXCEEDED, r.outcome(), r + " " + stdout(dir));
        assertTrue(stdout(dir).contains("No space left on device"), stdout(dir));
        assertFalse(Files.exists(dir.resolve("d")), "a run that filled its space gets nothing back");
    }

    @Test
    void sparseFilesDoNotComeBackBigger() throws Exception {
        // 1,000 files of 8 MB each that take no room on the tmpfs: 8 GB if copied back naively
        compileC(dir, "sparse", """
                #include <fcntl.h>
                #include <stdio.h>
                #include <unistd.h>
                int main(void){ int made = 0;
                  for (int i = 0; i < 1000; i++) { char name[32]; sprintf(name, "s%04d", i);
                    int fd = open(name, O_WRONLY | O_CREAT, 0644); if (fd < 0) break;
                    if (ftruncate(fd, 8 << 20) == 0) made++; close(fd); }
                  printf("made %d\\n", made); return 0; }
                """);
        long before = hostBytes(dir);
        SandboxResult r = run(dir, new SandboxSpec.Limits(10000, 20000, 256 * MB, MB, 8 * MB, 4), "./sparse");
        assertEquals("made 1000\n", stdout(dir), "sparse files fit in the box's space");
        assertEquals(Outcome.OUTPUT_EXCEEDED, r.outcome(), r.toString());
        assertTrue(hostBytes(dir) - before <= 8 * MB + 16, "host bytes added " + (hostBytes(dir) - before));
    }

    @Test
    void tmpfsPagesCountAgainstTheMemoryLimit() throws Exception {
        compileC(dir, "tmpwriter", """
                #include <errno.h>
                #include <fcntl.h>
                #include <stdio.h>
                #include <string.h>
                #include <unistd.h>
                int main(void){ static char buf[1 << 20]; memset(buf, 'x', sizeof buf);
                  int fd = open("/tmp/big", O_WRONLY | O_CREAT | O_TRUNC, 0644); if (fd < 0) return 2;
                  for (int i = 0; i < 200; i++) if (write(fd, buf, sizeof buf) != (ssize_t) sizeof buf) {
                    printf("failed after %d MB: %s\\n", i, strerror(errno)); return 3; }
                  printf("wrote 200 MB\\n"); return 0; }
                """);
        long before = hostBytes(dir);
        SandboxResult r = run(dir, new SandboxSpec.Limits(10000, 20000, 64 * MB, MB, 1024 * MB, 4), "./tmpwriter");
        String out = stdout(dir);
        assertFalse(out.contains("wrote 200 MB"), "200 MB in /tmp under a 64 MB memory limit: " + r + " " + out);
        assertTrue(r.outcome() == Outcome.MEMORY_EXCEEDED
                        || (r.outcome() == Outcome.EXITED && out.contains("failed after")),
                r + " " + out);
        assertTrue(hostBytes(dir) - before < MB, "the host's disk got none of it");
        System.out.println("200 MB to /tmp under 64 MB: " + r);
    }

    @Test
    void whatARunWritesComesBack() throws Exception {
        Files.writeString(dir.resolve("input.txt"), "12 30\n");
        Files.writeString(dir.resolve("old.txt"), "delete me");
        Files.writeString(dir.resolve("change.txt"), "before"); // the judge's files are root's: replaced, not written
        for (String d : List.of("gone", "again")) { // writable by the box, so that it may empty them
            Files.createDirectory(dir.resolve(d), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
            Files.setPosixFilePermissions(dir.resolve(d), PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(dir.resolve(d).resolve("inside.txt"), "x");
        }
        compileC(dir, "writer", """
                #include <stdio.h>
                #include <unistd.h>
                #include <sys/stat.h>
                int main(void){ int a, b; FILE *in = fopen("input.txt", "r"); fscanf(in, "%d %d", &a, &b); fclose(in);
                  FILE *o = fopen("output.txt", "w"); fprintf(o, "%d\\n", a + b); fclose(o);
                  mkdir("sub", 0755); o = fopen("sub/deep.txt", "w"); fputs("deep", o); fclose(o);
                  o = fopen("/tmp/scratch", "w"); fputs("scratch", o); fclose(o);
                  unlink("change.txt"); o = fopen("change.txt", "w"); fputs("after", o); fclose(o);
                  unlink("old.txt"); unlink("gone/inside.txt"); rmdir("gone");
                  unlink("again/inside.txt"); rmdir("again"); mkdir("again", 0755); o = fopen("again/new.txt", "w");
                  fclose(o);
                  chmod("sub/deep.txt", 0755); return 0; }
                """);
        SandboxResult r = run(dir, defaults(), "./writer");
        assertTrue(r.exitedCleanly(), r + " " + stderr(dir));
        assertEquals("42\n", new String(BoxFiles.readRegularFile(dir, "output.txt", 100)));
        assertEquals("deep", new String(BoxFiles.readRegularFile(dir, "sub/deep.txt", 100)));
        assertTrue(Files.isExecutable(dir.resolve("sub/deep.txt")), "modes come back");
        assertEquals("after", Files.readString(dir.resolve("change.txt")));
        assertFalse(Files.exists(dir.resolve("old.txt")), "deletions come back");
        assertFalse(Files.exists(dir.resolve("gone")), "deleted directories too");
        assertTrue(Files.exists(dir.resolve("again/new.txt")), "a directory made anew holds what it got");
        assertFalse(Files.exists(dir.resolve("again/inside.txt")), "and nothing of the old one");
        assertFalse(Files.exists(dir.resolve("scratch")));
        assertEquals("12 30\n", Files.readString(dir.resolve("input.txt")));
        // and the next run sees them, not the box's /tmp of the last run
        SandboxResult r2 = run(dir, defaults(), "/bin/sh", "-c", "cat output.txt sub/deep.txt; test -e /tmp/scratch && echo leaked; true");
        assertTrue(r2.exitedCleanly(), r2 + " " + stderr(dir));
        assertEquals("42\ndeep", stdout(dir), stderr(dir));
    }

    /** A run that discards its writes (the judge's test cases, all in one work directory) leaves it as it was. */
    @Test
    void discardedWritesLeaveTheHostDirectoryAsItWas() throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "before");
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/inside.txt"), "x");
        for (Path d : List.of(dir, dir.resolve("sub"))) { // the box may replace and delete what is in them
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        String change = "rm keep.txt; echo after > keep.txt; rm -rf sub; echo new > new.txt; mkdir made; echo tmp > /tmp/t; true";
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");
        SandboxSpec discard = new SandboxSpec(List.of("/bin/sh", "-c", change), dir, env, null,
                dir.resolve("stdout.txt"), dir.resolve("stderr.txt"), defaults(), List.of(), true);
        SandboxResult r = sandbox().run(discard);
        assertTrue(r.exitedCleanly(), r + " " + stderr(dir));
        assertEquals("before", Files.readString(dir.resolve("keep.txt")));
        assertEquals("x", Files.readString(dir.resolve("sub/inside.txt")), "deletions stay in the box too");
        assertFalse(Files.exists(dir.resolve("new.txt")));
        assertFalse(Files.exists(dir.resolve("made")));
        // the next run, with the same space (mounted ahead of it), sees none of it, in its work directory or /tmp
        String look = "cat keep.txt sub/inside.txt; test -e /tmp/t && echo leaked; test -e new.txt && echo leaked; true";
        SandboxResult next = sandbox().run(new SandboxSpec(List.of("/bin/sh", "-c", look), dir, env, null,
                dir.resolve("stdout.txt"), dir.resolve("stderr.txt"), defaults(), List.of(), true));
        assertTrue(next.exitedCleanly(), next + " " + stderr(dir));
        assertEquals("beforex", stdout(dir), stderr(dir));
        // kept (the default): the same changes come back
        SandboxResult kept = run(dir, defaults(), "/bin/sh", "-c", change);
        assertTrue(kept.exitedCleanly(), kept + " " + stderr(dir));
        assertEquals("after\n", Files.readString(dir.resolve("keep.txt")));
        assertFalse(Files.exists(dir.resolve("sub")));
        assertTrue(Files.exists(dir.resolve("new.txt")));
    }

    /** The space mounted ahead of a run has the size the last run had; a run asking for another size gets it. */
    @Test
    void eachRunGetsASpaceOfTheSizeItAsksFor() throws Exception {
        for (long size : new long[] {16 * MB, 16 * MB, 8 * MB, 24 * MB, 24 * MB}) {
            SandboxResult r = run(dir, new SandboxSpec.Limits(2000, 5000, 256 * MB, MB, size, 4), "/bin/sh", "-c",
                    "echo $(( $(stat -f -c '%b * %S' .) )); test -e /tmp/left && echo leaked; echo x > /tmp/left");
            assertTrue(r.exitedCleanly(), r + " " + stderr(dir));
            assertEquals(size + "\n", stdout(dir), "size " + size);
        }
    }

    @Test
    void aCompiledBinaryComesBackRunnable() throws Exception {
        Files.writeString(dir.resolve("hello.c"), "#include <stdio.h>\nint main(void){ puts(\"hi\"); return 0; }\n");
        SandboxSpec compile = new SandboxSpec(List.of("/usr/bin/gcc", "-O1", "-o", "hello", "hello.c"), dir,
                Map.of("PATH", "/usr/bin:/bin"), null, dir.resolve("stdout.txt"), dir.resolve("stderr.txt"),
                new SandboxSpec.Limits(20000, 40000, 512 * MB, 16 * MB, 256 * MB, 64), List.of());
        SandboxResult c = sandbox().run(compile);
        assertTrue(c.exitedCleanly(), c + " " + stderr(dir));
        assertTrue(Files.isExecutable(dir.resolve("hello")));
        SandboxResult r = run(dir, defaults(), "./hello");
        assertTrue(r.exitedCleanly(), r.toString());
        assertEquals("hi\n", stdout(dir));
    }
}
