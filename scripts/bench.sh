#!/bin/sh
# Runs Parallax's benchmarks. They read the corpora in ../shared/corpora
# (unpacked once into the temporary folder) and report each figure as a
# ratio against a baseline measured in the same run; see BENCHMARKS.md.
#
#   sh scripts/bench.sh                   every benchmark, once each
#   sh scripts/bench.sh ./internal/reuse  one package's
#   sh scripts/bench.sh --summary         the benchmarks behind every row of
#                                         BENCHMARKS.md's summary table, with
#                                         the date, the load and the machine
#   sh scripts/bench.sh --summary open pdf search
#                                         only those areas of the summary
#   sh scripts/bench.sh --areas           lists the areas
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh

# The summary's areas: name, package, benchmarks (a -bench pattern).
# Keep in step with the table in BENCHMARKS.md.
summary_areas() {
	cat <<'EOF'
open ./internal/project ^BenchmarkOpenNewsBench$
pdf ./internal/pdftext ^BenchmarkPDFvsPoppler$
html ./internal/htmltext ^(BenchmarkExtract|BenchmarkHugePageMemory)$
entities ./internal/alias ^BenchmarkExtractGroup10k$
search ./internal/search ^(BenchmarkCorpus10kNames|Benchmark1MRealShaped)$
scripts ./internal/search ^(BenchmarkMultilingualExtractSearch|BenchmarkGazetteerMemory)$
reuse ./internal/reuse ^(BenchmarkFind10k|BenchmarkVsAllPairs500)$
framing ./internal/framing ^BenchmarkFraming1k$
report ./internal/report ^(BenchmarkReport200|BenchmarkReportScripts)$
workspace ./internal/workspace ^BenchmarkSave$
fold ./internal/textnorm ^(BenchmarkFold|BenchmarkFoldASCII)$
distinctive ./internal/distinctive ^BenchmarkNewsBench10kByBias$
hostile ./internal/engine ^(BenchmarkAdversarialAnalyse|BenchmarkAnalyseMemory)$
ui-filter ./ui/doctable ^BenchmarkFilter10k$
ui-search ./ui/entitysearch ^BenchmarkKeystroke$
ui-text ./ui/textview ^(BenchmarkSetText20k|BenchmarkOpenScrollArabicVsEnglish)$
ui-stalls ./ui/uibench ^BenchmarkStallsNewsBench$
EOF
}

# run_summary runs the named areas (all without names) once each and
# prints when, on what load and on what machine, then each benchmark's
# figures.
run_summary() {
	echo "# Parallax benchmark summary"
	echo "taken: $(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
	echo "machine: $(nproc) cores, $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	summary_areas | while read -r area pkg pattern; do
		if [ "$#" -gt 0 ]; then
			case " $* " in *" $area "*) ;; *) continue ;; esac
		fi
		echo
		echo "## $area ($pkg $pattern)"
		go test -tags ci -run '^$' -bench "$pattern" -benchtime 1x -timeout 30m "$pkg" 2>&1 |
			grep -E '^(Benchmark|---|ok|FAIL|panic)|SKIP|skip' || true
	done
	echo
	echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
}

case "${1:-}" in
--areas)
	summary_areas | cut -d' ' -f1
	exit 0
	;;
--summary)
	shift
	need_go
	need_packages poppler-utils
	export LANG="${LANG:-en_US.UTF-8}"
	run_summary "$@"
	exit 0
	;;
esac

need_go
need_packages poppler-utils
export LANG="${LANG:-en_US.UTF-8}"
pkgs=${*:-./internal/... ./ui/...}
# shellcheck disable=SC2086
go test -tags ci -run '^$' -bench . -benchtime 1x -timeout 60m $pkgs
