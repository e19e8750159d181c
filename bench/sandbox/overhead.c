/*
 * Per-run overhead of the sandbox supervisor against a bare fork+exec, both driven from C so that neither
 * side pays the JVM's process spawning. Not a test: a figure.
 *
 *   overhead STATE_DIR WORK_DIR PROGRAM RUNS SUPERVISOR [SUPERVISOR2]
 *
 * PROGRAM (absolute, inside WORK_DIR) should do nothing (int main(void){return 0;}). Bare and sandboxed runs
 * are interleaved in blocks of 50 so that the machine's changing load affects all alike; a second supervisor
 * binary (e.g. an older build) is measured the same way, interleaved too. Prints mean and median per run for
 * each and the difference to bare. Run it inside /work/shared/tools/contained, as root; see
 * bench/sandbox/run-overhead.sh.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double mean(const double *v, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += v[i];
    return s / n;
}

/* What the supervisor does for the program at its core: fork, stdout to a file, exec, wait. */
static void bare_run(const char *program, const char *out) {
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, 1) < 0) _exit(126);
        char *argv[] = {(char *)program, NULL}, *envp[] = {NULL};
        execve(program, argv, envp);
        _exit(127);
    }
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "bare run failed\n");
        exit(1);
    }
}

struct sup {
    const char *binary;
    FILE *to, *from;
    pid_t pid;
    double *times;
};
static FILE *to_sup, *from_sup;

static void token(const char *k, const char *v) {
    fwrite(k, 1, strlen(k) + 1, to_sup);
    fwrite(v, 1, strlen(v) + 1, to_sup);
}

static void box_run(const char *work, const char *program, const char *out) {
    token("arg", program);
    token("cwd", work);
    token("stdout", out);
    token("cpu_ms", "5000");
    token("wall_ms", "10000");
    token("mem", "268435456");
    token("out", "16777216");
    token("fsize", "16777216");
    token("procs", "16");
    fwrite("run", 1, 4, to_sup);
    fflush(to_sup);
    char line[2048];
    if (!fgets(line, sizeof line, from_sup) || !strstr(line, "outcome=EXITED exit=0 ")) {
        fprintf(stderr, "sandboxed run failed: %s\n", line);
        exit(1);
    }
}

static void start_supervisor(struct sup *s, const char *state, int slot) {
    int in[2], outp[2];
    if (pipe2(in, O_CLOEXEC) < 0 || pipe2(outp, O_CLOEXEC) < 0) exit(1); /* the other supervisor must not
                                                                            * hold this one's stdin open */
    s->pid = fork();
    if (s->pid == 0) {
        dup2(in[0], 0);
        dup2(outp[1], 1);
        close(in[0]); close(in[1]); close(outp[0]); close(outp[1]);
        char slot_s[16];
        snprintf(slot_s, sizeof slot_s, "%d", slot);
        execl(s->binary, s->binary, "--slot", slot_s, "--state", state, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(outp[1]);
    s->to = fdopen(in[1], "w");
    s->from = fdopen(outp[0], "r");
    char hello[2048] = "";
    if (!fgets(hello, sizeof hello, s->from) || strncmp(hello, "hello ", 6) != 0) {
        fprintf(stderr, "supervisor %s: %s\n", s->binary, hello);
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: overhead STATE_DIR WORK_DIR PROGRAM RUNS SUPERVISOR [SUPERVISOR2]\n");
        return 2;
    }
    const char *state = argv[1], *work = argv[2], *program = argv[3];
    int runs = atoi(argv[4]), nsup = argc - 5;
    char out[4096];
    snprintf(out, sizeof out, "%s/stdout.txt", work);
    struct sup sups[2];
    for (int k = 0; k < nsup; k++) {
        sups[k].binary = argv[5 + k];
        sups[k].times = calloc((size_t)runs, sizeof(double));
        start_supervisor(&sups[k], state, 62 - k);
    }
    for (int i = 0; i < 20; i++) { /* warm up */
        bare_run(program, out);
        for (int k = 0; k < nsup; k++) {
            to_sup = sups[k].to;
            from_sup = sups[k].from;
            box_run(work, program, out);
        }
    }
    double *bare = calloc((size_t)runs, sizeof *bare);
    for (int done = 0; done < runs; ) {
        int block = runs - done < 50 ? runs - done : 50;
        for (int i = 0; i < block; i++) {
            double t = now_ms();
            bare_run(program, out);
            bare[done + i] = now_ms() - t;
        }
        for (int k = 0; k < nsup; k++) {
            to_sup = sups[k].to;
            from_sup = sups[k].from;
            for (int i = 0; i < block; i++) {
                double t = now_ms();
                box_run(work, program, out);
                sups[k].times[done + i] = now_ms() - t;
            }
        }
        done += block;
    }
    double bm = mean(bare, runs), bmed = median(bare, runs);
    printf("%d runs each, interleaved in blocks of 50; bare fork+exec: mean %.3f ms, median %.3f ms\n", runs, bm,
           bmed);
    for (int k = 0; k < nsup; k++) {
        double xm = mean(sups[k].times, runs), xmed = median(sups[k].times, runs);
        printf("  %s: mean %.3f ms, median %.3f ms; overhead mean %+.3f ms, median %+.3f ms\n", sups[k].binary,
               xm, xmed, xm - bm, xmed - bmed);
    }
    fflush(stdout);
    for (int k = 0; k < nsup; k++) {
        fclose(sups[k].to);
        waitpid(sups[k].pid, NULL, 0);
    }
    return 0;
}
