#!/usr/bin/env bash
# bench/run.sh: how fast slant annotates, how much memory it takes, and how it compares with
# Vale on the same term list. Run it from anywhere in a checkout, beside ../shared/corpus.
#
#   bench/run.sh                  the full run: a 100 MB corpus (about 10 minutes on 2 cores,
#                                 a first `go install` of Vale included)
#   BENCH_MB=20 bench/run.sh      a quick run on 20 MB
#
# Steps:
#   1. Build slant and bench/benchtool into a temporary directory.
#   2. Write the corpus there (never into the repository): the texts of ../shared/corpus
#      (ptc/articles, polnear/text, seed) repeated to BENCH_MB megabytes, one article per file,
#      as slant is used; and apart from it one large document of BENCH_BIG_MB megabytes, the
#      articles one after another.
#   3. Throughput: `slant annotate --format json FILES > /dev/null` over the corpus, with the
#      default rubric, on one core (GOMAXPROCS=1 and taskset -c 0) and on all cores; then the
#      same with the default rubric plus a generated rule of 10,000 terms (benchtool terms).
#      Wall time, CPU time (user + system) and peak RSS come from /usr/bin/time -v; MB/s is
#      corpus bytes (10^6) per second of wall time, rubric loading and output included, and
#      MB/CPU s the same per second of CPU time, which a busy or shared machine (time stolen
#      by other virtual machines) disturbs less than wall time. JSON is written (to /dev/null)
#      because that is what slant users and programs get; the JSON encoding is part of the cost.
#   4. slant check, the CI command, over the corpus in its text, json and sarif formats:
#      throughput and peak RSS (json and sarif are one document for all files, written as
#      each file finishes).
#   5. Memory: the large document with the corpus's first 1000 files, on all cores; peak RSS
#      against the size of the largest document. Then the large document alone as one line
#      (its line breaks made spaces), the shape of a text whose paragraphs are not separated.
#      (The corpus runs show the other half: peak RSS does not grow with the corpus; compare
#      BENCH_MB=20 with 100.)
#   6. Vale (vale-cli/vale v3.21.0, `go install`ed if missing) against slant on the first
#      BENCH_VALE_MB megabytes of the corpus (Vale is far slower), with the same 10,000 terms
#      as one existence rule (ignorecase, Vale's default \b word template): both must report
#      the same number of matches, and the script prints the throughput ratio. benchtool picks
#      the terms so that the comparison is like for like: single words and two-word phrases
#      of ASCII letters, no word in two terms (so no overlapping matches, which slant reports
#      and a regular expression cannot), and only terms whose occurrences in these texts are
#      the same under slant's word boundaries (hyphens and apostrophes join words, possessive
#      's allowed, any white space but a blank line between phrase words) and under Vale's
#      (\b between runs of letters, marks, digits and _; one space in a phrase). See
#      bench/benchtool/main.go.
#
# Environment: BENCH_MB (100), BENCH_BIG_MB (4), BENCH_VALE_MB (2), BENCH_DIR (work directory
# to use and keep; default a temporary one, removed at the end), SHARED_CORPUS (default
# ../shared/corpus beside the checkout), VALE (a vale binary to use).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus_src=${SHARED_CORPUS:-$repo/../shared/corpus}
mb=${BENCH_MB:-100}
big_mb=${BENCH_BIG_MB:-4}
vale_mb=${BENCH_VALE_MB:-2}
cores=$(nproc)

if [[ ! -d $corpus_src/ptc/articles ]]; then
	echo "bench: no corpus at $corpus_src (set SHARED_CORPUS)" >&2
	exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
	echo "bench: installing GNU time (apt-get install time)" >&2
	apt-get install -y -qq time >/dev/null || { echo "bench: need /usr/bin/time" >&2; exit 2; }
fi
pin=()
if command -v taskset >/dev/null; then
	pin=(taskset -c 0)
fi

if [[ -n ${BENCH_DIR:-} ]]; then
	work=$BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/slant-bench.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi

echo "== building slant and benchtool"
(cd "$repo" && go build -o "$work/slant" ./cmd/slant && go build -o "$work/benchtool" ./bench/benchtool)

echo "== writing a $mb MB corpus and a $big_mb MB document under $work"
rm -rf "$work/corpus" "$work/big" "$work/vale-corpus"
"$work/benchtool" corpus -src "$corpus_src" -out "$work/corpus" -mb "$mb" -big-mb 0 >"$work/corpus.txt"
"$work/benchtool" corpus -src "$corpus_src" -out "$work/big" -mb "$big_mb" -big-mb "$big_mb" >/dev/null
"$work/benchtool" terms -src "$corpus_src" -n 10000 -rubric "$work/terms.toml" -vale "$work/styles/Bench/Terms.yml" >"$work/terms.txt"
"$work/benchtool" terms -src "$corpus_src" -n 10000 -rubric "$work/terms-default.toml" -extends-default >/dev/null

cd "$work/corpus"
mapfile -t files < <(find . -name '*.txt' | sort)
bytes=$(cat "${files[@]}" | wc -c)
largest=$(find . -name '*.txt' -printf '%s\n' | sort -n | tail -1)
big_bytes=$(stat -c %s "$work/big/000/000000.txt")

# measure NAME CORES BYTES COMMAND...: runs the command under /usr/bin/time -v and prints a
# line of the results table.
measure() {
	local name=$1 ncores=$2 nbytes=$3
	shift 3
	local envs=()
	if [[ $ncores == 1 ]]; then
		envs=(env GOMAXPROCS=1 "${pin[@]}")
	fi
	"${envs[@]}" /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null
	local wall rss cpu
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time.txt")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
	cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$work/time.txt")
	awk -v name="$name" -v c="$ncores" -v b="$nbytes" -v w="$wall" -v r="$rss" -v u="$cpu" \
		'BEGIN {printf "%-34s %5s %9.1f %8.2f %9.1f %12.1f %8.2f %10.1f\n", name, c, b / 1e6, w, (w > 0 ? b / 1e6 / w : 0), r / 1024, u, (u > 0 ? b / 1e6 / u : 0)}'
	echo "$wall $rss" >"$work/last.txt"
}

echo "The regime fell." >"$work/tiny.txt"

echo
echo "== slant annotate --format json: $(cat "$work/corpus.txt"), $cores cores"
printf "%-34s %5s %9s %8s %9s %12s %8s %10s\n" run cores MB "wall s" "MB/s" "peak RSS MB" "CPU s" "MB/CPU s"
measure "startup: default rubric" 1 0 "$work/slant" annotate --format json "$work/tiny.txt"
measure "startup: default + 10,000 terms" 1 0 "$work/slant" annotate --format json --rubric "$work/terms-default.toml" "$work/tiny.txt"
measure "default rubric" 1 "$bytes" "$work/slant" annotate --format json "${files[@]}"
measure "default rubric" "$cores" "$bytes" "$work/slant" annotate --format json "${files[@]}"
measure "default + 10,000 terms" 1 "$bytes" "$work/slant" annotate --format json --rubric "$work/terms-default.toml" "${files[@]}"
measure "default + 10,000 terms" "$cores" "$bytes" "$work/slant" annotate --format json --rubric "$work/terms-default.toml" "${files[@]}"

echo
echo "== slant check (the CI command) on the same corpus, default rubric, $cores cores: the formats"
echo "   that are one document for all files are written as files finish, so peak RSS does not"
echo "   grow with the corpus"
printf "%-34s %5s %9s %8s %9s %12s %8s %10s\n" run cores MB "wall s" "MB/s" "peak RSS MB" "CPU s" "MB/CPU s"
for format in text json sarif; do
	measure "check --format $format" "$cores" "$bytes" "$work/slant" check --format "$format" "${files[@]}"
done

echo
echo "== memory: a $big_mb MB document and 1000 articles, $cores cores"
printf "%-34s %5s %9s %8s %9s %12s %8s %10s\n" run cores MB "wall s" "MB/s" "peak RSS MB" "CPU s" "MB/CPU s"
some=("${files[@]:0:1000}")
some_bytes=$(cat "${some[@]}" | wc -c)
measure "big document + 1000 files" "$cores" $((big_bytes + some_bytes)) "$work/slant" annotate --format json "$work/big/000/000000.txt" "${some[@]}"
read -r _ rss <"$work/last.txt"
awk -v r="$rss" -v b="$big_bytes" -v l="$largest" 'BEGIN {
	printf "peak RSS %.1f MB = %.1f x the largest document (%.2f MB); the corpus files are at most %.1f KB\n", r / 1024, r * 1024 / b, b / 1e6, l / 1e3 }'
# The same document with every line break made a space: one paragraph on one line, as a
# text whose paragraphs are not separated at all is; slant cuts it between sentences.
tr '\n' ' ' <"$work/big/000/000000.txt" >"$work/big/one-line.txt"
measure "big document as one line" "$cores" "$big_bytes" "$work/slant" annotate --format json "$work/big/one-line.txt"
read -r _ rss <"$work/last.txt"
awk -v r="$rss" -v b="$big_bytes" 'BEGIN { printf "peak RSS %.1f MB = %.1f x the document\n", r / 1024, r * 1024 / b }'

echo
echo "== Vale and slant, the same 10,000 terms ($(cat "$work/terms.txt")), $cores cores"
vale=${VALE:-}
if [[ -z $vale ]]; then
	vale=$(go env GOPATH)/bin/vale
	if ! go version -m "$vale" 2>/dev/null | grep -q 'github.com/vale-cli/vale/v3[[:space:]]*v3.21.0'; then
		echo "installing Vale v3.21.0 (go install; a few minutes the first time)"
		go install github.com/vale-cli/vale/v3/cmd/vale@v3.21.0
	fi
fi
mkdir -p "$work/vale-corpus"
vale_want=$(awk -v m="$vale_mb" 'BEGIN {printf "%d", m * 1e6}')
vale_bytes=0
vale_files=0
for f in "${files[@]}"; do
	((vale_files == 0 || vale_bytes < vale_want)) || break
	cp "$f" "$work/vale-corpus/$(basename "$f")"
	vale_bytes=$((vale_bytes + $(stat -c %s "$f")))
	vale_files=$((vale_files + 1))
done
cat >"$work/vale.ini" <<EOF
StylesPath = $work/styles
MinAlertLevel = suggestion

[*.txt]
BasedOnStyles = Bench
EOF
cd "$work/vale-corpus"
mapfile -t vfiles < <(find . -name '*.txt' | sort)
printf "%-34s %5s %9s %8s %9s %12s %8s %10s %9s\n" run cores MB "wall s" "MB/s" "peak RSS MB" "CPU s" "MB/CPU s" matches
measure "startup: slant, 10,000 terms" "$cores" 0 "$work/slant" annotate --format json --rubric "$work/terms.toml" "$work/tiny.txt"
read -r slant_start _ <"$work/last.txt"
measure "startup: vale, 10,000 terms" "$cores" 0 "$vale" --config="$work/vale.ini" --output=line --no-exit "$work/tiny.txt"
read -r vale_start _ <"$work/last.txt"
"$work/slant" annotate --format json --rubric "$work/terms.toml" "${vfiles[@]}" >"$work/slant.json"
slant_matches=$(grep -c '"rule": "bench.terms"' "$work/slant.json" || true)
measure "slant, 10,000 terms" "$cores" "$vale_bytes" "$work/slant" annotate --format json --rubric "$work/terms.toml" "${vfiles[@]}" | sed "s/\$/ $(printf '%9s' "$slant_matches")/"
read -r slant_wall _ <"$work/last.txt"
"$vale" --config="$work/vale.ini" --output=line --no-exit "${vfiles[@]}" >"$work/vale.out"
vale_matches=$(wc -l <"$work/vale.out")
measure "vale, 10,000 terms" "$cores" "$vale_bytes" "$vale" --config="$work/vale.ini" --output=line --no-exit "${vfiles[@]}" | sed "s/\$/ $(printf '%9s' "$vale_matches")/"
read -r vale_wall _ <"$work/last.txt"
echo "$vale_files files, $(awk -v b="$vale_bytes" 'BEGIN {printf "%.2f", b / 1e6}') MB"
if [[ $slant_matches == "$vale_matches" ]]; then
	echo "same number of matches: $slant_matches"
else
	echo "DIFFERENT numbers of matches: slant $slant_matches, Vale $vale_matches"
fi
awk -v s="$slant_wall" -v v="$vale_wall" -v s0="$slant_start" -v v0="$vale_start" 'BEGIN {
	printf "slant is %.0f times as fast as Vale on these files (wall time), %.0f times leaving out each one'"'"'s startup\n", v / s, (v - v0) / (s - s0) }'
