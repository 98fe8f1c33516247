/* SPDX-License-Identifier: GPL-2.0 */
/* check-result's parts (check-result.c, check-result-parts.c): see there. */
#ifndef CMB_CHECK_RESULT_H
#define CMB_CHECK_RESULT_H

#include <stdint.h>

#include <jansson.h>

extern int failures;
extern const char *file;
extern int lineno;
extern int64_t timer_hz;		/* the header's */

/* Counts and prints a failure where ok is false. */
void expect(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *str(json_t *o, const char *k);
int64_t num_i(json_t *o, const char *k);
double num(json_t *o, const char *k);

/* check-result-parts.c: a point's parts */
void check_hist(json_t *p, int64_t n);
void check_counters(json_t *p, int64_t n, int64_t repeat);
int close_to(double a, double b);
void check_split(json_t *o, const char *what);
void check_parallel(json_t *p, int64_t threads, int64_t batch);
void check_events(json_t *p, int64_t batch);
int64_t check_clock(json_t *p);
void check_sampling(json_t *p, int64_t per_run, int64_t repeat);

#endif
