// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench list: every operation of the module, what runs or why it cannot
 * here, what one timed iteration does, the parameters it takes and the
 * arguments that exercise it. The module's own list is the one list of
 * ops: scripts/guest-ops runs it (--format tsv) and the op table of the
 * documentation is made from it (--format json).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "result/record.h"
#include "run/device.h"

/* The parameters an op takes, as run's options name them, by OP_INFO flag. */
static const struct {
	unsigned int flag;
	const char *name;
} params[] = {
	{ CMBENCH_OPF_BUFFER, "sizes,offset,state" },
	{ CMBENCH_OPF_PAGES, "pages" },
	{ CMBENCH_OPF_DIR, "dir" },
	{ CMBENCH_OPF_HIGHMEM, "highmem" },
	{ CMBENCH_OPF_IOPT, "fmt,pgsize,pages,coherent-walk" },
	{ CMBENCH_OPF_BATCH, "batch" },
};

/* One op as the list shows it. */
struct list_op {
	char name[CMBENCH_NAME_LEN];
	int supported, finding;
	char impl[CMBENCH_TEXT_LEN], why[CMBENCH_TEXT_LEN];
	char doc[CMBENCH_DOC_LEN];
	char params[128];
	unsigned int ncounters;
	char counter[CMBENCH_COUNTERS][CMBENCH_COUNTER_LEN];
	char exercise[CMBENCH_EXERCISE_LEN];
};

/* A list saved from a newer module may have more ops than this tool's ABI. */
#define LIST_MAX_OPS	64

struct list_doc {
	char module[CMBENCH_NAME_LEN], release[CMBENCH_NAME_LEN * 2];
	unsigned int n;
	struct list_op op[LIST_MAX_OPS];
};

#define OP	struct list_op

static enum cmb_presence has_impl(const void *rec)
{
	return ((const OP *)rec)->supported ? CMB_WRITE : CMB_OMIT;
}

static enum cmb_presence has_why(const void *rec)
{
	return ((const OP *)rec)->supported ? CMB_OMIT : CMB_WRITE;
}

static const struct cmb_field op_fields[] = {
	CMB_STR("name", OP, name),
	CMB_VAL("supported", CMB_F_BOOL, OP, supported),
	CMB_STR_IF("impl", OP, impl, has_impl),
	CMB_STR_IF("why_unsupported", OP, why, has_why),
	CMB_STR("doc", OP, doc),
	CMB_VAL("finding", CMB_F_BOOL, OP, finding),
	CMB_STR("params", OP, params),
	CMB_VEC("counters", CMB_F_STR, OP, counter, ncounters),
	CMB_STR("exercise", OP, exercise),
	{ 0 }
};

static const struct cmb_field list_fields[] = {
	CMB_CONST("type", "ops"),
	CMB_STR("module", struct list_doc, module),
	CMB_STR("built_for", struct list_doc, release),
	CMB_ARRAY("ops", struct list_doc, op, n, op_fields),
	{ 0 }
};

static void fill(const struct cmb_dev *d, struct list_doc *l)
{
	unsigned int i, k, at;

	snprintf(l->module, sizeof(l->module), "%s", d->info.version);
	snprintf(l->release, sizeof(l->release), "%s", d->info.release);
	for (i = 0; i < d->n_ops && i < LIST_MAX_OPS; i++) {
		const struct cmbench_op_info *oi = &d->ops[i];
		struct list_op *o = &l->op[l->n++];

		snprintf(o->name, sizeof(o->name), "%s", oi->name);
		o->supported = !!(oi->flags & CMBENCH_OPF_SUPPORTED);
		o->finding = !!(oi->flags & CMBENCH_OPF_PROBE);
		snprintf(o->impl, sizeof(o->impl), "%s", oi->impl);
		snprintf(o->why, sizeof(o->why), "%s", oi->why_unsupported);
		snprintf(o->doc, sizeof(o->doc), "%s", oi->doc);
		snprintf(o->exercise, sizeof(o->exercise), "%s", oi->exercise);
		for (k = 0, at = 0; k < CMB_NELEM(params); k++)
			if ((oi->flags & params[k].flag) && !strstr(o->params, params[k].name))
				at += (unsigned int)snprintf(o->params + at, sizeof(o->params) - at,
							     "%s%s", at ? "," : "", params[k].name);
		for (k = 0; k < CMBENCH_COUNTERS && oi->counter[k][0]; k++)
			snprintf(o->counter[o->ncounters++], sizeof(o->counter[0]), "%s",
				 oi->counter[k]);
	}
}

/* One line per op, tab-separated, for shell scripts in a guest. */
static void print_tsv(const struct list_doc *l)
{
	unsigned int i, k;

	printf("# op\tstatus\tparams\tcounters\timpl or why\tdoc\texercise\n");
	for (i = 0; i < l->n; i++) {
		const struct list_op *o = &l->op[i];

		printf("%s\t%s\t%s\t", o->name, o->supported ? "ok" : "skipped",
		       *o->params ? o->params : "-");
		for (k = 0; k < o->ncounters; k++)
			printf("%s%s", k ? "," : "", o->counter[k]);
		printf("%s\t%s\t%s\t%s\n", o->ncounters ? "" : "-",
		       o->supported ? o->impl : o->why, o->doc, o->exercise);
	}
}

static void print_text(const struct list_doc *l)
{
	unsigned int i;

	printf("%-12s %-9s %s\n", "op", "status", "implementation, or why not");
	for (i = 0; i < l->n; i++)
		printf("%-12s %-9s %s\n", l->op[i].name, l->op[i].supported ? "ok" : "skipped",
		       l->op[i].supported ? l->op[i].impl : l->op[i].why);
}

/*
 * The op table of the documentation (Documentation/operations.md): what
 * one timed iteration does, the parameters and counters, from the
 * module's own words.
 */
static void print_md(const struct list_doc *l)
{
	unsigned int i, k;

	printf("| op | one timed iteration | parameters | counters |\n|---|---|---|---|\n");
	for (i = 0; i < l->n; i++) {
		const struct list_op *o = &l->op[i];

		printf("| `%s` | %s |", o->name, o->doc);
		if (*o->params)
			printf(" `%s` |", o->params);
		else
			printf(" |");
		for (k = 0; k < o->ncounters; k++)
			printf(" `%s`", o->counter[k]);
		printf(" |\n");
	}
}

struct list_format {
	const char *name;
	void (*print)(const struct list_doc *l);
};

static void print_json(const struct list_doc *l)
{
	cmb_record_write(stdout, list_fields, l, 1);
}

static const struct list_format formats[] = {
	{ "text", print_text },
	{ "json", print_json },
	{ "tsv", print_tsv },
	{ "md", print_md },
	{ 0 },
};

struct list_args {
	const struct list_format *format;
	const char *from;
};

static const struct cmb_option list_opts[] = {
	{ .name = "format", .type = CMB_OPT_DESC, .off = offsetof(struct list_args, format),
	  .descs = formats, .desc_size = sizeof(formats[0]), .def = "text",
	  .help = "text: a line per op; json: everything the module says of each op "
		  "(doc, parameters, counters, exercise); tsv: the same, a line per op; md: "
		  "the documentation's op table" },
	{ .name = "from", .type = CMB_OPT_STR, .off = offsetof(struct list_args, from),
	  .metavar = "FILE",
	  .help = "a list saved with --format json (from a board or guest), not the module" },
	{ 0 },
};

int cmd_list(const struct cmb_call *c)
{
	struct list_args a = { 0 };
	static struct list_doc l;
	struct cmb_parsed pa;
	struct cmb_dev d;
	int ret;

	if (cli_parse(c, list_opts, &a, &pa, &ret))
		return ret;
	if (pa.npos)
		return cli_usage_error(c, "takes no arguments");
	if (a.from) {
		char err[512];

		if (cmb_record_load(a.from, list_fields, &l, err, sizeof(err))) {
			fprintf(stderr, "cmbench list: %s\n", err);
			return CMB_EXIT_FAIL;
		}
	} else {
		if (cmb_dev_open_default(&d))
			return CMB_EXIT_FAIL;
		fill(&d, &l);
		cmb_dev_close(&d);
	}
	a.format->print(&l);
	return fflush(stdout) ? CMB_EXIT_FAIL : CMB_EXIT_OK;
}
