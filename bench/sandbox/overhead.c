/*
 * Per-run overhead of the sandbox supervisor against a bare fork+exec, both driven from C so that neither
 * side pays the JVM's process spawning. Not a test: a figure.
 *
 *   overhead SUPERVISOR STATE_DIR WORK_DIR PROGRAM RUNS
 *
 * PROGRAM (absolute, inside WORK_DIR) should do nothing (int main(void){return 0;}). Bare and sandboxed runs
 * are interleaved in blocks of 50 so that the machine's changing load affects both alike. Prints mean and
 * median per run for each and their difference. Run it inside /work/shared/tools/contained, as root; see
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

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: overhead SUPERVISOR STATE_DIR WORK_DIR PROGRAM RUNS\n");
        return 2;
    }
    const char *sup = argv[1], *state = argv[2], *work = argv[3], *program = argv[4];
    int runs = atoi(argv[5]);
    char out[4096];
    snprintf(out, sizeof out, "%s/stdout.txt", work);
    int in[2], outp[2];
    if (pipe(in) < 0 || pipe(outp) < 0) return 1;
    pid_t s = fork();
    if (s == 0) {
        dup2(in[0], 0);
        dup2(outp[1], 1);
        close(in[0]); close(in[1]); close(outp[0]); close(outp[1]);
        execl(sup, sup, "--slot", "62", "--state", state, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(outp[1]);
    to_sup = fdopen(in[1], "w");
    from_sup = fdopen(outp[0], "r");
    char hello[2048];
    if (!fgets(hello, sizeof hello, from_sup) || strncmp(hello, "hello ", 6) != 0) {
        fprintf(stderr, "supervisor: %s\n", hello);
        return 1;
    }
    for (int i = 0; i < 20; i++) { /* warm up */
        box_run(work, program, out);
        bare_run(program, out);
    }
    double *bare = calloc((size_t)runs, sizeof *bare), *box = calloc((size_t)runs, sizeof *box);
    for (int done = 0; done < runs; ) {
        int block = runs - done < 50 ? runs - done : 50;
        for (int i = 0; i < block; i++) {
            double t = now_ms();
            bare_run(program, out);
            bare[done + i] = now_ms() - t;
        }
        for (int i = 0; i < block; i++) {
            double t = now_ms();
            box_run(work, program, out);
            box[done + i] = now_ms() - t;
        }
        done += block;
    }
    double bm = mean(bare, runs), xm = mean(box, runs);
    double bmed = median(bare, runs), xmed = median(box, runs);
    printf("overhead (C driver, %d runs each, interleaved): bare fork+exec mean %.3f ms median %.3f ms; "
           "sandbox mean %.3f ms median %.3f ms; overhead mean %+.3f ms median %+.3f ms\n",
           runs, bm, bmed, xm, xmed, xm - bm, xmed - bmed);
    fclose(to_sup);
    waitpid(s, NULL, 0);
    return 0;
}
