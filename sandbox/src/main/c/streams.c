/* The program's standard streams: see streams.h. */
#define _GNU_SOURCE
#include "streams.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Opens a FIFO's reading end without waiting for the writer first (so two boxes joined by two FIFOs
 * cannot deadlock); open_fifo_read_finish then waits for a writer so that the program does not see an early
 * EOF. */
int open_fifo_read_start(const char *path) {
    return open_safe(path, O_RDONLY | O_NONBLOCK, 0);
}

static void on_alarm(int sig) { (void)sig; }

int open_fifo_read_finish(const char *path, int placeholder, long long wall_ms) {
    /* blocking open: returns once a writer exists (the peer opens its writing end after our reading end);
     * the alarm (no SA_RESTART) bounds the wait by the wall limit */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm((unsigned)(wall_ms / 1000 + 1));
    int fd = open_safe(path, O_RDONLY, 0);
    int saved = errno;
    alarm(0);
    close(placeholder);
    errno = saved;
    return fd;
}

int open_fifo_write(const char *path, long long wall_ms) {
    long long deadline = now_us() + wall_ms * 1000;
    for (;;) {
        int fd = open_safe(path, O_WRONLY | O_NONBLOCK, 0);
        if (fd >= 0) {
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            return fd;
        }
        if (errno != ENXIO || now_us() > deadline) return -1;
        struct timespec ts = {0, 500000};
        nanosleep(&ts, NULL);
    }
}

int is_fifo(const char *path) {
    int fd = open_safe(path, O_PATH, 0);
    if (fd < 0) return 0;
    struct stat st;
    int fifo = fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
    close(fd);
    return fifo;
}

/* Copies what is in the pipe; returns 1 when the limit was exceeded. */
int relay_pump(struct relay *rl, long long limit) {
    char buf[65536];
    rl->empty = 0;
    for (int round = 0; round < 16; round++) { /* bounded: a fast writer must not starve the time checks */
        ssize_t n = read(rl->pipe_rd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) {
            rl->empty = 1;
            return 0;
        }
        if (n <= 0) {
            close(rl->pipe_rd);
            rl->pipe_rd = -1;
            return 0;
        }
        long long room = limit - rl->written;
        long long take = n < room ? n : (room > 0 ? room : 0);
        if (rl->file_fd >= 0 && take > 0) {
            for (ssize_t off = 0; off < take; ) {
                ssize_t w = write(rl->file_fd, buf + off, (size_t)(take - off));
                if (w < 0 && errno == EINTR) continue;
                if (w <= 0) break;
                off += w;
            }
        }
        rl->written += n;
        if (rl->written > limit) return 1;
    }
    return 0;
}

/* After the program ended: everything left in the pipe. */
int relay_drain(struct relay *rl, long long limit) {
    int exceeded = 0;
    rl->empty = 0;
    while (rl->pipe_rd >= 0 && !rl->empty && rl->written <= limit) exceeded |= relay_pump(rl, limit);
    return exceeded;
}
