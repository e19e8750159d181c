/* The box's writable space: per run, one size-limited tmpfs (size = the spec's fileSizeBytes, a bounded number
 * of inodes) holding the box's /tmp and, as the upper layer of an overlay over the host work directory, every
 * change the run makes to its work directory. A write past the limit fails at once (ENOSPC) inside the box;
 * its pages are charged to the writer's memory cgroup (the box's). After the run the supervisor copies the
 * changes back into the host work directory (the judge reads them there) and unmounts the tmpfs. */
#ifndef CPJUDGE_DISK_H
#define CPJUDGE_DISK_H

#include <stddef.h>

#define DISK_MAX_INODES 20000 /* files, directories and links the box may make in its writable space */

/* STATE/disk: where the supervisor mounts the run's tmpfs in its own mount namespace. It holds upper/ and
 * work/ (the overlay's layers), lower/ (where the init binds the host work directory) and tmp/ (the box's /tmp).
 * The init binds all of it at /.box/disk of the box's root too, where a kept box finds it again (disk_clear). */
extern char disk_dir[];

int disk_init(void); /* at start: makes STATE/disk */
int disk_mount(long long bytes, char *err, size_t errsize); /* before the run */
int disk_full(void); /* no byte or no inode left (the run went over its limit) */
/* After the run: the changes of upper/ applied to the host work directory (new and changed files, links,
 * FIFOs, directories; deletions). 0; 1 when the files' sizes add up to more than max_bytes (sparse files: the
 * copy stops there); -1 on a failure (logged, the rest is still copied). */
int disk_copy_out(int work_fd, long long max_bytes);
void disk_unmount(void);
/* In a kept box's init, between runs (box.c): everything the last run wrote in the writable space at `dir`
 * removed, the overlay's layers made new (the overlay unmounted first). 0, or -1 with a message. */
int disk_clear(const char *dir, char *err, size_t errsize);
int disk_clear_shm(const char *dir); /* the same for /dev/shm: what the run made there removed */

#endif
