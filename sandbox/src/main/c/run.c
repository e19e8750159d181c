/* Running one request and measuring it: see run.h. The phases of run_box, in order. */
#define _GNU_SOURCE
#include "run.h"
#include "box.h"
#include "cgroup.h"
#include "disk.h"
#include "streams.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The init of the previous run when it reported that the box is empty: it is still tearing down its
 * namespaces, which we need not wait for before answering. Reaped before the next run (or at exit). */
static pid_t exiting_init = -1;

void reap_exiting_init(void) {
    if (exiting_init > 0) {
        while (waitpid(exiting_init, NULL, 0) < 0 && errno == EINTR) {}
        exiting_init = -1;
    }
}

/* What the phases of one run share. */
struct run {
    const struct request *r;
    struct result *res;
    long long cpu_limit_us, wall_limit_us;
    /* descriptors: the program's streams, the work directory, the init's "go" and status pipes */
    int stdio[3], in_placeholder, work_fd, go[2], st[2];
    struct relay out, err;
    pid_t init;
    int entered;     /* 0 when the init is in every cgroup (else -1, with why in setup_err) */
    char setup_err[300];
    /* measurements */
    long long start, end, cpu_base, oom_base;
    long long full_since; /* when the writable space was first seen full, 0 when it is not */
    const char *limit_hit; /* the limit the box went over, as an outcome */
    int killed;            /* we killed the box for it */
    int have_status, status; /* the program's wait status, from the init */
    int box_empty;           /* the init reported that it killed and reaped every other process of the box */
    int kept;                /* the box is the one `kept` describes: taken from the last run (take_kept), or new
                              * and keepable (start_box); go[1] and st[0] are its */
};

static void close_fd(int *fd) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

/* The size of the writable space mounted ahead for the next run while the supervisor waited for its request
 * (prepare_next), or -1 when none is: a fresh tmpfs that no box has seen, used when the request asks for the
 * same size (the judge asks for the same on every test case of a submission). */
static long long ready_disk_bytes = -1;

/* The box of the last run, kept for the next one of the same shape (cgroup v1 with namespaces only: on v2 a
 * box has a cgroup per run). A box is kept after a run that ended by itself, with nothing of it left but its
 * init (box_empty). Its init then makes it as if new (box.c, box_reset) and waits for the next request. A
 * request of the same shape takes it (take_kept); any other ends it and gets a new box. The same shape is
 * everything the box was built from: the binds, the work directory (the same folders, by device and inode: one
 * deleted and made again is another), the memory and process limits (the cgroups, /dev/shm) and the size of the
 * writable space. It saves each run but the first the clone of the namespaces, the cgroup joins, the mounts
 * and their teardown. */
static struct {
    pid_t init;           /* -1: none */
    int sock, st;         /* the socket the init reads requests from; its status pipe */
    int busy;             /* a run is using it */
    struct request shape; /* a copy of the request the box was built for (its own buffer) */
    dev_t dev[MAX_LIST + 1];
    ino_t ino[MAX_LIST + 1];
} kept = {.init = -1, .sock = -1, .st = -1};

/* The paths a box's root is built from: its binds, then the work directory (i == r->bindc). */
static const char *shape_path(const struct request *r, int i) {
    return i < r->bindc ? r->binds[i] : r->cwd;
}

static int same_shape(const struct request *r) {
    const struct request *a = &kept.shape;
    if (r->mem_bytes != a->mem_bytes || r->procs != a->procs || r->fsize_bytes != a->fsize_bytes ||
        r->bindc != a->bindc || strcmp(r->cwd, a->cwd) != 0)
        return 0;
    for (int i = 0; i <= r->bindc; i++) {
        struct stat st;
        if (strcmp(shape_path(r, i), shape_path(a, i)) != 0 || lstat(shape_path(r, i), &st) < 0 ||
            st.st_dev != kept.dev[i] || st.st_ino != kept.ino[i])
            return 0;
    }
    return 1;
}

/* Records the shape of a new box (start_box): 0, or -1 when it cannot be kept. */
static int record_shape(const struct request *r) {
    request_free(&kept.shape);
    kept.shape.buf = malloc(r->len ? r->len : 1);
    if (!kept.shape.buf) return -1;
    memcpy(kept.shape.buf, r->buf, r->len);
    kept.shape.len = kept.shape.cap = r->len;
    if (request_parse(&kept.shape) != 1) return -1;
    for (int i = 0; i <= r->bindc; i++) {
        struct stat id;
        if (lstat(shape_path(r, i), &id) < 0) return -1;
        kept.dev[i] = id.st_dev;
        kept.ino[i] = id.st_ino;
    }
    return 0;
}

/* No box is kept any more (its init, if alive, is the caller's to end). */
static void forget_kept(void) {
    close_fd(&kept.sock);
    close_fd(&kept.st);
    kept.init = -1;
    kept.busy = 0;
    request_free(&kept.shape);
    ready_disk_bytes = -1; /* its writable space was used: the next box gets a new one */
    disk_unmount();
}

/* Ends the kept box: its init exits when its socket closes (reaped before the next run, as any). */
static void end_kept(void) {
    if (kept.init < 0) return;
    exiting_init = kept.init;
    forget_kept();
}

void discard_kept(void) {
    pid_t init = kept.init;
    end_kept();
    if (init > 0) kill(init, SIGKILL);
    reap_exiting_init();
}

/* Takes the kept box for this run when the shape is the same and its init says it is ready again. */
static int take_kept(struct run *x) {
    if (kept.init < 0 || kept.busy) return 0;
    if (waitpid(kept.init, NULL, WNOHANG) != 0) { /* it died and is reaped now: nothing left to end */
        forget_kept();
        return 0;
    }
    if (!same_shape(x->r)) return 0;
    struct msg m;
    ssize_t n;
    fcntl(kept.st, F_SETFL, 0); /* supervise made it non-blocking */
    while ((n = read(kept.st, &m, sizeof m)) < 0 && errno == EINTR) {}
    if (n != sizeof m || m.kind != MSG_RESET) return 0; /* it could not make itself new, and is gone */
    /* what the box holds now counts in every peak measured in it: no more than a reused cgroup may (cg_setup) */
    if (cg_memory_stale()) return 0;
    x->init = kept.init;
    x->st[0] = kept.st;
    x->go[1] = kept.sock;
    x->kept = 1;
    kept.busy = 1;
    return 1;
}

static int open_work_dir(struct run *x) {
    x->work_fd = open_safe(x->r->cwd, O_RDONLY | O_DIRECTORY, 0);
    if (x->work_fd < 0 || (!use_ns && (fchown(x->work_fd, box_uid, box_gid) < 0 || fchmod(x->work_fd, 0700) < 0))) {
        result_fail(x->res, "work directory %s: %s", x->r->cwd, strerror(errno));
        return -1;
    }
    return 0;
}

/* Phase 1: the previous run's leftovers, the cgroups, the run's writable space, the work directory. */
static int prepare(struct run *x) {
    char err[300] = "";
    if (take_kept(x)) {
        x->oom_base = cg_oom_kills();
        trace_phase("kept");
        return open_work_dir(x);
    }
    discard_kept();
    reap_exiting_init();  /* it is still in the reused cgroups until reaped (done ahead unless a run failed) */
    remove_mountpoints(); /* the previous run's, now that no box uses them */
    trace_phase("reap_previous");
    if (cg_setup(x->r->mem_bytes, x->r->procs, err, sizeof err) < 0) {
        result_fail(x->res, "cgroup setup: %s", err);
        return -1;
    }
    x->oom_base = cg_oom_kills(); /* the count is cumulative in a reused cgroup */
    trace_phase("cgroups");
    /* the box writes to its own tmpfs (with namespaces), else to the work directory, its own during the run */
    if (use_ns && ready_disk_bytes != x->r->fsize_bytes) {
        disk_unmount(); /* one of another size (or a half-made one) */
        if (disk_mount(x->r->fsize_bytes, err, sizeof err) < 0) {
            result_fail(x->res, "%s", err);
            return -1;
        }
    }
    ready_disk_bytes = -1; /* this run's now */
    trace_phase("disk");
    return open_work_dir(x);
}

/* Phase 2: the standard streams, opened as root, never following symlinks. stdout and stderr go through pipes
 * we count (relays), or straight into a FIFO (interactive: the peer consumes it, nothing is counted). */
static int open_streams(struct run *x) {
    const struct request *r = x->r;
    const char *in = r->in ? r->in : "/dev/null";
    int in_fifo = r->in && is_fifo(r->in);
    if (in_fifo) x->in_placeholder = open_fifo_read_start(in);
    else x->stdio[0] = open_safe(in, O_RDONLY, 0);
    if (x->in_placeholder < 0 && x->stdio[0] < 0) {
        result_fail(x->res, "open stdin %s: %s", in, strerror(errno));
        return -1;
    }
    const char *outs[2] = {r->out, r->err};
    struct relay *relays[2] = {&x->out, &x->err};
    for (int i = 0; i < 2; i++) {
        if (outs[i] && is_fifo(outs[i])) {
            if ((x->stdio[i + 1] = open_fifo_write(outs[i], r->wall_ms)) < 0) {
                result_fail(x->res, "open %s: %s", outs[i], strerror(errno));
                return -1;
            }
            continue;
        }
        if (outs[i] && (relays[i]->file_fd = open_fresh(outs[i], 0644)) < 0) {
            result_fail(x->res, "open %s: %s", outs[i], strerror(errno));
            return -1;
        }
        int p[2];
        if (pipe2(p, O_CLOEXEC) < 0) {
            result_fail(x->res, "pipe: %s", strerror(errno));
            return -1;
        }
        fcntl(p[0], F_SETFL, O_NONBLOCK);
        relays[i]->pipe_rd = p[0];
        x->stdio[i + 1] = p[1];
    }
    if (in_fifo) {
        x->stdio[0] = open_fifo_read_finish(in, x->in_placeholder, r->wall_ms);
        x->in_placeholder = -1; /* closed by open_fifo_read_finish */
        if (x->stdio[0] < 0) {
            result_fail(x->res, "open stdin %s: %s", in, strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Phase 3: the run's mount points in the template, then the box init in new namespaces (a copy of the
 * template), born in the cgroup2 box cgroup where the kernel can; it joins the v1 cgroups itself. We let it
 * go on once it is in every cgroup. Returns -1 only when there is no init. */
static int start_box(struct run *x) {
    if (x->kept) {
        x->entered = box_go(x->go[1], x->r, x->stdio); /* when it failed, the init died: supervise says so */
        for (int i = 0; i < 3; i++) close_fd(&x->stdio[i]);
        trace_phase("go");
        return 0;
    }
    if (use_ns) make_mountpoints(x->r);
    /* a box that may be kept reads its next requests from a socket (box_go), else one byte from a pipe */
    int keepable = use_ns && cg_mode == CG_V1 && record_shape(x->r) == 0;
    if (!keepable) request_free(&kept.shape);
    if ((keepable ? socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, x->go) : pipe2(x->go, O_CLOEXEC)) < 0 ||
        pipe2(x->st, O_CLOEXEC) < 0) {
        result_fail(x->res, "pipe: %s", strerror(errno));
        request_free(&kept.shape);
        return -1;
    }
    int in_cgroup;
    x->init = clone_box(use_ns ? BOX_CLONE_FLAGS : 0, &in_cgroup);
    if (x->init < 0) {
        result_fail(x->res, "clone: %s", strerror(errno));
        return -1;
    }
    if (x->init == 0) {
        /* the init keeps nothing of the host but the streams it hands to the program */
        close(x->go[1]);
        close(x->st[0]);
        int fds[] = {x->out.pipe_rd, x->err.pipe_rd, x->out.file_fd, x->err.file_fd, x->work_fd};
        for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
            if (fds[i] >= 0) close(fds[i]);
        if (!use_ns) setpgid(0, 0);
        box_init(x->r, x->go[0], x->st[1], x->stdio);
    }
    trace_phase("clone");
    close_fd(&x->go[0]);
    close_fd(&x->st[1]);
    for (int i = 0; i < 3; i++) close_fd(&x->stdio[i]);

    x->entered = in_cgroup ? 0 : cg_enter(x->init, x->setup_err, sizeof x->setup_err);
    if (x->entered < 0) kill(x->init, SIGKILL); /* never let it run the program outside the cgroups */
    else if (write(x->go[1], "g", 1) != 1) x->entered = -1; /* it died during setup: its message says why */
    if (keepable) {
        kept.init = x->init;
        kept.busy = 1;
        x->kept = 1;
    } else {
        close_fd(&x->go[1]);
    }
    trace_phase("enter_cgroups");
    return 0;
}

static void kill_box(struct run *x) {
    cg_kill_all();
    kill(x->init, SIGKILL);
}

/* Whether a limit is over, checked every POLL_MS: CPU time of the whole box, wall time, its writable space
 * full for DISK_FULL_GRACE_MS (a write past the limit has already failed inside the box: the program gets that
 * long to report it and end by itself; one that keeps trying, say to make 100,000 files, is stopped then). */
#define DISK_FULL_GRACE_MS 500
static const char *check_limits(struct run *x) {
    long long t = now_us(), cpu = cg_cpu_us();
    cg_sample_memory();
    if (cpu >= 0 && cpu - x->cpu_base > x->cpu_limit_us) return "CPU_TIME_EXCEEDED";
    if (t - x->start > x->wall_limit_us) return "WALL_TIME_EXCEEDED";
    if (!disk_full()) x->full_since = 0;
    else if (!x->full_since) x->full_since = t;
    else if (t - x->full_since >= DISK_FULL_GRACE_MS * 1000LL) return "OUTPUT_EXCEEDED";
    return NULL;
}

/* Phase 4: wait for the init's "ready", then supervise until it reports the program's end: relay the output,
 * poll the limits, kill the box on excess and wait for it to go. Returns -1 when the run failed (the result
 * says why). */
static int supervise(struct run *x) {
    struct msg m;
    ssize_t n;
    while ((n = read(x->st[0], &m, sizeof m)) < 0 && errno == EINTR) {}
    if (n != sizeof m || m.kind != MSG_READY) {
        if (n == sizeof m && m.kind == MSG_SETUP_FAILED) result_fail(x->res, "box setup: %s", m.text);
        else if (x->entered < 0 && x->setup_err[0]) result_fail(x->res, "%s", x->setup_err);
        else result_fail(x->res, "box init died during setup");
        return -1;
    }
    trace_phase("box_ready");
    x->start = now_us();
    x->cpu_base = cg_cpu_us();
    cg_reset_peak();
    fcntl(x->st[0], F_SETFL, O_NONBLOCK);
    long long last_check = 0;
    while (!x->have_status) {
        struct pollfd pfd[3] = {{x->st[0], POLLIN, 0}, {x->out.pipe_rd, POLLIN, 0}, {x->err.pipe_rd, POLLIN, 0}};
        long long left = x->wall_limit_us - (now_us() - x->start);
        if (left < 0) left = 0;
        int timeout = x->limit_hit ? 100 : left < POLL_MS * 1000LL ? (int)(left / 1000) + 1 : POLL_MS;
        if (poll(pfd, 3, timeout) < 0 && errno != EINTR) break;
        if (pfd[1].revents && relay_pump(&x->out, x->r->out_bytes) && !x->limit_hit) x->limit_hit = "OUTPUT_EXCEEDED";
        if (pfd[2].revents && relay_pump(&x->err, x->r->out_bytes) && !x->limit_hit) x->limit_hit = "OUTPUT_EXCEEDED";
        if (pfd[0].revents) {
            n = read(x->st[0], &m, sizeof m);
            if (n == sizeof m && m.kind == MSG_EXITED) {
                x->end = now_us();
                x->status = m.value;
                x->have_status = 1;
            } else if (n == sizeof m && (m.kind == MSG_EXEC_FAILED || m.kind == MSG_SETUP_FAILED)) {
                x->end = now_us();
                if (m.kind == MSG_EXEC_FAILED) result_fail(x->res, "%s", m.text);
                else result_fail(x->res, "box setup: %s", m.text);
                return -1;
            } else if (n == 0 || (n < 0 && errno != EAGAIN)) {
                break; /* init gone without a report: killed by us */
            }
        }
        if (!x->limit_hit) {
            long long t = now_us();
            if (t - last_check < POLL_MS * 1000LL && t - x->start < x->wall_limit_us) continue;
            last_check = t;
            x->limit_hit = check_limits(x);
        }
        if (x->limit_hit && !x->killed) { /* then wait for the box to go */
            x->end = now_us();
            kill_box(x);
            x->killed = 1;
        }
    }
    if (x->limit_hit) kill_box(x);
    return 0;
}

/* Phase 5, the init's end: when it reported that it killed and reaped the rest of the box, only its own exit
 * (the namespaces' teardown) is left, reaped before the next run; otherwise we wait for it here. */
static void reap_init(struct run *x, struct rusage *ru) {
    memset(ru, 0, sizeof *ru);
    if (x->have_status && use_ns && cg_mode != CG_NONE) {
        /* a box that may be kept: its init waits to hear whether it is (run_box); another exits by itself */
        if (!x->kept) {
            exiting_init = x->init;
            x->init = -1;
        }
        x->box_empty = 1;
    } else {
        /* the init's exit kills what is left in its pid namespace; make sure of it */
        int wst;
        while (wait4(x->init, &wst, 0, ru) < 0 && errno == EINTR) {}
        x->init = -1;
        cg_kill_all();
    }
    if (x->end == 0) x->end = now_us();
}

/* The outcome from what happened: a limit we enforced, the OOM killer, the program's wait status. */
static void decide_outcome(struct run *x, long long ooms) {
    struct result *res = x->res;
    if (x->limit_hit) {
        res->outcome = x->limit_hit;
        res->signal = SIGKILL;
    } else if (!x->have_status && ooms > 0) {
        res->outcome = "MEMORY_EXCEEDED";
        res->signal = SIGKILL;
    } else if (!x->have_status) {
        result_fail(res, "box init ended without a report");
    } else if (WIFEXITED(x->status)) {
        res->outcome = "EXITED";
        res->exit_code = WEXITSTATUS(x->status);
        if (res->exit_code != 0 && ooms > 0) res->outcome = "MEMORY_EXCEEDED";
    } else {
        int sig = WTERMSIG(x->status);
        res->signal = sig;
        res->outcome = "SIGNALED";
        if (ooms > 0) res->outcome = "MEMORY_EXCEEDED";
        else if (sig == SIGXCPU) res->outcome = "CPU_TIME_EXCEEDED";
        else if (sig == SIGXFSZ) res->outcome = "OUTPUT_EXCEEDED";
    }
    if (strcmp(res->outcome, "EXITED") == 0 || strcmp(res->outcome, "SIGNALED") == 0) {
        if (res->cpu_us > x->cpu_limit_us) res->outcome = "CPU_TIME_EXCEEDED";
        else if (res->wall_us > x->wall_limit_us) res->outcome = "WALL_TIME_EXCEEDED";
    }
    /* A program held at its memory limit need not be OOM killed: the kernel can keep reclaiming its file pages
     * (the interpreter's own code) and reading them back, and the program thrashes until a time limit stops it
     * (kernel 6.18, v1: a Python list appended to under 128 MB spent 7 to 10 s of CPU so). Its memory reached
     * the limit; that is the verdict it deserves, not a time limit it hit only because of it. */
    if ((!strcmp(res->outcome, "CPU_TIME_EXCEEDED") || !strcmp(res->outcome, "WALL_TIME_EXCEEDED")) &&
        x->r->mem_bytes > 0 && res->mem_kb * 1024 >= x->r->mem_bytes)
        res->outcome = "MEMORY_EXCEEDED";
    if (strcmp(res->outcome, "EXITED") != 0) res->exit_code = -1;
}

/* Phase 5: the init's end, the rest of the output, the measurements and the outcome. */
static void collect(struct run *x, int supervised) {
    struct rusage ru;
    trace_phase("program");
    reap_init(x, &ru);
    if (relay_drain(&x->out, x->r->out_bytes) && !x->limit_hit) x->limit_hit = "OUTPUT_EXCEEDED";
    if (relay_drain(&x->err, x->r->out_bytes) && !x->limit_hit) x->limit_hit = "OUTPUT_EXCEEDED";
    if (!supervised) return; /* the result already says what failed */
    struct result *res = x->res;
    long long cpu = cg_cpu_us();
    if (cpu >= 0) res->cpu_us = cpu - x->cpu_base;
    else res->cpu_us = (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec +
                       (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
    long long peak = cg_peak_bytes(x->r->mem_bytes);
    res->mem_kb = peak >= 0 ? peak / 1024 : ru.ru_maxrss;
    res->wall_us = x->end - x->start;
    if (disk_full() && !x->limit_hit) x->limit_hit = "OUTPUT_EXCEEDED";
    decide_outcome(x, cg_oom_kills() - x->oom_base);
    /* what the run wrote, back into the host work directory for the judge: only from a run that ended by
     * itself. One stopped at a limit (or that filled its space) needs none of it for its verdict, and copying
     * up to 20,000 files, on a slow work directory, could take longer than the run itself. Nor from one whose
     * request said to discard them (the judge runs every test case in the same work directory). */
    if (use_ns && !x->r->discard_writes && (!strcmp(res->outcome, "EXITED") || !strcmp(res->outcome, "SIGNALED"))) {
        int copied = disk_copy_out(x->work_fd, x->r->fsize_bytes);
        if (copied == 1) { /* sparse files: more than the space in sizes */
            res->outcome = "OUTPUT_EXCEEDED";
            res->exit_code = -1;
        } else if (copied < 0) {
            result_fail(res, "copying the files the run wrote back to %s failed", x->r->cwd);
        }
    }
    trace_phase("copy_out");
}

/* The run's descriptors but the work directory's: the streams, the pipes to the init. */
static void close_run_fds(struct run *x) {
    int *fds[] = {&x->stdio[0], &x->stdio[1], &x->stdio[2], &x->in_placeholder, &x->go[0], &x->go[1],
                  &x->st[0], &x->st[1], &x->out.pipe_rd, &x->out.file_fd, &x->err.pipe_rd, &x->err.file_fd};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++) close_fd(fds[i]);
}

/* Last: nothing of the box may outlive the run; every descriptor closed; the work directory given back. */
static void cleanup(struct run *x) {
    trace_phase("measure");
    if (x->init > 0 && waitpid(x->init, NULL, WNOHANG) == 0) { /* a failure path may have left it alive */
        kill(x->init, SIGKILL);
        waitpid(x->init, NULL, 0);
    }
    if (!x->box_empty) cg_kill_all();
    cg_finish();
    if (kept.init < 0) disk_unmount(); /* the kept box's is still in use */
    close_run_fds(x);
    if (x->work_fd >= 0 && !use_ns) {
        /* give the work directory back; the judge reads files with BoxFiles (no symlinks followed) */
        if (fchown(x->work_fd, getuid(), getgid()) < 0 || fchmod(x->work_fd, 0755) < 0)
            logmsg("cannot give back %s: %s", x->r->cwd, strerror(errno));
    }
    close_fd(&x->work_fd);
    trace_phase("cleanup");
    trace_end("supervisor");
}

/* After the answer, while the judge reads it and sends the next request: what the next run would otherwise
 * wait for. The last init's namespaces torn down, and a fresh writable space of the size this run had. */
static void prepare_next(const struct request *r) {
    char err[300];
    reap_exiting_init();
    if (kept.init >= 0) return; /* the next run of the same shape takes the kept box, with its space */
    if (use_ns && disk_mount(r->fsize_bytes, err, sizeof err) == 0) ready_disk_bytes = r->fsize_bytes;
    /* on failure prepare tries again and reports it */
}

void run_box(const struct request *r, struct result *res) {
    struct run x = {
        .r = r, .res = res, .cpu_limit_us = r->cpu_ms * 1000, .wall_limit_us = r->wall_ms * 1000,
        .stdio = {-1, -1, -1}, .in_placeholder = -1, .work_fd = -1, .go = {-1, -1}, .st = {-1, -1},
        .out = {-1, -1, 0, 0}, .err = {-1, -1, 0, 0}, .init = -1,
    };
    memset(res, 0, sizeof *res);
    res->outcome = "INTERNAL_ERROR";
    res->exit_code = -1;
    trace_phase(NULL);
    if (prepare(&x) == 0 && open_streams(&x) == 0 && start_box(&x) == 0) collect(&x, supervise(&x) == 0);
    int keep = x.kept && x.box_empty && !x.limit_hit && !x.killed && strcmp(res->outcome, "INTERNAL_ERROR") != 0;
    if (x.kept) { /* the box is kept, its descriptors with it, or it ends */
        kept.sock = x.go[1];
        kept.st = x.st[0];
        x.go[1] = x.st[0] = -1;
        kept.busy = 0;
        if (keep) {
            x.init = -1;
        } else if (x.box_empty) {
            end_kept(); /* its init waits for a byte: the socket closed, it exits */
            x.init = -1;
        } else {
            forget_kept(); /* killed or failed: reaped already (reap_init), or by cleanup */
        }
    }
    int answered = 0;
    if (x.box_empty) {
        /* the init killed and reaped the rest of the box and the output is drained: nothing of the run is left
         * to change what the judge reads, so the answer need not wait for the teardown */
        close_run_fds(&x);
        print_result(res);
        answered = 1;
        trace_phase("answer");
        /* the kept box makes itself new while the judge reads the answer */
        if (keep && write(kept.sock, "r", 1) != 1) discard_kept();
        reap_exiting_init(); /* before cg_finish: a v2 cgroup can be removed only once the init is gone */
    }
    cleanup(&x);
    if (!answered) print_result(res);
    prepare_next(r);
}
