# make check area: the module as boards get it. DKMS (Debian's dkms, with
# kmod/dkms.conf) cross-built each Debian target's cmbench.ko against the
# unpacked linux-headers package: the .ko is for the target's
# architecture, its version is the module's, and it is the one the
# end-to-end tests boot (tests/e2e.sh). make deb's cmbench-dkms .deb holds
# the sources under /usr/src/cmbench-<v>/ with dkms.conf filled in, and
# installs and removes cleanly on this host. Sourced by tests/run-all.

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

area_package() {
	kt_begin package
	v=$(cmb_module_version)
	for tg in $targets; do
		cmb_target "$tg"
		[ "$T_KIND" = debian ] && dkms_module "$tg" "$v"
	done
	if make -s deb >"$KT_TMP/deb.log" 2>&1; then
		ok "make deb builds cmbench-dkms_${v}_all.deb with dh-dkms"
		deb=$CMB_BUILD/deb/cmbench-dkms_${v}_all.deb
		deb_contents "$v" "$deb"
		deb_install "$deb" "$v"
	else
		not_ok "make deb builds cmbench-dkms_${v}_all.deb with dh-dkms"
		show "$KT_TMP/deb.log"
	fi
	kt_end
}
