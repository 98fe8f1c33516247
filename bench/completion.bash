# bash completion for cmbench, installed by make install and the package
# as share/bash-completion/completions/cmbench.
#
# It asks the cmbench being completed, rather than holding a copy of its
# options: the commands from `cmbench help`, a command's options from
# `cmbench COMMAND --help` (made from the option tables), and an option's
# values from its metavar there ("--state dirty|clean|cold"). The
# operations come from `cmbench list` when the module is loaded.

# _cmbench_metavar HELP OPTION: the metavar OPTION (-o or --output) takes
# in HELP, if any: the word after the long name on its line, when two
# spaces or the end of the line follow it.
_cmbench_metavar() {
	printf '%s\n' "$1" | awk -v o="$2" '
		match($0, /^ +(-[a-zA-Z], )?--[a-z0-9-]+/) {
			names = substr($0, RSTART, RLENGTH)
			rest = substr($0, RSTART + RLENGTH)
			n = split(names, w, /[ ,]+/)
			for (i = 1; i <= n; i++)
				if (w[i] == o && rest ~ /^ [^ ]+( {2,}|$)/) {
					split(rest, m, " ")
					print m[1]
					exit
				}
		}'
}

# _cmbench_reply COMPGEN-ARGS...: the words of compgen that start with $cur
_cmbench_reply() {
	mapfile -t COMPREPLY < <(compgen "$@" -- "$cur")
}

_cmbench() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmb=${COMP_WORDS[0]} help mv

	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		_cmbench_reply -W "$("$cmb" help 2>/dev/null |
			awk '/^  [a-z]/ { print $1 }') --help --version"
		return
	fi
	help=$("$cmb" "${COMP_WORDS[1]}" --help 2>/dev/null) || return
	case $prev in
	-?*)
		mv=$(_cmbench_metavar "$help" "$prev")
		case $mv in
		*'|'*)
			_cmbench_reply -W "${mv//|/ }"
			return ;;
		*FILE* | *DIR* | *.jsonl* | *.tsv)
			_cmbench_reply -f
			return ;;
		?*)
			return ;;	# a number, size or list: nothing to offer
		esac ;;
	esac
	if [[ $cur == -* ]]; then
		_cmbench_reply -W "$(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)"
		return
	fi
	case ${COMP_WORDS[1]} in
	run)
		# The operations this kernel can run (`cmbench list`).
		[ "$COMP_CWORD" -eq 2 ] &&
			_cmbench_reply -W "$("$cmb" list 2>/dev/null |
				awk 'NR > 1 && $2 == "ok" { print $1 }')"
		return ;;
	esac
	_cmbench_reply -f
}
complete -o filenames -F _cmbench cmbench
