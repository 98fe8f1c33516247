// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cmb_version.h"
#include "run/fingerprint.h"
#include "run/provenance.h"
#include "run/topo.h"

static const char *const preempt_names[] = CMBENCH_PREEMPT_NAMES;

_Static_assert(sizeof(preempt_names) / sizeof(preempt_names[0]) == CMBENCH_PREEMPT_MAX,
	       "a name per preemption model");

static const struct {
	unsigned int implementer, part;
	const char *name;
} cpu_parts[] = {
	{ 0x41, 0xc07, "Cortex-A7" },   { 0x41, 0xc09, "Cortex-A9" },
	{ 0x41, 0xc0d, "Cortex-A12" },  { 0x41, 0xc0e, "Cortex-A17" },
	{ 0x41, 0xc0f, "Cortex-A15" },  { 0x41, 0xd03, "Cortex-A53" },
	{ 0x41, 0xd04, "Cortex-A35" },  { 0x41, 0xd05, "Cortex-A55" },
	{ 0x41, 0xd07, "Cortex-A57" },  { 0x41, 0xd08, "Cortex-A72" },
	{ 0x41, 0xd09, "Cortex-A73" },  { 0x41, 0xd0a, "Cortex-A75" },
	{ 0x41, 0xd0b, "Cortex-A76" },  { 0x41, 0xd0c, "Neoverse-N1" },
	{ 0x41, 0xd0d, "Cortex-A77" },  { 0x41, 0xd40, "Neoverse-V1" },
	{ 0x41, 0xd41, "Cortex-A78" },  { 0x41, 0xd44, "Cortex-X1" },
	{ 0x41, 0xd46, "Cortex-A510" }, { 0x41, 0xd47, "Cortex-A710" },
	{ 0x41, 0xd48, "Cortex-X2" },   { 0x41, 0xd49, "Neoverse-N2" },
	{ 0x41, 0xd4f, "Neoverse-V2" }, { 0x41, 0xd80, "Cortex-A520" },
	{ 0x41, 0xd81, "Cortex-A720" }, { 0x46, 0x001, "A64FX" },
	{ 0x61, 0x022, "Apple M1 Icestorm" }, { 0x61, 0x023, "Apple M1 Firestorm" },
};

const char *cmb_midr_name(unsigned int midr)
{
	unsigned int impl = midr >> 24, part = (midr >> 4) & 0xfff;
	size_t i;

	for (i = 0; i < sizeof(cpu_parts) / sizeof(cpu_parts[0]); i++)
		if (cpu_parts[i].implementer == impl && cpu_parts[i].part == part)
			return cpu_parts[i].name;
	return "";
}

/* Copies the comma-separated field idx of s (up to a space) into dst. */
static void field(const char *s, int idx, char *dst, size_t len)
{
	size_t n;

	while (idx-- > 0 && s) {
		s = strpbrk(s, ", \n");
		if (s && *s == ',')
			s++;
		else
			s = NULL;
	}
	if (!s) {
		snprintf(dst, len, "unknown");
		return;
	}
	n = strcspn(s, ", \n");
	snprintf(dst, len, "%.*s", (int)n, s);
}

void cmb_detect_emulator(struct cmb_emulator *e, const char *cmdline,
			 const char *dt_compat, size_t dt_len)
{
	const char *key = "cmbench_emulator=", *p = NULL;
	size_t off;

	memset(e, 0, sizeof(*e));
	if (cmdline) {
		/* A whole word only: "xcmbench_emulator=" is not ours. */
		for (p = strstr(cmdline, key); p; p = strstr(p + 1, key))
			if (p == cmdline || p[-1] == ' ')
				break;
	}
	if (p) {
		p += strlen(key);
		e->emulated = 1;
		field(p, 0, e->name, sizeof(e->name));
		field(p, 1, e->version, sizeof(e->version));
		field(p, 2, e->accel, sizeof(e->accel));
		field(p, 3, e->cpu, sizeof(e->cpu));
		snprintf(e->detected_by, sizeof(e->detected_by),
			 "kernel command line (cmbench_emulator=)");
		p = strstr(cmdline, " cmbench_host_cpus=");
		if (p)
			e->host_cpus = (unsigned int)strtoul(p + 19, NULL, 10);
		/* scripts/qemu-run --icount: QEMU counts instructions for time. */
		p = strstr(cmdline, " cmbench_icount=");
		if (p) {
			e->icount = 1;
			e->icount_shift = (int)strtol(p + 16, NULL, 10);
		}
		p = strstr(cmdline, " cmbench_seed=");
		if (p)
			e->seed = strtoull(p + 14, NULL, 10);
		/* qemu-run --model: a cache model runs beside; model.txt has its figures. */
		p = strstr(cmdline, " cmbench_model=");
		if (p)
			snprintf(e->model, sizeof(e->model), "cache model %.*s beside this boot: "
				 "MODELLED figures in model.txt (cmbench model joins them)",
				 (int)strcspn(p + 15, " \n"), p + 15);
		return;
	}
	for (off = 0; dt_compat && off < dt_len; off += strlen(dt_compat + off) + 1) {
		if (!strcmp(dt_compat + off, "linux,dummy-virt")) {
			e->emulated = 1;
			snprintf(e->name, sizeof(e->name), "qemu");
			snprintf(e->version, sizeof(e->version), "unknown");
			snprintf(e->accel, sizeof(e->accel), "unknown");
			snprintf(e->cpu, sizeof(e->cpu), "unknown");
			snprintf(e->detected_by, sizeof(e->detected_by),
				 "device tree compatible linux,dummy-virt");
			return;
		}
	}
}

static size_t read_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return 0;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	return n;
}

static unsigned long read_ulong(const char *fmt, int cpu, unsigned long dflt)
{
	char path[128], buf[64];

	snprintf(path, sizeof(path), fmt, cpu);
	if (!read_file(path, buf, sizeof(buf)))
		return dflt;
	return strtoul(buf, NULL, 0);
}

/*
 * Every CPU's MIDR from /proc/cpuinfo (arm and arm64 both print its
 * fields per processor), its online state and cpufreq policy from sysfs.
 */
static void read_cpus(struct cmb_header *h)
{
	unsigned int impl = 0, var = 0, part = 0, rev = 0;
	char line[256], path[128];
	struct cmb_cpu *c = NULL;
	FILE *f = fopen("/proc/cpuinfo", "r");
	int cpu;

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "processor : %d", &cpu) == 1 && h->n_cpu_info < CMB_MAX_CPUS) {
			c = &h->cpu[h->n_cpu_info++];
			c->cpu = cpu;
			impl = var = part = rev = 0;
		}
		if (!c)
			continue;
		sscanf(line, "CPU implementer : %x", &impl);
		sscanf(line, "CPU variant : %x", &var);
		sscanf(line, "CPU part : %x", &part);
		if (sscanf(line, "CPU revision : %u", &rev) == 1)
			/* The architecture field is 0xf (CPUID scheme) since ARMv7. */
			c->midr = impl << 24 | (var & 0xf) << 20 | 0xfU << 16 |
				  (part & 0xfff) << 4 | (rev & 0xf);
	}
	if (f)
		fclose(f);
	for (cpu = 0; cpu < (int)h->n_cpu_info; cpu++) {
		c = &h->cpu[cpu];
		cmb_topo_cpu_place(c->cpu, &c->place);
		/* cpu0 often has no online file: it cannot go offline. */
		c->online = (int)read_ulong("/sys/devices/system/cpu/cpu%d/online", c->cpu, 1);
		snprintf(path, sizeof(path),
			 "/sys/devices/system/cpu/cpu%d/cpufreq/scaling_governor", c->cpu);
		if (read_file(path, c->governor, sizeof(c->governor)))
			c->governor[strcspn(c->governor, "\n")] = '\0';
		c->cur_khz = (uint32_t)read_ulong("/sys/devices/system/cpu/cpu%d/cpufreq/scaling_cur_freq",
						  c->cpu, 0);
		c->min_khz = (uint32_t)read_ulong("/sys/devices/system/cpu/cpu%d/cpufreq/scaling_min_freq",
						  c->cpu, 0);
		c->max_khz = (uint32_t)read_ulong("/sys/devices/system/cpu/cpu%d/cpufreq/scaling_max_freq",
						  c->cpu, 0);
	}
}

void cmb_provenance(struct cmb_header *h, const struct cmb_dev *d,
		    int argc, char **argv, const char *label)
{
	char cmdline[4096], dt[1024];
	size_t dt_len, n;
	struct utsname u;
	time_t now = time(NULL);
	long ncpu;

	memset(h, 0, sizeof(*h));
	h->schema_version = CMB_SCHEMA_VERSION;
	strftime(h->created, sizeof(h->created), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	cmb_quote_command(h->command, sizeof(h->command), argc, argv);
	snprintf(h->tool_version, sizeof(h->tool_version), "%s", CMB_TOOL_VERSION);

	snprintf(h->module_version, sizeof(h->module_version), "%s", d->info.version);
	h->abi_version = d->info.abi_version;
	snprintf(h->module_release, sizeof(h->module_release), "%s", d->info.release);
	h->timer_hz = d->info.timer_hz;
	h->page_size = d->info.page_size;
	h->ctr = d->info.ctr;
	h->dcache_line = d->info.dcache_line;
	h->icache_line = d->info.icache_line;
	h->cwg = d->info.cwg;
	h->midr = d->info.midr;
	snprintf(h->cpu_part, sizeof(h->cpu_part), "%s", cmb_midr_name(d->info.midr));
	for (h->n_ops = 0; h->n_ops < d->n_ops && h->n_ops < CMB_MAX_OPS; h->n_ops++) {
		const struct cmbench_op_info *oi = &d->ops[h->n_ops];
		struct cmb_op_status *o = &h->ops[h->n_ops];

		snprintf(o->name, sizeof(o->name), "%s", oi->name);
		o->supported = !!(oi->flags & CMBENCH_OPF_SUPPORTED);
		if (!o->supported)
			snprintf(o->why, sizeof(o->why), "%s", oi->why_unsupported);
	}

	if (uname(&u) == 0) {
		snprintf(h->kernel_release, sizeof(h->kernel_release), "%s", u.release);
		snprintf(h->kernel_version, sizeof(h->kernel_version), "%s", u.version);
		snprintf(h->machine, sizeof(h->machine), "%s", u.machine);
	}
	ncpu = sysconf(_SC_NPROCESSORS_CONF);
	h->n_cpus = ncpu > 0 ? (unsigned int)ncpu : 0;
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	h->online_cpus = ncpu > 0 ? (unsigned int)ncpu : 0;
	h->kconfig = d->info.kconfig;
	snprintf(h->preempt, sizeof(h->preempt), "%s",
		 d->info.preempt < CMBENCH_PREEMPT_MAX ? preempt_names[d->info.preempt] : "unknown");
	read_cpus(h);
	cmb_running_config(h->kernel_release, h->config_path, sizeof(h->config_path),
			   h->config_sha256, sizeof(h->config_sha256));
	cmb_build_id("/sys/kernel/notes", h->kernel_build_id, sizeof(h->kernel_build_id));
	cmb_build_id("/sys/module/cmbench/notes/.note.gnu.build-id", h->module_build_id,
		     sizeof(h->module_build_id));

	/* This boot, the replication unit between kernels. */
	if (read_file("/proc/sys/kernel/random/boot_id", h->boot_id, sizeof(h->boot_id)))
		h->boot_id[strcspn(h->boot_id, "\n")] = '\0';
	if (!read_file("/proc/uptime", cmdline, sizeof(cmdline)) ||
	    sscanf(cmdline, "%lf", &h->uptime_s) != 1)
		h->uptime_s = NAN;
	cmdline[0] = '\0';
	read_file("/proc/cmdline", cmdline, sizeof(cmdline));
	cmdline[strcspn(cmdline, "\n")] = '\0';
	snprintf(h->cmdline, sizeof(h->cmdline), "%s", cmdline);
	dt_len = read_file("/proc/device-tree/compatible", dt, sizeof(dt));
	/*
	 * Where the kernel command line cannot carry it (a LAVA job's tmpfs
	 * boot), the image says how QEMU runs it: " cmbench_icount=0 ...".
	 */
	n = strlen(cmdline);
	if (n + 2 < sizeof(cmdline)) {
		cmdline[n] = ' ';
		if (read_file("/etc/cmbench/emulator", cmdline + n + 1, sizeof(cmdline) - n - 1))
			cmdline[strcspn(cmdline, "\n")] = '\0';
		else
			cmdline[n] = '\0';
	}
	cmb_detect_emulator(&h->emu, cmdline, dt, dt_len);

	if (label && *label)
		snprintf(h->label, sizeof(h->label), "%s", label);
	else if (h->emu.emulated)
		snprintf(h->label, sizeof(h->label), "%s %s (emulated %s%s)",
			 h->machine, h->kernel_release, h->emu.cpu,
			 h->emu.icount ? ", icount" : "");
	else
		snprintf(h->label, sizeof(h->label), "%s %s %s", h->machine,
			 h->kernel_release, h->cpu_part);
}
