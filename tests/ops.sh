# The module's operations in make check: what each target's list must
# say and every op's results (called by the e2e areas), and the area
# "ops": the module's list of operations is the only one.
# - The op table of the documentation is what the module says of its ops
#   (cmbench list --format md of the first target's list).
# - A new op, added from tests/ops/dummy-op.patch to the uapi and to its
#   family's table beside its code, and nothing else, is listed, run by
#   scripts/guest-ops, checked and reported in a guest of a copy of the
#   tree with that patch.
# Sourced by tests/run-all.

OPS_DOC=bench/Documentation/operations.md

# matrix TARGET LIST: what cmbench list must say on TARGET. Every op
# runs, but where a line below says otherwise: what these kernels cannot
# do (a text starting "no highmem" or "not built" means skipped), and
# what runs where the kernel chooses it. A new op of the module is held
# to "runs" with no edit here.
matrix() {
	_tg=$1 _list=$2
	nohigh="no highmem: CONFIG_HIGHMEM not set"
	{
		case "$_tg" in
		arm64*)
			echo "flush:kernel dcache_clean_inval_poc"
			echo "clean:kernel dcache_clean_poc"
			echo "inval:kernel dcache_inval_poc"
			echo "clean_pou:kernel caches_clean_inval_pou"
			for op in kmap kmap_high_get kmap_local kmap_atomic \
				kmap_flush_unused stray_probe pin_probe; do
				echo "$op:$nohigh"
			done ;;
		*)
			echo "flush:kernel v7_flush_kern_dcache_area"
			echo "clean:kernel v7_dma_map_area(TO_DEVICE)"
			echo "inval:kernel v7_dma_map_area(FROM_DEVICE)"
			echo "clean_pou:kernel v7_coherent_kern_range"
			echo "kmap:kmap + load + kunmap"
			echo "kmap_local:kmap_local_page"
			echo "kmap_atomic:kmap_atomic"
			echo "kmap_flush_unused:__kmap_flush_unused (found by kprobe lookup)"
			echo "stray_probe:copy_from_kernel_nofault" ;;
		esac
		case "$_tg" in
		armhf)
			echo "kmap_high_get:not built: ARM_ERRATA_798181 set"
			echo "pin_probe:not built: ARM_ERRATA_798181 set" ;;
		arm-bench|arm-debug)
			echo "kmap_high_get:kmap_high_get (found by kprobe lookup)"
			echo "pin_probe:kmap_high_get pin" ;;
		esac
		case "$_tg" in
		*-bench|*-debug) echo "iopt_map:io-pgtable-arm-v7s: v7s" ;;
		*) echo "iopt_map:lpae32-s1 (v7s: not built)" ;;
		esac
	} >"$KT_TMP/want"
	# Every other op of the module's list: it runs.
	awk 'NR > 1 { print $1 ":" }' "$_list" | while IFS= read -r line; do
		grep -q "^${line%:}:" "$KT_TMP/want" || echo "$line"
	done >>"$KT_TMP/want"
	while IFS= read -r line; do
		op=${line%%:*} text=${line#*:}
		case "$text" in
		no\ highmem*|not\ built*) status=skipped ;;
		*) status=ok ;;
		esac
		if grep -E "^$op +$status +" "$_list" | grep -qF -- "$text"; then
			ok "$_tg: list: $op $status${text:+: $text}"
		else
			not_ok "$_tg: list: $op should be $status${text:+ with '$text'}"
			grep -E "^$op " "$_list" | show /dev/stdin
		fi
	done <"$KT_TMP/want"
}

# ops_results TARGET DIR: every supported op ran, exited 0, and its result
# file holds, field by field and counter by counter, what guest-ops asked
# for (ops/expect.txt); every op this kernel cannot run is a SKIP line.
ops_results() {
	_tg=$1 dir=$2
	statuses "$_tg: ops" "$dir/status.txt"
	while read -r name state offset repeat xs; do
		op=${name%%-*}
		# shellcheck disable=SC2086
		t "$_tg: ops: $name result and counters" "$CHECK" "$dir/$name.jsonl" "$op" \
			"$state" "$offset" 20 "$repeat" "$rel" "$T_QEMU" $xs
	done <"$dir/expect.txt"
	while read -r op st why; do
		[ "$op" = op ] && continue
		ran=no
		for f in "$dir/$op".jsonl "$dir/$op"-*.jsonl; do
			[ -e "$f" ] && ran=yes
		done
		if [ "$st" = skipped ]; then
			if [ $ran = yes ]; then not_ok "$_tg: $op: cannot run here, yet has results"
			else skip "$_tg: $op" "$why"; fi
		elif [ $ran = yes ]; then
			ok "$_tg: ops: supported $op was run"
		else
			not_ok "$_tg: ops: supported $op was not run"
		fi
	done <"$dir/list.txt"
	# The pin holds while other CPUs really did churn the pkmap area.
	if [ -e "$dir/pin_probe.jsonl" ]; then
		jcheck "$_tg: pin_probe: no premature unmap of a pinned page, no data lost" \
			"$dir/pin_probe.jsonl" 'point.counters.premature_unmap == 0' \
			'point.counters.corrupt == 0'
		jcheck "$_tg: pin_probe: other CPUs kmapped while pinned" "$dir/pin_probe.jsonl" \
			'point.counters.worker_kmaps > 0' 'point.finding == true'
	fi
	for f in "$dir"/iopt_hammer-*.jsonl; do
		[ -e "$f" ] || continue
		jcheck "$_tg: ${f##*/}: other CPUs mapped the same table meanwhile" "$f" \
			'point.counters.worker_calls > 0'
	done
	# Splitting LPAE blocks and v7s large pages leaves a correct table.
	for f in "$dir"/iopt_split-*.jsonl; do
		[ -e "$f" ] || continue
		case "$f" in
		*-v7s-1M.jsonl)
			# A finding about 6.1 (see kmod/ops_iopt.c), reported, not judged.
			note "$_tg: finding: v7s 1M section split: split_wrong" \
				"$(jget "$f" point.counters.split_wrong) of 20" ;;
		*) jcheck "$_tg: ops: ${f##*/}: split leaves correct translations" "$f" \
			'point.counters.split_wrong == 0' ;;
		esac
	done
}


# doc_table LIST.json: the doc's generated block equals the module's list.
doc_table() {
	"$CMB" list --from "$1" --format md >"$KT_TMP/ops.md" || return 1
	sed -n '/^<!-- op-table/,/^<!-- end op-table/p' "$OPS_DOC" | sed '1d;$d' >"$KT_TMP/doc.md"
	if ! diff -u "$KT_TMP/doc.md" "$KT_TMP/ops.md"; then
		echo "regenerate it: scripts/docs --ops $1"
		return 1
	fi
}

new_op() {
	_tg=$1
	copy=$KT_TMP/newop
	out=$KT_TMP/newop-out
	rm -rf "$copy" "$out"
	mkdir -p "$copy/build"
	# The tree as it is, mtimes kept (its kernels' stamps stay newer than
	# what they depend on), with the target's kernel shared read-only.
	tar -C "$CMB_TOP" --exclude=./build --exclude=./.git -cf - . | tar -C "$copy" -xf -
	ln -s "$CMB_BUILD/kernels" "$copy/build/kernels"
	t "new op: tests/ops/dummy-op.patch applies (a uapi value, an op in its file)" \
		patch -d "$copy" -p1 -i "$CMB_TOP/tests/ops/dummy-op.patch" || return
	if (cd "$copy" && scripts/qemu-run --target "$_tg" --out "$out" \
		--log "$CMB_BUILD/logs/check-newop.log" -- \
		sh -c 'cmbench list >list.txt && cmbench list --format json >list.json &&
		       guest-ops check dummy && cmbench report ops/dummy.jsonl >report.txt') \
		>"$KT_TMP/newop.log" 2>&1; then
		ok "new op: a guest of the patched tree lists it, guest-ops runs it, report reads it"
	else
		not_ok "new op: the guest of the patched tree failed"
		show "$KT_TMP/newop.log"
		return
	fi
	has "new op: cmbench list: dummy runs" "$out/list.txt" "dummy        ok"
	jcheck "new op: list --format json has its doc, counter and exercise" "$out/list.json" \
		'header.ops[name=dummy].doc ~ counted no-op' \
		'header.ops[name=dummy].counters[0] == calls' \
		'header.ops[name=dummy].exercise == --batch 4'
	statuses "new op: guest-ops" "$out/ops/status.txt"
	has "new op: guest-ops said what its file must hold" "$out/ops/expect.txt" "dummy - 0 1"
	jcheck "new op: its result counts every call" "$out/ops/dummy.jsonl" \
		'point.op == dummy' 'point.counters.calls == 20' 'point.clock.batch == 4'
	has "new op: report shows its row" "$out/report.txt" "dummy"
	"$CMB" list --from "$out/list.json" --format md >"$KT_TMP/newop.md"
	has "new op: the documentation's table would have it" "$KT_TMP/newop.md" \
		"| \`dummy\` | a counted no-op: make check adding an op |"
}

area_ops() {
	kt_begin ops
	_tg=${1%% *}
	if [ -s "$KT_TMP/e2e-$_tg/ops/list.json" ]; then
		t "ops: $OPS_DOC's table is the module's own list" doc_table \
			"$KT_TMP/e2e-$_tg/ops/list.json"
	else
		not_ok "ops: no list.json from the e2e guest of $_tg"
	fi
	new_op "$_tg"
	kt_end
}
