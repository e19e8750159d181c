/*
 * A bare fork+exec of a program, stdin from a file and stdout to a file, RUNS times in a row, in each of
 * PARALLEL processes at once: prints the wall time per run (the elapsed time over all runs of all processes).
 * The baseline of one judged test in bench/sandbox/fairness-and-cost.sh.
 *   bare PROGRAM INPUT OUTPUT_DIR RUNS PARALLEL
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void loop(const char *program, const char *input, const char *output, int runs) {
    for (int i = 0; i < runs; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            int in = open(input, O_RDONLY), out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0) _exit(126);
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
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: bare PROGRAM INPUT OUTPUT_DIR RUNS PARALLEL\n");
        return 2;
    }
    int runs = atoi(argv[4]), parallel = atoi(argv[5]);
    loop(argv[1], argv[2], "/dev/null", 20); /* warm up */
    double start = now_ms();
    for (int p = 0; p < parallel; p++) {
        if (fork() == 0) {
            char out[4096];
            snprintf(out, sizeof out, "%s/bare-%d.out", argv[3], p);
            loop(argv[1], argv[2], out, runs);
            _exit(0);
        }
    }
    int st, ok = 1;
    while (wait(&st) > 0) ok &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
    double elapsed = now_ms() - start;
    if (!ok) return 1;
    printf("%.3f\n", elapsed / (runs * parallel));
    return 0;
}
