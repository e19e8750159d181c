/* The box's writable space: see disk.h.
 *
 * Why an overlay instead of copying the work directory in: the judge puts the run's inputs there (sources,
 * compiled binaries, jars, test inputs of many MB); as the overlay's lower layer they are read in place, and
 * only what the run writes costs tmpfs pages (charged to the box) and a copy back. Why a copy back instead
 * of leaving it mounted: the judge reads and reuses the work directory on the host after the run. */
#define _GNU_SOURCE
#include "disk.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/xattr.h>
#include <unistd.h>

char disk_dir[PATH_MAX];
static int disk_mounted;

int disk_init(void) {
    snprintf(disk_dir, sizeof disk_dir, "%s/disk", state_dir);
    return mkdir(disk_dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

static int make_layers(const char *dir, char *err, size_t errsize);

int disk_mount(long long bytes, char *err, size_t errsize) {
    char opts[128], p[PATH_MAX];
    if (bytes < 4096) bytes = 4096; /* size=0 would mean no limit */
    /* + a few inodes for the layout below and the overlay's work directory */
    snprintf(opts, sizeof opts, "size=%lld,nr_inodes=%d,mode=0700", bytes, DISK_MAX_INODES + 16);
    if (mount("tmpfs", disk_dir, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0) {
        snprintf(err, errsize, "mount the box's tmpfs at %s: %s", disk_dir, strerror(errno));
        return -1;
    }
    disk_mounted = 1;
    /* lower/: where the init binds the host work directory; tmp/: the box's /tmp */
    static const struct { const char *name; mode_t mode; } dirs[] = {{"lower", 0755}, {"tmp", 01777}};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        path_join(p, sizeof p, disk_dir, dirs[i].name);
        if (mkdir(p, dirs[i].mode) < 0 || chmod(p, dirs[i].mode) < 0) {
            snprintf(err, errsize, "%s: %s", p, strerror(errno));
            return -1;
        }
    }
    return make_layers(disk_dir, err, errsize);
}

/* The overlay's layers in a writable space at dir: upper/, the root of the box's work directory (the overlay
 * shows its owner and mode), and work/, the overlay's own. */
static int make_layers(const char *dir, char *err, size_t errsize) {
    static const struct { const char *name; mode_t mode; int boxs; } dirs[] = {{"upper", 0700, 1}, {"work", 0700, 0}};
    char p[PATH_MAX];
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        path_join(p, sizeof p, dir, dirs[i].name);
        if (mkdir(p, dirs[i].mode) < 0 || chmod(p, dirs[i].mode) < 0 ||
            (dirs[i].boxs && chown(p, box_uid, box_gid) < 0)) {
            snprintf(err, errsize, "%s: %s", p, strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Removes what is in the directory `fd` (closed here), `depth` levels at most, following no symlink. A
 * directory that cannot go because it is a mount point (EBUSY), or holds one, stays: with `keep_mount_points`
 * that is no failure. -1 when anything else is left. */
#define CLEAR_MAX_DEPTH 32
static int clear_dir(int fd, int depth, int keep_mount_points) {
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return -1;
    }
    int failed = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL; ) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
            failed = 1;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (unlinkat(dirfd(d), e->d_name, 0) < 0) failed = 1;
            continue;
        }
        int sub = depth > 0 ? openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
        if (sub < 0 || clear_dir(sub, depth - 1, keep_mount_points) < 0) failed = 1;
        if (unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) < 0 &&
            !(keep_mount_points && (errno == EBUSY || errno == ENOTEMPTY)))
            failed = 1;
    }
    closedir(d);
    return failed ? -1 : 0;
}

static int clear_path(const char *path, int keep_mount_points) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    return fd < 0 ? -1 : clear_dir(fd, CLEAR_MAX_DEPTH, keep_mount_points);
}

int disk_clear(const char *dir, char *err, size_t errsize) {
    char p[PATH_MAX];
    static const char *const layers[] = {"upper", "work"};
    for (int i = 0; i < 2; i++) {
        path_join(p, sizeof p, dir, layers[i]);
        if (clear_path(p, 0) < 0 || rmdir(p) < 0) {
            snprintf(err, errsize, "empty %s: %s", p, strerror(errno));
            return -1;
        }
    }
    /* the folders made for the run's mount points under /tmp stay (they are mounted on in the box) */
    path_join(p, sizeof p, dir, "tmp");
    if (clear_path(p, 1) < 0) {
        snprintf(err, errsize, "empty %s: %s", p, strerror(errno));
        return -1;
    }
    return make_layers(dir, err, errsize);
}

int disk_clear_shm(const char *dir) {
    return clear_path(dir, 1);
}

int disk_full(void) {
    struct statfs s;
    if (!disk_mounted || statfs(disk_dir, &s) < 0) return 0;
    return s.f_bfree == 0 || s.f_ffree == 0;
}

void disk_unmount(void) {
    if (!disk_mounted) return;
    /* the exiting init's mount namespace may still hold it: detach, the last reference frees the pages */
    if (umount2(disk_dir, MNT_DETACH) < 0) logmsg("umount %s: %s", disk_dir, strerror(errno));
    disk_mounted = 0;
}

/* ---- copying the changes back ---- */

#define COPY_MAX_DEPTH 64
#define MAX_LINKS 256

/* Hard links among the new files: the first name of each inode (relative to the work directory), so that
 * the others are linked to it on the host too (BoxFiles refuses hard-linked files: that must still show). */
static struct { dev_t dev; ino_t ino; char path[PATH_MAX]; } links[MAX_LINKS];
static int link_count;
static int copy_failed;
/* What may come back: the size of the space. A sparse file takes no room on the tmpfs but as many bytes as
 * its size in the copy, so the sum of the sizes is bounded too (else 20,000 sparse files of fileSizeBytes each
 * would fill the host's disk). */
static long long copy_budget;
static int copy_over;
static int host_root = -1; /* the host work directory, during disk_copy_out */

static void copy_error(const char *rel, const char *what) {
    logmsg("copying %s of the box's work directory back: %s: %s", rel, what, strerror(errno));
    copy_failed = 1;
}

/* rm -rf of `name` in the host directory `dir`, following no symlink. */
static void remove_tree(int dir, const char *name, int depth) {
    if (unlinkat(dir, name, 0) == 0 || errno == ENOENT) return;
    if (errno != EISDIR && errno != EPERM) return;
    int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && depth < 4 * COPY_MAX_DEPTH)
            remove_tree(fd, e->d_name, depth + 1);
    closedir(d);
    unlinkat(dir, name, AT_REMOVEDIR);
}

static int copy_data(int from, int to) {
    for (;;) {
        ssize_t n = sendfile(to, from, NULL, 1 << 30);
        if (n == 0) return 0;
        if (n < 0 && errno != EINTR) return -1;
    }
}

static void copy_file(int up, int host, const char *name, const struct stat *st, const char *rel) {
    if (st->st_nlink > 1) {
        for (int i = 0; i < link_count; i++) {
            if (links[i].dev != st->st_dev || links[i].ino != st->st_ino) continue;
            if (linkat(host_root, links[i].path, host, name, 0) < 0) copy_error(rel, "link");
            return;
        }
    }
    if (st->st_size > copy_budget) {
        copy_over = 1;
        return;
    }
    copy_budget -= st->st_size;
    int in = openat(up, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int out = openat(host, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (in < 0 || out < 0 || copy_data(in, out) < 0 || fchown(out, st->st_uid, st->st_gid) < 0 ||
        fchmod(out, st->st_mode & 0777) < 0) /* never set-id on the host */
        copy_error(rel, "copy");
    if (in >= 0) close(in);
    if (out >= 0) close(out);
    if (st->st_nlink > 1 && link_count < MAX_LINKS) {
        links[link_count].dev = st->st_dev;
        links[link_count].ino = st->st_ino;
        snprintf(links[link_count].path, PATH_MAX, "%s", rel);
        link_count++;
    }
}

static void copy_tree(int up, int host, char *rel, size_t rel_len, int depth);

static void copy_entry(int up, int host, const char *name, char *rel, size_t rel_len, int depth) {
    struct stat st;
    size_t len = rel_len;
    len += (size_t)snprintf(rel + rel_len, PATH_MAX - rel_len, "%s%s", rel_len ? "/" : "", name);
    if (len >= PATH_MAX - 1 || fstatat(up, name, &st, AT_SYMLINK_NOFOLLOW) < 0) goto out;
    if (S_ISCHR(st.st_mode) && st.st_rdev == 0) { /* a whiteout: the run deleted it */
        remove_tree(host, name, 0);
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        int sub_up = openat(up, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub_up < 0) goto out;
        char opaque = 0; /* the run removed the directory and made a new one: none of the old contents */
        if (fgetxattr(sub_up, "trusted.overlay.opaque", &opaque, 1) != 1 || opaque != 'y') opaque = 0;
        int sub_host = opaque ? -1 : openat(host, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub_host < 0) {
            remove_tree(host, name, 0);
            if (mkdirat(host, name, 0700) < 0) copy_error(rel, "mkdir");
            sub_host = openat(host, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (sub_host >= 0) {
            if (fchown(sub_host, st.st_uid, st.st_gid) < 0 || fchmod(sub_host, st.st_mode & 01777) < 0)
                copy_error(rel, "chown");
            if (depth < COPY_MAX_DEPTH) copy_tree(sub_up, sub_host, rel, len, depth + 1);
            else logmsg("not copying back below %s: deeper than %d", rel, COPY_MAX_DEPTH);
            close(sub_host);
        }
        close(sub_up);
        goto out;
    }
    remove_tree(host, name, 0); /* replaced: whatever the host had there goes */
    if (S_ISREG(st.st_mode)) {
        copy_file(up, host, name, &st, rel);
    } else if (S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlinkat(up, name, target, sizeof target - 1);
        if (n < 0) goto out;
        target[n] = 0;
        if (symlinkat(target, host, name) < 0 || fchownat(host, name, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW) < 0)
            copy_error(rel, "symlink");
    } else if (S_ISFIFO(st.st_mode)) {
        if (mkfifoat(host, name, st.st_mode & 0777) < 0 ||
            fchownat(host, name, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW) < 0)
            copy_error(rel, "mkfifo");
    } /* sockets: nothing to copy */
out:
    rel[rel_len] = 0;
}

static void copy_tree(int up, int host, char *rel, size_t rel_len, int depth) {
    int fd = dup(up);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0) close(fd);
        copy_error(rel, "opendir");
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !copy_over)
            copy_entry(up, host, e->d_name, rel, rel_len, depth);
    closedir(d);
}

int disk_copy_out(int work_fd, long long max_bytes) {
    char p[PATH_MAX], rel[PATH_MAX] = "";
    path_join(p, sizeof p, disk_dir, "upper");
    int up = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (up < 0) return -1;
    link_count = 0;
    copy_failed = copy_over = 0;
    copy_budget = max_bytes;
    host_root = work_fd;
    copy_tree(up, work_fd, rel, 0, 0);
    host_root = -1;
    close(up);
    return copy_failed ? -1 : copy_over ? 1 : 0;
}
