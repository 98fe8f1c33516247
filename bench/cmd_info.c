// SPDX-License-Identifier: GPL-2.0
/*
 * cmbench info: what the module and the CPU say about themselves; with
 * --format json, the header a result file written here would carry.
 */
#include <stddef.h>
#include <stdio.h>

#include "cmd.h"
#include "run/device.h"
#include "run/provenance.h"
#include "run/topo.h"

struct info_args {
	int format;
};

static const struct cmb_option info_opts[] = {
	{ .name = "format", .type = CMB_OPT_ENUM, .off = offsetof(struct info_args, format),
	  .choices = cmb_text_json, .def = "text",
	  .help = "text, or json: the header a result file written here would carry "
		  "(module, kernel, CPUs, caches, emulator)" },
	{ 0 },
};

int cmd_info(const struct cmb_call *c)
{
	struct info_args a = { 0 };
	struct cmb_parsed pa;
	struct cmb_header h;
	struct cmb_dev d;
	int ret;

	if (cli_parse(c, info_opts, &a, &pa, &ret))
		return ret;
	if (pa.npos)
		return cli_usage_error(c, "takes no arguments");
	if (cmb_dev_open_default(&d))
		return CMB_EXIT_FAIL;
	cmb_provenance(&h, &d, c->full_argc, c->full_argv, NULL);
	if (a.format == CMB_FORMAT_JSON) {
		char err[256];

		/* The caches as a run would record them; none if topo cannot say. */
		if (cmb_topo_read(&h.topo, &d.info, NULL, err, sizeof(err)))
			h.topo.n = 0;
		cmb_dev_close(&d);
		return cmb_result_write_header(stdout, &h) ? CMB_EXIT_FAIL : CMB_EXIT_OK;
	}
	printf("module:      %s, ABI %u, built for %s\n", h.module_version,
	       h.abi_version, h.module_release);
	printf("kernel:      %s (%s)\n", h.kernel_release, h.machine);
	printf("cpu:         MIDR 0x%08x %s, %u CPUs\n", h.midr,
	       *h.cpu_part ? h.cpu_part : "(unknown part)", h.n_cpus);
	printf("cache:       CTR 0x%08x: D-line %u B, I-line %u B, CWG %u B\n",
	       h.ctr, h.dcache_line, h.icache_line, h.cwg);
	printf("page size:   %u\n", h.page_size);
	printf("counter:     %llu Hz (%.2f ns per tick)\n",
	       (unsigned long long)h.timer_hz, 1e9 / (double)h.timer_hz);
	printf("operations:  %u\n", d.info.n_ops);
	if (h.emu.emulated)
		printf("emulator:    %s %s, %s, -cpu %s (from %s): timings are not "
		       "hardware timings\n", h.emu.name, h.emu.version, h.emu.accel,
		       h.emu.cpu, h.emu.detected_by);
	else
		printf("emulator:    none detected\n");
	cmb_dev_close(&d);
	return CMB_EXIT_OK;
}
