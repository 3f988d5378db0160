#!/bin/sh
# Measures the store at scale (issue 18), in one run: for each corpus size
# and each store, a cold analysis (nothing kept), the same analysis warm,
# a warm search, warm entities and framing, the analysis after one file
# changed, and each step's peak memory (max RSS from /usr/bin/time), with
# every time as a ratio against the cold run of the same size and store.
# Without a store ("none", as before issue 18) the same steps give the
# baseline. The corpora are copies in a temporary folder, never committed.
#
#   sh scripts/bench-store.sh                     1k and 10k; none and embedded
#                                                 (and postgres, see below)
#   sh scripts/bench-store.sh --sizes "1k 10k 40k" --stores "embedded postgres"
#
# Sizes: 1k is the first 1,000 articles of news-bench-10k's index, 10k the
# whole corpus; larger sizes (40k, 100k) are made from it by
# internal/benchcorpus (go run ./internal/benchcorpus/cmd/mkcorpus) when
# that generator is in this checkout.
# PostgreSQL: PARALLAX_BENCH_POSTGRES=postgres://… names a server to use;
# without it, a throwaway cluster is started with scripts/pg-local.sh when
# that script is there, else postgres is left out with a note.
# PARALLAX_BENCH_WORK (default /tmp/parallax-bench-store) holds the copies.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

sizes="1k 10k"
stores="none embedded postgres"
while [ "$#" -gt 0 ]; do
	case "$1" in
	--sizes) sizes=$2; shift 2 ;;
	--stores) stores=$2; shift 2 ;;
	-h|--help) sed -n '2,22p' "$0"; exit 0 ;;
	*) echo "bench-store: unknown option $1" >&2; exit 2 ;;
	esac
done

need_go
need_packages time
export LANG="${LANG:-en_US.UTF-8}"
work=${PARALLAX_BENCH_WORK:-/tmp/parallax-bench-store}
mkdir -p "$work"
cli="$work/parallax-cli"
CGO_ENABLED=0 go build -o "$cli" ./cmd/parallax-cli

# The 10k corpus, unpacked where the Go tests unpack it (testcorpus).
src10k=/tmp/parallax-corpora/news-bench-10k/news-bench-10k
if [ ! -f "$src10k/index.tsv" ]; then
	archive=../shared/corpora/news-bench-10k.tar.gz
	[ -f "$archive" ] || { echo "bench-store: $archive not found" >&2; exit 1; }
	mkdir -p "$work/corpora"
	tar -xzf "$archive" -C "$work/corpora"
	src10k="$work/corpora/news-bench-10k"
fi

# corpus SIZE prints the folder of the pristine corpus of that size, made
# on first use (the articles and index.tsv, never a .parallax).
corpus() {
	dir="$work/corpora/$1"
	if [ -f "$dir/index.tsv" ]; then echo "$dir"; return; fi
	rm -rf "$dir" && mkdir -p "$dir"
	case "$1" in
	10k)
		tar -C "$src10k" --exclude ./.parallax -cf - . | tar -C "$dir" -xf -
		;;
	1k)
		head -n 1001 "$src10k/index.tsv" >"$dir/index.tsv"
		tail -n +2 "$dir/index.tsv" | cut -f1 | tar -C "$src10k" -cf - -T - | tar -C "$dir" -xf -
		;;
	*)
		if [ ! -d internal/benchcorpus/cmd/mkcorpus ]; then
			echo "bench-store: no internal/benchcorpus generator in this checkout for $1" >&2
			rm -rf "$dir"
			return 1
		fi
		n=$(echo "$1" | sed 's/k$/000/')
		rm -rf "$dir"
		go run ./internal/benchcorpus/cmd/mkcorpus -src "$src10k" -n "$n" -o "$dir" >&2
		;;
	esac
	echo "$dir"
}

# measure NAME CMD… runs CMD under /usr/bin/time and appends "NAME wall
# cpu maxrss-KiB" to $results; the command's output is dropped.
measure() {
	name=$1; shift
	if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt"; then
		echo "bench-store: $name failed:" >&2
		tail -n 5 "$work/err.txt" >&2
		echo "$name fail fail fail" >>"$results"
		return 0
	fi
	grep -h '^note:' "$work/err.txt" >&2 || true
	tail -n 1 "$work/time.txt" | awk -v n="$name" '{printf "%s %.2f %.2f %d\n", n, $1, $2+$3, $4}' >>"$results"
}

# change_one appends a sentence to the first article of the index, as an
# analyst's edit or a re-downloaded article would.
change_one() {
	f=$(sed -n 2p "$1/index.tsv" | cut -f1)
	printf '\nThe Parallax benchmark added this sentence on %s.\n' "$(date -u +%H:%M:%S)" >>"$1/$f"
}

pg_url=${PARALLAX_BENCH_POSTGRES:-}
pg_started=""
start_postgres() {
	[ -n "$pg_url" ] && return 0
	if [ ! -f scripts/pg-local.sh ]; then
		echo "bench-store: postgres left out: no PARALLAX_BENCH_POSTGRES and no scripts/pg-local.sh" >&2
		return 1
	fi
	pg_url=$(sh scripts/pg-local.sh start "$work/pg") || return 1
	pg_started=yes
}
stop_postgres() {
	if [ -n "$pg_started" ]; then sh scripts/pg-local.sh stop "$work/pg" >/dev/null 2>&1 || true; fi
}
trap stop_postgres EXIT

echo "# Store at scale"
echo "taken: $(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
echo "| docs | store | step | wall s | wall × cold | CPU s | CPU × cold | max RSS MiB |"
echo "|---|---|---|---|---|---|---|---|"
for size in $sizes; do
	pristine=$(corpus "$size") || continue
	for st in $stores; do
		url=$st
		if [ "$st" = postgres ]; then
			start_postgres || continue
			# A project of its own on the server, so that the cold run
			# finds nothing an earlier run kept.
			case "$pg_url" in *\?*) sep="&" ;; *) sep="?" ;; esac
			url="$pg_url${sep}project=bench-$size-$(date +%s)"
		fi
		proj="$work/project-$size"
		rm -rf "$proj"
		mkdir -p "$proj"
		tar -C "$pristine" -cf - . | tar -C "$proj" -xf -
		results="$work/results-$size-$st.txt"
		: >"$results"
		s="--store=$url"
		# cold: nothing kept, not even the extraction cache
		measure cold "$cli" entities "$proj" --json "$s"
		measure warm-entities "$cli" entities "$proj" --json "$s"
		measure warm-search "$cli" search "$proj" Trump --json "$s"
		measure warm-framing "$cli" framing "$proj" --json "$s"
		change_one "$proj"
		measure one-file-changed "$cli" entities "$proj" --json "$s"
		measure warm-again "$cli" entities "$proj" --json "$s"
		awk -v size="$size" -v st="$st" '
			NR == 1 { cold = $2; coldcpu = $3 }
			$2 == "fail" { printf "| %s | %s | %s | failed | | | | |\n", size, st, $1; next }
			{ r = (cold > 0) ? sprintf("%.3f", $2 / cold) : "-"
			  rc = (coldcpu > 0) ? sprintf("%.3f", $3 / coldcpu) : "-"
			  printf "| %s | %s | %s | %.2f | %s | %.2f | %s | %d |\n", size, st, $1, $2, r, $3, rc, $4 / 1024 }' "$results"
		if [ "$st" = embedded ]; then
			echo "<!-- $size embedded store: $(du -sh "$proj/.parallax" | cut -f1) in .parallax -->"
		fi
	done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
