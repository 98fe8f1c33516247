# make check area: the install list, proved on a fresh Debian 12. Every
# external command the host scripts and tests call (tests/commands-used)
# must be there after scripts/setup; here, and in a new minbase chroot of
# bookworm (mmdebstrap) where setup --host-only is all that ran. The
# chroot costs a minute or two of downloads, so its verdict is kept in
# tests/fresh.verified under a digest of setup's package list and the
# commands found, and it runs again only when either changes (commit the
# file it rewrites). Sourced by tests/run-all.

# fresh_chroot DIR COMMANDS: setup in a new chroot at DIR; the commands
# it lacks after, if any, on standard output. Nonzero when it failed.
fresh_chroot() {
	_dir=$1
	rm -rf "$_dir"
	mmdebstrap --variant=minbase --mode=root bookworm "$_dir" \
		http://deb.debian.org/debian >"$KT_TMP/mmdebstrap.log" 2>&1 || {
		echo "mmdebstrap failed (log: $KT_TMP/mmdebstrap.log)"
		return 1
	}
	mkdir -p "$_dir/src"
	# The working tree as it is, committed or not.
	git ls-files -co --exclude-standard | tar -c -T - | tar -x -C "$_dir/src"
	cp /etc/resolv.conf "$_dir/etc/resolv.conf" 2>/dev/null
	chroot "$_dir" sh -c 'cd /src && scripts/setup --host-only' >"$KT_TMP/fresh-setup.log" 2>&1 || {
		echo "scripts/setup --host-only failed in the chroot"
		tail -n 20 "$KT_TMP/fresh-setup.log"
		return 1
	}
	for _c in $2; do
		chroot "$_dir" sh -c "command -v $_c" >/dev/null 2>&1 || echo "$_c"
	done
}

area_fresh() {
	kt_begin fresh
	cmds=$(tests/commands-used)
	n=$(printf '%s\n' "$cmds" | wc -l)
	missing=$(for c in $cmds; do command -v "$c" >/dev/null || echo "$c"; done)
	if [ -z "$missing" ] && [ "$n" -gt 40 ]; then
		ok "the $n external commands the scripts and tests call are installed here"
	else
		not_ok "commands the scripts and tests call, not installed here: $missing (of $n)"
	fi
	# The check names what is missing (a planted name is).
	planted=$(for c in $cmds cmbench-planted-tool; do command -v "$c" >/dev/null || echo "$c"; done)
	if [ "$planted" = cmbench-planted-tool ]; then
		ok "a command setup does not install is named (planted: cmbench-planted-tool)"
	else
		not_ok "the planted missing command was not named alone: $planted"
	fi
	digest=$({ scripts/setup --packages; printf '%s\n' "$cmds"; } | sha256sum | cut -c1-16)
	rec=tests/fresh.verified
	if grep -q "^$digest " "$rec" 2>/dev/null; then
		ok "fresh Debian 12: setup installs all $n commands (verified $(awk -v d="$digest" \
			'$1 == d { print $2 }' "$rec") at digest $digest; runs again when the packages or commands change)"
	elif [ "$(id -u)" != 0 ]; then
		not_ok "fresh Debian 12: digest $digest not verified, and mmdebstrap needs root"
	elif lacks=$(fresh_chroot "$KT_TMP/fresh-root" "$cmds") && [ -z "$lacks" ]; then
		printf '%s %s %s commands, %s packages\n' "$digest" "$(date -u +%Y-%m-%d)" "$n" \
			"$(scripts/setup --packages | wc -l)" >"$rec"
		ok "fresh Debian 12 (mmdebstrap minbase): setup installs all $n commands; digest $digest written to $rec (commit it)"
	else
		not_ok "fresh Debian 12 (mmdebstrap minbase), after setup: $(printf '%s' "$lacks" | tr '\n' ' ')"
	fi
	rm -rf "$KT_TMP/fresh-root"
	kt_end
}
