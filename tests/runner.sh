# make check area: scripts/qemu-run's own alarms must go off, or a clean
# console proves nothing. Sourced by tests/run-all.

area_runner() {
	tg=$1
	kt_begin "qemu-run $tg"
	expect_status "$tg: a kernel WARNING: in the console fails the run" 126 \
		"the guest kernel reported trouble" scripts/qemu-run --target "$tg" \
		--log "$KT_TMP/warn.log" -- \
		sh -c 'echo "<4>WARNING: CPU: 0 PID: 1 at cmbench-selftest" >/dev/kmsg'
	expect_status "$tg: a guest that hangs is stopped at --timeout" 124 \
		"timed out after 20s" scripts/qemu-run --target "$tg" --timeout 20 \
		--log "$KT_TMP/hang.log" -- sleep 600
	expect_status "$tg: the command's exit status comes back" 7 "" \
		scripts/qemu-run --target "$tg" --log "$KT_TMP/st.log" -- sh -c 'exit 7'
	kt_end
}

# runner_kernel: qemu-run --kernel, in the area that runs once kernels
# are built (tests/ab.sh, area_planted).
runner_kernel() {
	# make check builds arm-debug; make demo, arm-bench.
	other=""
	for k in arm-debug arm-bench; do
		[ -f "$CMB_BUILD/kernels/$k/.built" ] && { other=$k; break; }
	done
	if [ -n "$other" ]; then
		expect_status "qemu-run --kernel boots another built kernel ($other) with a module built for it" \
			0 "$(cat "$CMB_BUILD/kernels/$other/release")" scripts/qemu-run --target armhf \
			--kernel "$CMB_BUILD/kernels/$other" --log "$KT_TMP/k.log" -- \
			sh -c 'uname -r && cmbench info'
	else
		skip "qemu-run --kernel boots another built kernel with a module built for it" \
			"neither arm-debug nor arm-bench was built"
	fi
}
