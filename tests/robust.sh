# make check's robustness checks: the guest programs' case lists, the
# ioctl fuzzer's figures, and the debug kernels (KASAN, lockdep, UBSAN,
# kmemleak, DEBUG_VM/LIST/OBJECTS, hung tasks). Sourced by tests/run-all
# after tests/e2e.sh (it reuses ops_results), never run.

# guest_cases PREFIX FILE MIN: each "ok - " / "not ok - " line a guest test
# program printed becomes a test ("# SKIP why" stays a skip); fewer than
# MIN cases run is a failure too.
guest_cases() {
	_n=0
	while IFS= read -r _line; do
		case "$_line" in
		"ok - "*" # SKIP "*)
			_c=${_line#ok - }
			skip "$1: ${_c%% \# SKIP *}" "${_c#* \# SKIP }" ;;
		"ok - "*) ok "$1: ${_line#ok - }"; _n=$((_n + 1)) ;;
		"not ok - "*) not_ok "$1: ${_line#not ok - }" ;;
		esac
	done <"$2"
	[ "$_n" -ge "$3" ] || { not_ok "$1: only $_n cases passed, want at least $3"; show "$2"; }
}

# fuzz_figures TARGET FILE: what cmbench-fuzz found. No anomaly, the device
# working afterwards, and every kind of answer reached (a fuzzer that only
# ever got EINVAL would prove nothing).
fuzz_figures() {
	_f=$2
	if [ ! -s "$_f" ]; then
		not_ok "$1: fuzz: no figures"
		return
	fi
	sed -n 's/^fuzz: //p' "$_f" | while IFS= read -r _l; do note "fuzz: $_l"; done
	_an=$(cmb_fuzz_field "$_f" anomalies)
	_io=$(cmb_fuzz_field "$_f" ioctls)
	if [ "$_an" = 0 ] && grep -q '^fuzz: device_works_after=yes' "$_f" && [ "$_io" -gt 0 ]; then
		ok "$1: fuzz: $_io ioctls from 4 processes, no anomaly, device works after"
	else
		not_ok "$1: fuzz: $_an anomalies in $_io ioctls"
		grep '^ANOMALY\|device_works' "$_f" | head -n 20 | sed 's/^/    # /' >>"$KT_TMP/area"
	fi
	_missing=""
	for _k in ok interrupted killed EINVAL EFAULT ENOTTY; do
		[ "$(cmb_fuzz_field "$_f" "$_k")" -gt 0 ] || _missing="$_missing $_k"
	done
	if [ -z "$_missing" ]; then
		ok "$1: fuzz reached whole runs, interrupted runs, SIGKILLs, EINVAL, EFAULT, ENOTTY"
	else
		not_ok "$1: fuzz never reached:$_missing"
	fi
}

# What a debug guest runs: every op once (guest-ops debug), the contention
# runs at 1 and 2 threads, every errno case, the lifecycle cases and the
# fuzzer. make check boots the bench configuration only this way: with
# the checkers on (the bench kernels themselves are make demo's). Each step's "NAME GOT WANT" goes to status.txt.
# shellcheck disable=SC2016
DEBUG_GUEST_CMD='
up() { cut -d" " -f1 /proc/uptime; }
run() { name=$1 want=$2; shift 2; "$@" >"$name.txt" 2>&1; echo "$name $? $want" >>status.txt; echo "$(up) $name" >>times.txt; }
: >status.txt
echo "$(up) start" >times.txt
guest-ops debug
echo "guest-ops $? 0" >>status.txt
echo "$(up) guest-ops" >>times.txt
guest-ops reap
echo "$(up) reap" >>times.txt
c="--threads 1,2 --iters 20 --precision 0 --warmup 0"
run contention-vm_map_ram 0 cmbench run vm_map_ram --pages 16 $c -o contention-vm_map_ram.jsonl
grep -q "^kmap *ok" ops/list.txt &&
	run contention-kmap 0 cmbench run kmap --pages 600 $c -o contention-kmap.jsonl
run contention-purge 0 cmbench run vm_unmap_aliases --pages 4 $c -o contention-purge.jsonl
run ioctl-errors 0 cmbench-ioctl-errors
# The bench configuration has what the cmbench:run trace event needs.
run trace-event 0 test -d /sys/kernel/tracing/events/cmbench/run
run lifecycle 0 cmbench-lifecycle
run fuzz 0 cmbench-fuzz --seconds 20 --procs 4 --seed "$CMB_FUZZ_SEED"
exit 0'

# area_debug TARGET [SETUP-STATUS LOG]: the debug kernel of an arch runs
# everything the module can do; any report from its checkers fails. A
# nonzero SETUP-STATUS (the kernels' build, tests/run-all) fails it at once.
area_debug() {
	tg=$1
	cmb_target "$tg"
	kt_begin "debug $tg"
	if [ "${2:-0}" != 0 ]; then
		not_ok "$tg: the debug kernels did not build (scripts/setup exited $2)"
		show "$3"
		kt_end
		return
	fi
	out=$KT_TMP/debug-$tg
	log=$CMB_BUILD/logs/check-$tg.log
	seed=$(date +%s)
	rel=$(cat "$T_KDIR/release")
	note "$rel under $T_QEMU, kernel arguments: $T_APPEND; fuzzer seed $seed"
	for _opt in KASAN PROVE_LOCKING DEBUG_ATOMIC_SLEEP UBSAN_BOUNDS DEBUG_KMEMLEAK \
		DEBUG_VM DEBUG_LIST DEBUG_OBJECTS DETECT_HUNG_TASK; do
		grep -qx "CONFIG_$_opt=y" "$T_KDIR/config" || not_ok "$tg: CONFIG_$_opt is not set"
	done
	# 2 vCPUs on 2 host cores: with 4, every broadcast TLB invalidate and
	# IPI waits for a descheduled vCPU thread, and the same guest took
	# half as long again (guest-ops: 99 s against 66-72 s on arm64-debug).
	if scripts/qemu-run --target "$tg" --smp 2 --out "$out" --log "$log" --timeout 1200 \
		-- sh -c "CMB_FUZZ_SEED=$seed; $DEBUG_GUEST_CMD" >"$KT_TMP/qemu" 2>&1; then
		ok "$tg: no KASAN, lockdep, UBSAN, kmemleak, hung-task, ODEBUG or sleeping-in-atomic report"
	else
		not_ok "$tg: the debug kernel reported trouble, or the guest failed"
		show "$KT_TMP/qemu"
		kt_end
		return
	fi
	# The checkers were live, not merely configured.
	# arm64 says "KernelAddressSanitizer initialized", arm "Kernel address sanitizer initialized".
	if grep -qiE 'kernel ?address ?sanitizer initialized' "$log"; then
		ok "$tg: KASAN initialized at boot"
	else
		not_ok "$tg: KASAN initialized at boot: not in ${log##*/}"
	fi
	has "$tg: lockdep initialized at boot" "$log" "Lock dependency validator"
	has "$tg: kmemleak on (kmemleak=on)" "$log" "kmemleak: Kernel memory leak detector initialized"
	has "$tg: kmemleak scanned after rmmod" "$log" "==CMBENCH-KMEMLEAK== scanned after rmmod"
	has "$tg: io-pgtable LPAE self-test passed at boot" "$log" "0 FAIL"
	has "$tg: io-pgtable v7s self-test passed at boot" "$log" "arm-v7s io-pgtable: self test ok"
	note "guest uptime at each step: $(tr '\n' ' ' <"$out/times.txt")"
	statuses "$tg" "$out/status.txt"
	matrix "$tg" "$out/ops/list.txt"
	ops_results "$tg" "$out/ops"
	guest_cases "$tg: ioctl" "$out/ioctl-errors.txt" 30
	guest_cases "$tg: lifecycle" "$out/lifecycle.txt" 4
	fuzz_figures "$tg" "$out/fuzz.txt"
	reap_checks "$tg" "$out"
	kt_end
}

# reader_rejects DESC FILE LINE: report, export and compare each refuse
# FILE with exit 1, print nothing on standard output, and say one line on
# standard error that names FILE:LINE.
reader_rejects() {
	for _cmd in report export compare; do
		_also=""
		[ "$_cmd" = compare ] && _also="vs $2"
		# shellcheck disable=SC2086
		"$CMB" "$_cmd" "$2" $_also >"$KT_TMP/out" 2>"$KT_TMP/err"
		_st=$?
		if [ "$_st" = 1 ] && [ ! -s "$KT_TMP/out" ] && [ "$(wc -l <"$KT_TMP/err")" = 1 ] &&
			grep -q -- "$2:$3: " "$KT_TMP/err"; then
			ok "$_cmd: $1: one error naming the file and line $3, nothing else"
		else
			not_ok "$_cmd: $1: exit $_st, want 1, one error naming $2:$3 and no output"
			show "$KT_TMP/err"
			show "$KT_TMP/out"
		fi
	done
}

# area_reader: result files are input too. Hostile files, then libFuzzer
# (tests/fuzz/result-reader.c) for a bounded time on mutations of real
# results. CMB_READER_FUZZ_SECONDS sets the time (make fuzz: longer).
area_reader() {
	kt_begin reader
	_d=$KT_TMP/reader
	mkdir -p "$_d"
	_good=tests/fuzz/corpus/null.jsonl
	head -n 1 "$_good" >"$_d/truncated.jsonl"
	sed -n 2p "$_good" | head -c 700 >>"$_d/truncated.jsonl"
	reader_rejects "a file cut mid-record" "$_d/truncated.jsonl" 2
	{ head -n 1 "$_good"; head -c 5000000 /dev/zero | tr '\0' ' '; echo; } >"$_d/huge.jsonl"
	reader_rejects "a 5 MB record" "$_d/huge.jsonl" 2
	{ head -n 1 "$_good"; printf '{"type":"point","op":"nu\000ll"}\n'; } >"$_d/nul.jsonl"
	reader_rejects "a NUL byte in a record" "$_d/nul.jsonl" 2
	sed '2s/"run_stats":\[/"run_stats":"x","y":[/' "$_good" >"$_d/hostile.jsonl"
	reader_rejects "a point whose run_stats are not an array" "$_d/hostile.jsonl" 2
	sed '1s/"schema_version":[0-9]*/"schema_version":99/' "$_good" >"$_d/future.jsonl"
	reader_rejects "a schema version from the future" "$_d/future.jsonl" 1
	# export -o of a bad file leaves what was there.
	echo "kept" >"$_d/kept.tsv"
	"$CMB" export -o "$_d/kept.tsv" "$_d/truncated.jsonl" 2>/dev/null
	if [ "$(cat "$_d/kept.tsv")" = kept ]; then
		ok "export -o of a bad file leaves the existing output as it was"
	else
		not_ok "export -o of a bad file overwrote the existing output"
	fi

	# libFuzzer: a crash, leak, hang (10 s), 256 MB allocation or broken
	# error contract ends it with a nonzero status and the input kept.
	_secs=${CMB_READER_FUZZ_SECONDS:-30}
	if cmb_reader_fuzz "$_secs" "$_d"; then
		ok "libFuzzer on the result reader, ${_secs} s: no crash, leak, hang or blow-up"
	else
		not_ok "libFuzzer on the result reader found a failing input (kept: $_d/crashes)"
		grep -E 'ERROR|SUMMARY|abort|does not name|disagree|says nothing' "$_d/fuzz.log" |
			head -n 10 | sed 's/^/    # /' >>"$KT_TMP/area"
	fi
	note "$(grep -E '^stat::number_of_executed_units' "$_d/fuzz.log" | sed 's/.*: */executions: /')," \
		"$(grep -oE 'cov: [0-9]+' "$_d/fuzz.log" | tail -n 1)"
	kt_end
}
