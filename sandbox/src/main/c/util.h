/* The supervisor's configuration (set once in main) and small helpers: logging, phase tracing, one-line
 * files (cgroup knobs, /proc), paths. */
#ifndef CPJUDGE_UTIL_H
#define CPJUDGE_UTIL_H

#include <stddef.h>
#include <sys/types.h>

#define POLL_MS 10 /* how often the supervisor checks a running box's CPU time (and v2 memory samples) */

extern int slot;              /* --slot N */
extern const char *state_dir; /* --state DIR: the root template lives at DIR/root */
extern int insecure;          /* --insecure: rlimits only, for development machines */
extern uid_t box_uid;
extern gid_t box_gid; /* box_uid as root; a normal user's own group in the insecure mode */
extern int use_ns;    /* boxes get namespaces and the root template */

void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
long long now_us(void); /* CLOCK_MONOTONIC */

/* Profiling: with CPJUDGE_SUPERVISOR_TRACE=1 in the supervisor's environment (the Java client clears it, so
 * only bench/sandbox/run-overhead.sh sets it) every run logs how long each phase took, in microseconds, one
 * line for the supervisor and one for the box init. trace_phase(NULL) starts a line, trace_end() prints it. */
extern int trace_on, trace_fd;
void trace_phase(const char *phase);
void trace_end(const char *who);

int write_file(const char *path, const char *value);
int write_filef(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
ssize_t read_file(const char *path, char *buf, size_t size);
long long read_keyed(const char *path, const char *key); /* "key value" lines (memory.stat...); -1 if absent */
long long read_number(const char *path);
void path_join(char *out, size_t size, const char *a, const char *b);
int mkdirs(const char *path); /* mkdir -p, every component 0755 */
int open_safe(const char *path, int flags, mode_t mode); /* open following no symlink anywhere */
int open_fresh(const char *path, mode_t mode); /* a new empty file to write, following no symlink (util.c: why) */

#endif
