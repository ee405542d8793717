#!/usr/bin/env bash
# Whole-process benchmark: nashra on 20k and 1M items and newsboat on the
# same 20k items, each in a 100×30 tmux pane — start to first frame, a key
# press, 500 × Down, peak RSS. See bench/README.md.
#
#   bench/run.sh                 # the working tree
#   bench/run.sh --rev bc4d2be   # nashra as of a commit (bench/ as it is now)
#   bench/run.sh --quick         # 20k only, 2 runs: a quick look
#
# It builds nashra, generates the databases if they are missing, measures,
# prints a markdown table and keeps it in $NASHRA_BENCH_DIR (default
# /tmp/nashra-bench-tui). Everything it starts — the tmux server and the
# readers in it — is stopped when it ends, however it ends.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data=${NASHRA_BENCH_DIR:-/tmp/nashra-bench-tui}
rev=""                  # empty: the working tree
sizes="20000 1000000"   # nashra databases
newsboat_size=20000     # newsboat gets the same items as this one
runs=5
keys=20
args="$*"

usage() {
	sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
	echo "Options: --rev REV, --runs N (default $runs), --keys N (default $keys), --sizes \"N ...\" (default \"$sizes\"), --quick"
	exit "$1"
}
while [ $# -gt 0 ]; do
	case $1 in
	--rev) rev=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--keys) keys=$2; shift 2 ;;
	--sizes) sizes=$2; shift 2 ;;
	--quick) sizes=20000; runs=2; shift ;;
	-h|--help) usage 0 ;;
	*) echo "bench/run.sh: unknown argument $1" >&2; usage 2 >&2 ;;
	esac
done

# The tools: tmux to run the readers in, newsboat to compare with, GNU time
# for peak RSS. Installed when missing and we may (root with apt-get).
need=()
command -v tmux >/dev/null || need+=(tmux)
command -v newsboat >/dev/null || need+=(newsboat)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "bench/run.sh: installing ${need[*]}" >&2
		apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
	else
		echo "bench/run.sh: missing ${need[*]}; install them (Debian: apt-get install -y ${need[*]})" >&2
		exit 1
	fi
fi

tmp=$(mktemp -d /tmp/nashra-bench-run.XXXXXX)
socket="nashra-bench-$$"   # a tmux server of our own: kill-server stops only it
tui_pid=""
cleanup() {
	# tui stops its tmux server itself; this covers its being killed.
	if [ -n "$tui_pid" ]; then
		kill "$tui_pid" 2>/dev/null || true
		wait "$tui_pid" 2>/dev/null || true
	fi
	tmux -L "$socket" kill-server 2>/dev/null || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket"   # kill-server leaves the socket file
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# The source to measure. A revision is exported with git archive (the work
# tree and the repository are left alone) and given today's bench/, so the
# same generator and the same measurement apply to old and new nashra.
if [ -n "$rev" ]; then
	src=$tmp/src
	mkdir -p "$src"
	git -C "$root" archive "$rev" | tar -x -C "$src"
	rm -rf "$src/bench"
	cp -r "$root/bench" "$src/bench"
	what="nashra $(git -C "$root" rev-parse --short "$rev")"
else
	src=$root
	what="nashra working tree at $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' + changes')"
fi
echo "bench/run.sh: building $what" >&2
(cd "$src" && go build -o "$tmp/nashra" . && go build -o "$tmp/gendb" ./bench/gendb)
(cd "$root" && go build -o "$tmp/tui" ./bench/tui && go build -o "$tmp/teafloor" ./bench/teafloor)

# Databases are kept between runs, under a key of nashra's schema and the
# generator, so a new migration or a new generator makes new ones (the
# store refuses a database from a newer schema, and an old one would be
# migrated on the first start, inside the measurement).
key=$(cat "$src/store/migrate.go" "$src"/bench/gendb/*.go | sha256sum | cut -c1-12)
dbdir=$data/$key
mkdir -p "$dbdir"
label() {
	case $1 in
	*000000) echo "$(($1 / 1000000))M" ;;
	*000) echo "$(($1 / 1000))k" ;;
	*) echo "$1" ;;
	esac
}
tui_args=()
for n in $sizes; do
	l=$(label "$n")
	dir=$dbdir/$l
	if [ ! -f "$dir/nashra.db" ]; then
		# Generated beside, then renamed: an interrupted run leaves no
		# half-made database to be measured next time.
		part=$dir.part.$$
		rm -rf "$part"
		mkdir -p "$part"
		nb=()
		if [ "$n" = "$newsboat_size" ]; then
			nb=(-newsboat-cache "$part/newsboat.db" -newsboat-urls "$part/newsboat-urls")
		fi
		echo "bench/run.sh: generating $l items into $dir" >&2
		"$tmp/gendb" -n "$n" -db "$part/nashra.db" "${nb[@]}"
		rm -rf "$dir"
		mv "$part" "$dir"
	fi
	tui_args+=(-nashra-db "$l=$dir/nashra.db")
	if [ "$n" = "$newsboat_size" ]; then
		tui_args+=(-newsboat-cache "$dir/newsboat.db" -newsboat-urls "$dir/newsboat-urls" -newsboat-label "$l")
	fi
done

out=$data/results-$(date +%Y%m%d-%H%M%S).md
echo "bench/run.sh: measuring $what" >&2
# In the background and waited for, so that a signal reaches the trap at
# once rather than after tui has finished.
"$tmp/tui" -socket "$socket" -nashra "$tmp/nashra" -teafloor "$tmp/teafloor" "${tui_args[@]}" \
	-runs "$runs" -keys "$keys" -work "$tmp/work" -out "$out" \
	-command "bench/run.sh${args:+ $args}   # $what" &
tui_pid=$!
wait "$tui_pid"
tui_pid=""
echo "bench/run.sh: results kept in $out" >&2
