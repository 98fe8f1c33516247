// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "options.h"
#include "result.h"
#include "stats.h"
#include "uapi/cmbench_hist.h"

/* ---- writing ---------------------------------------------------------- */

static int emit(FILE *f, json_t *rec)
{
	int ret = -1;

	if (!rec)
		return -1;
	if (json_dumpf(rec, f, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) == 0 &&
	    fputc('\n', f) != EOF && fflush(f) == 0)
		ret = 0;
	json_decref(rec);
	/* A sweep killed right after this point must still have it on disk. */
	if (ret == 0 && fsync(fileno(f)) != 0 && errno != EINVAL)
		ret = -1;
	return ret;
}

static json_t *jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *ju64(uint64_t v)
{
	return json_integer((json_int_t)v);
}

/* A string, or null where the system did not say. */
static json_t *jstr(const char *s)
{
	return *s ? json_string(s) : json_null();
}

static json_t *emulator_json(const struct cmb_emulator *e)
{
	if (!e->emulated)
		return json_pack("{s:b}", "emulated", 0);
	return json_pack("{s:b,s:s,s:s,s:s,s:s,s:s}", "emulated", 1,
			 "name", e->name, "version", e->version,
			 "accel", e->accel, "cpu", e->cpu,
			 "detected_by", e->detected_by);
}

static json_t *kconfig_json(uint64_t bits)
{
	json_t *o = json_object();
	const char *name;
	unsigned int i;

	for (i = 0; (name = cmb_kconfig_name(i)); i++)
		json_object_set_new(o, name, json_boolean(bits & (1ULL << i)));
	return o;
}

static json_t *cpus_json(const struct cmb_header *h)
{
	json_t *a = json_array();
	unsigned int i;
	char midr[16];

	for (i = 0; i < h->n_cpu_info; i++) {
		const struct cmb_cpu *c = &h->cpu[i];

		snprintf(midr, sizeof(midr), "0x%08" PRIx32, c->midr);
		json_array_append_new(a, json_pack("{s:i,s:b,s:s,s:i,s:i,s:i,s:o}", "cpu", c->cpu,
			"online", c->online, "midr", midr, "package", c->place.package,
			"cluster", c->place.cluster, "core", c->place.core,
			"cpufreq", !c->governor[0] ? json_null() :
			json_pack("{s:s,s:i,s:i,s:i}", "governor", c->governor,
				  "cur_khz", (int)c->cur_khz, "min_khz", (int)c->min_khz,
				  "max_khz", (int)c->max_khz)));
	}
	return a;
}

static json_t *caches_json(const struct cmb_topo *t)
{
	json_t *a = json_array();
	unsigned int i;

	for (i = 0; i < t->n; i++) {
		const struct cmb_cache *c = &t->c[i];

		json_array_append_new(a, json_pack("{s:i,s:s,s:o,s:i,s:i,s:i,s:s,s:i,s:s}",
			"level", (int)c->level, "type", c->type, "size", ju64(c->size),
			"line", (int)c->line, "ways", (int)c->ways, "sets", (int)c->sets,
			"shared_by", c->cpus, "instances", (int)c->instances,
			"source", c->source));
	}
	return a;
}

int cmb_result_write_header(FILE *f, const struct cmb_header *h)
{
	char ctr[16], midr[16];

	snprintf(ctr, sizeof(ctr), "0x%08" PRIx32, h->ctr);
	snprintf(midr, sizeof(midr), "0x%08" PRIx32, h->midr);
	return emit(f, json_pack(
		"{s:s,s:s,s:i,s:s,s:s,s:s,s:s,"
		"s:{s:s,s:i,s:s,s:o,s:o,s:i,s:s,s:i,s:i,s:i},"
		"s:{s:s,s:s,s:o,s:o,s:s,s:i,s:s,s:s,s:o,s:s,s:o,s:o},"
		"s:o,s:o,s:{s:s,s:i,s:i}}",
		"type", "header", "schema", CMB_SCHEMA,
		"schema_version", CMB_SCHEMA_VERSION,
		"created", h->created, "command", h->command,
		"tool_version", h->tool_version, "label", h->label,
		"module",
		"version", h->module_version, "abi_version", (int)h->abi_version,
		"built_for", h->module_release, "build_id", jstr(h->module_build_id),
		"timer_hz", ju64(h->timer_hz),
		"page_size", (int)h->page_size, "ctr", ctr,
		"dcache_line", (int)h->dcache_line,
		"icache_line", (int)h->icache_line, "cwg", (int)h->cwg,
		"system",
		"kernel_release", h->kernel_release,
		"kernel_version", h->kernel_version,
		"kernel_build_id", jstr(h->kernel_build_id),
		"kernel_config_file", !*h->config_sha256 ? json_null() :
			json_pack("{s:s,s:s}", "path", h->config_path,
				  "sha256", h->config_sha256),
		"machine", h->machine,
		"n_cpus", (int)h->n_cpus, "midr", midr, "cpu_part", h->cpu_part,
		"kernel_config", kconfig_json(h->kconfig), "preempt", h->preempt,
		"cpus", cpus_json(h), "caches", caches_json(&h->topo),
		"emulator", emulator_json(&h->emu),
		"sweep", !*h->sweep_digest ? json_null() :
			json_pack("{s:s,s:i}", "digest", h->sweep_digest,
				  "points", (int)h->sweep_points),
		"hist", "scheme", "log-linear",
		"sub_bucket_bits", CMBENCH_HIST_BITS,
		"groups", CMBENCH_HIST_GROUPS));
}

static json_t *hist_json(const struct cmb_dist *d)
{
	json_t *b = json_array();
	unsigned int i;

	for (i = 0; i < CMBENCH_HIST_BUCKETS; i++) {
		if (!d->hist[i])
			continue;
		json_array_append_new(b, json_pack("[o,o,o]",
			ju64(cmbench_hist_lower(i)),
			i == CMBENCH_HIST_BUCKETS - 1 ? json_null() :
				ju64(cmbench_hist_upper(i)),
			ju64(d->hist[i])));
	}
	return b;
}

static json_t *repeats_json(const struct cmb_point *p)
{
	json_t *a = json_array();
	unsigned int i;

	for (i = 0; i < p->repeats; i++)
		json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o,s:o}",
			"n", ju64(p->rep[i].n), "min_ns", ju64(p->rep[i].min),
			"p50_ns", jnum(p->rep[i].p50),
			"mean_ns", jnum(p->rep[i].mean),
			"max_ns", ju64(p->rep[i].max)));
	return a;
}

static json_t *params_json(const struct cmb_point *p)
{
	return json_pack("{s:o,s:o,s:s,s:s,s:b,s:b}", "pages", ju64(p->pages),
			 "pgsize", ju64(p->pgsize), "dir", p->dir, "fmt", p->fmt,
			 "highmem", p->highmem, "coherent_walk", p->coherent_walk);
}

static json_t *counters_json(const struct cmb_point *p)
{
	json_t *o = json_object();
	int i;

	for (i = 0; i < CMB_COUNTERS; i++)
		if (p->counter[i][0])
			json_object_set_new(o, p->counter[i], ju64(p->count[i]));
	return o;
}

static json_t *sampling_json(const struct cmb_point *p)
{
	double lo = NAN, hi = NAN;

	cmb_median_ci(&p->dist, CMB_Z95, &lo, &hi);
	return json_pack("{s:o,s:o,s:s,s:o,s:o}", "warmup", ju64(p->warmup),
			 "precision", json_real(p->precision), "stop", p->stop,
			 "ci95_lo_ns", jnum(lo), "ci95_hi_ns", jnum(hi));
}

static json_t *threads_json(const struct cmb_point *p)
{
	json_t *a = json_array();
	unsigned int i;

	for (i = 0; i < p->threads; i++) {
		const struct cmb_thread_stat *t = &p->thr[i];

		json_array_append_new(a, json_pack("{s:i,s:o,s:o,s:o,s:o}", "cpu", t->cpu,
			"n", ju64(t->n), "min_ns", ju64(t->min), "max_ns", ju64(t->max),
			"sum_ns", ju64(t->sum)));
	}
	return json_pack("{s:i,s:s,s:o,s:o}", "threads", (int)p->threads,
			 "placement", p->placement, "ops_per_s", jnum(p->ops_per_s), "per_thread", a);
}

/* A total over the point's operations, per operation; NAN without samples. */
static double per_op_of(double total, const struct cmb_point *p)
{
	return p->dist.s.n ? total / (double)p->dist.s.n : NAN;
}

/* Wait time behind a contention count: total, per operation, how complete. */
static json_t *lock_wait_json(const struct cmb_point *p, const struct cmb_event *e)
{
	if (!e->has_wait)
		return json_null();
	return json_pack("{s:o,s:o,s:o,s:o,s:o}", "wait_ns", ju64(e->wait_ns),
			 "per_op_ns", jnum(per_op_of((double)e->wait_ns, p)),
			 "waits", ju64(e->waits), "unpaired", ju64(e->unpaired),
			 "lost", ju64(e->lost));
}

static json_t *pmu_json(const struct cmb_point *p)
{
	json_t *a = json_array();
	unsigned int i;

	for (i = 0; i < p->nevents; i++) {
		const struct cmb_event *e = &p->ev[i];

		if (e->supported)
			json_array_append_new(a, json_pack("{s:s,s:b,s:o,s:o,s:o,s:s,s:i,s:o,s:s}",
				"event", e->name, "supported", 1, "count", jnum(e->count),
				"per_op", jnum(per_op_of(e->count, p)),
				"running_ratio", jnum(e->running), "pmu", e->pmu,
				"group", e->group, "lock_wait", lock_wait_json(p, e),
				"note", e->note));
		else
			json_array_append_new(a, json_pack("{s:s,s:b,s:s}", "event", e->name,
				"supported", 0, "why", e->why));
	}
	return a;
}

int cmb_result_write_point(FILE *f, const struct cmb_point *p)
{
	struct cmb_summary s;
	char sumsq[40];

	cmb_dist_summary(&p->dist, &s);
	snprintf(sumsq, sizeof(sumsq), "0x%016llx%016llx",
		 p->dist.s.sumsq_hi, p->dist.s.sumsq_lo);
	return emit(f, json_pack(
		"{s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:s,s:o,s:o,s:o,s:i,s:b,s:o,s:o,"
		"s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s,s:o,s:o}",
		"type", "point", "op", p->op, "impl", p->impl,
		"params", params_json(p), "counters", counters_json(p),
		"sampling", sampling_json(p), "parallel", threads_json(p),
		"pmu", pmu_json(p),
		"state", p->state, "size", ju64(p->size),
		"offset", ju64(p->offset), "iters", ju64(p->iters),
		"repeats", (int)p->repeats, "interrupted", p->interrupted,
		"lines", ju64(p->lines), "wall_ns", ju64(p->wall_ns),
		"n", ju64(s.n), "min_ns", ju64(s.min),
		"p50_ns", jnum(s.p50), "p90_ns", jnum(s.p90),
		"p99_ns", jnum(s.p99), "p999_ns", jnum(s.p999), "max_ns", ju64(s.max),
		"mean_ns", jnum(s.mean), "stddev_ns", jnum(s.stddev),
		"ns_per_line", jnum(cmb_point_ns_per_line(p)),
		"sum_ns", ju64(p->dist.s.sum), "sumsq_ns2", sumsq,
		"repeat_stats", repeats_json(p), "hist", hist_json(&p->dist)));
}

const char *cmb_point_param(const struct cmb_point *p, char *buf, size_t len)
{
	char a[16], b[16];

	if (p->fmt[0])
		snprintf(buf, len, "%s %s x%" PRIu64, p->fmt,
			 cmb_fmt_size(p->pgsize, a, sizeof(a)), p->pages);
	else if (p->state[0])	/* buffer ops, measured or not */
		snprintf(buf, len, "%s", cmb_fmt_size(p->size, a, sizeof(a)));
	else if (p->pages)
		snprintf(buf, len, "%" PRIu64 "p", p->pages);
	else
		snprintf(buf, len, "-");
	if (p->highmem) {
		snprintf(b, sizeof(b), "%s", " high");
		strncat(buf, b, len - strlen(buf) - 1);
	}
	return buf;
}

/* A count per operation: whole above 100, three digits below (0.012). */
static const char *per_op(double total, const struct cmb_point *p, char *buf, size_t len)
{
	double v = p->dist.s.n ? per_op_of(total, p) : 0.0;

	snprintf(buf, len, v >= 100 ? "%.0f" : "%.3g", v);
	return buf;
}

const char *cmb_point_events(const struct cmb_point *p, char *buf, size_t len)
{
	char r[32];
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < p->nevents && n < len; i++) {
		const struct cmb_event *e = &p->ev[i];

		if (!e->supported)
			n += (size_t)snprintf(buf + n, len - n, "%s%s=n/a", n ? " " : "", e->name);
		else
			n += (size_t)snprintf(buf + n, len - n, "%s%s=%s/op", n ? " " : "",
					      e->name, per_op(e->count, p, r, sizeof(r)));
		if (e->supported && e->has_wait && n < len)
			n += (size_t)snprintf(buf + n, len - n, " wait=%sns/op%s",
					      per_op((double)e->wait_ns, p, r, sizeof(r)),
					      e->lost ? "(lower bound)" : "");
	}
	return buf;
}

const char *cmb_point_counters(const struct cmb_point *p, char *buf, size_t len)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < CMB_COUNTERS && n < len; i++)
		if (p->counter[i][0])
			n += (size_t)snprintf(buf + n, len - n, "%s%s=%" PRIu64,
					      n ? " " : "", p->counter[i], p->count[i]);
	return buf;
}

double cmb_point_ns_per_line(const struct cmb_point *p)
{
	if (!p->lines || !p->dist.s.n)
		return NAN;
	return cmb_dist_quantile(&p->dist, 0.5) / (double)p->lines;
}

/* ---- reading ---------------------------------------------------------- */

static int fail(struct cmb_reader *r, char *err, size_t len, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, len, "%s:%lu: %s", r->path, r->line, msg);
	return -1;
}

/* Copies a string member; a missing one is an error unless optional. */
static int get_str(json_t *o, const char *key, char *dst, size_t len, int optional)
{
	json_t *v = json_object_get(o, key);

	if (!v && optional) {
		dst[0] = '\0';
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	snprintf(dst, len, "%s", json_string_value(v));
	return 0;
}

/* A string or null (read as ""). */
static int get_str_or_null(json_t *o, const char *key, char *dst, size_t len)
{
	dst[0] = '\0';
	return json_is_null(json_object_get(o, key)) ? 0 : get_str(o, key, dst, len, 0);
}

static int read_config_file(json_t *o, struct cmb_header *h)
{
	if (json_is_null(o))
		return 0;
	return get_str(o, "path", h->config_path, sizeof(h->config_path), 0) ||
	       get_str(o, "sha256", h->config_sha256, sizeof(h->config_sha256), 0) ? -1 : 0;
}

static int get_u64(json_t *o, const char *key, uint64_t *dst)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return -1;
	*dst = (uint64_t)json_integer_value(v);
	return 0;
}

/* A signed int, for ids where -1 means "not known". */
static int get_int(json_t *o, const char *key, int *dst)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < INT_MIN ||
	    json_integer_value(v) > INT_MAX)
		return -1;
	*dst = (int)json_integer_value(v);
	return 0;
}

static int get_u32(json_t *o, const char *key, uint32_t *dst)
{
	uint64_t v;

	if (get_u64(o, key, &v) || v > UINT32_MAX)
		return -1;
	*dst = (uint32_t)v;
	return 0;
}

/* A number, or null for a statistic that does not exist (no samples). */
static int get_num(json_t *o, const char *key, double *dst)
{
	json_t *v = json_object_get(o, key);

	if (json_is_null(v)) {
		*dst = NAN;
		return 0;
	}
	if (!json_is_number(v))
		return -1;
	*dst = json_number_value(v);
	return 0;
}

static int get_hex32(json_t *o, const char *key, uint32_t *dst)
{
	const char *s = json_string_value(json_object_get(o, key));
	char *end;

	if (!s)
		return -1;
	errno = 0;
	*dst = (uint32_t)strtoul(s, &end, 16);
	return (errno || *end || end == s) ? -1 : 0;
}

/* Reads the next non-empty line as a JSON object; 0 at end of file. */
static int next_record(struct cmb_reader *r, json_t **rec, char *err, size_t len)
{
	json_error_t je;
	ssize_t n;

	do {
		n = getline(&r->buf, &r->cap, r->f);
		if (n < 0)
			return 0;
		r->line++;
	} while (n <= 1);
	*rec = json_loadb(r->buf, (size_t)n, 0, &je);
	if (!*rec)
		return fail(r, err, len, "not JSON: %s", je.text);
	if (!json_is_object(*rec)) {
		json_decref(*rec);
		return fail(r, err, len, "record is not an object");
	}
	return 1;
}

static int read_emulator(json_t *e, struct cmb_emulator *emu)
{
	json_t *flag = json_object_get(e, "emulated");

	memset(emu, 0, sizeof(*emu));
	if (!json_is_boolean(flag))
		return -1;
	emu->emulated = json_is_true(flag);
	if (!emu->emulated)
		return 0;
	return get_str(e, "name", emu->name, sizeof(emu->name), 0) ||
	       get_str(e, "version", emu->version, sizeof(emu->version), 0) ||
	       get_str(e, "accel", emu->accel, sizeof(emu->accel), 0) ||
	       get_str(e, "cpu", emu->cpu, sizeof(emu->cpu), 0) ||
	       get_str(e, "detected_by", emu->detected_by,
		       sizeof(emu->detected_by), 0) ? -1 : 0;
}

static int read_kconfig(json_t *o, struct cmb_header *h)
{
	const char *name;
	unsigned int i;
	json_t *v;

	if (!json_is_object(o))
		return -1;
	for (i = 0; (name = cmb_kconfig_name(i)); i++) {
		v = json_object_get(o, name);
		if (!json_is_boolean(v))
			return -1;
		if (json_is_true(v))
			h->kconfig |= 1ULL << i;
	}
	return 0;
}

static int read_cpus(json_t *a, struct cmb_header *h)
{
	json_t *c, *fq;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) > CMB_MAX_CPUS)
		return -1;
	json_array_foreach(a, i, c) {
		struct cmb_cpu *cpu = &h->cpu[i];
		json_t *id = json_object_get(c, "cpu"), *on = json_object_get(c, "online");

		if (!json_is_integer(id) || !json_is_boolean(on) ||
		    get_hex32(c, "midr", &cpu->midr) ||
		    get_int(c, "package", &cpu->place.package) ||
		    get_int(c, "cluster", &cpu->place.cluster) ||
		    get_int(c, "core", &cpu->place.core))
			return -1;
		cpu->cpu = (int)json_integer_value(id);
		cpu->online = json_is_true(on);
		fq = json_object_get(c, "cpufreq");
		if (json_is_null(fq))
			continue;
		if (get_str(fq, "governor", cpu->governor, sizeof(cpu->governor), 0) ||
		    get_u32(fq, "cur_khz", &cpu->cur_khz) ||
		    get_u32(fq, "min_khz", &cpu->min_khz) ||
		    get_u32(fq, "max_khz", &cpu->max_khz))
			return -1;
	}
	h->n_cpu_info = (unsigned int)json_array_size(a);
	return 0;
}

static int read_caches(json_t *a, struct cmb_topo *t)
{
	json_t *c;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) > CMB_MAX_CACHE_LEVELS)
		return -1;
	json_array_foreach(a, i, c) {
		struct cmb_cache *k = &t->c[i];

		if (get_u32(c, "level", &k->level) ||
		    get_str(c, "type", k->type, sizeof(k->type), 0) ||
		    get_u64(c, "size", &k->size) || get_u32(c, "line", &k->line) ||
		    get_u32(c, "ways", &k->ways) || get_u32(c, "sets", &k->sets) ||
		    get_str(c, "shared_by", k->cpus, sizeof(k->cpus), 0) ||
		    get_u32(c, "instances", &k->instances) ||
		    get_str(c, "source", k->source, sizeof(k->source), 0))
			return -1;
	}
	t->n = (unsigned int)json_array_size(a);
	return 0;
}

static int read_sweep(json_t *o, struct cmb_header *h)
{
	if (json_is_null(o))
		return 0;
	return get_str(o, "digest", h->sweep_digest, sizeof(h->sweep_digest), 0) ||
	       get_u32(o, "points", &h->sweep_points) ? -1 : 0;
}

static int read_header(json_t *o, struct cmb_header *h)
{
	json_t *m = json_object_get(o, "module");
	json_t *s = json_object_get(o, "system");
	json_t *hs = json_object_get(o, "hist");
	uint64_t bits, groups, ver;

	memset(h, 0, sizeof(*h));
	if (get_u64(o, "schema_version", &ver))
		return -1;
	h->schema_version = (int)ver;
	if (get_u64(hs, "sub_bucket_bits", &bits) ||
	    get_u64(hs, "groups", &groups) ||
	    bits != CMBENCH_HIST_BITS || groups != CMBENCH_HIST_GROUPS)
		return -2;
	return get_str(o, "created", h->created, sizeof(h->created), 0) ||
	       get_str(o, "command", h->command, sizeof(h->command), 0) ||
	       get_str(o, "tool_version", h->tool_version,
		       sizeof(h->tool_version), 0) ||
	       get_str(o, "label", h->label, sizeof(h->label), 0) ||
	       get_str(m, "version", h->module_version,
		       sizeof(h->module_version), 0) ||
	       get_u32(m, "abi_version", &h->abi_version) ||
	       get_str(m, "built_for", h->module_release,
		       sizeof(h->module_release), 0) ||
	       get_str_or_null(m, "build_id", h->module_build_id,
			       sizeof(h->module_build_id)) ||
	       get_u64(m, "timer_hz", &h->timer_hz) ||
	       get_u32(m, "page_size", &h->page_size) ||
	       get_hex32(m, "ctr", &h->ctr) ||
	       get_u32(m, "dcache_line", &h->dcache_line) ||
	       get_u32(m, "icache_line", &h->icache_line) ||
	       get_u32(m, "cwg", &h->cwg) ||
	       get_str(s, "kernel_release", h->kernel_release,
		       sizeof(h->kernel_release), 0) ||
	       get_str(s, "kernel_version", h->kernel_version,
		       sizeof(h->kernel_version), 0) ||
	       get_str_or_null(s, "kernel_build_id", h->kernel_build_id,
			       sizeof(h->kernel_build_id)) ||
	       read_config_file(json_object_get(s, "kernel_config_file"), h) ||
	       get_str(s, "machine", h->machine, sizeof(h->machine), 0) ||
	       get_u32(s, "n_cpus", &h->n_cpus) ||
	       get_hex32(s, "midr", &h->midr) ||
	       get_str(s, "cpu_part", h->cpu_part, sizeof(h->cpu_part), 0) ||
	       read_kconfig(json_object_get(s, "kernel_config"), h) ||
	       get_str(s, "preempt", h->preempt, sizeof(h->preempt), 0) ||
	       read_cpus(json_object_get(s, "cpus"), h) ||
	       read_caches(json_object_get(s, "caches"), &h->topo) ||
	       read_sweep(json_object_get(o, "sweep"), h) ||
	       read_emulator(json_object_get(o, "emulator"), &h->emu) ? -1 : 0;
}

int cmb_result_open(struct cmb_reader *r, const char *path,
		    struct cmb_header *h, char *err, size_t errlen)
{
	const char *type, *schema;
	json_t *rec;
	int ret;

	memset(r, 0, sizeof(*r));
	r->path = path;
	r->f = fopen(path, "r");
	if (!r->f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	ret = next_record(r, &rec, err, errlen);
	if (ret <= 0) {
		if (ret == 0)
			fail(r, err, errlen, "empty file, no header record");
		cmb_result_close(r);
		return -1;
	}
	type = json_string_value(json_object_get(rec, "type"));
	schema = json_string_value(json_object_get(rec, "schema"));
	if (!type || strcmp(type, "header") || !schema || strcmp(schema, CMB_SCHEMA)) {
		ret = fail(r, err, errlen, "first record is not a %s header", CMB_SCHEMA);
	} else {
		ret = read_header(rec, h);
		if (ret == -2)
			fail(r, err, errlen, "histogram scheme differs from this tool's");
		else if (ret)
			fail(r, err, errlen, "header record is missing or has bad fields");
		else if (h->schema_version != CMB_SCHEMA_VERSION)
			ret = fail(r, err, errlen, "schema version %d, this tool reads %d",
				   h->schema_version, CMB_SCHEMA_VERSION);
	}
	json_decref(rec);
	if (ret)
		cmb_result_close(r);
	return ret ? -1 : 0;
}

static int read_hist(json_t *a, struct cmb_dist *d)
{
	uint64_t lo, count;
	size_t i;
	json_t *b;
	uint32_t idx;

	if (!json_is_array(a))
		return -1;
	json_array_foreach(a, i, b) {
		if (!json_is_array(b) || json_array_size(b) != 3 ||
		    !json_is_integer(json_array_get(b, 0)) ||
		    !json_is_integer(json_array_get(b, 2)))
			return -1;
		lo = (uint64_t)json_integer_value(json_array_get(b, 0));
		count = (uint64_t)json_integer_value(json_array_get(b, 2));
		idx = cmbench_hist_index(lo);
		if (cmbench_hist_lower(idx) != lo)
			return -1;
		d->hist[idx] += count;
	}
	return 0;
}

static int read_params(json_t *o, struct cmb_point *p)
{
	json_t *hm = json_object_get(o, "highmem"), *cw = json_object_get(o, "coherent_walk");

	if (!json_is_boolean(hm) || !json_is_boolean(cw))
		return -1;
	p->highmem = json_is_true(hm);
	p->coherent_walk = json_is_true(cw);
	return get_u64(o, "pages", &p->pages) || get_u64(o, "pgsize", &p->pgsize) ||
	       get_str(o, "dir", p->dir, sizeof(p->dir), 0) ||
	       get_str(o, "fmt", p->fmt, sizeof(p->fmt), 0) ? -1 : 0;
}

static int read_counters(json_t *o, struct cmb_point *p)
{
	const char *name;
	json_t *v;
	int i = 0;

	if (!json_is_object(o) || json_object_size(o) > CMB_COUNTERS)
		return -1;
	json_object_foreach(o, name, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return -1;
		snprintf(p->counter[i], sizeof(p->counter[i]), "%s", name);
		p->count[i++] = (uint64_t)json_integer_value(v);
	}
	return 0;
}

static int read_sampling(json_t *o, struct cmb_point *p)
{
	json_t *prec = json_object_get(o, "precision");

	if (!json_is_number(prec))
		return -1;
	p->precision = json_number_value(prec);
	return get_u64(o, "warmup", &p->warmup) ||
	       get_str(o, "stop", p->stop, sizeof(p->stop), 0) ? -1 : 0;
}

static int read_threads(json_t *o, struct cmb_point *p)
{
	json_t *a = json_object_get(o, "per_thread"), *t, *rate;
	uint64_t n;
	size_t i;

	rate = json_object_get(o, "ops_per_s");
	if (get_u64(o, "threads", &n) || n < 1 || n > CMB_MAX_THREADS ||
	    !json_is_array(a) || json_array_size(a) != n ||
	    !(json_is_number(rate) || json_is_null(rate)))
		return -1;
	if (get_str(o, "placement", p->placement, sizeof(p->placement), 0))
		return -1;
	p->threads = (unsigned int)n;
	p->ops_per_s = json_is_null(rate) ? NAN : json_number_value(rate);
	json_array_foreach(a, i, t) {
		struct cmb_thread_stat *ts = &p->thr[i];
		json_t *cpu = json_object_get(t, "cpu");

		if (!json_is_integer(cpu) || get_u64(t, "n", &ts->n) ||
		    get_u64(t, "min_ns", &ts->min) || get_u64(t, "max_ns", &ts->max) ||
		    get_u64(t, "sum_ns", &ts->sum))
			return -1;
		ts->cpu = (int)json_integer_value(cpu);
	}
	return 0;
}

static int read_lock_wait(json_t *o, struct cmb_event *e)
{
	e->has_wait = !json_is_null(o);
	if (!e->has_wait)
		return 0;
	return get_u64(o, "wait_ns", &e->wait_ns) || get_u64(o, "waits", &e->waits) ||
	       get_u64(o, "unpaired", &e->unpaired) || get_u64(o, "lost", &e->lost) ? -1 : 0;
}

static int read_pmu(json_t *a, struct cmb_point *p)
{
	json_t *e;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) > 8)
		return -1;
	json_array_foreach(a, i, e) {
		struct cmb_event *ev = &p->ev[i];
		json_t *ok = json_object_get(e, "supported");

		if (!json_is_boolean(ok) || get_str(e, "event", ev->name, sizeof(ev->name), 0))
			return -1;
		ev->supported = json_is_true(ok);
		if (!ev->supported) {
			if (get_str(e, "why", ev->why, sizeof(ev->why), 0))
				return -1;
			continue;
		}
		if (get_num(e, "count", &ev->count) || get_num(e, "running_ratio", &ev->running) ||
		    get_str(e, "note", ev->note, sizeof(ev->note), 0) ||
		    get_str(e, "pmu", ev->pmu, sizeof(ev->pmu), 0) ||
		    get_int(e, "group", &ev->group) ||
		    read_lock_wait(json_object_get(e, "lock_wait"), ev))
			return -1;
	}
	p->nevents = (unsigned int)json_array_size(a);
	return 0;
}

static int read_point(json_t *o, struct cmb_point *p)
{
	json_t *reps = json_object_get(o, "repeat_stats"), *r, *flag;
	uint64_t repeats, n, min, max, sum;
	const char *sumsq;
	size_t i;

	memset(p, 0, sizeof(*p));
	flag = json_object_get(o, "interrupted");
	sumsq = json_string_value(json_object_get(o, "sumsq_ns2"));
	if (get_str(o, "op", p->op, sizeof(p->op), 0) ||
	    get_str(o, "impl", p->impl, sizeof(p->impl), 0) ||
	    get_str(o, "state", p->state, sizeof(p->state), 0) ||
	    get_u64(o, "size", &p->size) || get_u64(o, "offset", &p->offset) ||
	    get_u64(o, "iters", &p->iters) || get_u64(o, "lines", &p->lines) ||
	    get_u64(o, "wall_ns", &p->wall_ns) ||
	    get_u64(o, "repeats", &repeats) || repeats > CMB_MAX_REPEATS ||
	    !json_is_boolean(flag) ||
	    get_u64(o, "n", &n) || get_u64(o, "min_ns", &min) ||
	    get_u64(o, "max_ns", &max) || get_u64(o, "sum_ns", &sum) ||
	    !sumsq || strlen(sumsq) != 34 ||
	    sscanf(sumsq, "0x%16llx%16llx",
		   &p->dist.s.sumsq_hi, &p->dist.s.sumsq_lo) != 2 ||
	    read_hist(json_object_get(o, "hist"), &p->dist) ||
	    read_params(json_object_get(o, "params"), p) ||
	    read_counters(json_object_get(o, "counters"), p) ||
	    read_sampling(json_object_get(o, "sampling"), p) ||
	    read_threads(json_object_get(o, "parallel"), p) ||
	    read_pmu(json_object_get(o, "pmu"), p) ||
	    !json_is_array(reps) || json_array_size(reps) != repeats)
		return -1;
	p->dist.s.n = n;
	p->dist.s.min = min;
	p->dist.s.max = max;
	p->dist.s.sum = sum;
	p->repeats = (unsigned int)repeats;
	p->interrupted = json_is_true(flag);
	json_array_foreach(reps, i, r) {
		struct cmb_repeat *rp = &p->rep[i];

		if (get_u64(r, "n", &rp->n) || get_u64(r, "min_ns", &rp->min) ||
		    get_u64(r, "max_ns", &rp->max) ||
		    get_num(r, "p50_ns", &rp->p50) ||
		    get_num(r, "mean_ns", &rp->mean))
			return -1;
	}
	return 0;
}

int cmb_result_next(struct cmb_reader *r, struct cmb_point *p,
		    char *err, size_t errlen)
{
	const char *type;
	json_t *rec;
	int ret;

	ret = next_record(r, &rec, err, errlen);
	if (ret <= 0)
		return ret;
	type = json_string_value(json_object_get(rec, "type"));
	if (!type || strcmp(type, "point"))
		ret = fail(r, err, errlen, "expected a point record");
	else if (read_point(rec, p))
		ret = fail(r, err, errlen, "point record is missing or has bad fields");
	json_decref(rec);
	return ret;
}

void cmb_result_close(struct cmb_reader *r)
{
	if (r->f)
		fclose(r->f);
	free(r->buf);
	r->f = NULL;
	r->buf = NULL;
}
