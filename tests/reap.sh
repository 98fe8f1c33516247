# What guest-ops reap found on a target: every op this kernel runs was
# killed with SIGKILL mid-run (inside the module's loop), reaped within
# 2 s, and the device ran null after it. The bound is liveness, generous
# under an emulator; the figures themselves (worst and median) are noted
# here and tabled by scripts/benchmarks. Sourced by tests/run-all; used
# by the e2e and debug areas.

# reap_checks TARGET DIR: DIR/reap/reap.txt against DIR/reap/list.tsv
reap_checks() {
	_rd=$2/reap
	if [ ! -s "$_rd/reap.txt" ]; then
		not_ok "$1: reap: no results from guest-ops reap"
		return
	fi
	_ops=$(grep -v '^#' "$_rd/list.tsv" | awk -F'\t' '$2 == "ok"' | wc -l)
	_got=$(wc -l <"$_rd/reap.txt")
	if [ "$_got" = "$_ops" ]; then
		ok "$1: reap: every op this kernel runs ($_ops) was killed mid-run"
	else
		not_ok "$1: reap: $_got ops killed, the kernel runs $_ops"
	fi
	while read -r _name _ms _mid _works _st; do
		if [ "$_st" = 0 ] && [ "$_mid" = yes ] && [ "$_works" = yes ]; then
			ok "$1: reap: $_name, SIGKILL mid-run, reaped in $_ms ms, the device works after"
		else
			not_ok "$1: reap: $_name: reaped in $_ms ms (limit 2000), mid-run $_mid, device works after: $_works"
			show "$_rd/$_name.stack"
		fi
	done <"$_rd/reap.txt"
	note "$1: reap: $(awk '{ print $2 }' "$_rd/reap.txt" | sort -n | awk '
		{ v[NR] = $1 } END { if (NR) printf "median %.1f ms, worst %.1f ms over %d ops",
			(v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2, v[NR], NR }')"
}
