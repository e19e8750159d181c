/* The box's cgroups, v1 (memory with memsw, pids, cpuacct, plus the controller-less cgroup2 for cgroup.kill)
 * or v2 (memory, pids; CPU time from cpu.stat): finding them, making the slot's, getting them ready for a run,
 * reading the run's measurements and killing what is inside. */
#ifndef CPJUDGE_CGROUP_H
#define CPJUDGE_CGROUP_H

#include <limits.h>
#include <sys/types.h>

enum { CG_NONE, CG_V1, CG_V2 };
extern int cg_mode;
extern int has_memsw;
/* Parent directories under which we create our box cgroups ("" when missing): the supervisor's own cgroups. */
extern char cg_memory[PATH_MAX], cg_pids[PATH_MAX], cg_cpuacct[PATH_MAX], cg_unified[PATH_MAX];
/* The box cgroup directories: the slot's on v1, the current run's on v2 (then all four are the same one). */
extern char box_memory[PATH_MAX], box_pids[PATH_MAX], box_cpuacct[PATH_MAX], box_unified[PATH_MAX];
extern int box_unified_fd; /* directory of box_unified, for CLONE_INTO_CGROUP (clone_box) */

/* At start. A slot-wide setting of the box cgroups (a cpuset, say) hooks in with one call after
 * cg_create_slot (v1: box_* are the slot's, reused by every run) and one after cg_setup on v2 (box_unified is
 * the run's fresh cgroup). */
void cg_detect(void);     /* sets cg_mode and the parents; removes dead supervisors' cgroups */
int cg_create_slot(void); /* v1: the slot's cgroups, kept for the supervisor's life */
void cg_disable(void);    /* no cgroups after all (insecure mode as a normal user) */

/* Per run. */
int cg_setup(long long mem_bytes, int procs, char *err, size_t errsize); /* 0, or -1 and a message */
int cg_memory_stale(void); /* v1: the box's memory cgroup holds more than a new one would (> 2 MB) */
pid_t clone_box(int flags, int *in_cgroup); /* *in_cgroup: born in box_unified (CLONE_INTO_CGROUP) */
int cg_enter(pid_t pid, char *err, size_t errsize); /* the fallback: into box_unified by cgroup.procs */
int cg_join_self_v1(char *failed, size_t size);     /* in the init: joins the v1 box cgroups */
void cg_reset_peak(void);                           /* v1: the memory peak counts from now on */
long long cg_cpu_us(void);                          /* CPU time so far, us; -1 without a cgroup */
void cg_sample_memory(void);                        /* v2 without memory.peak: one more sample */
long long cg_peak_bytes(long long mem_limit);       /* peak memory, bytes; -1 when unknown */
long long cg_oom_kills(void);                       /* cumulative in a reused cgroup */
void cg_kill_all(void);
void cg_finish(void); /* after a run: v2 removes the run's cgroup */

/* At exit. */
void cg_remove(void);

#endif
