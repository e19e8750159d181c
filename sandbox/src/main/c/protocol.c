/* The request protocol: see protocol.h and main.c. */
#define _GNU_SOURCE
#include "protocol.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void request_free(struct request *r) {
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Input from the client, buffered across requests. */
static char inbuf[65536];
static size_t in_pos, in_len;

static int next_byte(void) {
    if (in_pos == in_len) {
        ssize_t n;
        while ((n = read(0, inbuf, sizeof inbuf)) < 0 && errno == EINTR) {}
        if (n <= 0) return -1;
        in_pos = 0;
        in_len = (size_t)n;
    }
    return (unsigned char)inbuf[in_pos++];
}

/* Reads tokens until the key "run" (returns 1), end of input (0) or error (-1). */
int read_request(struct request *r) {
    memset(r, 0, sizeof *r);
    r->cap = 1 << 16;
    r->buf = malloc(r->cap);
    if (!r->buf) return -1;
    size_t start = 0, tokens = 0;
    for (;;) {
        int c = next_byte();
        if (c < 0) return r->len == 0 ? 0 : -1;
        if (r->len == r->cap) {
            if (r->cap >= (64u << 20)) return -1;
            r->cap *= 2;
            char *nb = realloc(r->buf, r->cap);
            if (!nb) return -1;
            r->buf = nb;
        }
        r->buf[r->len++] = (char)c;
        if (c != 0) continue;
        int is_key = tokens % 2 == 0;
        tokens++;
        if (is_key && strcmp(r->buf + start, "run") == 0) break;
        start = r->len;
    }
    return request_parse(r);
}

int request_parse(struct request *r) {
    /* parse key/value pairs (pointers into buf, which no longer moves) */
    r->cpu_ms = 1000; r->wall_ms = 3000; r->mem_bytes = 256LL << 20; r->out_bytes = 64LL << 20;
    r->fsize_bytes = 64LL << 20; r->procs = 1;
    char *p = r->buf, *end = r->buf + r->len;
    while (p < end) {
        char *key = p;
        p += strlen(p) + 1;
        if (strcmp(key, "run") == 0) break;
        if (p >= end) return -1;
        char *val = p;
        p += strlen(p) + 1;
        if (!strcmp(key, "arg")) { if (r->argc < MAX_LIST) r->argv[r->argc++] = val; else return -1; }
        else if (!strcmp(key, "env")) { if (r->envc < MAX_LIST) r->envp[r->envc++] = val; else return -1; }
        else if (!strcmp(key, "bind")) { if (r->bindc < MAX_LIST) r->binds[r->bindc++] = val; else return -1; }
        else if (!strcmp(key, "cwd")) r->cwd = val;
        else if (!strcmp(key, "stdin")) r->in = val;
        else if (!strcmp(key, "stdout")) r->out = val;
        else if (!strcmp(key, "stderr")) r->err = val;
        else if (!strcmp(key, "cpu_ms")) r->cpu_ms = atoll(val);
        else if (!strcmp(key, "wall_ms")) r->wall_ms = atoll(val);
        else if (!strcmp(key, "mem")) r->mem_bytes = atoll(val);
        else if (!strcmp(key, "out")) r->out_bytes = atoll(val);
        else if (!strcmp(key, "fsize")) r->fsize_bytes = atoll(val);
        else if (!strcmp(key, "procs")) r->procs = atoi(val);
        else if (!strcmp(key, "writes") && (!strcmp(val, "keep") || !strcmp(val, "discard")))
            r->discard_writes = !strcmp(val, "discard");
        else return -1;
    }
    r->argv[r->argc] = NULL;
    r->envp[r->envc] = NULL;
    if (r->argc == 0 || !r->cwd || r->cwd[0] != '/') return -1;
    if (r->procs < 1) r->procs = 1;
    return 1;
}

void result_fail(struct result *res, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    res->outcome = "INTERNAL_ERROR";
    vsnprintf(res->msg, sizeof res->msg, fmt, ap);
    va_end(ap);
}

void print_result(const struct result *res) {
    char msg[sizeof res->msg * 3 + 1];
    size_t j = 0;
    for (size_t i = 0; res->msg[i]; i++) {
        unsigned char c = (unsigned char)res->msg[i];
        if (c <= ' ' || c == '%' || c >= 127) j += (size_t)sprintf(msg + j, "%%%02X", c);
        else msg[j++] = (char)c;
    }
    msg[j] = 0;
    printf("result outcome=%s exit=%d signal=%d cpu_us=%lld wall_us=%lld mem_kb=%lld msg=%s\n", res->outcome,
           res->exit_code, res->signal, res->cpu_us, res->wall_us, res->mem_kb, msg);
    fflush(stdout);
}
