# bash completion for hpreport: options, figure names, formats and the
# values each option takes.  Installed to share/bash-completion/completions.
# The names come from the binary (`hpreport --list plots|formats|input-formats`
# and the choices `hpreport --help` spells), so they are never out of date.
_hpreport()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local help list=""
	help=$("${COMP_WORDS[0]}" --help 2>/dev/null)
	COMPREPLY=()
	case $prev in
	-o|--output|--template|--baseline)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--plots) list=$("${COMP_WORDS[0]}" --list plots 2>/dev/null) ;;
	--format) list=$("${COMP_WORDS[0]}" --list formats 2>/dev/null) ;;
	--input-format)
		list=$("${COMP_WORDS[0]}" --list input-formats 2>/dev/null) ;;
	--states) list="complete pruned fail running waiting" ;;
	--font)
		# the installed families, one a line (their names hold spaces,
		# which -o filenames quotes)
		local IFS=$'\n'
		COMPREPLY=($(compgen -W "$(fc-list : family 2>/dev/null |
		    sed 's/,.*//' | sort -u)" -- "$cur"))
		return ;;
	--style|--colormap|--surrogate|--dependence|--direction|--contour-fill|\
	--importance)
		# the help spells the choices as --option a|b|c
		list=$(printf '%s\n' "$help" |
		    sed -n "s/.*$prev \([a-z|-]*\).*/\1/p" | tr '|' ' ') ;;
	--target)
		# the forms, and the numeric user attributes of the input files
		# given so far, as `hpreport info` lists them
		local w
		list="duration user_attrs. values."
		for w in "${COMP_WORDS[@]:1}"; do
			[ -f "$w" ] && list="$list $("${COMP_WORDS[0]}" info "$w" 2>/dev/null |
			    sed -n 's/^  user attribute \(.*\): \(partly \)\{0,1\}numeric.*/user_attrs.\1/p')"
		done
		COMPREPLY=($(compgen -W "$list" -- "$cur"))
		# a form ending in "." goes on with the key or index
		[ "${#COMPREPLY[@]}" -eq 1 ] && [ "${COMPREPLY[0]%.}" != "${COMPREPLY[0]}" ] &&
		    compopt -o nospace 2>/dev/null
		return ;;
	--study|--params|--objective|--width|--height|--dpi|--title|\
	--contour-grid|--ref-point|--metric|--trials|--best)
		return ;;
	esac
	if [ -n "$list" ]; then
		# a comma-separated list completes its last item
		local head="" last=$cur
		case $cur in *,*) head=${cur%,*},; last=${cur##*,} ;; esac
		COMPREPLY=($(compgen -P "$head" -W "$list" -- "$last"))
		return
	fi
	case $cur in
	-*)
		COMPREPLY=($(compgen -W "$(printf '%s\n' "$help" |
		    grep -oE -- '(^|[ ,])--?[a-z][a-z-]*' | tr -d ' ,' | sort -u)" -- "$cur")) ;;
	*)
		COMPREPLY=($(compgen -f -- "$cur"))
		[ "$COMP_CWORD" -eq 1 ] && COMPREPLY+=($(compgen -W info -- "$cur")) ;;
	esac
}
complete -o filenames -F _hpreport hpreport
