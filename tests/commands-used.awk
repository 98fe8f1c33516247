# tests/commands-used: the words in command position of POSIX shell,
# one a line ("word<TAB>file:line" with -v SRC=1). Quotes and heredocs
# are tracked across lines; what runs inside $(...) is scanned as a
# command line of its own, quoted or not.

# The index of the ")" that closes the "(" at s[i], quoted text skipped.
function closing(s, i,    depth, q, c) {
	depth = 0
	q = ""
	for (; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (q != "") {
			if (c == "\\" && q == "\"")
				i++
			else if (c == q)
				q = ""
			continue
		}
		if (c == "\047" || c == "\"")
			q = c
		else if (c == "\\")
			i++
		else if (c == "(")
			depth++
		else if (c == ")" && --depth == 0)
			return i
	}
	return length(s) + 1
}

# s without quoted text, comments, arithmetic, ${...} and $(...), each
# a word "Q"; what $(...) runs is printed from here. sq and dq carry a quote
# left open to the next line; nest counts the "...$(" open across lines,
# depth[] the parentheses open within each.
function strip(s,    out, i, c, j, odq) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (sq) {
			if (c == "\047") {
				sq = 0
				out = out "Q"
			}
			continue
		}
		if (c == "$" && substr(s, i + 1, 2) == "((") {
			i = closing(s, i + 1)
			out = out "Q"
			continue
		}
		if (c == "$" && substr(s, i + 1, 1) == "(") {
			j = closing(s, i + 1)
			if (j > length(s)) {
				# Not closed on this line: a separator, what follows
				# scanned as it comes; within "...", its ")" closes it
				# and reopens the quote.
				if (dq) {
					nest++
					depth[nest] = 0
				}
				out = out " ; "
				dq = 0
				i++
				continue
			}
			# Its commands on their own; its value is a word here.
			odq = dq
			dq = 0
			commands(strip(substr(s, i + 2, j - i - 2)))
			dq = odq
			out = out (dq ? "" : "Q")
			i = j
			continue
		}
		if (c == "$" && substr(s, i + 1, 1) == "{") {
			j = index(substr(s, i), "}")
			i += j ? j - 1 : length(s)
			out = out "Q"
			continue
		}
		if (dq) {
			if (c == "\\")
				i++
			else if (c == "\"") {
				dq = 0
				out = out "Q"
			}
			continue
		}
		if (c == "\\") {
			out = out "_"
			i++
		} else if (c == "\047") {
			sq = 1
		} else if (c == "\"") {
			dq = 1
		} else if (c == "#" && (i == 1 || substr(s, i - 1, 1) ~ /[ \t;(]/)) {
			break
		} else if (substr(s, i, 2) == "<<" &&
			   match(substr(s, i), /^<<-?[ \t]*["\047]?[A-Za-z_]+["\047]?/)) {
			# A heredoc: its body, from the next line, is data.
			heredoc = substr(s, i, RLENGTH)
			i += RLENGTH - 1
			sub(/^<<-?[ \t]*["\047]?/, "", heredoc)
			sub(/["\047]$/, "", heredoc)
		} else if (nest && c == "(") {
			depth[nest]++
			out = out c
		} else if (nest && c == ")" && !depth[nest]) {
			nest--
			dq = 1
			out = out " ; "
		} else if (nest && c == ")") {
			depth[nest]--
			out = out c
		} else {
			out = out c
		}
	}
	return out
}

# The first word after each separator, past assignments and the words
# that run the next one (nice, exec, command ...), and past the leading
# arguments of the tests' wrappers that run a command (t DESC CMD...,
# expect_status DESC STATUS TEXT CMD...).
function commands(s,    n, parts, i, w, k, j, again) {
	gsub(/`|&&|\|\||[;|&(){}!]/, "\n", s)
	n = split(s, parts, "\n")
	for (i = 1; i <= n; i++) {
		k = split(parts[i], w, /[ \t]+/)
		j = 1
		do {
			while (j <= k && (w[j] == "" || w[j] ~ /^[A-Za-z_][A-Za-z0-9_]*=/ ||
			       w[j] ~ /^(then|do|else|elif|if|while|until|exec|command|nice|time|xargs|env|-n|-k|[0-9]+)$/))
				j++
			again = j <= k && (w[j] in wrapped)
			if (again)
				j += wrapped[w[j]] + 1
		} while (again)
		if (j <= k)
			print w[j] (SRC ? "\t" FILENAME ":" FNR : "")
	}
}

BEGIN {
	wrapped["t"] = 1
	wrapped["expect_status"] = 3
}

FNR == 1 {
	sq = dq = nest = 0
	heredoc = held = ""
}
{
	line = held $0
	held = ""
	if (heredoc != "") {
		t = line
		sub(/^\t*/, "", t)
		if (t == heredoc)
			heredoc = ""
		next
	}
	if (!sq && line ~ /\\$/) {
		held = substr(line, 1, length(line) - 1) " "
		next
	}
	out = strip(line)
	# Redirections and their targets.
	gsub(/[0-9]*[<>]+&?[ \t]*[^ \t;|&()<>]*/, " ", out)
	# Case patterns: at the start of a line, after "in", after ";;".
	sub(/^[ \t]*\(?[^ \t()]+([ \t]*\|[ \t]*[^ \t()]+)*\)/, " ", out)
	gsub(/(^|[ \t])in[ \t]+[^ \t()]+([ \t]*\|[ \t]*[^ \t()]+)*\)/, " in ", out)
	gsub(/;;[ \t]*[^ \t()]+([ \t]*\|[ \t]*[^ \t()]+)*\)/, ";; ", out)
	commands(out)
}
