# make check areas: patch evaluation end to end, in QEMU. area_ab, on
# Debian's arm64 kernel while the debug kernels build: an A/A comparison
# (one kernel, 2 + 2 interleaved boots) finds nothing faster or slower;
# the runner resumes where it stopped; two variants in each of 2 boots
# are paired by boot; the board and LAVA back ends' control flow holds.
# area_planted, once they are built: a slowdown planted in kernel B
# (tests/ab/planted-delay.patch: 200 us more in every vm_map_ram() of
# arm64-debug) is found, slower, with a CI that holds its size, and
# ministat agrees with compare row by row (scripts/lib.sh,
# cmb_ministat_agrees). Sourced by tests/run-all.

# ab_spec FILE: what every boot runs
ab_spec() {
	printf '%s\n' "null --iters 20000 --repeat 3 --precision 0" \
		"flush --sizes 4K --iters 500 --repeat 3 --precision 0" \
		"vm_map_ram --pages 16 --iters 300 --repeat 3 --precision 0" >"$1"
}

# ab_board FIXTURE: the board back end's control flow, without a board (two
# boots through the shipped systemd unit's ExecStart): a
# stand-in cmbench writes FIXTURE as its result, and selecting a kernel
# and rebooting are logged instead of done.
ab_board() {
	bd=$KT_TMP/board
	mkdir -p "$bd/bin"
	printf '#!/bin/sh\n# cmbench sweep SPEC -o FILE\ncp "%s" "$4"\n' "$1" >"$bd/bin/cmbench"
	chmod +x "$bd/bin/cmbench"
	printf 'null --iters 10\n' >"$bd/spec"
	board() { # RUNNING
		CMB_AB_RUNNING=$1 CMB_AB_SELECT="echo select %s >>$bd/log" \
			CMB_AB_REBOOT="echo reboot >>$bd/log" PATH="$bd/bin:$PATH" \
			scripts/ab-run --target arm64 --backend board --kernel-a 6.1-a \
			--kernel-b 6.1-b --spec "$bd/spec" --boots 1 -o "$bd/out" >>"$bd/out.log" 2>&1
	}
	# The shipped unit's ExecStart, as systemd runs it: its sh -c script,
	# $$ made $, the environment from what /etc/cmbench/ab.env would hold.
	unit() { # RUNNING
		_x=$(sed -n "s/^ExecStart=\/bin\/sh -c '\(.*\)'\$/\1/p" \
			scripts/systemd/cmbench-ab.service | sed 's/\$\$/$/g')
		CMB_AB_TREE=$CMB_TOP CMB_AB_ARGS="--target arm64 --kernel-a 6.1-a --kernel-b 6.1-b \
--spec $bd/spec --boots 1 -o $bd/out" CMB_AB_RUNNING=$1 \
			CMB_AB_SELECT="echo select %s >>$bd/log" CMB_AB_REBOOT="echo reboot >>$bd/log" \
			PATH="$bd/bin:$PATH" sh -c "$_x" >>"$bd/out.log" 2>&1
	}
	: >"$bd/log"
	board 6.1-b; unit 6.1-a; unit 6.1-b; board 6.1-b
	got=$(tr '\n' ';' <"$bd/log")
	want="select 6.1-a;reboot;select 6.1-b;reboot;"
	if [ "$got" = "$want" ]; then
		ok "board: a boot of the wrong kernel selects the right one; each boot selects the next (two through scripts/systemd/cmbench-ab.service's ExecStart)"
	else
		not_ok "board: select/reboot went '$got', want '$want'"
		show "$bd/out.log"
	fi
	got=$(awk -F'\t' '!/^#/ && $6 == "ok" { printf "%s%s:%s ", $1, $2, $3 }' "$bd/out/index.tsv")
	if [ "$got" = "1A:boot-01-A.jsonl 2B:boot-02-B.jsonl " ] &&
		grep -q 'the order is complete' "$bd/out.log" &&
		cmp -s "$1" "$bd/out/boot-01-A.jsonl" && cmp -s "$1" "$bd/out/boot-02-B.jsonl"; then
		ok "board: each kernel measured once, in order, then the order is complete"
	else
		not_ok "board: the index lists '$got'"
		show "$bd/out.log"
	fi
}

# ab_lava SPEC: the LAVA back end, A/A on Debian's arm64 kernel, 1 + 1
# boots: each boot a LAVA job run by lava-run, in order, its result files
# taken from the job's log.
ab_lava() {
	lv=$KT_TMP/ab-lava
	t "lava: A/A, 1 + 1 boots, each a LAVA job run by lava-run" \
		scripts/ab-run --target arm64 --backend lava --kernel-a "$CMB_BUILD/kernels/arm64" \
		--kernel-b "$CMB_BUILD/kernels/arm64" --spec "$1" --boots 1 -o "$lv" || return
	got=$(awk -F'\t' '!/^#/ && $6 == "ok" { printf "%s%s ", $1, $2 }' "$lv/index.tsv")
	if [ "$got" = "1A 2B " ] && grep -q '"lvl": "results"' "$lv/boot-01.log" &&
		grep -q '"lvl": "results"' "$lv/boot-02.log"; then
		ok "lava: the boots ran in order (A, B), each with its LAVA job log"
	else
		not_ok "lava: the index lists '$got', or a boot has no LAVA log"
	fi
	"$CMB" compare --format json -o "$KT_TMP/ab-lava.json" "$lv" >"$KT_TMP/out" 2>&1
	jcheck "lava: compare reads the files the jobs returned: 3 rows, 1 + 1 boots, two boot_ids" \
		"$KT_TMP/ab-lava.json" 'count(header.rows[*]) == 3' 'header.boots_a == 1' \
		'header.boots_b == 1'
	a=$(jget "$lv/boot-01-A.jsonl" header.system.boot_id)
	b=$(jget "$lv/boot-02-B.jsonl" header.system.boot_id)
	if [ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ]; then
		ok "lava: two boots, two boot_ids"
	else
		not_ok "lava: boot_ids '$a' and '$b'"
	fi
	# The same under icount: the jobs pass -icount and -seed, and the
	# image tells cmbench, since the tmpfs boot's command line cannot.
	lvi=$KT_TMP/ab-lava-icount
	t "lava: A/A under icount, 1 + 1 LAVA jobs" \
		scripts/ab-run --target arm64 --backend lava --icount --kernel-a \
		"$CMB_BUILD/kernels/arm64" --kernel-b "$CMB_BUILD/kernels/arm64" --spec "$1" \
		--boots 1 -o "$lvi" || return
	base=$(cut -d' ' -f2 "$lvi/icount")
	for k in 1 2; do
		f=$(ls "$lvi"/boot-0$k-?.jsonl)
		jcheck "lava: icount job $k: the header says icount, shift 0, seed $((base + k))" "$f" \
			'header.emulator.icount.shift == 0' "header.emulator.icount.seed == $((base + k))"
	done
}

# area_ab: what Debian's arm64 kernel can show, while the debug kernels
# build.
area_ab() {
	kt_begin ab
	spec=$KT_TMP/ab.spec
	ab_spec "$spec"
	aa=$KT_TMP/aa
	t "A/A: 2 + 2 boots of one kernel, run by scripts/ab-run" \
		scripts/ab-run --target arm64 --kernel-a "$CMB_BUILD/kernels/arm64" \
		--kernel-b "$CMB_BUILD/kernels/arm64" --spec "$spec" --boots 2 -o "$aa"
	has "A/A: the boots follow ABBA" "$aa/order" "ABBA"
	got=$(awk -F'\t' '!/^#/ && $6 == "ok" { printf "%s", $2 }' "$aa/index.tsv")
	if [ "$got" = ABBA ]; then ok "A/A: the index lists 4 finished boots in order"
	else not_ok "A/A: the index lists '$got'"; fi
	# Resumable: forget the last boot; a second call boots that one only.
	sed -i '$d' "$aa/index.tsv"
	expect_status "A/A: a resumed run boots only what is missing" 0 "[boot 4 of 4: A]" \
		scripts/ab-run --target arm64 --kernel-a "$CMB_BUILD/kernels/arm64" \
		--kernel-b "$CMB_BUILD/kernels/arm64" --spec "$spec" --boots 2 -o "$aa"
	if grep -q 'boot 4 of 4' "$KT_TMP/out" && ! grep -q 'boot [123] of 4' "$KT_TMP/out"; then
		ok "A/A: no finished boot was run again"
	else not_ok "A/A: the resumed run booted other than boot 4"; fi
	# A test at level alpha calls an A/A difference in alpha of its runs:
	# that is what alpha means. At the default 0.05 this check would fail
	# one CI run in twenty (it did); at 0.01 the budget is one in a
	# hundred, and the table is shown when it happens.
	"$CMB" compare --alpha 0.01 --format json -o "$KT_TMP/aa.json" "$aa" >"$KT_TMP/out" 2>&1
	if ! jcheck "A/A: compare (alpha 0.01) finds no row faster or slower" "$KT_TMP/aa.json" \
		'count(header.rows[*]) == 3' 'header.rows[*].verdict !~ ^(faster|slower)$' \
		'header.boots_a == 2' 'header.boots_b == 2'; then
		"$CMB" compare --alpha 0.01 "$aa" >"$KT_TMP/out" 2>&1
		show "$KT_TMP/out"
	fi
	"$CMB" compare "$aa" >"$KT_TMP/aa.txt" 2>&1
	if grep -q '^B vs A: ' "$KT_TMP/aa.txt" && awk 'length > 72 { exit 1 }' "$KT_TMP/aa.txt"; then
		ok "A/A: the text table, summary line included, fits 72 columns"
	else
		not_ok "A/A: the text table has no summary line or is wider than 72 columns"
		show "$KT_TMP/aa.txt"
	fi

	ab_board "$aa/boot-01-A.jsonl"
	ab_lava "$spec"

	# calibrate on the A/A boots: 4 boots of 3 runs, every point.
	if "$CMB" calibrate -o "$KT_TMP/cal.json" "$aa" >"$KT_TMP/cal.txt" 2>&1; then
		ok "calibrate: the A/A boots' variance, split and saved"
	else
		not_ok "calibrate: the A/A boots' variance, split and saved"
		show "$KT_TMP/cal.txt"
	fi
	jcheck "calibrate: 4 boots, 12 runs of each point, ICC in [0, 1]" "$KT_TMP/cal.json" \
		'header.boots == 4' 'count(header.rows[*]) == 3' 'header.rows[*].runs == 12' \
		'header.rows[*].icc >= 0' 'header.rows[*].icc <= 1' 'header.icc >= 0' \
		'header.rows[*].sd_run > 0'
	# The table's lines are wrapped: join them before looking.
	"$CMB" compare --calibration "$KT_TMP/cal.json" "$aa" 2>&1 |
		awk '{ sub(/^ +/, ""); printf "%s ", $0 }' >"$KT_TMP/out"
	has "compare: names the calibration it planned from" "$KT_TMP/out" \
		"calibrated in $KT_TMP/cal.json (median ICC"
	# Saved without -o, from one directory; found by compare from another.
	mkdir -p "$KT_TMP/home" "$KT_TMP/cwd1" "$KT_TMP/cwd2"
	(cd "$KT_TMP/cwd1" && HOME=$KT_TMP/home XDG_DATA_HOME= "$CMB" calibrate "$aa") \
		>"$KT_TMP/cal2.txt" 2>&1
	saved=$(sed -n 's/^saved: //p' "$KT_TMP/cal2.txt")
	(cd "$KT_TMP/cwd2" && HOME=$KT_TMP/home XDG_DATA_HOME= "$CMB" compare "$aa") 2>&1 |
		awk '{ sub(/^ +/, ""); printf "%s ", $0 }' >"$KT_TMP/out"
	case "$saved" in
	"$KT_TMP"/home/.local/share/cmbench/calibration/*.json)
		has "calibrate: saved under ~/.local/share/cmbench, found by compare from another directory" \
			"$KT_TMP/out" "calibrated in $saved (median ICC" ;;
	*) not_ok "calibrate: saved to '$saved', not under ~/.local/share/cmbench/calibration" ;;
	esac

	# Variants on one kernel: each boot runs both, compare pairs them.
	printf '%s\n' "vm_map_ram --iters 300 --repeat 3 --precision 0" >"$KT_TMP/var.spec"
	va=$KT_TMP/variants
	if scripts/ab-run --target arm64 --variant-a "--pages 16" --variant-b "--pages 64" \
		--rounds 1 --spec "$KT_TMP/var.spec" --boots 2 -o "$va" >"$KT_TMP/va.log" 2>&1; then
		ok "variants: --pages 16 and --pages 64 in each of 2 boots, by scripts/ab-run"
	else
		not_ok "variants: --pages 16 and --pages 64 in each of 2 boots, by scripts/ab-run"
		show "$KT_TMP/va.log"
	fi
	got=$(awk -F'\t' '!/^#/ && $6 == "ok" { printf "%s%s ", $1, $2 }' "$va/index.tsv")
	if [ "$got" = "1A 1B 2B 2A " ]; then ok "variants: each boot ran both, first sides alternating"
	else not_ok "variants: the index lists '$got', want '1A 1B 2B 2A '"; fi
	"$CMB" compare --format json -o "$KT_TMP/va.json" "$va" >"$KT_TMP/out" 2>&1
	jcheck "variants: compare pairs the 2 boots and the rows, and names what differs" \
		"$KT_TMP/va.json" 'header.paired == true' 'header.boots_a == 2' \
		'header.variant_a == pages 16' 'header.variant_b == pages 64' \
		'count(header.rows[*]) == 1' 'count(header.rows[0].a_boots[*]) == 2' \
		'count(header.rows[0].b_boots[*]) == 2' 'header.rows[0].ratio > 1'
	kt_end
}

# area_planted: kernels built from source, once the debug kernels are: a
# patched kernel B, and a slowdown planted in it found.
area_planted() {
	kt_begin "ab planted"
	# Here: the kernel source tree is locked while the debug kernels build.
	printf -- '--- a/Makefile\n+++ b/Makefile\n@@ -1,1 +1,1 @@\n-no such line in any kernel Makefile\n+x\n' \
		>"$KT_TMP/bad.patch"
	expect_status "build-kernel refuses a patch that does not apply" 1 "bad.patch does not apply" \
		scripts/build-kernel --arch arm --config scripts/kconfig/arm-bench.config \
		--patch "$KT_TMP/bad.patch" check-badpatch
	rm -rf "$CMB_BUILD/kernels/check-badpatch"
	runner_kernel
	spec=$KT_TMP/ab.spec
	ab_spec "$spec"
	pl=$KT_TMP/planted
	if scripts/ab-run --target arm64-debug --patch-b tests/ab/planted-delay.patch \
		--spec "$spec" --boots 4 -o "$pl" >"$KT_TMP/pl.log" 2>&1; then
		ok "planted: 4 + 4 boots (power against one stray boot), kernel B patched and built by scripts/ab-run"
	else
		not_ok "planted: 4 + 4 boots, kernel B patched and built by scripts/ab-run"
		show "$KT_TMP/pl.log"
	fi
	"$CMB" compare --format json -o "$KT_TMP/pl.json" "$pl" >"$KT_TMP/out" 2>&1
	jcheck "planted: vm_map_ram is slower" "$KT_TMP/pl.json" \
		'header.rows[name=vm_map_ram 16p].verdict == slower'
	a=$(jget "$KT_TMP/pl.json" 'header.rows[name=vm_map_ram 16p].a_ns')
	want=$(awk -v a="$a" 'BEGIN { printf "%.4f", (a + 200000) / a }')
	jcheck "planted: the CI of B/A holds the planted ratio $want ((A + 200 us) / A)" \
		"$KT_TMP/pl.json" "header.rows[name=vm_map_ram 16p].ci95_lo <= $want" \
		"header.rows[name=vm_map_ram 16p].ci95_hi >= $want"
	"$CMB" compare "$pl" 2>&1 | grep -E '^(null|flush|vm_map_ram|geomean) ' |
		while IFS= read -r l; do note "planted: $l"; done
	# The plots: gnuplot reads what --plot-data wrote, for every row.
	"$CMB" compare --plot-data "$KT_TMP/pd" "$pl" >/dev/null 2>&1
	for p in ratio boots cdf; do
		if cmb_plot compare-$p "$KT_TMP/pd/$p" "$KT_TMP/pd" >"$KT_TMP/out" 2>&1 && [ -s "$KT_TMP/pd/$p.png" ] &&
			! grep -v 'empty x range' "$KT_TMP/out" | grep -q .; then
			ok "planted: plots/compare-$p.gp draws the comparison"
		else
			not_ok "planted: plots/compare-$p.gp failed"
			show "$KT_TMP/out"
		fi
	done
	got=$(grep -c '^# op: ' "$KT_TMP/pd/ratio.dat")
	if [ "$got" = 3 ] && grep -q '^# emulated: yes' "$KT_TMP/pd/ratio.dat" &&
		grep -q '^# n: 4 + 4 boots' "$KT_TMP/pd/ratio.dat"; then
		ok "planted: the plot data has one block per op, the boots and the emulator"
	else
		not_ok "planted: ratio.dat has $got op blocks, or no n or emulated line"
		show "$KT_TMP/pd/ratio.dat"
	fi
	if "$CMB" compare --format ministat -o "$KT_TMP/ms" "$pl" >"$KT_TMP/out" 2>&1 &&
		cmb_ministat_agrees "$KT_TMP/ms" "$KT_TMP/pl.json" >"$KT_TMP/out" 2>&1; then
		ok "planted: ministat -c 95: the same ln(B/A) on every row, no row significant for compare alone"
		note "planted: $(tail -n 1 "$KT_TMP/out")"
	else
		not_ok "planted: ministat -c 95 disagrees with compare"
		show "$KT_TMP/out"
	fi
	kt_end
}
