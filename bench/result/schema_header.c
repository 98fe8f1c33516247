// SPDX-License-Identifier: GPL-2.0
/* A result file's header record as field tables: what ran, where, how. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "result/result.h"
#include "result/schema.h"
#include "uapi/cmbench_hist.h"

static json_t *put_hist_scheme(const void *rec, const void *root)
{
	(void)rec;
	(void)root;
	return json_pack("{s:s,s:i,s:i}", "scheme", "log-linear",
			 "sub_bucket_bits", CMBENCH_HIST_BITS, "groups", CMBENCH_HIST_GROUPS);
}

/* The kernel options as an object of booleans, by name. */
static json_t *put_kconfig(const void *rec, const void *root)
{
	const struct cmb_header *h = rec;
	json_t *o = json_object();
	const char *name;
	unsigned int i;

	(void)root;

	for (i = 0; o && (name = cmb_kconfig_name(i)); i++)
		json_object_set_new(o, name, json_boolean(h->kconfig & (1ULL << i)));
	return o;
}

static int get_kconfig(json_t *v, void *rec)
{
	struct cmb_header *h = rec;
	const char *name;
	unsigned int i;
	json_t *b;

	if (!json_is_object(v))
		return -1;
	for (i = 0; (name = cmb_kconfig_name(i)); i++) {
		b = json_object_get(v, name);
		if (!json_is_boolean(b))
			return -1;
		if (json_is_true(b))
			h->kconfig |= 1ULL << i;
	}
	return 0;
}

static enum cmb_presence has_config(const void *rec)
{
	return cmb_value_or_null(*((const struct cmb_header *)rec)->config_sha256);
}

static enum cmb_presence is_icount(const void *rec)
{
	return ((const struct cmb_header *)rec)->emu.icount ? CMB_WRITE : CMB_OMIT;
}

static void mark_icount(void *rec)
{
	((struct cmb_header *)rec)->emu.icount = 1;
}

static const struct cmb_field icount_fields[] = {
	CMB_VAL("shift", CMB_F_INT, struct cmb_header, emu.icount_shift),
	CMB_VAL("seed", CMB_F_U64, struct cmb_header, emu.seed),
	CMB_CONST("means", "ns are instructions (2^shift ns each); no cache is modelled"),
	{ 0 }
};

static enum cmb_presence is_emulated(const void *rec)
{
	return ((const struct cmb_header *)rec)->emu.emulated ? CMB_WRITE : CMB_OMIT;
}

static enum cmb_presence has_model(const void *rec)
{
	return *((const struct cmb_header *)rec)->emu.model ? CMB_WRITE : CMB_OMIT;
}

static enum cmb_presence has_sweep(const void *rec)
{
	return cmb_value_or_null(*((const struct cmb_header *)rec)->sweep_digest);
}

static enum cmb_presence has_cpufreq(const void *rec)
{
	return cmb_value_or_null(*((const struct cmb_cpu *)rec)->governor);
}

static enum cmb_presence has_ops(const void *rec)
{
	return ((const struct cmb_header *)rec)->n_ops ? CMB_WRITE : CMB_OMIT;
}

static enum cmb_presence op_unsupported(const void *rec)
{
	return ((const struct cmb_op_status *)rec)->supported ? CMB_OMIT : CMB_WRITE;
}

static const struct cmb_field op_fields[] = {
	CMB_STR("name", struct cmb_op_status, name),
	CMB_VAL("supported", CMB_F_BOOL, struct cmb_op_status, supported),
	CMB_STR_IF("why_unsupported", struct cmb_op_status, why, op_unsupported),
	{ 0 }
};

static const struct cmb_field module_fields[] = {
	CMB_STR("version", struct cmb_header, module_version),
	CMB_VAL("abi_version", CMB_F_U32, struct cmb_header, abi_version),
	CMB_STR("built_for", struct cmb_header, module_release),
	CMB_STR_NULL("build_id", struct cmb_header, module_build_id),
	CMB_VAL("timer_hz", CMB_F_U64, struct cmb_header, timer_hz),
	CMB_VAL("page_size", CMB_F_U32, struct cmb_header, page_size),
	CMB_VAL("ctr", CMB_F_HEX32, struct cmb_header, ctr),
	CMB_VAL("dcache_line", CMB_F_U32, struct cmb_header, dcache_line),
	CMB_VAL("icache_line", CMB_F_U32, struct cmb_header, icache_line),
	CMB_VAL("cwg", CMB_F_U32, struct cmb_header, cwg),
	/* Optional: files written before it have no list. */
	{ .key = "ops", .type = CMB_F_ARRAY, .off = offsetof(struct cmb_header, ops),
	  .size = CMB_FSIZE(struct cmb_header, ops[0]), .sub = op_fields,
	  .count_off = offsetof(struct cmb_header, n_ops),
	  .max = CMB_MAX_OPS, .present = has_ops },
	{ 0 }
};

static const struct cmb_field config_file_fields[] = {
	CMB_STR("path", struct cmb_header, config_path),
	CMB_STR("sha256", struct cmb_header, config_sha256),
	{ 0 }
};

static const struct cmb_field cpufreq_fields[] = {
	CMB_STR("governor", struct cmb_cpu, governor),
	CMB_VAL("cur_khz", CMB_F_U32, struct cmb_cpu, cur_khz),
	CMB_VAL("min_khz", CMB_F_U32, struct cmb_cpu, min_khz),
	CMB_VAL("max_khz", CMB_F_U32, struct cmb_cpu, max_khz),
	{ 0 }
};

static const struct cmb_field cpu_fields[] = {
	CMB_VAL("cpu", CMB_F_INT, struct cmb_cpu, cpu),
	CMB_VAL("online", CMB_F_BOOL, struct cmb_cpu, online),
	CMB_VAL("midr", CMB_F_HEX32, struct cmb_cpu, midr),
	CMB_VAL("package", CMB_F_INT, struct cmb_cpu, place.package),
	CMB_VAL("cluster", CMB_F_INT, struct cmb_cpu, place.cluster),
	CMB_VAL("core", CMB_F_INT, struct cmb_cpu, place.core),
	CMB_OBJ_IF("cpufreq", cpufreq_fields, has_cpufreq),
	{ 0 }
};

const struct cmb_field cmb_cache_fields[] = {
	CMB_VAL("level", CMB_F_U32, struct cmb_cache, level),
	CMB_STR("type", struct cmb_cache, type),
	CMB_VAL("size", CMB_F_U64, struct cmb_cache, size),
	CMB_VAL("line", CMB_F_U32, struct cmb_cache, line),
	CMB_VAL("ways", CMB_F_U32, struct cmb_cache, ways),
	CMB_VAL("sets", CMB_F_U32, struct cmb_cache, sets),
	CMB_STR("shared_by", struct cmb_cache, cpus),
	CMB_VAL("instances", CMB_F_U32, struct cmb_cache, instances),
	CMB_STR("source", struct cmb_cache, source),
	{ 0 }
};

static const struct cmb_field system_fields[] = {
	CMB_STR("kernel_release", struct cmb_header, kernel_release),
	CMB_STR("kernel_version", struct cmb_header, kernel_version),
	CMB_STR_NULL("kernel_build_id", struct cmb_header, kernel_build_id),
	CMB_OBJ_IF("kernel_config_file", config_file_fields, has_config),
	CMB_STR("machine", struct cmb_header, machine),
	CMB_VAL("n_cpus", CMB_F_U32, struct cmb_header, n_cpus),
	CMB_VAL("online_cpus", CMB_F_U32, struct cmb_header, online_cpus),
	CMB_STR_NULL("boot_id", struct cmb_header, boot_id),
	CMB_STR("cmdline", struct cmb_header, cmdline),
	CMB_VAL("uptime_s", CMB_F_NUM, struct cmb_header, uptime_s),
	CMB_VAL("midr", CMB_F_HEX32, struct cmb_header, midr),
	CMB_STR("cpu_part", struct cmb_header, cpu_part),
	CMB_CUSTOM("kernel_config", put_kconfig, get_kconfig),
	CMB_STR("preempt", struct cmb_header, preempt),
	CMB_ARRAY("cpus", struct cmb_header, cpu, n_cpu_info, cpu_fields),
	CMB_ARRAY("caches", struct cmb_header, topo.c, topo.n, cmb_cache_fields),
	{ 0 }
};

const struct cmb_field cmb_emulator_fields[] = {
	CMB_VAL("emulated", CMB_F_BOOL, struct cmb_header, emu.emulated),
	CMB_STR_IF("name", struct cmb_header, emu.name, is_emulated),
	CMB_STR_IF("version", struct cmb_header, emu.version, is_emulated),
	CMB_STR_IF("accel", struct cmb_header, emu.accel, is_emulated),
	CMB_STR_IF("cpu", struct cmb_header, emu.cpu, is_emulated),
	CMB_STR_IF("detected_by", struct cmb_header, emu.detected_by, is_emulated),
	CMB_VAL_IF("host_cpus", CMB_F_U32, struct cmb_header, emu.host_cpus, is_emulated),
	{ .key = "icount", .type = CMB_F_OBJ, .sub = icount_fields, .present = is_icount,
	  .mark = mark_icount },
	CMB_STR_IF("model", struct cmb_header, emu.model, has_model),
	{ 0 }
};

static const struct cmb_field sweep_fields[] = {
	CMB_STR("digest", struct cmb_header, sweep_digest),
	CMB_VAL("points", CMB_F_U32, struct cmb_header, sweep_points),
	{ 0 }
};

static enum cmb_presence is_upgraded(const void *rec)
{
	return ((const struct cmb_header *)rec)->upgraded_from ? CMB_WRITE : CMB_OMIT;
}

static const struct cmb_field upgraded_fields[] = {
	CMB_VAL("from_schema", CMB_F_INT, struct cmb_header, upgraded_from),
	CMB_STR("note", struct cmb_header, upgraded_note),
	{ 0 }
};

/* type, schema, schema_version and hist are checked by the reader first. */
const struct cmb_field cmb_header_fields[] = {
	CMB_CONST("type", "header"),
	CMB_CONST("schema", CMB_SCHEMA),
	CMB_VAL("schema_version", CMB_F_INT, struct cmb_header, schema_version),
	CMB_STR("created", struct cmb_header, created),
	CMB_STR("command", struct cmb_header, command),
	CMB_STR("tool_version", struct cmb_header, tool_version),
	CMB_STR("label", struct cmb_header, label),
	CMB_OBJ("module", module_fields),
	CMB_OBJ("system", system_fields),
	CMB_OBJ("emulator", cmb_emulator_fields),
	CMB_OBJ_IF("sweep", sweep_fields, has_sweep),
	CMB_OBJ_IF("upgraded", upgraded_fields, is_upgraded),
	CMB_CUSTOM("hist", put_hist_scheme, NULL),
	{ 0 }
};

