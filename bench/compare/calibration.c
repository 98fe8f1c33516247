// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "compare/calibration.h"
#include "util/files.h"

void cmb_calibration_path(const struct cmb_header *h, char *buf, size_t len)
{
	char name[128];
	size_t i, n = 0;

	/* The label names the target ("aarch64 6.1.0-arm64 (emulated cortex-a57)"). */
	for (i = 0; h->label[i] && n < sizeof(name) - 1; i++) {
		char ch = h->label[i];

		if (isalnum((unsigned char)ch) || ch == '.' || ch == '_' || ch == '-')
			name[n++] = ch;
		else if (n && name[n - 1] != '-')
			name[n++] = '-';
	}
	while (n && name[n - 1] == '-')
		n--;
	name[n] = '\0';
	snprintf(buf, len, "%s/%s.json", CMB_CALIBRATION_DIR, n ? name : "unlabelled");
}

/* One line of JSON, like a result file's records. */
static int dump_line(json_t *o, const char *path)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -1;
	ret = json_dumpf(o, f, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	if (fputc('\n', f) == EOF)
		ret = -1;
	if (fclose(f))
		ret = -1;
	return ret;
}

int cmb_calibration_save(const struct cmb_calibration *c, const char *path, char *err,
			 size_t len)
{
	json_t *rows = json_array(), *o;
	unsigned int i;
	int ret;

	for (i = 0; i < c->n; i++) {
		const struct cmb_calibration_row *r = &c->row[i];

		json_array_append_new(rows, json_pack("{s:s,s:s,s:i,s:i,s:f,s:f,s:f,s:i,s:i}",
			"name", r->name, "key", r->key, "boots", (int)r->boots, "runs", (int)r->runs,
			"sd_boot", r->sd_boot, "sd_run", r->sd_run, "icc", r->icc,
			"runs_per_boot", (int)r->runs_per_boot,
			"boots_per_kernel", (int)r->boots_per_kernel));
	}
	o = json_pack("{s:s,s:s,s:s,s:i,s:f,s:f,s:o}", "type", "calibration", "kernel",
		      c->kernel, "label", c->label, "boots", (int)c->boots, "half", c->half,
		      "icc", c->icc, "rows", rows);
	if (cmb_mkdir_parents(path, err, len)) {
		json_decref(o);
		return -1;
	}
	ret = dump_line(o, path);
	json_decref(o);
	if (ret)
		snprintf(err, len, "%s: cannot write: %s", path, strerror(errno));
	return ret;
}

int cmb_calibration_load(struct cmb_calibration *c, const char *path, char *err, size_t len)
{
	json_error_t je;
	json_t *o = json_load_file(path, 0, &je), *rows, *r;
	const char *kernel = "", *label = "";
	size_t i;

	memset(c, 0, sizeof(*c));
	snprintf(c->path, sizeof(c->path), "%s", path);
	if (!o) {
		snprintf(err, len, "%s: %s", path, je.text);
		return -1;
	}
	if (json_unpack_ex(o, &je, 0, "{s:s,s:s,s:i,s:F,s:F,s:o}", "kernel", &kernel, "label",
			   &label, "boots", &c->boots, "half", &c->half, "icc", &c->icc,
			   "rows", &rows) || !json_is_array(rows)) {
		snprintf(err, len, "%s: not a cmbench calibration: %s", path, je.text);
		json_decref(o);
		return -1;
	}
	snprintf(c->kernel, sizeof(c->kernel), "%s", kernel);
	snprintf(c->label, sizeof(c->label), "%s", label);
	json_array_foreach(rows, i, r) {
		struct cmb_calibration_row *cr = &c->row[c->n];
		const char *key, *name;

		if (c->n == CMB_MAX_ROWS)
			break;
		if (json_unpack_ex(r, &je, 0, "{s:s,s:s,s:i,s:i,s:F,s:F,s:F,s:i,s:i}", "key", &key,
				   "name", &name, "boots", &cr->boots, "runs", &cr->runs,
				   "sd_boot", &cr->sd_boot, "sd_run", &cr->sd_run, "icc", &cr->icc,
				   "runs_per_boot", &cr->runs_per_boot,
				   "boots_per_kernel", &cr->boots_per_kernel)) {
			snprintf(err, len, "%s: row %zu: %s", path, i + 1, je.text);
			json_decref(o);
			return -1;
		}
		snprintf(cr->key, sizeof(cr->key), "%s", key);
		snprintf(cr->name, sizeof(cr->name), "%s", name);
		c->n++;
	}
	json_decref(o);
	return 0;
}

const struct cmb_calibration_row *cmb_calibration_find(const struct cmb_calibration *c,
						       const char *key)
{
	unsigned int i;

	for (i = 0; c && i < c->n; i++)
		if (!strcmp(c->row[i].key, key))
			return &c->row[i];
	return NULL;
}
