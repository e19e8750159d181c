/*
 * The box's cores: every box of a slot runs on the cpus given by `--cpus LIST` (a cpuset list such as "1" or
 * "2-3"), for the supervisor's whole life. See cpuset.c for how, in order of preference:
 *   v1        a cpuset cgroup of the slot in the cgroup v1 cpuset hierarchy, made at start;
 *   v2        the cpuset controller of the cgroup2 box cgroup, written in each run's fresh cgroup;
 *   affinity  sched_setaffinity of the box init, inherited by the program (which cannot widen it: the
 *             seccomp filter refuses sched_setaffinity), but the cores are not reserved as a cpuset's are;
 *   none      no --cpus given: the box may run on any cpu the supervisor may.
 */
#ifndef CPJUDGE_CPUSET_H
#define CPJUDGE_CPUSET_H

#include <stddef.h>

/* At start, once. `cpus` may be NULL (no pinning). `unified_parent` is the cgroup2 directory under which the
 * supervisor makes its box cgroups, "" when there is none; `v2` tells whether the supervisor runs on cgroup v2
 * (only then can that directory's cpuset controller be used). Returns 0, or -1 with a message in err: the cpus
 * are malformed or lie outside those this process may use. */
int cpuset_init(const char *cpus, const char *unified_parent, int v2, char *err, size_t errsize);

/* In the box init, before it builds the box: puts itself on the slot's cpus. `box_unified` is the run's cgroup2
 * box directory (the init is already inside it on v2). Returns 0, or -1 with the failing path in failed. */
int cpuset_join_self(const char *box_unified, char *failed, size_t size);

/* For the hello line: "v1:LIST", "v2:LIST", "affinity:LIST" or "none". */
const char *cpuset_describe(void);

/* At exit: removes the slot's v1 cpuset cgroup. */
void cpuset_remove(void);

#endif
