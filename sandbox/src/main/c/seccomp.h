/* The program's seccomp filter. */
#ifndef CPJUDGE_SECCOMP_H
#define CPJUDGE_SECCOMP_H

int install_seccomp(void); /* 0, or -1 with errno */

#endif
