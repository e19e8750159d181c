package org.cpjudge.sandbox;

import static org.cpjudge.sandbox.BoxTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cpjudge.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile catalogue: each program tries to escape or exhaust the box. Run inside /work/shared/tools/contained. */
class HostileTest {
    @TempDir
    Path dir;

    /**
     * Host pids of processes running as one of this sandbox's box uids, from the host's /proc. (Box uids are
     * unique on the host, so boxes of other judge processes running at the same time do not count.)
     */
    static List<String> boxProcesses() throws IOException {
        Set<Integer> uids = ((SupervisorSandbox) sandbox()).boxUids();
        assertFalse(uids.isEmpty(), "the sandbox reported no box uid");
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            int uid = Integer.parseInt(line.split("\\s+")[1]);
                            if (uids.contains(uid)) {
                                found.add(p.getFileName() + " uid " + uid);
                            }
                        }
                    }
                } catch (IOException e) {
                    // the process ended meanwhile
                }
            }
        }
        return found;
    }

    @Test
    void daemonAndOrphansDieWithTheBox() throws Exception {
        compileC(dir, "daemon", """
                #include <unistd.h>
                #include <stdio.h>
                int main(void){
                  for (int i = 0; i < 3; i++) if (fork() == 0) { setsid(); if (fork() == 0) {
                    FILE *f = fopen("alive.txt", "a"); for (;;) { fputc('x', f); fflush(f); usleep(20000); } }
                    _exit(0); }
                  usleep(100000); return 0; }
                """);
        SandboxResult r = run(dir, limits(2000, 3000, 64 * MB), "./daemon");
        assertEquals(Outcome.EXITED, r.outcome(), r.toString());
        assertEquals(0, r.exitCode());
        assertTrue(r.wallTimeMs() < 1500, "the run must not wait for its daemons: " + r);
        assertEquals(List.of(), boxProcesses());
        long size = Files.size(dir.resolve("alive.txt"));
        Thread.sleep(200);
        assertEquals(size, Files.size(dir.resolve("alive.txt")), "a daemon outlived the box");
    }

    @Test
    void forkBombIsContained() throws Exception {
        compileC(dir, "bomb", """
                #include <unistd.h>
                int main(void){ for (;;) { fork(); } }
                """);
        SandboxResult r = run(dir, new SandboxSpec.Limits(1000, 2000, 64 * MB, MB, MB, 32), "./bomb");
        assertTrue(Set.of(Outcome.CPU_TIME_EXCEEDED, Outcome.WALL_TIME_EXCEEDED, Outcome.MEMORY_EXCEEDED)
                .contains(r.outcome()), r.toString());
        assertEquals(List.of(), boxProcesses());
    }

    @Test
    void untouchedStaticArraysAreNotCounted() throws Exception {
        compileC(dir, "bss", """
                #include <stdio.h>
                static char a[200 << 20];
                int main(void){ for (int i = 0; i < (8 << 20); i += 4096) a[i] = 1; printf("%d\\n", a[4096]); return 0; }
                """);
        SandboxResult r = run(dir, limits(2000, 5000, 256 * MB), "./bss");
        assertTrue(r.exitedCleanly(), r.toString());
        assertTrue(r.memoryKb() < 64 * 1024, r.toString());
    }

    @Test
    void deepStackRecursionWithinTheMemoryLimit() throws Exception {
        compileC(dir, "stack", """
                #include <stdio.h>
                static int rec(int n) { volatile char buf[1000]; buf[0] = (char) n; buf[999] = 1;
                  if (n == 0) return buf[999]; return rec(n - 1) + buf[999]; }
                int main(void){ printf("%d\\n", rec(80 * 1024)); return 0; }
                """, "-O0");
        SandboxResult r = run(dir, limits(5000, 10000, 256 * MB), "./stack");
        assertTrue(r.exitedCleanly(), r + " " + stderr(dir));
        assertEquals(String.valueOf(80 * 1024 + 1) + "\n", stdout(dir));
        assertTrue(r.memoryKb() >= 80 * 1024, r.toString());
    }

    @Test
    void outputFloodIsOutputExceededAndTruncated() throws Exception {
        compileC(dir, "flood", """
                #include <stdio.h>
                int main(void){ for (;;) fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n", stdout); }
                """);
        SandboxResult r = run(dir, new SandboxSpec.Limits(2000, 5000, 64 * MB, MB, 16 * MB, 4), "./flood");
        assertEquals(Outcome.OUTPUT_EXCEEDED, r.outcome(), r.toString());
        assertEquals(MB, Files.size(dir.resolve("stdout.txt")));
    }

    @Test
    void secretsAndOtherBoxesAreOutOfReach(@TempDir Path other) throws Exception {
        Path secret = other.resolve("secret.txt");
        Files.writeString(secret, "top secret");
        compileC(dir, "peek", """
                #include <stdio.h>
                #include <fcntl.h>
                int main(int argc, char **argv){ int bad = 0;
                  for (int i = 1; i < argc; i++) { int fd = open(argv[i], O_RDONLY);
                    if (fd >= 0) { char b[64]; if (read(fd, b, sizeof b) > 0) { printf("READ %s\\n", argv[i]); bad++; } } }
                  return bad; }
                """);
        SandboxResult r = run(dir, defaults(), "./peek", "/etc/shadow", "/etc/gshadow", "/proc/1/environ",
                "/proc/1/cmdline", secret.toString(), "/root/.bash_history", "/proc/kcore", "/sys/kernel/notes",
                Path.of("target/sandbox-state/cpjudge-supervisor").toAbsolutePath().toString());
        assertTrue(r.exitedCleanly(), r + " " + stdout(dir));
        assertEquals("", stdout(dir));
    }

    @Test
    void noNetworkEvenToLoopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            compileC(dir, "net", """
                    #include <stdio.h>
                    #include <stdlib.h>
                    #include <string.h>
                    #include <arpa/inet.h>
                    #include <sys/socket.h>
                    #include <netinet/in.h>
                    int main(int argc, char **argv){ int ok = 0;
                      int fams[] = {AF_INET, AF_INET6, AF_NETLINK, AF_PACKET};
                      for (int i = 0; i < 4; i++) { int s = socket(fams[i], SOCK_STREAM, 0); if (s >= 0) { printf("socket %d\\n", fams[i]); ok++; } }
                      int s = socket(AF_INET, SOCK_STREAM, 0);
                      struct sockaddr_in a; memset(&a, 0, sizeof a); a.sin_family = AF_INET; a.sin_port = htons(atoi(argv[1]));
                      a.sin_addr.s_addr = htonl(0x7f000001);
                      if (s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0) { printf("connected\\n"); ok++; }
                      int u = socket(AF_UNIX, SOCK_STREAM, 0); if (u < 0) { printf("no unix\\n"); ok++; }
                      return ok; }
                    """);
            SandboxResult r = run(dir, defaults(), "./net", Integer.toString(server.getLocalPort()));
            assertTrue(r.exitedCleanly(), r + " " + stdout(dir));
            Thread.sleep(100);
            assertEquals(0, accepted.get());
        }
    }

    @Test
    void noPrivilegeEscalation() throws Exception {
        compileC(dir, "priv", """
                #define _GNU_SOURCE
                #include <stdio.h>
                #include <unistd.h>
                #include <sched.h>
                #include <sys/mount.h>
                #include <sys/ptrace.h>
                #include <sys/syscall.h>
                #include <signal.h>
                int main(void){ int bad = 0;
                  if (setuid(0) == 0) { puts("setuid"); bad++; }
                  if (setgid(0) == 0) { puts("setgid"); bad++; }
                  if (mount("none", "/tmp", "tmpfs", 0, NULL) == 0) { puts("mount"); bad++; }
                  if (umount2("/proc", MNT_DETACH) == 0) { puts("umount"); bad++; }
                  if (unshare(CLONE_NEWUSER) == 0) { puts("unshare user"); bad++; }
                  if (unshare(CLONE_NEWNS) == 0) { puts("unshare ns"); bad++; }
                  if (syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0) >= 0) { puts("clone newuser"); bad++; }
                  if (ptrace(PTRACE_TRACEME, 0, 0, 0) == 0) { puts("ptrace"); bad++; }
                  if (chroot("/tmp") == 0) { puts("chroot"); bad++; }
                  if (syscall(SYS_io_uring_setup, 1, 0) >= 0) { puts("io_uring"); bad++; }
                  if (syscall(SYS_bpf, 0, 0, 0) >= 0) { puts("bpf"); bad++; }
                  if (syscall(SYS_keyctl, 0, 0, 0) >= 0) { puts("keyctl"); bad++; }
                  if (getuid() == 0 || geteuid() == 0) { puts("root"); bad++; }
                  return bad; }
                """);
        SandboxResult r = run(dir, defaults(), "./priv");
        assertTrue(r.exitedCleanly(), r + " " + stdout(dir));
    }

    @Test
    void x32SyscallsKillTheProgram() throws Exception {
        compileC(dir, "x32", """
                #include <unistd.h>
                #include <sys/syscall.h>
                int main(void){ syscall(0x40000000 | SYS_getpid); return 0; }
                """);
        SandboxResult r = run(dir, defaults(), "./x32");
        assertEquals(Outcome.SIGNALED, r.outcome(), r.toString());
        assertEquals(31, r.signal(), r.toString()); // SIGSYS
    }

    @Test
    void hostProcessesAreInvisible() throws Exception {
        compileC(dir, "ps", """
                #include <stdio.h>
                #include <dirent.h>
                #include <ctype.h>
                int main(void){ DIR *d = opendir("/proc"); struct dirent *e; int n = 0;
                  while ((e = readdir(d))) if (isdigit(e->d_name[0])) { printf("%s\\n", e->d_name); n++; }
                  return n; }
                """);
        SandboxResult r = run(dir, defaults(), "./ps");
        assertEquals(Outcome.EXITED, r.outcome(), r.toString());
        // its own process (2) and the box's init (1) at most
        assertTrue(r.exitCode() <= 2, stdout(dir));
        for (String pid : stdout(dir).split("\n")) {
            assertTrue(pid.equals("1") || pid.equals("2"), stdout(dir));
        }
    }

    @Test
    void noInheritedDescriptorsOrEnvironment() throws Exception {
        compileC(dir, "fds", """
                #include <stdio.h>
                #include <fcntl.h>
                extern char **environ;
                int main(void){ int bad = 0;
                  for (int fd = 3; fd < 4096; fd++) if (fcntl(fd, F_GETFD) >= 0) { printf("fd %d\\n", fd); bad++; }
                  for (char **e = environ; *e; e++) printf("env %s\\n", *e);
                  return bad; }
                """);
        SandboxSpec spec = new SandboxSpec(List.of("./fds"), dir, Map.of("ONLY", "this"), null,
                dir.resolve("stdout.txt"), null, defaults(), List.of());
        SandboxResult r = sandbox().run(spec);
        assertTrue(r.exitedCleanly(), r + stdout(dir));
        assertEquals("env ONLY=this\n", stdout(dir));
    }

    @Test
    void tmpIsFreshForEveryRun(@TempDir Path second) throws Exception {
        compileC(dir, "leave", """
                #include <stdio.h>
                int main(void){ FILE *f = fopen("/tmp/left", "w"); FILE *g = fopen("/dev/shm/left", "w");
                  return !(f && g && fputs("x", f) >= 0 && fputs("x", g) >= 0); }
                """);
        compileC(second, "look", """
                #include <unistd.h>
                int main(void){ return access("/tmp/left", F_OK) == 0 || access("/dev/shm/left", F_OK) == 0; }
                """);
        assertTrue(run(dir, defaults(), "./leave").exitedCleanly());
        for (int i = 0; i < 3; i++) {
            SandboxResult r = run(second, defaults(), "./look");
            assertTrue(r.exitedCleanly(), r.toString());
        }
    }

    @Test
    void killingEverythingHurtsOnlyTheBox() throws Exception {
        compileC(dir, "killall", """
                #include <signal.h>
                #include <unistd.h>
                int main(void){ kill(getppid(), SIGKILL); kill(1, SIGKILL); kill(-1, SIGKILL); return 0; }
                """);
        SandboxResult r = run(dir, defaults(), "./killall");
        // kill(-1) kills the program itself too
        assertTrue(r.outcome() == Outcome.SIGNALED || r.outcome() == Outcome.EXITED, r.toString());
        compileC(dir, "ok", "int main(void){return 0;}");
        assertTrue(run(dir, defaults(), "./ok").exitedCleanly(), "the supervisor must survive");
    }

    @Test
    void spinningThreadsAreSummed() throws Exception {
        compileC(dir, "threads", """
                #include <pthread.h>
                static void *spin(void *a) { volatile unsigned long i = 0; for (;;) i++; return a; }
                int main(void){ pthread_t t[4]; for (int i = 0; i < 4; i++) pthread_create(&t[i], 0, spin, 0);
                  pthread_join(t[0], 0); return 0; }
                """, "-pthread");
        SandboxResult r = run(dir, limits(1000, 5000, 64 * MB), "./threads");
        assertEquals(Outcome.CPU_TIME_EXCEEDED, r.outcome(), r.toString());
        assertTrue(r.cpuTimeMs() >= 1000, "CPU time is summed over the threads: " + r);
    }

    @Test
    void symlinkTricksAreRefused(@TempDir Path canaryDir) throws Exception {
        Path canary = canaryDir.resolve("canary.txt");
        Files.writeString(canary, "keep me");
        compileC(dir, "links", """
                #include <unistd.h>
                #include <sys/stat.h>
                #include <stdio.h>
                int main(int argc, char **argv){
                  symlink("/etc/passwd", "passwd.txt"); symlink("/etc", "etcdir"); mkfifo("fifo", 0666);
                  FILE *f = fopen("real.txt", "w"); fputs("fine", f); fclose(f); link("real.txt", "hard.txt");
                  symlink(argv[1], "stdout-next.txt"); symlink(argv[2], "outdir");
                  return 0; }
                """);
        SandboxResult r = run(dir, defaults(), "./links", canary.toString(), canaryDir.toString());
        assertTrue(r.exitedCleanly(), r.toString());
        assertThrows(IOException.class, () -> BoxFiles.readRegularFile(dir, "passwd.txt", 1 << 20));
        assertThrows(IOException.class, () -> BoxFiles.readRegularFile(dir, "etcdir/passwd", 1 << 20));
        assertThrows(IOException.class, () -> BoxFiles.readRegularFile(dir, "fifo", 1 << 20));
        assertThrows(IOException.class, () -> BoxFiles.readRegularFile(dir, "hard.txt", 1 << 20));
        assertThrows(IOException.class, () -> BoxFiles.readRegularFile(dir, "../x", 1 << 20));
        assertThrows(IOException.class, () -> BoxFiles.readRegularFile(dir, "/etc/passwd", 1 << 20));
        assertThrows(IOException.class, () -> BoxFiles.readRegularFile(dir, "real.txt", 2));
        Files.delete(dir.resolve("hard.txt"));
        assertEquals("fine", new String(BoxFiles.readRegularFile(dir, "real.txt", 1 << 20)));
        // the supervisor opens the next run's stdout with O_NOFOLLOW: the planted symlink is not followed
        SandboxSpec spec = new SandboxSpec(List.of("./links", canary.toString(), canaryDir.toString()), dir,
                Map.of(), null, dir.resolve("stdout-next.txt"), null, defaults(), List.of());
        SandboxResult r2 = sandbox().run(spec);
        assertEquals(Outcome.INTERNAL_ERROR, r2.outcome(), r2.toString());
        assertEquals("keep me", Files.readString(canary));
        // nor a symlinked directory on the way to it
        SandboxSpec spec3 = new SandboxSpec(List.of("./links", canary.toString(), canaryDir.toString()), dir, Map.of(), null,
                dir.resolve("outdir").resolve("canary.txt"), null, defaults(), List.of());
        SandboxResult r3 = sandbox().run(spec3);
        assertEquals(Outcome.INTERNAL_ERROR, r3.outcome(), r3.toString());
        assertEquals("keep me", Files.readString(canary));
    }

    @Test
    void javaHeapBombIsMemoryExceeded() throws Exception {
        Files.writeString(dir.resolve("Bomb.java"), """
                import java.util.*;
                public class Bomb { public static void main(String[] a) { List<byte[]> l = new ArrayList<>();
                  for (;;) { byte[] b = new byte[1 << 20]; Arrays.fill(b, (byte) 1); l.add(b); } } }
                """);
        Process javac = new ProcessBuilder("javac", "-d", dir.toString(), dir.resolve("Bomb.java").toString())
                .inheritIO().start();
        assertEquals(0, javac.waitFor());
        SandboxResult r = run(dir, new SandboxSpec.Limits(10000, 20000, 256 * MB, MB, MB, 64),
                "/usr/bin/java", "-Xmx1g", "-Xss64m", "-XX:+UseSerialGC", "-cp", ".", "Bomb");
        assertEquals(Outcome.MEMORY_EXCEEDED, r.outcome(), r + " " + stderr(dir));
    }

    @Test
    void javaRunsNormally() throws Exception {
        Files.writeString(dir.resolve("Hello.java"), """
                public class Hello { public static void main(String[] a) { System.out.println("hello " + Runtime.getRuntime().availableProcessors()); } }
                """);
        Process javac = new ProcessBuilder("javac", "-d", dir.toString(), dir.resolve("Hello.java").toString())
                .inheritIO().start();
        assertEquals(0, javac.waitFor());
        SandboxResult r = run(dir, new SandboxSpec.Limits(10000, 20000, 256 * MB, MB, MB, 64),
                "/usr/bin/java", "-Xmx200m", "-XX:+UseSerialGC", "-cp", ".", "Hello");
        assertTrue(r.exitedCleanly(), r + " " + stderr(dir));
        assertTrue(stdout(dir).startsWith("hello "), stdout(dir));
    }

    @Test
    void pythonMemoryBombIsMemoryExceeded() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is needed");
        SandboxResult r = run(dir, new SandboxSpec.Limits(10000, 20000, 128 * MB, MB, MB, 8),
                "/usr/bin/python3", "-c", "a = []\nwhile True: a.append(' ' * 1000000)");
        assertEquals(Outcome.MEMORY_EXCEEDED, r.outcome(), r + " " + stderr(dir));
    }
}
