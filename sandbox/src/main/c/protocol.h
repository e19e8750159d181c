/* The request protocol on stdin/stdout (see main.c's header): requests in, one answer line out. */
#ifndef CPJUDGE_PROTOCOL_H
#define CPJUDGE_PROTOCOL_H

#include <stddef.h>

#define MAX_LIST 512 /* arguments, environment strings, binds */

struct request {
    char *argv[MAX_LIST + 1];
    int argc;
    char *envp[MAX_LIST + 1];
    int envc;
    char *binds[MAX_LIST];
    int bindc;
    char *cwd, *in, *out, *err;
    long long cpu_ms, wall_ms, mem_bytes, out_bytes, fsize_bytes;
    int procs;
    int discard_writes; /* "writes" "discard": what the run writes in cwd stays in the box (disk.c's tmpfs), the
                         * host directory is left as it was; "keep" (the default): it is copied back */
    /* storage */
    char *buf;
    size_t len, cap;
};

struct result {
    const char *outcome;
    int exit_code, signal;
    long long cpu_us, wall_us, mem_kb;
    char msg[400];
};

int read_request(struct request *r); /* 1: a request; 0: end of input; -1: malformed */
/* Parses the request's raw text, r->buf[0, r->len) (NUL-separated keys and values up to the key "run"): 1, or -1
 * when malformed. read_request does it; so does a kept box's init with the request sent to it (box.c). */
int request_parse(struct request *r);
void request_free(struct request *r);
void result_fail(struct result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void print_result(const struct result *res);

#endif
