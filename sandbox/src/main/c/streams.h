/* The program's standard streams: files opened as root following no symlink, FIFOs of interactive runs, and
 * the pipes through which the supervisor copies stdout/stderr to their files, counting. */
#ifndef CPJUDGE_STREAMS_H
#define CPJUDGE_STREAMS_H

int is_fifo(const char *path);
/* A FIFO's reading end in two steps, so that two boxes joined by two FIFOs cannot deadlock: first without
 * waiting for a writer (the placeholder), then, once our own writing ends are open, waiting for it. */
int open_fifo_read_start(const char *path);
int open_fifo_read_finish(const char *path, int placeholder, long long wall_ms);
int open_fifo_write(const char *path, long long wall_ms);

/* An output stream of the program: a pipe we read and copy to the file, counting. */
struct relay {
    int pipe_rd;  /* our end, -1 when closed or not relayed */
    int file_fd;  /* destination, -1 to discard */
    long long written;
    int empty; /* the last read found the pipe empty */
};

int relay_pump(struct relay *rl, long long limit);  /* copies what is there; 1 when over the limit */
int relay_drain(struct relay *rl, long long limit); /* after the program ended: everything left */

#endif
