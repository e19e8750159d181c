/* Building the box: the root template (once per supervisor), the run's mount points in it, and the box init
 * (pid 1 of the run's namespaces), which completes its root, pivots into it and starts the program. */
#ifndef CPJUDGE_BOX_H
#define CPJUDGE_BOX_H

#include "protocol.h"

/* Messages from the box init to the supervisor, over a pipe. */
enum { MSG_READY = 1, MSG_SETUP_FAILED, MSG_EXEC_FAILED, MSG_EXITED, MSG_RESET };
struct msg {
    int kind;
    int value; /* errno, or wait status */
    char text[200];
};

/* The namespaces a box gets at each run. */
#define BOX_CLONE_FLAGS (CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS)

int namespaces_work(void);  /* whether this process may make the box's namespaces */
void build_template(void);  /* at start, in the supervisor's own new mount namespace; exits on failure */
void make_mountpoints(const struct request *r); /* the run's mount points in the template */
void remove_mountpoints(void);                  /* once no box uses them */

/* The init, in the clone: go_fd says "you are in the cgroups", status_fd carries struct msg, stdio the
 * program's standard streams. Never returns. */
void box_init(const struct request *r, int go_fd, int status_fd, int stdio[3]) __attribute__((noreturn));

/* A kept box: after its run the init waits on go_fd (a unix socket) for one byte, makes the box as if new
 * (box_reset: the overlay's layers, /tmp and /dev/shm emptied, a new IPC namespace, pids from 2 again),
 * reports MSG_RESET and waits for the next request and its streams, which box_go sends (0, or -1 when the init
 * is gone). The socket closed instead ends the box. */
int box_go(int go_sock, const struct request *r, int stdio[3]);

#endif
