# make check area: the README's three recipes ("## Three tasks"), their
# lines run as written, in a directory holding the files they name:
#   - "Publish for a review", whole: results.jsonl, results/ (the first
#     target's e2e results) and ab/ (the ab area's A/A directory);
#   - "Compare two boards" from its second line: a53.jsonl is the other
#     architecture's e2e flush sweep, a72.jsonl and n1.jsonl two of the
#     first target's (two machines here, where the recipe has three);
#     its first line (a sweep on each board) is what the e2e area runs
#     in every guest;
#   - "A/B a patch" builds a kernel B from source for an hour here: its
#     lines are checked to name commands and options that exist (ab-run
#     --help lists each option the line gives; compare takes its AB-DIR).
# A recipe that drifts from the tool (an option renamed, a command gone)
# fails here. Sourced by tests/run-all.

# readme_block N: the Nth ```sh block of README.md's "## Three tasks".
readme_block() {
	awk -v n="$1" '/^## / { inside = ($0 == "## Three tasks") }
		inside && /^```sh$/ { k++; on = (k == n); next }
		inside && /^```$/ { on = 0 }
		inside && on' README.md
}

# run_lines DIR FIRST FILE: lines FIRST.. of FILE run by sh -e in DIR,
# cmbench on the PATH; their output in DIR/out.
run_lines() {
	(cd "$1" && PATH=$CMB_BUILD/host:$CMB_TOP/scripts:$PATH \
		sh -e -c "$(sed -n "$2,\$p" "$3")") >"$1/out" 2>&1
}

readme_publish() {
	_d=$KT_TMP/readme-publish
	rm -rf "$_d"
	mkdir -p "$_d/results"
	cp "$1/flush.jsonl" "$_d/results.jsonl"
	cp "$1"/*.jsonl "$_d/results/"
	cp -R "$2" "$_d/ab"
	readme_block 3 >"$_d/recipe"
	if grep -q '^cmbench publish -o bundle results/ ab/' "$_d/recipe" &&
		run_lines "$_d" 1 "$_d/recipe" && [ -s "$_d/bundle/reproduce.sh" ] &&
		grep -q '^op, parameters' "$_d/out"; then
		ok "README, publish for a review: report --mail and publish -o bundle results/ ab/, as written"
	else
		not_ok "README, publish for a review: a line failed, or no bundle"
		show "$_d/recipe"
		show "$_d/out"
	fi
}

readme_compare() {
	_d=$KT_TMP/readme-compare
	rm -rf "$_d"
	mkdir -p "$_d"
	cp "$2/flush.jsonl" "$_d/a53.jsonl"
	cp "$1/batch-flush.jsonl" "$_d/a72.jsonl"
	cp "$1/flush.jsonl" "$_d/n1.jsonl"
	readme_block 1 >"$_d/recipe"
	if head -n 1 "$_d/recipe" | grep -q '^cmbench sweep --preset full -o ' &&
		[ "$(wc -l <"$_d/recipe")" -ge 3 ] && run_lines "$_d" 2 "$_d/recipe" &&
		grep -q '^machines: Y against X' "$_d/out" &&
		grep -q '^machines against X, one column each' "$_d/out"; then
		ok "README, compare two boards: compare and compare --matrix of a53, a72, n1, as written"
	else
		not_ok "README, compare two boards: its compare lines failed"
		show "$_d/recipe"
		show "$_d/out"
	fi
}

# Every --option of the A/B recipe's ab-run line is one ab-run --help names.
readme_ab() {
	readme_block 2 >"$KT_TMP/readme-ab"
	_bad=""
	for _o in $(tr ' ' '\n' <"$KT_TMP/readme-ab" | grep '^--[a-z]'); do
		scripts/ab-run --help | grep -q -- "$_o" || _bad="$_bad $_o"
	done
	if grep -q '^scripts/ab-run ' "$KT_TMP/readme-ab" &&
		grep -q '^cmbench compare ab/' "$KT_TMP/readme-ab" && [ -z "$_bad" ]; then
		ok "README, A/B a patch: scripts/ab-run takes every option the recipe gives"
	else
		not_ok "README, A/B a patch: options ab-run does not know:$_bad"
		show "$KT_TMP/readme-ab"
	fi
}

# area_readme FIRST OTHER: the first target, and one of another architecture.
area_readme() {
	kt_begin readme
	if [ -s "$KT_TMP/e2e-$1/flush.jsonl" ] && [ -d "$KT_TMP/aa" ]; then
		readme_publish "$KT_TMP/e2e-$1" "$KT_TMP/aa"
	else
		skip "README, publish for a review" "needs the e2e results and the ab area's A/A"
	fi
	if [ -n "${2:-}" ] && [ -s "$KT_TMP/e2e-$2/flush.jsonl" ]; then
		readme_compare "$KT_TMP/e2e-$1" "$KT_TMP/e2e-$2"
	else
		skip "README, compare two boards" "needs the e2e results of two architectures"
	fi
	readme_ab
	kt_end
}
