// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench model MODEL.txt FILE.jsonl...: joins what an emulator's cache
 * model figured (qemu-run --model's model.txt) to the result files of the
 * same boot, point by point through the module's run serials, and
 * rewrites each file with them (MODELLED figures per op in point.model,
 * the model in header.emulator.model). A file whose runs the model does
 * not add up to is left as it was.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "result/model.h"
#include "result/result.h"

static const struct cmb_option model_opts[] = {
	{ 0 },
};

/* FILE rewritten with the model's figures; 0, or -1 with err. */
static int join(const struct cmb_model *m, const char *path, char *err, size_t len)
{
	struct cmb_header *h = malloc(sizeof(*h));
	struct cmb_point *p = malloc(sizeof(*p));
	unsigned int n = 0, modelled = 0;
	struct cmb_reader r;
	char tmp[4096];
	FILE *out = NULL;
	int ret = -1, got;

	snprintf(tmp, sizeof(tmp), "%s.model.tmp", path);
	if (!h || !p) {
		snprintf(err, len, "out of memory");
		goto out;
	}
	if (cmb_result_open(&r, path, h, err, len))
		goto out;
	snprintf(h->emu.model, sizeof(h->emu.model), "%s", m->desc);
	out = fopen(tmp, "w");
	if (!out || cmb_result_write_header(out, h)) {
		snprintf(err, len, "%s: %s", tmp, strerror(errno));
		goto close;
	}
	while ((got = cmb_result_next(&r, p, err, len)) > 0) {
		int j = cmb_model_point(m, p, err, len);

		if (j < 0)
			goto close;
		modelled += !j;
		n++;
		if (cmb_result_write_point(out, p)) {
			snprintf(err, len, "%s: %s", tmp, strerror(errno));
			goto close;
		}
	}
	if (got < 0)
		goto close;
	if (fclose(out)) {
		out = NULL;
		snprintf(err, len, "%s: %s", tmp, strerror(errno));
		goto close;
	}
	out = NULL;
	/* No point in the model: its header must not claim one. */
	if (!modelled) {
		snprintf(err, len, "none of its %u points ran under this model (no run serials "
			 "in it)", n);
		goto close;
	}
	if (rename(tmp, path)) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		goto close;
	}
	printf("%s: %u of %u points modelled\n", path, modelled, n);
	ret = 0;
close:
	cmb_result_close(&r);
	if (out)
		fclose(out);
	if (ret)
		unlink(tmp);
out:
	free(h);
	free(p);
	return ret;
}

int cmd_model(const struct cmb_call *c)
{
	struct cmb_parsed pa;
	struct cmb_model m;
	char err[1024];
	int i, status = CMB_EXIT_OK;

	if (cli_parse(c, model_opts, NULL, &pa, &status))
		return status;
	if (pa.npos < 2)
		return cli_usage_error(c, "give the model's model.txt and result files");
	if (cmb_model_load(&m, pa.pos[0], err, sizeof(err))) {
		cli_error("%s", err);
		return CMB_EXIT_FAIL;
	}
	for (i = 1; i < pa.npos; i++)
		if (join(&m, pa.pos[i], err, sizeof(err))) {
			cli_error("%s: left as it was: %s", pa.pos[i], err);
			status = CMB_EXIT_FAIL;
		}
	cmb_model_free(&m);
	return status;
}
