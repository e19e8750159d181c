package org.cpjudge.sandbox;

import static org.cpjudge.sandbox.BoxTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two boxes running at once (two slots) cannot talk: one sends through every channel we know of, the other
 * listens on all of them, and must hear nothing. The same pair inside ONE box shows that the listener does
 * hear what can legitimately pass within a box, so its silence across boxes means something. Run inside
 * /work/shared/tools/contained.
 */
class ChannelTest {
    /** Both roles in one program: "send PEERDIR", "recv", or "both" (a sender child and a listener in one box). */
    static final String CHANNELS = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <fcntl.h>
            #include <signal.h>
            #include <stddef.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/file.h>
            #include <sys/inotify.h>
            #include <sys/ipc.h>
            #include <sys/mman.h>
            #include <sys/msg.h>
            #include <sys/shm.h>
            #include <sys/socket.h>
            #include <sys/stat.h>
            #include <sys/time.h>
            #include <sys/un.h>
            #include <sys/wait.h>
            #include <time.h>
            #include <unistd.h>

            #define SECONDS 3
            #define SHARED "/usr/bin/sh"      /* read-only in every box: the lock channels' file */
            #define WATCHED "/usr/bin/env"    /* the sender opens it, the listener watches it */
            static long long now_ms(void) { struct timeval tv; gettimeofday(&tv, 0); return tv.tv_sec * 1000LL + tv.tv_usec / 1000; }
            static struct sockaddr_un abstract(const char *name, socklen_t *len) {
              struct sockaddr_un a; memset(&a, 0, sizeof a); a.sun_family = AF_UNIX;
              a.sun_path[0] = 0; strcpy(a.sun_path + 1, name);
              *len = (socklen_t) (offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name)); return a; }
            static volatile sig_atomic_t signalled;
            static void on_usr1(int s) { (void) s; signalled = 1; }
            static char got[64][32]; static int ngot;
            static void report(const char *channel) {
              for (int i = 0; i < ngot; i++) if (!strcmp(got[i], channel)) return;
              snprintf(got[ngot++], 32, "%s", channel); printf("GOT %s\\n", channel); fflush(stdout); }

            static void sender(const char *peer) {
              int fd = open(SHARED, O_RDONLY), fd2 = open(SHARED, O_RDONLY);
              flock(fd, LOCK_EX);
              struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET};
              fcntl(fd, F_SETLK, &fl);
              struct flock ofd = {.l_type = F_RDLCK, .l_whence = SEEK_SET};
              fcntl(fd2, F_OFD_SETLK, &ofd);
              fcntl(fd, F_SETLEASE, F_RDLCK);
              int shm = shm_open("/cpjudge-chan", O_CREAT | O_RDWR, 0666);
              if (shm >= 0 && write(shm, "MSG", 3) < 0) perror("shm");
              int sysv = shmget(0x5e17, 4096, IPC_CREAT | 0666);
              if (sysv >= 0) { char *p = shmat(sysv, 0, 0); if (p != (void *) -1) strcpy(p, "MSG"); }
              int mq = msgget(0x5e18, IPC_CREAT | 0666);
              struct { long type; char text[8]; } m = {1, "MSG"};
              int s = socket(AF_UNIX, SOCK_DGRAM, 0); socklen_t slen; struct sockaddr_un me = abstract("cpjudge-s", &slen);
              bind(s, (struct sockaddr *) &me, slen);
              char path[4096];
              snprintf(path, sizeof path, "%s/msg-from-sender", peer);
              long long end = now_ms() + SECONDS * 1000;
              while (now_ms() < end) {
                if (mq >= 0) msgsnd(mq, &m, sizeof m.text, IPC_NOWAIT);
                socklen_t rlen; struct sockaddr_un to = abstract("cpjudge-r", &rlen);
                sendto(s, "MSG", 3, MSG_DONTWAIT, (struct sockaddr *) &to, rlen);
                kill(-1, SIGUSR1);
                for (pid_t p = 2; p < 4096; p++) if (p != getpid()) kill(p, SIGUSR1);
                const char *files[] = {"/tmp/cpjudge-chan", "/dev/shm/cpjudge-file", path};
                for (int i = 0; i < 3; i++) { FILE *f = fopen(files[i], "w"); if (f) { fputs("MSG", f); fclose(f); } }
                int w = open(WATCHED, O_RDONLY); if (w >= 0) { char b[16]; if (read(w, b, sizeof b) < 0) perror("read"); close(w); }
                usleep(5000);
              }
            }

            static void listener(void) {
              signal(SIGUSR1, on_usr1);
              int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0); socklen_t len; struct sockaddr_un me = abstract("cpjudge-r", &len);
              if (bind(s, (struct sockaddr *) &me, len) < 0 && errno == EADDRINUSE) report("abstract-name-taken");
              int in = inotify_init1(IN_NONBLOCK);
              if (in >= 0 && inotify_add_watch(in, WATCHED, IN_OPEN | IN_ACCESS) < 0) { close(in); in = -1; }
              printf("inotify %s\\n", in >= 0 ? "watching" : strerror(errno));
              long long end = now_ms() + SECONDS * 1000;
              while (now_ms() < end) {
                int fd = open(SHARED, O_RDONLY);
                if (flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK) report("flock");
                flock(fd, LOCK_UN);
                struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
                if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK) report("fcntl-lock");
                struct flock ofd = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
                if (fcntl(fd, F_OFD_GETLK, &ofd) == 0 && ofd.l_type != F_UNLCK) report("ofd-lock");
                close(fd);
                int shm = shm_open("/cpjudge-chan", O_RDONLY, 0);
                if (shm >= 0) { report("posix-shm"); close(shm); }
                int sysv = shmget(0x5e17, 0, 0);
                if (sysv >= 0) report("sysv-shm");
                int mq = msgget(0x5e18, 0);
                struct { long type; char text[8]; } m;
                if (mq >= 0 && msgrcv(mq, &m, sizeof m.text, 0, IPC_NOWAIT) >= 0) report("sysv-msg");
                char b[16];
                if (recv(s, b, sizeof b, 0) > 0) report("abstract-socket");
                socklen_t slen; struct sockaddr_un peer = abstract("cpjudge-s", &slen);
                int c = socket(AF_UNIX, SOCK_DGRAM, 0);
                if (connect(c, (struct sockaddr *) &peer, slen) == 0) report("abstract-name-bound");
                close(c);
                if (signalled) report("signal");
                if (access("/tmp/cpjudge-chan", F_OK) == 0) report("tmp-file");
                if (access("/dev/shm/cpjudge-file", F_OK) == 0) report("dev-shm-file");
                if (access("msg-from-sender", F_OK) == 0) report("work-dir-file");
                if (in >= 0) { char ev[4096]; if (read(in, ev, sizeof ev) > 0) report("inotify"); }
                usleep(5000);
              }
            }

            int main(int argc, char **argv) {
              setvbuf(stdout, 0, _IOLBF, 0);
              printf("start %lld\\n", now_ms());
              if (argc > 2 && !strcmp(argv[1], "send")) sender(argv[2]);
              else if (argc > 1 && !strcmp(argv[1], "recv")) listener();
              else if (argc > 1 && !strcmp(argv[1], "both")) {
                pid_t child = fork();
                if (child == 0) { signal(SIGUSR1, SIG_IGN); usleep(100000); sender("."); _exit(0); }
                listener(); waitpid(child, 0, 0);
              }
              printf("end %lld\\n", now_ms());
              return 0; }
            """;

    /** What can pass between two processes of one box, which the listener must therefore hear there. */
    static final Set<String> WITHIN_A_BOX = Set.of("posix-shm", "sysv-shm", "sysv-msg", "abstract-socket",
            "abstract-name-bound", "signal", "tmp-file", "dev-shm-file", "work-dir-file");

    static Set<String> heard(String out) {
        Set<String> s = new TreeSet<>();
        Matcher m = Pattern.compile("GOT (\\S+)").matcher(out);
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }

    static long[] interval(String out) {
        Matcher a = Pattern.compile("start (\\d+)").matcher(out);
        Matcher b = Pattern.compile("end (\\d+)").matcher(out);
        assertTrue(a.find() && b.find(), "no start/end in " + out);
        return new long[] {Long.parseLong(a.group(1)), Long.parseLong(b.group(1))};
    }

    static SandboxSpec.Limits limits() {
        return new SandboxSpec.Limits(10000, 20000, 128 * MB, MB, 16 * MB, 4);
    }

    @Test
    void aBoxHearsItsOwnProcesses(@TempDir Path dir) throws Exception {
        compileC(dir, "chan", CHANNELS);
        SandboxResult r = run(dir, limits(), "./chan", "both");
        assertTrue(r.exitedCleanly(), r + " " + stderr(dir));
        String out = stdout(dir);
        System.out.println("within one box: " + heard(out));
        assertTrue(heard(out).containsAll(WITHIN_A_BOX), "the listener works: " + out);
        // the lock channels are gone even within a box: locks are never taken, only answered
        assertFalse(heard(out).contains("flock"), out);
        assertFalse(heard(out).contains("fcntl-lock"), out);
        assertFalse(heard(out).contains("ofd-lock"), out);
        assertTrue(out.contains("inotify Function not implemented"), out);
    }

    /**
     * A run hears nothing of the run before it in the same slot. The box is kept between runs of the same shape
     * (run.c, `kept`) and made as if new in between (box.c, box_reset). The sender leaves all it can: files in
     * /tmp, /dev/shm and the work directory, POSIX and SysV shared memory, a SysV queue with messages in it. Then
     * the listener runs in the same slot, with the same shape (the judge's test cases: writes discarded).
     */
    @Test
    void aRunHearsNothingOfTheRunBeforeIt(@TempDir Path dir) throws Exception {
        compileC(dir, "chan", CHANNELS);
        SandboxResult sent = sandbox().run(discarding(dir, "./chan", "send", "."));
        assertTrue(sent.exitedCleanly(), sent + " " + stderr(dir));
        SandboxResult r = sandbox().run(discarding(dir, "./chan", "recv"));
        assertTrue(r.exitedCleanly(), r + " " + stderr(dir));
        String out = stdout(dir);
        System.out.println("the run after: heard " + heard(out));
        assertEquals(Set.of(), heard(out), "the next run heard: " + out);
    }

    private static SandboxSpec discarding(Path dir, String... command) {
        return new SandboxSpec(List.of(command), dir, Map.of("PATH", "/usr/bin:/bin"), null, dir.resolve("stdout.txt"),
                dir.resolve("stderr.txt"), limits(), List.of(), true);
    }

    @Test
    void twoBoxesAtOnceCannotTalk(@TempDir Path sendDir, @TempDir Path recvDir) throws Exception {
        compileC(sendDir, "chan", CHANNELS);
        compileC(recvDir, "chan", CHANNELS);
        // two slots up and warm, so that both programs start within a few ms of each other
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SandboxResult>> warm = List.of(
                    pool.submit(() -> sandbox().run(spec(sendDir, limits(), "/bin/sleep", "0.3"))),
                    pool.submit(() -> sandbox().run(spec(recvDir, limits(), "/bin/sleep", "0.3"))));
            for (Future<SandboxResult> w : warm) {
                assertTrue(w.get().exitedCleanly(), w.get().toString());
            }
            Future<SandboxResult> recv = pool.submit(() -> sandbox().run(spec(recvDir, limits(), "./chan", "recv")));
            Future<SandboxResult> send = pool.submit(() -> sandbox().run(spec(sendDir, limits(), "./chan", "send",
                    recvDir.toString())));
            SandboxResult rr = recv.get();
            SandboxResult rs = send.get();
            assertTrue(rr.exitedCleanly(), rr + " " + stderr(recvDir));
            assertTrue(rs.exitedCleanly(), rs + " " + stderr(sendDir));
            String heard = stdout(recvDir);
            long[] a = interval(heard);
            long[] b = interval(stdout(sendDir));
            long overlap = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
            System.out.println("across boxes: heard " + heard(heard) + ", the two ran " + overlap + " ms at once");
            assertTrue(overlap >= 1000, "the two boxes ran at the same time for " + overlap + " ms");
            assertEquals(Set.of(), heard(heard), "the other box heard: " + heard);
            assertFalse(Files.exists(recvDir.resolve("msg-from-sender")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fcntlStillDoesEverythingElse(@TempDir Path dir) throws Exception {
        compileC(dir, "fc", """
                #define _GNU_SOURCE
                #include <errno.h>
                #include <fcntl.h>
                #include <stdio.h>
                #include <sys/file.h>
                #include <unistd.h>
                int main(void){ int bad = 0; int p[2]; if (pipe(p) < 0) return 9;
                  int fl = fcntl(p[0], F_GETFL); if (fl < 0 || fcntl(p[0], F_SETFL, fl | O_NONBLOCK) < 0) bad |= 1;
                  if (!(fcntl(p[0], F_GETFL) & O_NONBLOCK)) bad |= 2;
                  int d = fcntl(p[0], F_DUPFD, 10); if (d < 10) bad |= 4;
                  if (fcntl(d, F_SETFD, FD_CLOEXEC) < 0 || fcntl(d, F_GETFD) != FD_CLOEXEC) bad |= 8;
                  if (fcntl(p[1], F_SETPIPE_SZ, 1 << 16) < 0) bad |= 16;
                  int f = open("lockme", O_RDWR | O_CREAT, 0644);
                  if (flock(f, LOCK_EX) != 0 || lockf(f, F_LOCK, 0) != 0) bad |= 32;  /* answered, not taken */
                  struct flock q = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
                  if (fcntl(f, F_GETLK, &q) != 0 || q.l_type != F_UNLCK) bad |= 64;   /* so nobody holds it */
                  if (fcntl(f, F_SETLEASE, F_WRLCK) != -1 || errno != EPERM) bad |= 128;
                  if (fcntl(f, F_NOTIFY, DN_ACCESS) != -1 || errno != EPERM) bad |= 256;
                  printf("%d\\n", bad); return bad != 0; }
                """);
        SandboxResult r = run(dir, defaults(), "./fc");
        assertTrue(r.exitedCleanly(), r + " " + stdout(dir) + stderr(dir));
        assertEquals("0\n", stdout(dir));
    }
}
