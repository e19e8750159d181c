/* Running one request in the box and measuring it (see main.c's header for the phases). */
#ifndef CPJUDGE_RUN_H
#define CPJUDGE_RUN_H

#include "protocol.h"

void run_box(const struct request *r, struct result *res); /* runs it and prints the answer */
void reap_exiting_init(void); /* the last run's init, still tearing down its namespaces */
void discard_kept(void);      /* the box kept for a next run, at exit */

#endif
