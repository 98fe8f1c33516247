// SPDX-License-Identifier: GPL-2.0
/* Sweep specs: lines into runs, the digest, the limits, pipes, resuming. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "run/spec.h"

static struct cmb_spec spec;

/* FNV-1a over s, the reference the digest must equal. */
static void fnv(const char *s, char *hex, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	snprintf(hex, len, "%016" PRIx64, h);
}

static void lines_become_runs_of_words(void **state)
{
	char err[256], want[24];

	(void)state;
	assert_int_equal(cmb_spec_parse(&spec, "# a comment\n\nnull --iters 10\n"
					"  flush\t--sizes 64,4K   # trailing\n", err, sizeof(err)), 0);
	assert_int_equal(spec.n, 2);
	assert_int_equal(spec.run[0].argc, 3);
	assert_string_equal(spec.run[0].argv[0], "null");
	assert_string_equal(spec.run[0].argv[2], "10");
	assert_int_equal(spec.run[0].lineno, 3);
	assert_int_equal(spec.run[1].argc, 3);
	assert_string_equal(spec.run[1].argv[2], "64,4K");
	assert_int_equal(spec.run[1].lineno, 4);
	/* The words, one run per line: spacing and comments do not count. */
	fnv("null --iters 10\nflush --sizes 64,4K\n", want, sizeof(want));
	assert_string_equal(spec.digest, want);
}

/* Words as sh splits a plain command: quotes, backslashes, # at a word. */
static void quoted_words_stay_whole(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(cmb_spec_parse(&spec, "null --label \"board 7\" --iters 10\n"
					"null --label 'it''s here' x#y\n"
					"null --label \"a \\\"b\\\" \\\\c\" a\\ b # c\n",
					err, sizeof(err)), 0);
	assert_int_equal(spec.n, 3);
	assert_int_equal(spec.run[0].argc, 5);
	assert_string_equal(spec.run[0].argv[2], "board 7");
	assert_string_equal(spec.run[0].argv[4], "10");
	assert_int_equal(spec.run[1].argc, 4);
	assert_string_equal(spec.run[1].argv[2], "its here");
	assert_string_equal(spec.run[1].argv[3], "x#y");
	assert_int_equal(spec.run[2].argc, 4);
	assert_string_equal(spec.run[2].argv[2], "a \"b\" \\c");
	assert_string_equal(spec.run[2].argv[3], "a b");
	assert_int_equal(cmb_spec_parse(&spec, "null\nnull --label 'open\n", err, sizeof(err)),
			 -1);
	assert_string_equal(err, "spec line 2: a quote is not closed");
}

static void a_spec_of_64_runs_fits_with_comments(void **state)
{
	char text[8192] = "", err[256];
	int i;

	(void)state;
	for (i = 0; i < 64; i++)
		strcat(text, "null\n");
	strcat(text, "# the end\n\n");
	assert_int_equal(cmb_spec_parse(&spec, text, err, sizeof(err)), 0);
	assert_int_equal(spec.n, 64);
	strcat(text, "null\n");
	assert_int_equal(cmb_spec_parse(&spec, text, err, sizeof(err)), -1);
	assert_string_equal(err, "spec line 67: a spec has at most 64 runs");
}

static void bad_specs_are_named(void **state)
{
	char text[1024], err[256];

	(void)state;
	assert_int_equal(cmb_spec_parse(&spec, "# nothing\n\n", err, sizeof(err)), -1);
	assert_string_equal(err, "the spec has no runs");
	memset(text, 'x', 600);
	text[600] = '\0';
	assert_int_equal(cmb_spec_parse(&spec, text, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "spec line 1 is longer than"));
	strcpy(text, "null");
	for (int i = 0; i < 32; i++)
		strcat(text, " w");
	assert_int_equal(cmb_spec_parse(&spec, text, err, sizeof(err)), -1);
	assert_string_equal(err, "spec line 1 has more than 32 words");
}

static void presets_parse(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(cmb_spec_parse(&spec, cmb_spec_preset("quick"), err, sizeof(err)), 0);
	assert_int_equal(spec.n, 5);
	assert_int_equal(cmb_spec_parse(&spec, cmb_spec_preset("full"), err, sizeof(err)), 0);
	assert_null(cmb_spec_preset("none"));
}

/* A spec that is not a regular file, as <(echo null) gives: a pipe. */
static void a_pipe_is_read_to_its_end(void **state)
{
	char path[32], err[256], *text;
	int fd[2];

	(void)state;
	assert_int_equal(pipe(fd), 0);
	assert_int_equal(write(fd[1], "null --iters 5\n", 15), 15);
	close(fd[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", fd[0]);
	text = cmb_spec_read(path, err, sizeof(err));
	assert_non_null(text);
	assert_string_equal(text, "null --iters 5\n");
	free(text);
	close(fd[0]);
	assert_null(cmb_spec_read("/nonexistent/spec", err, sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent/spec: No such file"));
}

static void resume_counts_and_refuses(void **state)
{
	struct cmb_header h;
	struct cmb_point p[3];
	unsigned int have = 99;
	const char *path;
	char err[512];
	int i;

	(void)state;
	fake_header(&h, "6.1.0-test", "00112233aabbccdd");
	for (i = 0; i < 3; i++)
		fake_point(&p[i], "null", 0, 10, 100);
	path = fake_file(&h, p, 2, NULL);
	assert_int_equal(cmb_spec_can_resume(path, "00112233aabbccdd", "6.1.0-test",
					     "6.1.0-test", &have, err, sizeof(err)), 0);
	assert_int_equal(have, 2);
	assert_int_equal(cmb_spec_can_resume(path, "ffff", "6.1.0-test", "6.1.0-test",
					     &have, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "was written by another spec (digest 00112233aabbccdd, "
			       "this one ffff)"));
	assert_int_equal(cmb_spec_can_resume(path, "00112233aabbccdd", "6.2", "6.1.0-test",
					     &have, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "was measured on kernel 6.1.0-test, this is 6.2"));
	unlink(path);
	/* A torn last record: not continued, and the line is named. */
	path = fake_file(&h, p, 2, "{\"type\":\"point\",\"op\":\"nu");
	assert_int_equal(cmb_spec_can_resume(path, "00112233aabbccdd", "6.1.0-test",
					     "6.1.0-test", &have, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":4: not JSON"));
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_become_runs_of_words),
		cmocka_unit_test(quoted_words_stay_whole),
		cmocka_unit_test(a_spec_of_64_runs_fits_with_comments),
		cmocka_unit_test(bad_specs_are_named),
		cmocka_unit_test(presets_parse),
		cmocka_unit_test(a_pipe_is_read_to_its_end),
		cmocka_unit_test(resume_counts_and_refuses),
	};

	return cmocka_run_group_tests_name("spec", tests, NULL, NULL);
}
