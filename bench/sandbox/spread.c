/*
 * CPU-time spread of one CPU-bound program run again and again in a sandbox slot, alone and while another slot
 * burns a core: part (a) of bench/sandbox/fairness-and-cost.sh. Not a test: figures.
 *
 *   spread STATE WORK_A WORK_B SPIN RUNS SUPERVISOR CPUS_A CPUS_B
 *
 * SPIN is bench/sandbox/spin.c built, copied into both work directories. Two supervisors are started, slot A
 * with --cpus CPUS_A and slot B with --cpus CPUS_B ("-": no --cpus, the boxes run wherever the scheduler puts
 * them). The program's step count is calibrated to ~300 ms of CPU by a bare run first. Then RUNS runs in slot A
 * alone, then RUNS runs in slot A while slot B runs `spin burn`, which runs until its CPU limit stops it (past the
 * work directory. For each series: the mean CPU time the supervisor measured, (max-min)/mean and stddev/mean.
 * The bare runs (fork+exec, pinned to the first of CPUS_A with sched_setaffinity when given, CPU time from
 * rusage) are the reference.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

struct supervisor {
    pid_t pid;
    FILE *to, *from;
    char hello[2048];
};

static void start(struct supervisor *s, const char *binary, const char *state, int slot, const char *cpus) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0) exit(1);
    s->pid = fork();
    if (s->pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        char slot_s[16];
        snprintf(slot_s, sizeof slot_s, "%d", slot);
        if (strcmp(cpus, "-") == 0) execl(binary, binary, "--slot", slot_s, "--state", state, (char *)NULL);
        else execl(binary, binary, "--slot", slot_s, "--state", state, "--cpus", cpus, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    s->to = fdopen(in[1], "w");
    s->from = fdopen(out[0], "r");
    if (!fgets(s->hello, sizeof s->hello, s->from) || strncmp(s->hello, "hello ", 6) != 0) {
        fprintf(stderr, "supervisor: %s\n", s->hello);
        exit(1);
    }
    s->hello[strcspn(s->hello, "\n")] = 0;
}

static void token(FILE *f, const char *k, const char *v) {
    fwrite(k, 1, strlen(k) + 1, f);
    fwrite(v, 1, strlen(v) + 1, f);
}

static void request(struct supervisor *s, const char *work, const char *arg, long long cpu_ms) {
    char program[4096], out[4096], limit[32], wall[32];
    snprintf(program, sizeof program, "%s/spin", work);
    snprintf(out, sizeof out, "%s/stdout.txt", work);
    snprintf(limit, sizeof limit, "%lld", cpu_ms);
    snprintf(wall, sizeof wall, "%lld", cpu_ms * 4);
    token(s->to, "arg", program);
    token(s->to, "arg", arg);
    token(s->to, "cwd", work);
    token(s->to, "stdout", out);
    token(s->to, "cpu_ms", limit);
    token(s->to, "wall_ms", wall);
    token(s->to, "mem", "67108864");
    token(s->to, "procs", "1");
    fwrite("run", 1, 4, s->to);
    fflush(s->to);
}

/* The answer's CPU time in ms; exits on anything but a clean exit. */
static double answer(struct supervisor *s) {
    char line[2048];
    if (!fgets(line, sizeof line, s->from) || !strstr(line, "outcome=EXITED exit=0 ")) {
        fprintf(stderr, "run failed: %s\n", line);
        exit(1);
    }
    return atoll(strstr(line, "cpu_us=") + 7) / 1000.0;
}

static double bare_cpu_ms(const char *program, const char *arg, const char *cpus) {
    pid_t pid = fork();
    if (pid == 0) {
        if (strcmp(cpus, "-") != 0) {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET(atoi(cpus), &set);
            sched_setaffinity(0, sizeof set, &set);
        }
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execl(program, program, arg, (char *)NULL);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) exit(1);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static void report(const char *what, const double *v, int n) {
    double sum = 0, min = v[0], max = v[0];
    for (int i = 0; i < n; i++) {
        sum += v[i];
        if (v[i] < min) min = v[i];
        if (v[i] > max) max = v[i];
    }
    double mean = sum / n, var = 0;
    for (int i = 0; i < n; i++) var += (v[i] - mean) * (v[i] - mean);
    double sd = sqrt(var / (n - 1));
    printf("  %-34s mean %7.1f ms  (max-min)/mean %5.2f %%  stddev/mean %5.2f %%  min %.1f max %.1f\n", what, mean,
           100 * (max - min) / mean, 100 * sd / mean, min, max);
}

int main(int argc, char **argv) {
    if (argc != 9) {
        fprintf(stderr, "usage: spread STATE WORK_A WORK_B SPIN RUNS SUPERVISOR CPUS_A CPUS_B\n");
        return 2;
    }
    const char *state = argv[1], *work_a = argv[2], *work_b = argv[3], *spin = argv[4], *binary = argv[6];
    const char *cpus_a = argv[7], *cpus_b = argv[8];
    int runs = atoi(argv[5]);
    double *v = calloc((size_t)runs, sizeof *v);

    /* ~300 ms of CPU */
    double probe = bare_cpu_ms(spin, "100000000", cpus_a);
    char steps[32];
    snprintf(steps, sizeof steps, "%lld", (long long)(100000000.0 * 300 / (probe > 1 ? probe : 1)));

    struct supervisor a, b;
    start(&a, binary, state, 60, cpus_a);
    start(&b, binary, state, 61, cpus_b);
    printf("slot A --cpus %s, slot B --cpus %s; %d runs of spin %s each\n  A: %s\n", cpus_a, cpus_b, runs, steps,
           a.hello);

    for (int i = 0; i < runs; i++) v[i] = bare_cpu_ms(spin, steps, cpus_a);
    report("bare fork+exec (rusage), alone", v, runs);

    for (int i = 0; i < 3; i++) { request(&a, work_a, steps, 5000); answer(&a); } /* warm up */
    for (int i = 0; i < runs; i++) {
        request(&a, work_a, steps, 5000);
        v[i] = answer(&a);
    }
    report("slot A, alone", v, runs);

    /* the burner runs until its CPU limit stops it, past the measurement (a file made on the host now would not
     * reach it: the box's work directory is an overlay that does not follow its host folder) */
    request(&b, work_b, "burn", (long long)runs * 600 + 3000);
    usleep(200 * 1000); /* the burner is up */
    for (int i = 0; i < runs; i++) {
        request(&a, work_a, steps, 5000);
        v[i] = answer(&a);
    }
    report("slot A, slot B burning a core", v, runs);
    char line[2048];
    if (fgets(line, sizeof line, b.from) && strstr(line, "cpu_us=")) {
        printf("  (slot B's burner used %.0f ms of CPU, stopped at its limit)\n",
               atoll(strstr(line, "cpu_us=") + 7) / 1000.0);
    }

    fclose(a.to);
    fclose(b.to);
    waitpid(a.pid, NULL, 0);
    waitpid(b.pid, NULL, 0);
    return 0;
}
