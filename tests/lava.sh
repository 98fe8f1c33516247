# make check area: LAVA, through Debian's lava-dispatcher without a
# server (make lava: scripts/lava-jobs --run). Both Debian targets' jobs
# validate, run, and pass scripts/lava-jobs' checks (every case sent
# recorded intact, a case per op, a measurement per point); the device
# dictionaries come from lava-server's qemu template with the target's
# CPU. Sourced by tests/run-all.

area_lava() {
	kt_begin lava
	make -s lava >"$KT_TMP/lava.txt" 2>"$KT_TMP/lava.err"
	st=$?
	guest_cases "lava" "$KT_TMP/lava.txt" 8
	if [ "$st" = 0 ]; then ok "make lava exits 0"; else
		not_ok "make lava exits $st"
		show "$KT_TMP/lava.err"
	fi
	for tg in arm64 armhf; do
		cmb_target "$tg"
		d=$CMB_BUILD/lava/$tg
		has "$tg: device dictionary from lava-server's qemu template, -cpu $T_CPU" \
			"$d/device.yaml" "- -cpu $T_CPU"
		has "$tg: the job deploys the ramdisk as cpio.newc with LAVA's overlay" \
			"$d/job.yaml" "format: cpio.newc"
		# What lava-run's log says the guest ran: the module DKMS built.
		if grep -q '==CMBENCH-SHELL== module loaded: 1' "$d/lava.log" 2>/dev/null; then
			ok "$tg: the LAVA guest loaded the module and gave LAVA its shell"
		else
			not_ok "$tg: the LAVA guest did not load the module"
		fi
	done
	kt_end
}
