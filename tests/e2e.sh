# make check area, one per target: boot it in QEMU, run
# tests/e2e/guest-checks and scripts/guest-ops in the guest, then check on
# the host what came back: exit statuses, which ops each kernel can run
# (and why not, as SKIP lines), every result file field by field, the
# PMU, lock wait, placement, provenance, sweeps, CLI errors, the ioctl
# errno cases, and the plots. Sourced by tests/run-all.

# plots TARGET DIR: both gnuplot scripts render the target's real results,
# with their labels and the emulation warning in the SVG.
plots() {
	_tg=$1 dir=$2
	if ! "$CMB" export -o "$dir/flush.tsv" "$dir/flush.jsonl" ||
		! "$CMB" export -o "$dir/threads.tsv" "$dir/threads-vm_map_ram.jsonl"; then
		not_ok "$_tg: export for the plots"
		return
	fi
	t "$_tg: flush-cost.gp renders" cmb_plot flush-cost "$dir/fc" "$dir/flush.tsv"
	has "$_tg: flush-cost.svg says it is emulated" "$dir/fc.svg" "EMULATED"
	has "$_tg: flush-cost.svg names its source" "$dir/fc.svg" "(emulated $T_CPU)"
	if [ -s "$dir/fc.png" ]; then ok "$_tg: flush-cost.png written"
	else not_ok "$_tg: flush-cost.png missing"; fi
	t "$_tg: contention.gp renders" cmb_plot contention "$dir/ct" "$dir/threads.tsv"
	has "$_tg: contention.svg has the vm_map_ram 16-page line" "$dir/ct.svg" "vm_map_ram 16p"
	has "$_tg: contention.svg says it is emulated" "$dir/ct.svg" "EMULATED"
}

# pmu_checks TARGET DIR
pmu_checks() {
	_tg=$1 out=$2
	jcheck "$_tg: PMU: CPU_CYCLES counted, non-zero, at 1 and 2 threads" "$out/pmu.jsonl" \
		'count(point.pmu[event=CPU_CYCLES].count) == 2' \
		'point.pmu[event=CPU_CYCLES].count > 0'
	jcheck "$_tg: PMU: an unknown event is reported unsupported, with why" "$out/pmu.jsonl" \
		'point.pmu[event=NO_SUCH_EVENT].supported == false' \
		'point.pmu[event=NO_SUCH_EVENT].why ~ ^CPU 0: libpfm4: event not found, nor in [a-z0-9_]+.s sysfs events$'
	jcheck "$_tg: PMU: CPU_CYCLES counted on this CPU's PMU, not PERF_TYPE_RAW" \
		"$out/pmu-default.jsonl" 'point.pmu[event=CPU_CYCLES].pmu ~ ^armv'
	# Eight events on a PMU with 7 counters: more than one group, none
	# larger than the PMU, and the events of a group scheduled together
	# (one running ratio per group).
	jget "$out/pmu-groups.jsonl" 'point.pmu[*].group' >"$KT_TMP/g"
	jget "$out/pmu-groups.jsonl" 'point.pmu[*].running_ratio' >"$KT_TMP/r"
	paste -d' ' "$KT_TMP/g" "$KT_TMP/r" >"$KT_TMP/groups"
	if [ "$(wc -l <"$KT_TMP/groups")" = 8 ] &&
		awk '{ n[$1]++; r[$1 " " $2] = 1 } END {
			for (g in n) { if (n[g] > 7) exit 1; groups++ }
			for (k in r) ratios++
			exit !(groups >= 2 && ratios == groups) }' "$KT_TMP/groups"; then
		ok "$_tg: PMU: 8 events on 7 counters: $(cut -d' ' -f1 "$KT_TMP/groups" | uniq -c |
			awk '{ printf "%s%d", (NR > 1 ? "+" : ""), $1 }') in groups, one ratio each"
	else
		not_ok "$_tg: PMU: 8 events not grouped to fit 7 counters"
		sed 's/^/group, running ratio: /' "$KT_TMP/groups" | show /dev/stdin
	fi
	if [ "$T_ARCH" = arm64 ]; then
		# QEMU 7.2's Cortex-A57 advertises only CPU_CYCLES in PMCEID.
		jcheck "$_tg: PMU: default events the core lacks are unsupported, with why" \
			"$out/pmu-default.jsonl" 'point.pmu[event=INST_RETIRED].supported == false' \
			'point.pmu[event=INST_RETIRED].why ~ ^CPU 0: armv8_pmuv3 does not implement it'
	fi
	jcheck "$_tg: lock wait time sampled from contention_begin/end pairs" \
		"$out/lockstat.jsonl" 'point.pmu[event=lock:contention_begin].lock_wait.wait_ns > 0' \
		'point.pmu[event=lock:contention_begin].lock_wait.waits > 0'
	jcheck "$_tg: no lock wait for events that are not lock contention" "$out/pmu.jsonl" \
		'point.pmu[event=CPU_CYCLES].lock_wait == null'
	jcheck "$_tg: lock contention is counted per thread (lock:contention_begin)" \
		"$out/threads-vm_map_ram.jsonl" \
		'point.pmu[event=lock:contention_begin].supported == true'
	jcheck "$_tg: 4 threads on a mutex: contended acquisitions counted" \
		"$out/lockstat.jsonl" 'point.pmu[event=lock:contention_begin].count > 0'
	if [ "$T_ARCH" = arm ]; then
		jcheck "$_tg: lock contention says what 32-bit arm cannot see" \
			"$out/threads-vm_map_ram.jsonl" \
			'point.pmu[event=lock:contention_begin].note ~ ticket locks and never fire this'
	fi
}

# identity TARGET DIR: placement, topology and provenance in the headers
# trace_event TARGET OUT: the cmbench:run records of trace.jsonl's runs
# (flush 4K, 3 runs at 1 and at 2 threads, no warm-up): one per run per
# thread; each 1-thread run's iterations and timed ns exactly as the file
# has them; the totals of both points equal to the records' sums.
trace_event() {
	_f=$2/trace.jsonl _r=$2/trace-records.txt
	_n=$(grep -c ' run: op=flush size=4096 ' "$_r" 2>/dev/null)
	if [ "${_n:-0}" = 9 ] && [ "$(wc -l <"$_r")" = 9 ]; then
		ok "$1: trace: 9 cmbench:run records for 3 + 3 runs at 1 and 2 threads"
	else
		not_ok "$1: trace: ${_n:-0} cmbench:run records for flush 4K, want 9"
		show "$_r"
		return
	fi
	_miss=0
	for _k in 0 1 2; do
		_it=$(jget "$_f" "point[0].run_stats[$_k].iters")
		_ns=$(jget "$_f" "point[0].run_stats[$_k].timed_ns")
		grep -q " iters=$_it samples=[0-9]* timed_ns=$_ns " "$_r" || _miss=$((_miss + 1))
	done
	if [ "$_miss" = 0 ]; then
		ok "$1: trace: each 1-thread run's iterations and timed ns are a record's"
	else
		not_ok "$1: trace: $_miss of 3 runs have no record with their iters and timed_ns"
		show "$_r"
	fi
	_want=$(jget "$_f" 'point[*].time.timed_ns' | awk '{ s += $1 } END { print s }')
	_got=$(sed -n 's/.* timed_ns=\([0-9]*\) .*/\1/p' "$_r" | awk '{ s += $1 } END { print s }')
	_wit=$(jget "$_f" 'point[*].run_stats[*].iters' | awk '{ s += $1 } END { print s }')
	_git=$(sed -n 's/.* iters=\([0-9]*\) .*/\1/p' "$_r" | awk '{ s += $1 } END { print s }')
	if [ -n "$_want" ] && [ "$_want" = "$_got" ] && [ "$_wit" = "$_git" ] && [ "$_wit" = 360 ]; then
		ok "$1: trace: the records sum to the file's timed ns ($_got) and iterations (360)"
	else
		not_ok "$1: trace: records sum to $_got ns / $_git iterations, the file $_want / $_wit"
	fi
}

# results_as_tests TARGET OUT: report --ktap and export --format lava of
# pmu.jsonl (flush 4K at 1 and 2 threads) and the runner's signals.
results_as_tests() {
	_f=$2/pmu.jsonl _k=$KT_TMP/ktap-$1
	"$CMB" report --ktap "$_f" >"$_k" 2>&1
	if _p=$(kunit_py) && python3 "$_p" parse "$_k" >"$KT_TMP/kunit-out" 2>&1; then
		ok "$1: report --ktap: kunit.py parse accepts it"
	else
		not_ok "$1: report --ktap: kunit.py parse refuses it"
		show "$KT_TMP/kunit-out"
	fi
	_n=$(sed -n 's/^1\.\.//p' "$_k")
	_ops=$(jget "$_f" 'header.module.ops[*].name' | wc -l)
	_skip=$(grep -c '^ok [0-9]* [a-z_0-9]* # SKIP ' "$_k")
	_uns=$(jget "$_f" 'header.module.ops[*].supported' | grep -c false)
	if [ "$_ops" -gt 0 ] && [ "$_n" = "$_ops" ] && [ "$_skip" -ge "$_uns" ]; then
		ok "$1: report --ktap: a subtest per op ($_n), a SKIP for each of the $_uns it cannot run"
	else
		not_ok "$1: report --ktap: plan $_n, ops $_ops, $_skip skips for $_uns unsupported"
		show "$_k"
	fi
	_why=$(jget "$_f" 'header.module.ops[supported=false].why_unsupported' | head -n 1)
	_op=$(jget "$_f" 'header.module.ops[supported=false].name' | head -n 1)
	if [ -n "$_op" ] && grep -qF "$_op # SKIP $_why" "$_k"; then
		ok "$1: report --ktap: $_op SKIP says the kernel's reason"
	elif [ -z "$_op" ]; then
		skip "$1: report --ktap: a SKIP says the kernel's reason" "this kernel runs every op"
	else
		not_ok "$1: report --ktap: no '$_op # SKIP $_why'"
	fi
	_c=$(printf '%.3f' "$(jget "$_f" 'point[0].sampling.centre_ns')")
	if grep -q "^    # flush\.4K\.dirty\.t1: centre_ns=$_c " "$_k" &&
		"$CMB" export --format lava "$_f" >"$KT_TMP/lava-$1" 2>&1 &&
		grep -qx "flush.4K.dirty.t1 pass $_c ns" "$KT_TMP/lava-$1"; then
		ok "$1: KTAP and LAVA carry the point's centre, $_c ns"
	else
		not_ok "$1: KTAP or export --format lava lack flush.4K.dirty.t1 at $_c ns"
		show "$_k"
	fi
	_r=$2/lava-runner.txt
	_tc=$(grep -c '^<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=[-_.a-zA-Z0-9]* RESULT=\(pass\|skip\|fail\)' "$_r")
	_m=$(grep -c '^<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=null\.t1 RESULT=pass UNITS=ns MEASUREMENT=[0-9.]*>$' "$_r")
	_st=$(grep -c '^<LAVA_SIGNAL_TESTSET START [a-z_0-9]*>$' "$_r")
	_sp=$(grep -c '^<LAVA_SIGNAL_TESTSET STOP>$' "$_r")
	_sk=$(grep -c '^<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=[a-z_0-9]* RESULT=skip>$' "$_r")
	# The spec asks for null alone: its set, and a skip set for each op
	# the kernel cannot run; the ops not asked for get nothing.
	if [ "$_m" = 1 ] && [ "$_st" = $((_uns + 1)) ] && [ "$_sp" = "$_st" ] &&
		[ "$_sk" = "$_uns" ]; then
		ok "$1: cmbench-lava outside LAVA: null's set, a skip for each of the $_uns ops it cannot run, none for ops not asked"
	else
		not_ok "$1: cmbench-lava: $_st/$_sp set starts/stops and $_sk skips, want $((_uns + 1)) and $_uns; null.t1 $_m"
		show "$_r"
	fi
	# The result file rides in the log, base64, as the job's artefact.
	awk '$1 == "==CMBENCH-FILE-END==" { on = 0 } on { print }
		$1 == "==CMBENCH-FILE-BEGIN==" && $2 == "result.jsonl" { on = 1 }' "$_r" |
		base64 -d >"$KT_TMP/lava-artefact" 2>/dev/null
	_md5=$(awk '$1 == "==CMBENCH-FILE-END==" { print $2 }' "$_r")
	if [ -s "$KT_TMP/lava-artefact" ] && cmp -s "$KT_TMP/lava-artefact" "$2/lava-runner/result.jsonl" &&
		[ "$(md5sum <"$KT_TMP/lava-artefact" | cut -d' ' -f1)" = "$_md5" ]; then
		ok "$1: cmbench-lava: the result file in the log, base64, the guest's byte for byte (MD5)"
	else
		not_ok "$1: cmbench-lava: the result file in the log differs from the guest's, or is missing"
	fi
}

identity() {
	_tg=$1 out=$2
	has "$_tg: topo reads L1 data from CLIDR/CCSIDR" "$out/topo.txt" \
		"data              32K     64"
	# Placement: threads sit where topo said the policy puts them.
	for how in spread compact; do
		want=$(sed -n "s/^--$how: *//p" "$out/topo.txt" | cut -d, -f1-2)
		got=$(jget "$out/place-$how.jsonl" 'point[0].parallel.per_thread[*].cpu' |
			paste -sd,)
		if [ -n "$want" ] && [ "$got" = "$want" ]; then
			ok "$_tg: --$how: 2 threads on CPUs $got, as topo orders them"
		else
			not_ok "$_tg: --$how: threads on '$got', topo says '$want'"
		fi
		jcheck "$_tg: --$how: the point records its placement" "$out/place-$how.jsonl" \
			"point.parallel.placement == $how"
	done
	has "$_tg: --spread with --cpus is refused, naming both" "$out/cli-place.txt" \
		"--cpus, --spread and --compact each choose the CPUs"
	if [ "$T_ARCH" = arm64 ]; then
		# arm64 reads QEMU's cpu-map: hwloc sees both clusters.
		has "$_tg: hwloc sees two clusters: --spread alternates them" "$out/topo.txt" \
			"--spread:   0,2,1,3"
		jcheck "$_tg: header places CPU 2 in cluster 1" "$out/null.jsonl" \
			'header.system.cpus[cpu=2].midr == 0x411fd070' \
			'header.system.cpus[cpu=2].package == 0' \
			'header.system.cpus[cpu=2].cluster == 1' 'header.system.cpus[cpu=2].core == 2'
	fi
	# Identity: the config the guest booted with and the module it loaded.
	sum=$(sha256sum <"$T_KDIR/config" | cut -d' ' -f1)
	jcheck "$_tg: header: config digest of /boot/config-$rel" "$out/null.jsonl" \
		"header.system.kernel_config_file.path == /boot/config-$rel" \
		"header.system.kernel_config_file.sha256 == $sum"
	bid=$("${T_CROSS}readelf" -n "$CMB_BUILD/$_tg/kmod/cmbench.ko" | sed -n 's/.*Build ID: //p')
	jcheck "$_tg: header: the module's build ID, as readelf reads the .ko" "$out/null.jsonl" \
		"header.module.build_id == ${bid:-none}"
	jcheck "$_tg: header: the kernel's build ID from /sys/kernel/notes" "$out/null.jsonl" \
		'header.system.kernel_build_id ~ ^[0-9a-f]{40}$'
	has "$_tg: a bad --cache is named" "$out/cli-cache.txt" "'L1d=32Q' is not like"
}

# timing TARGET DIR: batches, cycles, the time split, overcommit
timing() {
	_tg=$1 out=$2
	t "$_tg: --batch 16: samples are means of 16 iterations, every field checked" \
		"$CHECK" "$out/batch.jsonl" null - 0 320 1 "$rel" "$T_QEMU"
	jcheck "$_tg: --batch 16 recorded with its quantisation bound" "$out/batch.jsonl" \
		'point.clock.batch == 16' 'point.n == 20' 'point.clock.note == --batch 16' \
		'point.clock.sample == mean of a batch of 16 iterations'
	t "$_tg: a batched 64 B flush: one copy of the buffer per iteration, 3 runs" \
		"$CHECK" "$out/batch-flush.jsonl" flush dirty 0 80 3 "$rel" "$T_QEMU" 64
	has "$_tg: --batch on an op that sets up every iteration is refused" \
		"$out/cli-batch.txt" "--batch: operation vm_map_ram sets up every iteration"
	t "$_tg: --clock cycles: cycles per op beside ns" \
		env CHECK_CYCLES=1 "$CHECK" "$out/cycles.jsonl" null - 0 1000 1 "$rel" "$T_QEMU"
	t "$_tg: --clock cycles on a 4K flush" env CHECK_CYCLES=1 "$CHECK" \
		"$out/cycles-flush.jsonl" flush dirty 0 50 1 "$rel" "$T_QEMU" 4096
	# The harness timed too: for null, which defers nothing, what a loop
	# sustains is what its timed calls cost (a check on recorded numbers).
	# On one vCPU: with more, the 32-bit guests' idle vCPUs take host CPU
	# from the measuring one, and "other" rightly reports those stalls. In
	# the median of 31 runs of about a quarter of a tick: once per tick the
	# work the tick woke (rcu_sched, timers) runs when the loop lets the
	# scheduler in, and other reports it, but in a quarter of the runs.
	# Then three invocations of one flush point, for calibrate's spread
	# between invocations in a boot (invocations below).
	if scripts/qemu-run --target "$_tg" --smp 1 --out "$out/quiet" \
		--log "$CMB_BUILD/logs/check-$_tg-quiet.log" -- sh -c '
		cmbench run null --iters 20000 --repeat 31 --precision 0 -o null.jsonl &&
		for i in 1 2 3; do
			cmbench run flush --sizes 4K --iters 500 --repeat 3 --precision 0 \
				-o inv$i.jsonl || exit 1
		done' >"$KT_TMP/quiet" 2>&1; then
		t "$_tg: null on a quiet vCPU, every field checked" "$CHECK" "$out/quiet/null.jsonl" \
			null - 0 20000 31 "$rel" "$T_QEMU"
	else
		not_ok "$_tg: a second boot, with one vCPU"
		show "$KT_TMP/quiet"
	fi
	invocations "$_tg" "$out/quiet"
	jget "$out/quiet/null.jsonl" 'point.run_stats[*].timed_ns' >"$KT_TMP/t"
	jget "$out/quiet/null.jsonl" 'point.run_stats[*].other_ns' >"$KT_TMP/o"
	ratio=$(paste -d' ' "$KT_TMP/t" "$KT_TMP/o" | awk '$1 > 0 { print ($1 + $2) / $1 }' |
		sort -n | awk '{ r[NR] = $1 } END { if (NR) printf "%.3f", (r[int((NR + 1) / 2)] + r[int(NR / 2) + 1]) / 2 }')
	all=$(awk -v s="$(jget "$out/quiet/null.jsonl" point.time.sustained_per_op_ns)" \
		-v t="$(jget "$out/quiet/null.jsonl" point.time.timed_per_op_ns)" \
		'BEGIN { if (t > 0) printf "%.3f", s / t }')
	if [ -n "$ratio" ] && awk -v r="$ratio" 'BEGIN { exit !(r >= 1 && r <= 1.1) }'; then
		ok "$_tg: null at 1 thread: sustained / timed cost per op is $ratio in the median run (within 10%), $all over all 31"
	else
		not_ok "$_tg: null at 1 thread: sustained / timed cost per op is '$ratio' in the median run, $all over all 31"
	fi
	# More threads than the emulator's host has CPUs: said in the record.
	hc=$(jget "$out/threads-vm_map_ram.jsonl" header.emulator.host_cpus)
	for k in 0 1 2; do
		th=$(jget "$out/threads-vm_map_ram.jsonl" "point[$k].parallel.threads")
		if [ "$th" -gt "$hc" ]; then want=true; else want=false; fi
		jcheck "$_tg: $th threads on a $hc-CPU host: overcommit is $want" \
			"$out/threads-vm_map_ram.jsonl" "point[$k].parallel.overcommit == $want"
	done
}

# sweeps TARGET DIR: interrupted, resumed, refused
sweeps() {
	_tg=$1 out=$2
	"$CMB" export "$out/sweep.jsonl" 2>&1 | grep -v '^#' |
		awk -F'\t' '{ print $1 "\t" $15 "\t" $21 }' >"$KT_TMP/sweep-got"
	if [ -s "$out/sweep-list.txt" ] && cmp -s "$out/sweep-list.txt" "$KT_TMP/sweep-got"; then
		ok "$_tg: sweep interrupted and resumed: every point once, in order"
	else
		not_ok "$_tg: sweep interrupted and resumed: points lost or duplicated"
		diff "$out/sweep-list.txt" "$KT_TMP/sweep-got" | show /dev/stdin
	fi
	has "$_tg: sweep: Ctrl-C says how to continue" "$out/sweep1.txt" "--resume continues"
	has "$_tg: sweep: resuming a complete file is a no-op" "$out/sweep-again.txt" \
		"sweep already complete: 6 points"
	has "$_tg: sweep: another spec is refused" "$out/sweep-other.txt" \
		"was written by another spec"
}

# cli_errors TARGET DIR: what the user is told, and that nothing is written
cli_errors() {
	_tg=$1 out=$2
	has "$_tg: unknown op named" "$out/cli-unknown-op.txt" "unknown operation 'nosuchop'"
	has "$_tg: bad size named" "$out/cli-bad-size.txt" "--sizes: bad size '4Q'"
	has "$_tg: buffer option refused for null" "$out/cli-null-sizes.txt" \
		"--sizes: operation null does not take it"
	has "$_tg: size above the module limit refused" "$out/cli-big-size.txt" \
		"--sizes: 65M is out of range"
	has "$_tg: an existing result file is not overwritten" "$out/cli-exists.txt" \
		"null.jsonl exists; give another -o"
	has "$_tg: --threads above the CPUs is refused, naming it" "$out/cli-threads.txt" \
		"--threads: '99' is not a list of counts from 1 to 4"
	if [ -e "$out/cli-skip.txt" ]; then
		has "$_tg: an op this kernel cannot run says why" "$out/cli-skip.txt" ": skipped: "
	fi
	for f in unknown-op bad-size null-sizes big-size bad-state skipped batch-bad; do
		if [ -e "$out/$f.jsonl" ]; then
			not_ok "$_tg: $f: a result file was written for a refused command"
		else
			ok "$_tg: $f: no result file for a refused command"
		fi
	done
	has "$_tg: Ctrl-C reports the kept points" "$out/sigint.txt" \
		"interrupted: 2 finished points kept in sigint.jsonl"
	t "$_tg: Ctrl-C kept exactly the finished points, intact" \
		"$CHECK" "$out/sigint.jsonl" flush dirty 0 20000 1 "$rel" "$T_QEMU" 64 128
	# Two Ctrl-C in a row end it (exit 130 in status.txt) and lose no finished point.
	jcheck "$_tg: Ctrl-C twice: the finished points are in the file, whole" \
		"$out/sigint2.jsonl" 'count(point) >= 2' 'point[0].size == 64' 'point[1].size == 128'
}

# area_e2e TARGET: boot, run the guest side, check what comes back.
area_e2e() {
	tg=$1
	cmb_target "$tg"
	kt_begin "e2e $tg"
	out=$KT_TMP/e2e-$tg
	rel=$(cat "$T_KDIR/release")
	note "$rel under $T_QEMU"
	log=$CMB_BUILD/logs/check-$tg.log
	# 4 vCPUs in 2 clusters: cores to sweep, clusters to spread over.
	seed=$(date +%s)
	note "fuzzer seed $seed (cmbench-fuzz --seed $seed reproduces its requests)"
	if scripts/qemu-run --target "$tg" --smp 4 --clusters 2 --out "$out" --log "$log" \
		--timeout 900 -- sh -c "CMB_FUZZ_SEED=$seed guest-checks && guest-ops check &&
		guest-ops reap" \
		>"$KT_TMP/qemu" 2>&1; then
		ok "$tg: boot, insmod, guest checks, rmmod, no oops/BUG/WARNING in the console log"
	else
		not_ok "$tg: boot, insmod, guest checks, rmmod, clean console log"
		show "$KT_TMP/qemu"
		kt_end
		return
	fi

	statuses "$tg" "$out/status.txt"
	abi=$(sed -n 's/^#define CMBENCH_ABI_VERSION[[:space:]]*//p' kmod/include/uapi/cmbench.h)
	has "$tg: info reports ABI $abi" "$out/info.txt" "ABI $abi, built for $rel"
	has "$tg: info says it is emulated" "$out/info.txt" "emulator:    $T_QEMU"
	# --format json: the header a result file of this boot carries, the
	# same module, kernel, boot, CPU and caches as null.jsonl's.
	for _k in module.build_id module.abi_version system.kernel_release system.boot_id \
		system.midr emulator.name; do
		echo "$_k $(jget "$out/null.jsonl" "header.$_k")"
	done >"$KT_TMP/info.want"
	set --
	while read -r _k _v; do set -- "$@" "header.$_k == $_v"; done <"$KT_TMP/info.want"
	jcheck "$tg: info --format json: the header a run here writes (build ID, boot, MIDR...)" \
		"$out/info-json.txt" "$@" "header.module.abi_version == $abi" \
		"count(header.system.caches[*]) == $(jget "$out/null.jsonl" 'header.system.caches[*].level' | wc -l)" \
		"count(header.system.caches[*]) >= 1"
	# topo --format json: the same caches, a place per CPU, both orders.
	_n=$(jget "$out/null.jsonl" 'header.system.n_cpus')
	jcheck "$tg: topo --format json: the run's caches, $_n CPUs placed, both orders" \
		"$out/topo-json.txt" \
		"count(header.caches[*]) == $(jget "$out/null.jsonl" 'header.system.caches[*].level' | wc -l)" \
		"header.caches[0].level == $(jget "$out/null.jsonl" 'header.system.caches[0].level')" \
		"header.caches[0].size == $(jget "$out/null.jsonl" 'header.system.caches[0].size')" \
		"count(header.cpus[*]) == $_n" "count(header.compact[*]) == $_n" \
		"count(header.spread[*]) == $_n" "count(header.sizes_auto[*]) >= 1"
	[ "$T_KIND" = debian ] && has "$tg: the module booted is DKMS's build" "$out/info.txt" \
		"$(cmb_module_version) dkms-$(cmb_module_version)"
	matrix "$tg" "$out/ops/list.txt"
	ops_results "$tg" "$out/ops"
	reap_checks "$tg" "$out"
	if [ "$T_KIND" = bench ]; then
		has "$tg: io-pgtable LPAE self-test passed at boot" "$log" "0 FAIL"
		has "$tg: io-pgtable v7s self-test passed at boot" "$log" \
			"arm-v7s io-pgtable: self test ok"
	fi
	has "$tg: run prints the emulation warning" "$out/flush.txt" "not hardware timings"

	t "$tg: null.jsonl field by field" \
		"$CHECK" "$out/null.jsonl" null - 0 200 1 "$rel" "$T_QEMU"
	# The guest's cmbench was rebuilt at this commit (the Makefile's
	# version header), not left from an older one.
	jcheck "$tg: the header's tool_version is this tree's git describe" "$out/null.jsonl" \
		"header.tool_version == $(cmb_describe)"
	t "$tg: flush.jsonl field by field" \
		"$CHECK" "$out/flush.jsonl" flush dirty 0 40 2 "$rel" "$T_QEMU" 64 4096 65536
	t "$tg: flush-cold.jsonl (offset 8) field by field" \
		"$CHECK" "$out/flush-cold.jsonl" flush cold 8 20 1 "$rel" "$T_QEMU" 1024
	t "$tg: vm_map_ram at 1, 2, 4 threads, each pinned, all counted" \
		env CHECK_THREADS=1,2,4 "$CHECK" "$out/threads-vm_map_ram.jsonl" vm_map_ram - 0 \
		100 1 "$rel" "$T_QEMU" 16
	if [ -e "$out/threads-kmap.jsonl" ]; then
		t "$tg: kmap (kmap_lock) at 1, 2, all threads" \
			env CHECK_THREADS=1,2,4 "$CHECK" "$out/threads-kmap.jsonl" kmap - 0 \
			100 1 "$rel" "$T_QEMU" 600
	else
		skip "$tg: kmap (kmap_lock) at 1, 2, all threads" "no kmap on this kernel"
	fi
	t "$tg: pmu.jsonl field by field" env CHECK_THREADS=1,2 "$CHECK" "$out/pmu.jsonl" \
		flush dirty 0 50 1 "$rel" "$T_QEMU" 4096
	pmu_checks "$tg" "$out"
	trace_event "$tg" "$out"
	results_as_tests "$tg" "$out"
	timing "$tg" "$out"
	sweeps "$tg" "$out"
	identity "$tg" "$out"
	# --sizes auto measured exactly the sizes topo announced.
	auto=$(sed -n 's/^--sizes auto: //p' "$out/topo.txt" | tr ',' '\n' |
		awk '/K$/ { $0 = $0 * 1024 } /M$/ { $0 = $0 * 1048576 } { printf "%d ", $0 }')
	# shellcheck disable=SC2086
	t "$tg: --sizes auto: points at the announced sizes, caches in the header" \
		"$CHECK" "$out/auto.jsonl" flush dirty 0 20 1 "$rel" "$T_QEMU" $auto
	t "$tg: adaptive point stopped by its rule, CI within 5% if on precision" \
		env CHECK_PRECISION=0.05 "$CHECK" "$out/adaptive.jsonl" flush dirty 0 50 1 \
		"$rel" "$T_QEMU" 4096 1048576
	guest_cases "$tg: ioctl" "$out/ioctl-errors.txt" 30
	guest_cases "$tg: lifecycle" "$out/lifecycle.txt" 4
	fuzz_figures "$tg" "$out/fuzz.txt"
	cli_errors "$tg" "$out"
	t "$tg: report reads the results on the host" "$CMB" report "$out/flush.jsonl"
	plots "$tg" "$out"
	"$CMB" export "$out/flush.jsonl" >"$KT_TMP/tsv" 2>&1
	if [ "$(grep -vc '^#' "$KT_TMP/tsv")" = 3 ] && grep -q '^# emulated: yes' "$KT_TMP/tsv"; then
		ok "$tg: export writes 3 rows marked emulated"
	else
		not_ok "$tg: export writes 3 rows marked emulated"
		show "$KT_TMP/tsv"
	fi
	kt_end
}

# invocations TARGET DIR: calibrate over DIR/inv1..3.jsonl, three
# invocations of a flush point in one boot, gives their spread (and no
# boot spread); report --mail widens the CI by it, marked i, and says so.
invocations() {
	_iv=$2
	if "$CMB" calibrate -o "$_iv/cal.json" "$_iv"/inv1.jsonl "$_iv"/inv2.jsonl \
		"$_iv"/inv3.jsonl >"$KT_TMP/cal" 2>&1; then
		jcheck "$1: calibrate over 3 invocations in one boot: their spread, no boots'" \
			"$_iv/cal.json" 'header.rows[0].invocations == 3' \
			'header.rows[0].sd_invocation >= 0' 'header.rows[0].boots == 0'
	else
		not_ok "$1: calibrate over 3 invocations in one boot"
		show "$KT_TMP/cal"
		return
	fi
	"$CMB" report --mail --ascii "$_iv/inv1.jsonl" >"$KT_TMP/m0" 2>&1
	"$CMB" report --mail --ascii --calibration "$_iv/cal.json" "$_iv/inv1.jsonl" \
		>"$KT_TMP/m1" 2>&1
	_n=$(awk '/^flush 4K/ { sub(/^\+-/, "", $6); print $6 + 0 }' "$KT_TMP/m0")
	_w=$(awk '/^flush 4K/ && $6 ~ /%i$/ { sub(/^\+-/, "", $6); print $6 + 0 }' "$KT_TMP/m1")
	if [ -n "$_n" ] && [ -n "$_w" ] && awk -v n="$_n" -v w="$_w" 'BEGIN { exit !(w >= n) }' &&
		grep -q "i: the runs' CI widened by the spread between invocations" "$KT_TMP/m1" &&
		grep -q "The CIs cover this invocation's runs only" "$KT_TMP/m0"; then
		ok "$1: report --mail: the CI +-$_n% of one invocation's runs, +-$_w%i with the invocations' spread, each said"
	else
		not_ok "$1: report --mail: runs' CI '$_n', widened '$_w', or the legend missing"
		show "$KT_TMP/m1"
	fi
}
