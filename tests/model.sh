# make check area: the modelled cache hierarchy (qemu-run --model: QEMU
# 10 with bench/qemu/cache_plugin.c driving bench/model/cache.c) on
# Debian's arm64 kernel, and on armhf (A32 marks and MCR cache ops). What it models in the module's timed samples must
# follow from the geometry: a dirty flush writes back every line, a clean
# one none, and the difference costs the write-back path per line; a
# buffer twice L1 leaves half its dirty lines in L1 and half in L2, and
# an L1 four times larger holds them all. cmbench model joins the figures
# to the results (qemu-run does it), report shows them, compare --stat
# modelled compares them. Sourced by tests/run-all.

# model_run FILE SAMPLES: the model.txt line of the timed run (the one of
# SAMPLES samples; the warm-up before it has its own) that came Nth, N=$3.
model_run() {
	awk -v s="$2" -v n="$3" '$1 == "run" && $6 == s && ++k == n' "$1"
}

# model_field LINE NAME: the value after NAME in a model.txt run line
model_field() {
	echo "$1" | awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'
}

model_boot() { # SPEC OUT: flush 16K dirty, 16K clean, 64K dirty; 50 samples each
	scripts/qemu-run --target arm64 --smp 1 --model "$1" --out "$2" --timeout 600 -- sh -c '
		for s in "16K dirty" "16K clean" "64K dirty"; do
			set -- $s
			cmbench run flush --sizes $1 --state $2 --iters 50 --batch 1 --precision 0 \
				--repeat 1 -o "flush-$1-$2.jsonl" >"flush-$1-$2.txt" 2>&1 || exit 1
		done
		cmbench topo --format json >topo.json' >"$KT_TMP/model-boot.log" 2>&1
}

area_model() {
	kt_begin model
	m=$KT_TMP/model-32k
	if model_boot L1d=32K/4,L2=1M/16 "$m" && [ -s "$m/model.txt" ]; then
		ok "qemu-run --model L1d=32K/4,L2=1M/16: QEMU 10 with the cache plugin ran flush three ways"
	else
		not_ok "qemu-run --model did not run, or wrote no model.txt"
		show "$KT_TMP/model-boot.log"
		kt_end
		return
	fi
	has "model.txt says MODELLED and the geometry it modelled" "$m/model.txt" \
		"MODELLED, not measured; model custom; L1 32768 B 4-way 64 B lines"
	d=$(model_run "$m/model.txt" 50 1) c=$(model_run "$m/model.txt" 50 2)
	big=$(model_run "$m/model.txt" 50 3)
	# 16K: 256 lines a sample, 50 samples.
	if [ "$(model_field "$d" dc)" = 12800 ] && [ "$(model_field "$c" dc)" = 12800 ] &&
		[ "$(model_field "$d" dc_unmapped)" = 0 ] && [ "$(model_field "$d" l1_wb)" -ge 12672 ] &&
		[ "$(model_field "$d" l1_wb)" -le 12928 ] && [ "$(model_field "$c" l1_wb)" -le 128 ]; then
		# Within 1%: an interrupt near a sample adds or evicts a few lines.
		ok "flush 16K: 256 DC CIVACs a sample, each placed; dirty writes back its 12800 lines ($(model_field "$d" l1_wb)), clean $(model_field "$c" l1_wb)"
	else
		not_ok "flush 16K: dirty '$d', clean '$c'"
	fi
	# The difference per line is the write-back path: L1 to L2 (4), L2 to
	# memory (12), the line to memory (150); median samples, 256 lines.
	per=$(awk -v a="$(model_field "$d" sample_p50)" -v b="$(model_field "$c" sample_p50)" \
		'BEGIN { printf "%.2f", (a - b) / 256 }')
	if awk -v p="$per" 'BEGIN { exit !(p > 166 * 0.99 && p < 166 * 1.01) }'; then
		ok "flush 16K: dirty costs $per modelled cycles a line more than clean, the 166 its write-back path costs (within 1%)"
	else
		not_ok "flush 16K: dirty against clean is $per cycles a line, want 166 within 1%"
	fi
	# 64K under a 32K L1: half the dirty lines were evicted to L2 by the
	# memset; under a 64K L1 (16-way: a page's lines fill one way of every
	# set, so sixteen pages fit whatever their frames) all stay: the knee
	# moves with L1. Nothing else differs.
	l1=$(awk -v w="$(model_field "$big" l1_wb)" 'BEGIN { printf "%.2f", w / 51200 }')
	m2=$KT_TMP/model-64k
	if model_boot L1d=64K/16,L2=1M/16 "$m2"; then
		l1b=$(awk -v w="$(model_field "$(model_run "$m2/model.txt" 50 3)" l1_wb)" \
			'BEGIN { printf "%.2f", w / 51200 }')
	else
		l1b=none
		show "$KT_TMP/model-boot.log"
	fi
	if awk -v a="$l1" -v b="$l1b" 'BEGIN { exit !(a >= 0.45 && a <= 0.55 && b >= 0.95 && b <= 1.01) }'; then
		ok "flush 64K dirty: L1 write-backs a line $l1 under a 32K L1, $l1b under a 64K one (16-way)"
	else
		not_ok "flush 64K dirty: L1 write-backs a line $l1 (32K L1), $l1b (64K L1): want 0.5 and 1"
	fi
	# cmbench model joined them to the results, by the runs' serials.
	_s=$(model_field "$d" sample_p50) _r=$(echo "$d" | awk '{ print $2 }')
	jcheck "cmbench model: flush 16K dirty's point carries its run's median sample, MODELLED" \
		"$m/flush-16K-dirty.jsonl" "point[0].model.cycles_per_op == $_s" \
		"point[0].run_stats[0].serial == $_r" "point[0].model.dc_per_op == 256" \
		"point[0].model.dsb_per_op >= 1" \
		"point[0].model.runs == 1" "header.emulator.model ~ ^cmbench cache plugin: MODELLED"
	"$CMB" report "$m/flush-16K-dirty.jsonl" >"$KT_TMP/model-report" 2>&1
	has "report: the point's note says MODELLED, its cycles per op" "$KT_TMP/model-report" \
		"[MODELLED $_s.0 cyc/op"
	"$CMB" report --mail "$m/flush-16K-dirty.jsonl" "$m/flush-64K-dirty.jsonl" \
		>"$KT_TMP/model-mail" 2>&1
	if grep -q "^  MODELLED: $(printf '%.1fk' "$(echo "$_s" | awk '{ print $1 / 1000 }')") cycles/op, " \
		"$KT_TMP/model-mail" && grep -q "model custom; L1 32768 B" "$KT_TMP/model-mail" &&
		sed 's/\xc2\xb1/+/g' "$KT_TMP/model-mail" | awk 'length > 72 { bad = 1 } END { exit bad }'
	then
		ok "report --mail: a MODELLED line under each point, the model in the header, 72 columns"
	else
		not_ok "report --mail of modelled points"
		show "$KT_TMP/model-mail"
	fi
	# compare --stat modelled: the 64K L1 keeps all 1024 dirty lines of
	# 64K, so each costs its L1 write-back too: B/A is the models' ratio.
	"$CMB" compare --stat modelled --format json "$m/flush-64K-dirty.jsonl" vs \
		"$m2/flush-64K-dirty.jsonl" >"$KT_TMP/model-cmp.json" 2>&1
	_a=$(jget "$m/flush-64K-dirty.jsonl" 'point[0].model.cycles_per_op')
	_b=$(jget "$m2/flush-64K-dirty.jsonl" 'point[0].model.cycles_per_op')
	_want=$(awk -v a="$_a" -v b="$_b" 'BEGIN { printf "%.6f", b / a }')
	if awk -v a="$_a" -v b="$_b" 'BEGIN { exit !(b > a) }' &&
		"$CHECK_JSON" "$KT_TMP/model-cmp.json" 'header.stat == modelled' \
		"header.rows[0].ratio > $(awk -v w="$_want" 'BEGIN { printf "%.9f", w - 1e-6 }')" \
		"header.rows[0].ratio < $(awk -v w="$_want" 'BEGIN { printf "%.9f", w + 1e-6 }')" \
		>"$KT_TMP/out" 2>&1; then
		ok "compare --stat modelled: flush 64K dirty, 64K L1 against 32K: B/A $_want, the models' ratio"
	else
		not_ok "compare --stat modelled: B/A is not $_b / $_a"
		show "$KT_TMP/model-cmp.json"
	fi
	rm -rf "$KT_TMP/model-pd"
	"$CMB" compare --stat modelled --plot-data "$KT_TMP/model-pd" "$m/flush-64K-dirty.jsonl" vs \
		"$m2/flush-64K-dirty.jsonl" >/dev/null 2>&1
	if grep -qx "# modelled: yes" "$KT_TMP/model-pd/ratio.dat" &&
		cmb_plot compare-ratio "$KT_TMP/model-ratio" "$KT_TMP/model-pd" >"$KT_TMP/out" 2>&1 &&
		grep -q "MODELLED: a cache model's cycles per op" "$KT_TMP/model-ratio.svg"; then
		ok "compare-ratio plot of --stat modelled says MODELLED in its title"
	else
		not_ok "compare-ratio plot of --stat modelled: no MODELLED in its title"
		show "$KT_TMP/out"
	fi
	# A preset's own latencies: a72's write-back path is 4 + 21 + 150.
	m3=$KT_TMP/model-a72
	if model_boot a72 "$m3"; then
		per=$(awk -v a="$(model_field "$(model_run "$m3/model.txt" 50 1)" sample_p50)" \
			-v b="$(model_field "$(model_run "$m3/model.txt" 50 2)" sample_p50)" \
			'BEGIN { printf "%.2f", (a - b) / 256 }')
	else
		per=none
		show "$KT_TMP/model-boot.log"
	fi
	if grep -q "; model a72; L1 32768 B 2-way 64 B lines, hit 4" "$m3/model.txt" 2>/dev/null &&
		awk -v p="$per" 'BEGIN { exit !(p > 175 * 0.99 && p < 175 * 1.01) }'; then
		ok "--model a72: 32K 2-way L1, 1M L2 at 21; dirty costs $per a line more than clean (4 + 21 + 150)"
	else
		not_ok "--model a72: model.txt heads '$(head -n 1 "$m3/model.txt" 2>/dev/null)', dirty - clean $per a line, want 175"
	fi
	# The guest's topology is the model's, not QEMU's CLIDR (a57: 2M L2).
	jcheck "--model a72: the guest's cmbench takes its cache levels from the model" \
		"$m3/topo.json" 'header.caches[type=data].size == 32768' \
		'header.caches[type=data].source == model' 'header.caches[type=unified].size == 1048576' \
		'header.caches[type=unified].source == model'
	# armhf: the module's A32 marks, the kernel's MCR p15 c7 c14 1 loop.
	m4=$KT_TMP/model-a15
	if scripts/qemu-run --target armhf --smp 1 --model a15 --out "$m4" --timeout 600 -- sh -c '
		for st in dirty clean; do
			cmbench run flush --sizes 16K --state $st --iters 50 --batch 1 --precision 0 \
				--repeat 1 -o "flush-$st.jsonl" >"flush-$st.txt" 2>&1 || exit 1
		done' >"$KT_TMP/model-boot.log" 2>&1; then
		d=$(model_run "$m4/model.txt" 50 1) c=$(model_run "$m4/model.txt" 50 2)
		per=$(awk -v a="$(model_field "$d" sample_p50)" -v b="$(model_field "$c" sample_p50)" \
			'BEGIN { printf "%.2f", (a - b) / 256 }')
	else
		d="" per=none
		show "$KT_TMP/model-boot.log"
	fi
	if [ "$(model_field "$d" dc)" = 12800 ] && [ "$(model_field "$d" dc_unmapped)" = 0 ] &&
		awk -v p="$per" 'BEGIN { exit !(p > 175 * 0.99 && p < 175 * 1.01) }'; then
		ok "armhf --model a15: 12800 MCR DCCIMVACs placed; dirty costs $per a line more than clean (4 + 21 + 150)"
	else
		not_ok "armhf --model a15: dirty run '$d', dirty - clean $per a line, want 175"
	fi
	# Clusters: a72's L2 is one per cluster; a run pinned to vCPU 2 (the
	# second cluster) is modelled and named by its vCPU.
	m5=$KT_TMP/model-clusters
	if scripts/qemu-run --target arm64 --smp 4 --clusters 2 --model a72 --out "$m5" \
		--timeout 600 -- cmbench run flush --sizes 16K --state dirty --iters 20 --batch 1 \
		--precision 0 --repeat 1 --cpus 2 -o c.jsonl >"$KT_TMP/model-boot.log" 2>&1 &&
		head -n 1 "$m5/model.txt" | grep -q "L2 one for each of 2 clusters of 2 vCPUs" &&
		[ "$(model_field "$(model_run "$m5/model.txt" 20 1)" vcpu)" = 2 ] &&
		[ "$(model_field "$(model_run "$m5/model.txt" 20 1)" dc)" = 5120 ]; then
		ok "--model a72 --smp 4 --clusters 2: an L2 per cluster; a run on vCPU 2 modelled (5120 DCs)"
	else
		not_ok "--model a72 with 2 clusters: no per-cluster L2 in model.txt, or the vCPU 2 run"
		show "$KT_TMP/model-boot.log"
		show "$m5/model.txt"
	fi
	expect_status "--model with no such preset names the presets" 1 "give a preset (a53 a72 n1 a15)" \
		scripts/qemu-run --target arm64 --model a99 --out "$KT_TMP/nomodel" -- true
	# ab-run --model: an A/A of Debian's kernel beside model n1, 1 + 1
	# boots; the model repeats itself, so B/A is exactly 1.
	ab=$KT_TMP/model-ab
	printf 'flush --sizes 16K --state dirty --iters 20 --batch 1 --repeat 3 --precision 0\n' \
		>"$KT_TMP/model-ab.spec"
	if scripts/ab-run --target arm64 --kernel-a "$CMB_BUILD/kernels/arm64" \
		--kernel-b "$CMB_BUILD/kernels/arm64" --spec "$KT_TMP/model-ab.spec" --boots 1 \
		--model n1 -o "$ab" >"$KT_TMP/model-ab.log" 2>&1 &&
		"$CMB" compare --stat modelled --format json -o "$KT_TMP/model-ab.json" "$ab" \
		>>"$KT_TMP/model-ab.log" 2>&1 &&
		"$CHECK_JSON" "$KT_TMP/model-ab.json" 'header.rows[0].ratio == 1' \
		'header.stat == modelled' 'header.boots_a == 1' >>"$KT_TMP/model-ab.log" 2>&1; then
		ok "ab-run --model n1: A/A, 1 + 1 boots, compare --stat modelled: B/A exactly 1"
		# ab-run boots 2 vCPUs: n1's system cache is one for both.
		has "ab-run --model n1, 2 vCPUs: the system cache is shared by them" \
			"$CMB_BUILD/ab/model-ab-1/model.txt" "L3 one for all 2 vCPUs"
	else
		not_ok "ab-run --model n1 A/A"
		show "$KT_TMP/model-ab.log"
	fi
	expect_status "ab-run: a directory started with --model n1 refuses another model" 1 \
		"was started with --model n1" scripts/ab-run --target arm64 --kernel-a \
		"$CMB_BUILD/kernels/arm64" --kernel-b "$CMB_BUILD/kernels/arm64" \
		--spec "$KT_TMP/model-ab.spec" --boots 1 --model a53 -o "$ab"
	a=$(model_run "$m/model.txt" 50 1) b=$(model_run "$m2/model.txt" 50 1)
	spread=$(awk -v a="$(model_field "$a" sample_p50)" -v b="$(model_field "$b" sample_p50)" \
		'BEGIN { d = a - b; if (d < 0) d = -d; printf "%.3f", 100 * d / a }')
	if awk -v s="$spread" 'BEGIN { exit !(s < 0.1) }'; then
		ok "flush 16K dirty fits both L1s: the two boots' median samples $spread% apart (under 0.1%)"
	else
		not_ok "flush 16K dirty: the two boots model it $spread% apart"
	fi
	kt_end
}
