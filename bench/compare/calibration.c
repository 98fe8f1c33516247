// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdlib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "compare/calibration.h"
#include "result/record.h"
#include "result/result.h"
#include "util/files.h"

void cmb_calibration_path(const struct cmb_header *h, char *buf, size_t len)
{
	char name[128], dir[384];
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
	snprintf(buf, len, "%s/%s.json", cmb_calibration_dir(dir, sizeof(dir)),
		 n ? name : "unlabelled");
}

const char *cmb_calibration_dir(char *buf, size_t len)
{
	const char *env = getenv("CMBENCH_CALIBRATION_DIR"), *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (env && *env)
		snprintf(buf, len, "%s", env);
	else if (data && *data == '/')
		snprintf(buf, len, "%s/cmbench/calibration", data);
	else if (home && *home == '/')
		snprintf(buf, len, "%s/.local/share/cmbench/calibration", home);
	else
		snprintf(buf, len, "/var/lib/cmbench/calibration");
	return buf;
}

static const struct cmb_field row_fields[] = {
	CMB_STR("name", struct cmb_calibration_row, name),
	CMB_STR("key", struct cmb_calibration_row, key),
	CMB_VAL("boots", CMB_F_U32, struct cmb_calibration_row, boots),
	CMB_VAL("runs", CMB_F_U32, struct cmb_calibration_row, runs),
	CMB_VAL("sd_boot", CMB_F_NUM, struct cmb_calibration_row, sd_boot),
	CMB_VAL("sd_run", CMB_F_NUM, struct cmb_calibration_row, sd_run),
	CMB_VAL("floored", CMB_F_BOOL, struct cmb_calibration_row, floored),
	CMB_VAL("icc", CMB_F_NUM, struct cmb_calibration_row, icc),
	CMB_VAL("runs_per_boot", CMB_F_U32, struct cmb_calibration_row, runs_per_boot),
	CMB_VAL("boots_per_kernel", CMB_F_U32, struct cmb_calibration_row, boots_per_kernel),
	CMB_VAL("invocations", CMB_F_U32, struct cmb_calibration_row, invocations),
	CMB_VAL("sd_invocation", CMB_F_NUM, struct cmb_calibration_row, sd_inv),
	{ 0 }
};

/* One line of JSON, like a result file's records. */
static const struct cmb_field calibration_fields[] = {
	CMB_CONST("type", "calibration"),
	CMB_STR("kernel", struct cmb_calibration, kernel),
	CMB_STR("label", struct cmb_calibration, label),
	CMB_VAL("boots", CMB_F_U32, struct cmb_calibration, boots),
	CMB_VAL("half", CMB_F_NUM, struct cmb_calibration, half),
	CMB_VAL("icc", CMB_F_NUM, struct cmb_calibration, icc),
	CMB_ARRAY("rows", struct cmb_calibration, row, n, row_fields),
	{ 0 }
};

int cmb_calibration_save(const struct cmb_calibration *c, const char *path, char *err,
			 size_t len)
{
	FILE *f;
	int ret;

	if (cmb_mkdir_parents(path, err, len))
		return -1;
	f = fopen(path, "w");
	if (!f) {
		snprintf(err, len, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	ret = cmb_record_write(f, calibration_fields, c, 0);
	if (fclose(f) || ret) {
		snprintf(err, len, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int cmb_calibration_load(struct cmb_calibration *c, const char *path, char *err, size_t len)
{
	memset(c, 0, sizeof(*c));
	if (cmb_record_load(path, calibration_fields, c, err, len)) {
		memset(c, 0, sizeof(*c));
		return -1;
	}
	snprintf(c->path, sizeof(c->path), "%s", path);
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
