/* The program's seccomp filter: the right architecture only, and no syscall that reaches beyond the box. */
#define _GNU_SOURCE
#include "seccomp.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef __NR_cachestat
#define __NR_cachestat 451 /* the same on x86_64 and aarch64 */
#endif

/* The seccomp filter: the right architecture only, and no syscall that reaches beyond the box. */
#if defined(__x86_64__)
#define BOX_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define BOX_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "seccomp filter: unsupported architecture"
#endif

static const int denied_syscalls[] = {
    __NR_ptrace, __NR_mount, __NR_umount2, __NR_pivot_root, __NR_chroot, __NR_unshare, __NR_setns,
    __NR_keyctl, __NR_add_key, __NR_request_key, __NR_bpf, __NR_perf_event_open, __NR_reboot,
    __NR_kexec_load, __NR_init_module, __NR_finit_module, __NR_delete_module, __NR_swapon, __NR_swapoff,
    __NR_acct, __NR_userfaultfd, __NR_open_by_handle_at, __NR_name_to_handle_at, __NR_quotactl,
    __NR_syslog, __NR_vhangup, __NR_fanotify_init,
    /* a box stays on its slot's core: where the pinning is by affinity alone (no cpuset controller), the program
     * could otherwise widen it to every core; with a cpuset it could not anyway (EINVAL) */
    __NR_sched_setaffinity,
#ifdef __NR_umount
    __NR_umount,
#endif
#ifdef __NR_kexec_file_load
    __NR_kexec_file_load,
#endif
#ifdef __NR_io_uring_setup
    __NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register,
#endif
#ifdef __NR_open_tree
    __NR_open_tree, __NR_move_mount, __NR_fsopen, __NR_fsconfig, __NR_fsmount, __NR_fspick,
#endif
#ifdef __NR_mount_setattr
    __NR_mount_setattr,
#endif
#ifdef __NR_iopl
    __NR_iopl, __NR_ioperm,
#endif
};

/* Channels between boxes running at once through what they share: the read-only toolchains under /usr, the
 * judge's input files. A lock (flock, fcntl and OFD record locks) taken by one box on such a file is seen by
 * another (it fails to take one, or F_GETLK reports it); a lease or a directory notification signals on
 * another's opens; inotify reports another's opens and reads. Locks are answered "done" without being taken
 * (errno 0: the syscall does not run and returns 0), so that toolchains that lock their own files (go
 * build's cache, sqlite) still work while no box ever holds a lock another could see; F_GETLK stays allowed:
 * it can only report the host's locks. Leases and dnotify are refused (EPERM), inotify is absent (ENOSYS:
 * libraries fall back to polling), and so are the probes of the shared page cache, which tell whether
 * another box read a file's pages (cachestat is absent; preadv2 with RWF_NOWAIT, whose EAGAIN says "not
 * cached", fails with EOPNOTSUPP; mincore reports the cache only for files the caller may write, 5.0+). */
static const unsigned fcntl_faked[] = {F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW};
static const unsigned fcntl_refused[] = {F_SETLEASE, F_NOTIFY};
static const int absent_syscalls[] = {
#ifdef __NR_inotify_init
    __NR_inotify_init,
#endif
    __NR_inotify_init1, __NR_cachestat,
};

#define NS_CLONE_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | \
                        CLONE_NEWNET | CLONE_NEWCGROUP)

int install_seccomp(void) {
    struct sock_filter f[200];
    int n = 0;
#define EMIT(x) (f[n++] = (struct sock_filter)x)
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, BOX_AUDIT_ARCH, 1, 0));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
#if defined(__x86_64__)
    /* x32 syscalls have the same arch value but bit 30 set in the number */
    EMIT(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
#endif
    for (size_t i = 0; i < sizeof denied_syscalls / sizeof denied_syscalls[0]; i++) {
        EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)denied_syscalls[i], 0, 1));
        EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
    }
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_flock, 0, 1));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0));
    for (size_t i = 0; i < sizeof absent_syscalls / sizeof absent_syscalls[0]; i++) {
        EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)absent_syscalls[i], 0, 1));
        EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS));
    }
    /* fcntl: by command (the second argument; the kernel reads it as an unsigned int) */
    const int nfaked = sizeof fcntl_faked / sizeof fcntl_faked[0];
    const int nrefused = sizeof fcntl_refused / sizeof fcntl_refused[0];
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_fcntl, 0, (unsigned char)(2 + 2 * (nfaked + nrefused))));
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[1])));
    for (int i = 0; i < nfaked; i++) {
        EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, fcntl_faked[i], 0, 1));
        EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0));
    }
    for (int i = 0; i < nrefused; i++) {
        EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, fcntl_refused[i], 0, 1));
        EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
    }
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    /* preadv2(fd, iov, iovcnt, pos_l, pos_h, flags): no RWF_NOWAIT */
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_preadv2, 0, 4));
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[5])));
    EMIT(BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, RWF_NOWAIT, 0, 1));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EOPNOTSUPP));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
#ifdef __NR_clone3
    /* clone3 passes its flags in memory we cannot inspect: make libc fall back to clone */
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS));
#endif
    /* clone: no new namespaces (flags are the first argument on x86_64 and aarch64) */
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4));
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])));
    EMIT(BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_CLONE_FLAGS, 1, 0));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
    /* socket: AF_UNIX only */
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 4));
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])));
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 0, 1));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAFNOSUPPORT));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
#undef EMIT
    struct sock_fprog prog = {(unsigned short)n, f};
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}
