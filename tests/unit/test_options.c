// SPDX-License-Identifier: GPL-2.0
/* The options table parser: values, defaults, and errors that name the option. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/options.h"

/* Values unlike positions: the option holds the value, not an index. */
static const struct cmb_choice states[] = {
	{ "dirty", 10 }, { "clean", 20 }, { "cold", 30 }, { 0 },
};

/* Descriptors: the option holds a pointer to the one named. */
struct unit {
	const char *name;
	double scale;
};

static const struct unit units[] = { { "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { 0 } };

struct args {
	struct cmb_sizes sizes;
	uint64_t offset, iters;
	unsigned int state;
	const struct unit *unit;
	unsigned int resume;
	const char *out;
};

static const struct cmb_option tbl[] = {
	{ .name = "sizes", .type = CMB_OPT_SIZES, .off = offsetof(struct args, sizes),
	  .min = 1, .max = 64ULL << 20, .def = "4K", .help = "sizes" },
	{ .name = "offset", .type = CMB_OPT_SIZE, .off = offsetof(struct args, offset),
	  .min = 0, .max = 1 << 20, .def = "0", .help = "offset" },
	{ .name = "iters", .type = CMB_OPT_U64, .off = offsetof(struct args, iters),
	  .min = 1, .max = 1000, .def = "10", .help = "iters" },
	{ .name = "state", .type = CMB_OPT_ENUM, .off = offsetof(struct args, state),
	  .choices = states, .def = "dirty", .help = "state" },
	{ .name = "unit", .type = CMB_OPT_DESC, .off = offsetof(struct args, unit),
	  .descs = units, .desc_size = sizeof(units[0]), .def = "us", .help = "unit" },
	{ .name = "output", .shortname = 'o', .type = CMB_OPT_STR,
	  .off = offsetof(struct args, out), .help = "out" },
	{ .name = "resume", .type = CMB_OPT_FLAG, .off = offsetof(struct args, resume),
	  .help = "resume" },
	{ 0 },
};

static int parse(struct args *a, struct cmb_parsed *pa, char *err, int argc, ...)
{
	char *argv[16];
	va_list ap;
	int i;

	va_start(ap, argc);
	for (i = 0; i < argc; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	memset(a, 0, sizeof(*a));
	err[0] = '\0';
	return cmb_opts_parse(tbl, a, argc, argv, pa, err, 256);
}

static void sizes_parse_with_suffixes(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(cmb_parse_size("64", &v), 0);
	assert_int_equal(v, 64);
	assert_int_equal(cmb_parse_size("4K", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(cmb_parse_size("64k", &v), 0);
	assert_int_equal(v, 65536);
	assert_int_equal(cmb_parse_size("16M", &v), 0);
	assert_int_equal(v, 16 << 20);
	assert_int_equal(cmb_parse_size("2G", &v), 0);
	assert_int_equal(v, 2ULL << 30);
	assert_int_equal(cmb_parse_size("4Q", &v), -1);
	assert_int_equal(cmb_parse_size("4KB", &v), -1);
	assert_int_equal(cmb_parse_size("-4K", &v), -1);
	assert_int_equal(cmb_parse_size("", &v), -1);
	assert_int_equal(cmb_parse_size("K", &v), -1);
	assert_int_equal(cmb_parse_size("99999999999999999999", &v), -1);
	assert_int_equal(cmb_parse_size("17179869184G", &v), -1);	/* 2^64 */
}

static void sizes_format_back(void **state)
{
	char b[16];

	(void)state;
	assert_string_equal(cmb_fmt_size(4096, b, sizeof(b)), "4K");
	assert_string_equal(cmb_fmt_size(1 << 20, b, sizeof(b)), "1M");
	assert_string_equal(cmb_fmt_size(100, b, sizeof(b)), "100");
	assert_string_equal(cmb_fmt_size(0, b, sizeof(b)), "0");
	assert_string_equal(cmb_fmt_size(4097, b, sizeof(b)), "4097");
}

static void defaults_apply_and_values_override(void **state)
{
	struct cmb_parsed pa;
	struct args a;
	char err[256];

	(void)state;
	assert_int_equal(parse(&a, &pa, err, 0), 0);
	assert_int_equal(a.sizes.n, 1);
	assert_int_equal(a.sizes.v[0], 4096);
	assert_int_equal(a.iters, 10);
	assert_int_equal(a.state, 10);
	assert_ptr_equal(a.unit, &units[1]);
	assert_null(a.out);
	assert_int_equal(pa.given, 0);

	assert_int_equal(parse(&a, &pa, err, 10, "flush", "--sizes", "64,4K,1M",
			       "--state=cold", "-o", "x.jsonl", "--iters", "1000", "--unit",
			       "ms"), 0);
	assert_ptr_equal(a.unit, &units[2]);
	assert_true(a.unit->scale == 1e6);
	assert_int_equal(a.sizes.n, 3);
	assert_int_equal(a.sizes.v[2], 1 << 20);
	assert_int_equal(a.state, 30);
	assert_int_equal(a.iters, 1000);
	assert_string_equal(a.out, "x.jsonl");
	assert_int_equal(pa.npos, 1);
	assert_string_equal(pa.pos[0], "flush");
	assert_int_equal(pa.given, (1 << 0) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5));
}

static void double_dash_ends_options(void **state)
{
	struct cmb_parsed pa;
	struct args a;
	char err[256];

	(void)state;
	assert_int_equal(parse(&a, &pa, err, 3, "--", "--sizes", "x"), 0);
	assert_int_equal(pa.npos, 2);
	assert_string_equal(pa.pos[0], "--sizes");
}

static void help_is_not_an_error(void **state)
{
	struct cmb_parsed pa;
	struct args a;
	char err[256];

	(void)state;
	assert_int_equal(parse(&a, &pa, err, 2, "flush", "--help"), 1);
	assert_int_equal(parse(&a, &pa, err, 1, "-h"), 1);
}

/* Each error is -1 and its message contains want. */
static void expect_error(const char *want, int argc, char *a0, char *a1)
{
	struct cmb_parsed pa;
	struct args a;
	char err[256];

	assert_int_equal(parse(&a, &pa, err, argc, a0, a1), -1);
	if (!strstr(err, want))
		fail_msg("error '%s' does not contain '%s'", err, want);
}

static void errors_name_the_option(void **state)
{
	(void)state;
	expect_error("--sizes: bad size '4Q'", 2, "--sizes", "4Q");
	expect_error("--sizes: bad size '1X'", 2, "--sizes", "4K,1X");
	expect_error("--sizes: 65M is out of range [1, 67108864]", 2, "--sizes", "65M");
	expect_error("--sizes: 0 is out of range", 2, "--sizes", "0");
	expect_error("--sizes: empty list", 2, "--sizes", ",");
	expect_error("--offset: '1.5K' is not a size", 2, "--offset", "1.5K");
	expect_error("--iters: 0 is out of range [1, 1000]", 2, "--iters", "0");
	expect_error("--iters: '1K' is not a whole number", 2, "--iters", "1K");
	expect_error("--iters: '-1' is not a whole number", 2, "--iters", "-1");
	expect_error("--state: 'warm' is not one of dirty, clean, cold", 2, "--state", "warm");
	expect_error("--unit: 's' is not one of ns, us, ms", 2, "--unit", "s");
	expect_error("--output: empty value", 2, "--output", "");
	expect_error("unknown option '--size'", 2, "--size", "4K");
	expect_error("unknown option '-x'", 1, "-x", NULL);
	expect_error("--iters: needs a value", 1, "--iters", NULL);
}

static void too_many_sizes_refused(void **state)
{
	char list[1024] = "1";
	int i;

	(void)state;
	for (i = 1; i <= CMB_MAX_SIZES; i++)
		strcat(list, ",1");
	expect_error("more than 64 sizes", 2, "--sizes", list);
}

static void flags_take_no_value(void **state)
{
	struct cmb_parsed pa;
	struct args a;
	char err[256];

	(void)state;
	assert_int_equal(parse(&a, &pa, err, 0), 0);
	assert_int_equal(a.resume, 0);
	/* The word after a flag stays a positional argument. */
	assert_int_equal(parse(&a, &pa, err, 2, "--resume", "spec.txt"), 0);
	assert_int_equal(a.resume, 1);
	assert_int_equal(pa.npos, 1);
	assert_string_equal(pa.pos[0], "spec.txt");
	assert_int_equal(parse(&a, &pa, err, 1, "--resume=0"), 0);
	assert_int_equal(a.resume, 0);
	assert_true(pa.given & (1ULL << cmb_opts_index(tbl, "resume")));
	assert_int_equal(parse(&a, &pa, err, 1, "--resume=yes"), -1);
	assert_non_null(strstr(err, "--resume"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes_parse_with_suffixes),
		cmocka_unit_test(sizes_format_back),
		cmocka_unit_test(defaults_apply_and_values_override),
		cmocka_unit_test(double_dash_ends_options),
		cmocka_unit_test(help_is_not_an_error),
		cmocka_unit_test(errors_name_the_option),
		cmocka_unit_test(too_many_sizes_refused),
		cmocka_unit_test(flags_take_no_value),
	};

	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
