# make check area: the module as boards get it. DKMS (Debian's dkms, with
# kmod/dkms.conf) cross-built each Debian target's cmbench.ko against the
# unpacked linux-headers package: the .ko is for the target's
# architecture, its version is the module's, and it is the one the
# end-to-end tests boot (tests/e2e.sh). make deb's cmbench-dkms .deb holds
# the sources under /usr/src/cmbench-<v>/ with dkms.conf filled in, and
# installs and removes cleanly on this host; its cmbench .deb holds the
# tool, installs, works and goes; lintian finds nothing in either or in
# the source package, which builds again. make install is checked the
# same way. Sourced by tests/run-all.

# dkms_module TARGET VERSION: what scripts/build-module left for TARGET
dkms_module() {
	_tg=$1 _v=$2
	cmb_target "$_tg"
	_ko=$CMB_BUILD/$_tg/kmod/cmbench.ko
	_rel=$(cat "$T_KDIR/release")
	case "$T_ARCH" in arm64) _m=AArch64 _d=aarch64 ;; *) _m=ARM _d=armv7l ;; esac
	_built=$CMB_BUILD/$_tg/dkms/tree/cmbench/$_v/$_rel/$_d/module/cmbench.ko
	if [ -f "$_built" ] && cmp -s "$_built" "$_ko"; then
		ok "$_tg: cmbench.ko is dkms's build for $_rel ($_d)"
	else
		not_ok "$_tg: no dkms build of cmbench $_v for $_rel ($_d), or not the one used"
		show "$CMB_BUILD/$_tg/dkms/dkms.log"
		return
	fi
	if readelf -h "$_ko" 2>/dev/null | grep -q "Machine: *$_m\$"; then
		ok "$_tg: the .ko is an $_m object"
	else
		not_ok "$_tg: the .ko is not an $_m object: $(readelf -h "$_ko" | grep Machine)"
	fi
	_got=$(modinfo -F version "$_ko") _vm=$(modinfo -F vermagic "$_ko")
	if [ "$_got" = "$_v" ] && [ "${_vm%% *}" = "$_rel" ]; then
		ok "$_tg: modinfo: version $_v, vermagic $_rel"
	else
		not_ok "$_tg: modinfo: version '$_got' (want $_v), vermagic '$_vm' (want $_rel)"
	fi
	if grep -qx "PACKAGE_VERSION=\"$_v\"" "$CMB_BUILD/$_tg/dkms/src/cmbench-$_v/dkms.conf"; then
		ok "$_tg: the dkms.conf dkms built from says PACKAGE_VERSION=\"$_v\""
	else
		not_ok "$_tg: the dkms.conf dkms built from does not say PACKAGE_VERSION=\"$_v\""
	fi
}

# deb_contents VERSION DEB: the package holds what dh-dkms should put there
deb_contents() {
	_v=$1 _deb=$2 _x=$KT_TMP/debx
	rm -rf "$_x"
	dpkg-deb -x "$_deb" "$_x"
	dpkg-deb -c "$_deb" | awk '{ print $6 }' >"$KT_TMP/deb.list"
	_f=$_x/usr/src/cmbench-$_v/dkms.conf
	if [ -f "$_f" ] && ! grep -q '#MODULE_VERSION#' "$KT_TMP/deb.list" &&
		! grep -rq '#MODULE_VERSION#' "$_x"; then
		ok "deb: /usr/src/cmbench-$_v/dkms.conf, no MODULE_VERSION placeholder left in any path or file"
	else
		not_ok "deb: no /usr/src/cmbench-$_v/dkms.conf, or the MODULE_VERSION placeholder left"
		show "$KT_TMP/deb.list"
	fi
	if grep -qx "PACKAGE_VERSION=\"$_v\"" "$_f" && grep -qx 'PACKAGE_NAME="cmbench"' "$_f" &&
		grep -qx 'STRIP\[0\]="no"' "$_f" && grep -q '^BUILD_EXCLUSIVE_ARCH="^(arm|aarch64)' "$_f" &&
		grep -q "^MAKE\[0\]=.*CMBENCH_GIT=dkms-\${PACKAGE_VERSION}" "$_f"; then
		ok "deb: dkms.conf: cmbench $_v, arm and aarch64 only, not stripped, MAKE passes the version"
	else
		not_ok "deb: dkms.conf lacks the name, version, arch, STRIP or MAKE line"
		show "$_f"
	fi
	_missing=""
	for _s in kmod/*.c kmod/*.h kmod/include/uapi/*.h kmod/Kbuild kmod/Makefile; do
		cmp -s "$_s" "$_x/usr/src/cmbench-$_v/${_s#kmod/}" || _missing="$_missing ${_s#kmod/}"
	done
	if [ -z "$_missing" ]; then ok "deb: every module source, as in kmod/"
	else not_ok "deb: missing or different:$_missing"; fi
	_c=$(dpkg-deb -f "$_deb" Package Version Architecture | tr '\n' ' ')
	if [ "$_c" = "Package: cmbench-dkms Version: $_v Architecture: all " ] &&
		dpkg-deb -f "$_deb" Depends | grep -q '^dkms'; then
		ok "deb: cmbench-dkms $_v, all architectures, depends on dkms"
	else
		not_ok "deb: control says '$_c', depends '$(dpkg-deb -f "$_deb" Depends)'"
	fi
}

# deb_install DEB VERSION: dpkg -i and dpkg -r on this host, as root
deb_install() {
	if [ "$(id -u)" != 0 ]; then
		skip "deb: dpkg -i / dpkg -r on this host" "not root"
		return
	fi
	if dpkg-query -W -f='${Status}' cmbench-dkms 2>/dev/null | grep -q 'ok installed'; then
		skip "deb: dpkg -i / dpkg -r on this host" "cmbench-dkms is installed here already"
		return
	fi
	if dpkg -i "$1" >"$KT_TMP/dpkg" 2>&1 && dkms status cmbench/"$2" 2>&1 | grep -q "^cmbench/$2"; then
		ok "deb: dpkg -i: installs, dkms knows cmbench/$2 (x86 host: nothing built)"
	else
		not_ok "deb: dpkg -i failed, or dkms does not list cmbench/$2"
		show "$KT_TMP/dpkg"
	fi
	if dpkg -r cmbench-dkms >"$KT_TMP/dpkg" 2>&1 && [ -z "$(dkms status cmbench 2>&1)" ] &&
		[ ! -e "/usr/src/cmbench-$2" ]; then
		ok "deb: dpkg -r: removed, dkms forgot it, /usr/src/cmbench-$2 gone"
	else
		not_ok "deb: dpkg -r left something behind"
		show "$KT_TMP/dpkg"
	fi
}

# install_checks: make install into a staging DESTDIR, as a packager runs
# it: the binary says this tree's version, every command has a man page
# that man renders, completion offers an option's values from the
# option tables, publish finds the installed plots beside the binary
# (a planted line proves which copy), and make uninstall leaves no file.
install_checks() {
	_i=$KT_TMP/inst _p=/usr
	rm -rf "$_i"
	if make -s install DESTDIR="$_i" PREFIX=$_p >"$KT_TMP/install.log" 2>&1 &&
		[ "$("$_i$_p/bin/cmbench" --version | cut -d' ' -f2)" = "$(cmb_describe)" ]; then
		ok "make install DESTDIR PREFIX=/usr: cmbench --version says $(cmb_describe)"
	else
		not_ok "make install DESTDIR PREFIX=/usr failed, or the binary is not this tree's"
		show "$KT_TMP/install.log"
		return
	fi
	_bad=""
	for _c in "" $("$CMB" help | awk '/^  [a-z]/ { print "-" $1 }'); do
		MANWIDTH=80 man -M "$_i$_p/share/man" -P cat "cmbench$_c" >"$KT_TMP/man" 2>&1 &&
			grep -q "^NAME" "$KT_TMP/man" && grep -Eq "cmbench$_c +- +[[:alnum:]]" "$KT_TMP/man" ||
			_bad="$_bad cmbench$_c"
	done
	if [ -z "$_bad" ]; then
		ok "man: cmbench(1) and a page per command, each with its NAME line"
	else
		not_ok "man: no page, or no NAME line, for:$_bad"
		show "$KT_TMP/man"
	fi
	MANWIDTH=80 man -M "$_i$_p/share/man" -P cat cmbench-compare >"$KT_TMP/man" 2>&1
	has "man cmbench-compare: --fail-on and its values, from the option table" "$KT_TMP/man" \
		"--fail-on never|slower|faster|changed"
	# shellcheck disable=SC2016
	bash -c '. "$1"; PATH=$2:$PATH
		c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _cmbench; echo "${COMPREPLY[*]}"; }
		c cmbench comp; c cmbench run --st; c cmbench run --state ""; c cmbench compare --fail-on s' \
		sh "$_i$_p/share/bash-completion/completions/cmbench" "$_i$_p/bin" >"$KT_TMP/comp" 2>&1
	printf '%s\n' compare --state "dirty clean cold" slower >"$KT_TMP/comp.want"
	t "bash completion: commands, options and an option's values" \
		diff -u "$KT_TMP/comp.want" "$KT_TMP/comp"
	echo "# planted by make check" >>"$_i$_p/share/cmbench/plots/flush-cost.gp"
	rm -rf "$KT_TMP/inst-pub"
	if env -u CMBENCH_PLOTS "$_i$_p/bin/cmbench" publish -o "$KT_TMP/inst-pub" \
		tests/fuzz/corpus/flush-one-point.jsonl >"$KT_TMP/inst-pub.log" 2>&1 &&
		grep -q "^# planted by make check" "$KT_TMP/inst-pub/plots/flush-cost.gp"; then
		ok "publish from the installed binary copies the installed plots (share/cmbench/plots)"
	else
		not_ok "publish from the installed binary did not use share/cmbench/plots"
		show "$KT_TMP/inst-pub.log"
	fi
	make -s uninstall DESTDIR="$_i" PREFIX=$_p >"$KT_TMP/install.log" 2>&1
	find "$_i" ! -type d >"$KT_TMP/left"
	if [ ! -s "$KT_TMP/left" ]; then
		ok "make uninstall removes every file it installed"
	else
		not_ok "make uninstall left files behind"
		show "$KT_TMP/left"
	fi
}

# tool_deb VERSION: the cmbench package beside cmbench-dkms, as a user
# and a distribution meet it: what it holds, lintian on every package and
# the source, dpkg -i / -r here, and the source package building again.
tool_deb() {
	_v=$1 _a=$(dpkg --print-architecture) _top=$CMB_BUILD/deb
	_deb=$_top/cmbench_${_v}_$_a.deb
	dpkg-deb -c "$_deb" | awk '{ print $6 }' >"$KT_TMP/tool.list"
	_missing=""
	for _f in usr/bin/cmbench usr/share/bash-completion/completions/cmbench \
		usr/share/cmbench/plots/flush-cost.gp usr/share/cmbench/plots/reproduce.sh \
		usr/share/man/man1/cmbench.1.gz $("$CMB" help |
		awk '/^  [a-z]/ { print "usr/share/man/man1/cmbench-" $1 ".1.gz" }'); do
		grep -qx "\./$_f" "$KT_TMP/tool.list" || _missing="$_missing $_f"
	done
	if [ -z "$_missing" ]; then
		ok "deb: cmbench_${_v}_$_a.deb: the tool, plots, completion, a man page per command"
	else
		not_ok "deb: cmbench_${_v}_$_a.deb lacks:$_missing"
		show "$KT_TMP/tool.list"
	fi
	if dpkg-deb -f "$_deb" Depends | grep -q 'libjansson4' &&
		dpkg-deb -f "$_deb" Recommends | grep -q 'cmbench-dkms' &&
		dpkg-deb -f "$_top/cmbench-dkms_${_v}_all.deb" Recommends | grep -qx 'cmbench'; then
		ok "deb: cmbench depends on its libraries (shlibs), each package recommends the other"
	else
		not_ok "deb: Depends/Recommends: $(dpkg-deb -f "$_deb" Depends Recommends | tr '\n' ' ')"
	fi
	if lintian -EvIL +pedantic --fail-on error,warning,info,pedantic \
		"$_top/cmbench_${_v}_$_a.changes" >"$KT_TMP/lintian" 2>&1; then
		ok "lintian: the source, cmbench and cmbench-dkms, no tag down to pedantic"
	else
		not_ok "lintian: tags on the packages"
		show "$KT_TMP/lintian"
	fi
	rm -rf "$KT_TMP/srcpkg"
	mkdir -p "$KT_TMP/srcpkg"
	if (cd "$KT_TMP/srcpkg" && dpkg-source -x "$_top/cmbench_$_v.dsc" cmbench-$_v &&
		cd cmbench-$_v && dpkg-buildpackage -us -uc -b) >"$KT_TMP/srcpkg.log" 2>&1 &&
		dpkg-deb -x "$KT_TMP/srcpkg/cmbench_${_v}_$_a.deb" "$KT_TMP/srcpkg/x" &&
		[ "$("$KT_TMP/srcpkg/x/usr/bin/cmbench" --version | cut -d' ' -f2)" = "$(cmb_describe)" ]
	then
		ok "source: dpkg-source -x, dpkg-buildpackage -b: a cmbench that says $(cmb_describe)"
	else
		not_ok "source: cmbench_$_v.dsc did not build again, or not this tree's version"
		tail -n 30 "$KT_TMP/srcpkg.log" >"$KT_TMP/srcpkg.tail"
		show "$KT_TMP/srcpkg.tail"
	fi
	if [ "$(id -u)" != 0 ]; then
		skip "deb: dpkg -i cmbench, then man, report, dpkg -r" "not root"
		return
	fi
	if dpkg-query -W -f='${Status}' cmbench 2>/dev/null | grep -q 'ok installed' ||
		[ -e /usr/bin/cmbench ]; then
		skip "deb: dpkg -i cmbench, then man, report, dpkg -r" "cmbench is installed here already"
		return
	fi
	if dpkg -i "$_deb" >"$KT_TMP/dpkg" 2>&1 &&
		MANWIDTH=80 man -P cat cmbench-compare 2>&1 | grep -q -- "--fail-on never|slower" &&
		/usr/bin/cmbench report tests/fuzz/corpus/flush-one-point.jsonl >>"$KT_TMP/dpkg" 2>&1 &&
		dpkg -r cmbench >>"$KT_TMP/dpkg" 2>&1 && [ ! -e /usr/bin/cmbench ] &&
		[ ! -e /usr/share/cmbench ]; then
		ok "deb: dpkg -i cmbench; man cmbench-compare and a report work; dpkg -r leaves nothing"
	else
		not_ok "deb: dpkg -i cmbench, man, report or dpkg -r failed"
		show "$KT_TMP/dpkg"
		dpkg -r cmbench >/dev/null 2>&1
	fi
}

# cross_debs VERSION: make deb DEB_ARCH="arm64 armhf" on this x86 host:
# each cmbench_<v>_<arch>.deb holds an ELF for its board, depends on its
# Debian libraries by name (none arch-qualified, zlib not embedded),
# passes lintian, and its binary runs (qemu-user, the target's libraries
# unpacked under build/kernels): --version, and a report of a file.
cross_debs() {
	_v=$1
	if ! make -s deb DEB_ARCH="arm64 armhf" >"$KT_TMP/cross.log" 2>&1; then
		not_ok "make deb DEB_ARCH=\"arm64 armhf\": the cross builds failed"
		show "$KT_TMP/cross.log"
		return
	fi
	for _a in arm64 armhf; do
		case $_a in
		arm64) _m=AArch64 _q=qemu-aarch64 _t=aarch64-linux-gnu ;;
		armhf) _m=ARM _q=qemu-arm _t=arm-linux-gnueabihf ;;
		esac
		_deb=$CMB_BUILD/deb/cmbench_${_v}_$_a.deb _x=$KT_TMP/cross-$_a
		_s=$CMB_BUILD/kernels/$_a/root
		rm -rf "$_x"
		dpkg-deb -x "$_deb" "$_x"
		_dep=$(dpkg-deb -f "$_deb" Depends)
		if [ "$(dpkg-deb -f "$_deb" Architecture)" = "$_a" ] &&
			readelf -h "$_x/usr/bin/cmbench" | grep -q "Machine: *$_m\$" &&
			readelf -d "$_x/usr/bin/cmbench" | grep -q 'NEEDED.*libz\.so' &&
			printf '%s\n' "$_dep" | grep -q 'libjansson4' &&
			printf '%s\n' "$_dep" | grep -q 'zlib1g' && ! printf '%s\n' "$_dep" | grep -q ':arm'; then
			ok "cross deb $_a: an $_m binary; Depends: $_dep"
		else
			not_ok "cross deb $_a: architecture, ELF machine, libz or Depends wrong: $_dep"
		fi
		"$_q" -L "/usr/$_t" -E "LD_LIBRARY_PATH=$_s/lib/$_t:$_s/usr/lib/$_t:$_s/usr/lib" \
			"$_x/usr/bin/cmbench" --version >"$KT_TMP/cross.run" 2>&1
		"$_q" -L "/usr/$_t" -E "LD_LIBRARY_PATH=$_s/lib/$_t:$_s/usr/lib/$_t:$_s/usr/lib" \
			"$_x/usr/bin/cmbench" report tests/fuzz/corpus/flush-one-point.jsonl \
			>>"$KT_TMP/cross.run" 2>&1
		if [ "$(sed -n 1p "$KT_TMP/cross.run" | cut -d' ' -f2)" = "$(cmb_describe)" ] &&
			grep -q '^flush ' "$KT_TMP/cross.run"; then
			ok "cross deb $_a: its cmbench runs ($_q): --version says $(cmb_describe), report reads a file"
		else
			not_ok "cross deb $_a: its cmbench did not run under $_q"
			show "$KT_TMP/cross.run"
		fi
	done
	if lintian -EvIL +pedantic --fail-on error,warning,info,pedantic \
		"$CMB_BUILD/deb/cmbench_${_v}_arm64.changes" \
		"$CMB_BUILD/deb/cmbench_${_v}_armhf.changes" >"$KT_TMP/lintian" 2>&1; then
		ok "lintian: the arm64 and armhf packages, no tag down to pedantic"
	else
		not_ok "lintian: tags on the cross-built packages"
		show "$KT_TMP/lintian"
	fi
}

# debs_on_fresh_debian VERSION: a Debian 12 that mmdebstrap makes from the
# archive, with nothing of this machine in it, installs both .debs with
# apt (which fetches what they depend on, dkms and all), and there
# cmbench --version says this tree, man cmbench-compare renders, and a
# report of a real result file prints its table. mmdebstrap mounts /proc
# and /dev for its hooks, which dkms's postinst needs.
debs_on_fresh_debian() {
	_v=$1 _a=$(dpkg --print-architecture) _r=$KT_TMP/debroot
	if [ "$(id -u)" != 0 ]; then
		skip "fresh Debian 12: apt installs the .debs" "mmdebstrap needs root"
		return
	fi
	rm -rf "$_r"
	cp tests/fuzz/corpus/flush-one-point.jsonl "$KT_TMP/result.jsonl"
	cat >"$KT_TMP/as-user.sh" <<-'EOF'
	set -e
	cmbench --version
	MANWIDTH=80 man -P cat cmbench-compare | grep -e '--fail-on never|slower'
	cmbench report /tmp/result.jsonl
	EOF
	# shellcheck disable=SC2016
	if mmdebstrap --mode=root --variant=apt --include=man-db \
		--customize-hook="copy-in $CMB_BUILD/deb/cmbench_${_v}_$_a.deb \
$CMB_BUILD/deb/cmbench-dkms_${_v}_all.deb $KT_TMP/result.jsonl $KT_TMP/as-user.sh /tmp" \
		--customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get \
install -y /tmp/cmbench_${_v}_$_a.deb /tmp/cmbench-dkms_${_v}_all.deb >\"\$1/root/apt.log\" 2>&1" \
		--customize-hook='chroot "$1" sh /tmp/as-user.sh >"$1/root/out" 2>&1' \
		bookworm "$_r" http://deb.debian.org/debian >"$KT_TMP/debroot.log" 2>&1 &&
		[ "$(sed -n 1p "$_r/root/out" | cut -d' ' -f2)" = "$(cmb_describe)" ] &&
		grep -q '^flush ' "$_r/root/out"; then
		ok "fresh Debian 12 (mmdebstrap): apt installs cmbench and cmbench-dkms; --version, man cmbench-compare, report work"
	else
		not_ok "fresh Debian 12 (mmdebstrap): the .debs did not install, or a command failed there"
		for _l in "$KT_TMP/debroot.log" "$_r/root/apt.log" "$_r/root/out"; do
			show "$_l"
		done
	fi
	rm -rf "$_r"
}

area_package() {
	kt_begin package
	v=$(cmb_module_version)
	for tg in $targets; do
		cmb_target "$tg"
		[ "$T_KIND" = debian ] && dkms_module "$tg" "$v"
	done
	if make -s deb >"$KT_TMP/deb.log" 2>&1; then
		ok "make deb builds the source package, cmbench-dkms (dh-dkms) and cmbench"
		deb=$CMB_BUILD/deb/cmbench-dkms_${v}_all.deb
		deb_contents "$v" "$deb"
		deb_install "$deb" "$v"
		tool_deb "$v"
		debs_on_fresh_debian "$v"
		cross_debs "$v"
	else
		not_ok "make deb builds the source package, cmbench-dkms (dh-dkms) and cmbench"
		show "$KT_TMP/deb.log"
	fi
	install_checks
	kt_end
}
