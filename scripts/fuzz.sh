#!/usr/bin/env bash
# Fuzzes every reader with libFuzzer (Swift's -sanitize=fuzzer on Linux), with AddressSanitizer and
# UndefinedBehaviorSanitizer and without, for a bounded time each.
#   scripts/fuzz.sh [-s plain|asan-ubsan|both] [-j JOBS] [SECONDS_PER_READER] [READER…]
#       -s   which build(s) to run: plain (libFuzzer coverage only) or asan-ubsan (AddressSanitizer on Swift and C,
#            UndefinedBehaviorSanitizer on the C code)
#            or both (default; every reader runs under each build for SECONDS_PER_READER)
#       -j   readers fuzzed at the same time (default 1); wall time is about ceil(readers / JOBS) × SECONDS,
#            each reader's share of the CPU falls as JOBS rises (run under `nice` on a shared machine)
#   FUZZ_TIMEOUT=120                   libFuzzer's per-input timeout in seconds (default 25; raise it on a loaded machine)
#   FUZZ_CONFIG=debug                  builds the harness unoptimised (default release): a fraction of the build time
#                                      on a loaded machine (incremental, one job per core), fewer executions a second
#   FUZZ_REPLAY=1 scripts/fuzz.sh      replays the seeds and Tests/BoardFormatsTests/Regression only (no fuzzing)
#   FUZZ_KEEP=1                        copies each minimized finding into Tests/BoardFormatsTests/Regression/<reader>/
#                                      (review it first: only synthetic bytes may be committed)
# Defaults: 60 s per reader, every reader. Run long jobs under `nice -n 19`.
# Corpora are seeded at run time from ../shared/realdata (REALDATA=…), SampleData, Themes and Fuzz/Seeds (synthetic
# inputs taken from the unit tests), copied into a private temporary directory (nothing real is written into the
# repository). A crash, sanitizer report or hang leaves the input in $OUT/<build>/<reader>/ (crash-*, timeout-*, oom-*, leak-*) and a minimized copy
# (minimized-*); commit it (synthetic bytes only) under Tests/BoardFormatsTests/Regression/<reader>/, where
# `swift test` replays it (RegressionTests), and fix the reader.
# The summary (reader, build, seconds, executions, result) is printed and written to $OUT/summary.tsv.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BUILDS=both
JOBS=1
CONFIG="${FUZZ_CONFIG:-release}"
while getopts "s:j:" opt; do
    case $opt in
        s) BUILDS=$OPTARG ;;
        j) JOBS=$OPTARG ;;
        *) echo "usage: scripts/fuzz.sh [-s plain|asan-ubsan|both] [-j JOBS] [SECONDS] [READER…]" >&2; exit 64 ;;
    esac
done
shift $((OPTIND - 1))
case $BUILDS in
    plain) BUILDS=(plain) ;;
    asan-ubsan) BUILDS=(asan-ubsan) ;;
    both) BUILDS=(plain asan-ubsan) ;;
    *) echo "fuzz.sh: -s must be plain, asan-ubsan or both" >&2; exit 64 ;;
esac
SECONDS_EACH="${1:-60}"; shift || true
ALL=(vcf maf fhir phenopacket cbioportal ctgov ctgov-xml ctml civic caselist native theme cohort outcome-fhir outcome-timeline
     outcome-native detect minutes)
READERS=("$@")
((${#READERS[@]})) || READERS=("${ALL[@]}")
for r in "${READERS[@]}"; do
    [[ " ${ALL[*]} " == *" $r "* ]] || { echo "fuzz.sh: no reader named $r; expected one of: ${ALL[*]}" >&2; exit 64; }
done
REALDATA="${REALDATA:-$ROOT/../shared/realdata}"
OUT="${OUT:-$(mktemp -d /tmp/tumorboard-fuzz.XXXXXX)}"
mkdir -p "$OUT" && chmod 700 "$OUT"

build() { # build plain|asan-ubsan — prints the fuzzer's path
    local kind=$1 flags
    # Swift code gets libFuzzer coverage (and ASan); the C in the build (libyaml inside Yams) gets coverage,
    # ASan and UBSan. swiftc has no -sanitize=undefined on Linux: Swift traps on overflow and out-of-bounds
    # access itself, which libFuzzer reports as a crash in either build.
    if [ "$kind" = asan-ubsan ]; then
        flags=(-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address,undefined
               -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined)
    else
        flags=(-Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link)
    fi
    echo "building the $kind fuzzer ($CONFIG, ${flags[*]})…" >&2
    # gold fails on this link (an internal error while reporting main's two definitions); lld takes the first.
    local log="$OUT/build-$kind.log"
    if ! (cd Fuzz && swift build -c "$CONFIG" --scratch-path ".build-fuzz-$kind" "${flags[@]}" \
            -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld > "$log" 2>&1); then
        grep -E 'error|warning: unable' "$log" | head -20 >&2
        echo "fuzz.sh: the $kind build failed (log: $log)" >&2
        return 1
    fi
    echo "$ROOT/Fuzz/.build-fuzz-$kind/$CONFIG/BoardFuzz"
}

seed() { # seed READER DIR — fills DIR with the reader's seed corpus
    local r=$1 c=$2 f
    mkdir -p "$c"
    cp_seeds() { # copies files, keeping at most 128 KiB (libFuzzer's -max_len) of each
        for f in "$@"; do
            [ -f "$f" ] || continue
            # Compressed files go in twice: inflated (the text) and as they are (the in-process gzip/bgzip reader).
            if [[ $f == *.gz ]]; then gzip -dc "$f" 2>/dev/null | head -c 131072 > "$c/$(basename "${f%.gz}")"; fi
            head -c 131072 "$f" > "$c/$(basename "$f")"
        done
    }
    case $r in
        vcf) cp_seeds "$REALDATA"/vcf/* ;;
        maf) cp_seeds "$REALDATA"/maf/* ;;
        fhir) cp_seeds "$REALDATA"/fhir/* ;;
        phenopacket) cp_seeds "$REALDATA"/phenopackets/* ;;
        # Clinical patient and sample files and timeline files.
        cbioportal) cp_seeds "$REALDATA"/cbioportal_clinical/* ;;
        ctgov) cp_seeds "$REALDATA"/ctgov/*.json ;;
        ctgov-xml) cp_seeds "$REALDATA"/ctgov/*.xml ;;
        # YAML and JSON.
        ctml) cp_seeds "$REALDATA"/ctml/* ;;
        # Every CIViC TSV: clinical evidence (both layouts), assertion and variant summaries.
        civic) cp_seeds "$REALDATA"/civic/*
               for f in "$REALDATA"/civic/*; do [ -f "$f" ] && head -c 8000 "$f" > "$c/head-$(basename "$f")"; done ;;
        native) cp_seeds SampleData/*.json ;;
        theme) cp_seeds Themes/*.yaml ;;
        # The sample board's partner cohort (fictional) and the unit tests' cohort files.
        cohort) cp_seeds SampleData/partner/*.json ;;
        # FHIR with disease status and medications: the synthetic realdata bundles (Synthea, HL7 mCODE examples).
        outcome-fhir) cp_seeds "$REALDATA"/fhir/* ;;
        # The cbpManager test patient's timeline (synthetic).
        outcome-timeline) cp_seeds "$REALDATA"/cbioportal_clinical/data_timeline_*.txt ;;
        # The sample board's outcome records, as an outcome file ({"outcomes": [...]}) and as a bare list.
        outcome-native)
            python3 -c 'import json, sys; o = json.load(open(sys.argv[1]))["outcomes"]
json.dump({"outcomes": o}, open(sys.argv[2], "w"), indent=1); json.dump(o[:6], open(sys.argv[3], "w"))' \
                SampleData/boards.json "$c/sample-outcomes.json" "$c/sample-list.json" ;;
        # The first 8 kB of a file of every format, plain and compressed, and an OncoTree release.
        detect)
            for f in SampleData/*.json SampleData/partner/*.json "$REALDATA"/{vcf,maf,fhir,phenopackets,cbioportal_clinical,ctgov,ctml,civic,oncotree}/*; do
                [ -f "$f" ] && head -c 8192 "$f" > "$c/head-$(basename "$(dirname "$f")")-$(basename "$f")"
            done
            cp_seeds "$REALDATA"/vcf/*.gz ;;
        # The sample board's golden minutes (text, Markdown, de-identified): what `verify --against` reads.
        minutes) cp_seeds Tests/BoardStoreTests/Golden/minutes-* ;;
        caselist) # The spreadsheet case list as Excel and LibreOffice export it (synthetic rows).
            printf 'Case,MRN,Name,DOB,Sex,Diagnosis,Stage,ECOG,Question,Minutes\nC-1,MRN-1,"Doe, Jane",1960-01-02,f,Lung adenocarcinoma,IVB,1,"Next line?",10\n' > "$c/a.csv"
            printf 'Fall\tPatientennummer\tNachname\tVorname\tGeburtsdatum\tEntität\tFrage\n7\t123\tMuster\tMax\t02.01.1960\tNSCLC\tTherapie?\n' > "$c/b.tsv"
            printf '\xef\xbb\xbfCase;Name;Diagnosis;Position;Consent\r\nC-2;"Roe; ""Rick""";Colon cancer;2;yes\r\n' > "$c/c.csv" ;;
    esac
    # Synthetic seeds from the unit tests' cases (specification examples).
    if [ -d "Fuzz/Seeds/$r" ]; then cp Fuzz/Seeds/"$r"/* "$c/" 2>/dev/null; fi
    # Past findings (synthetic) replayed first.
    if [ -d "Tests/BoardFormatsTests/Regression/$r" ]; then cp Tests/BoardFormatsTests/Regression/"$r"/* "$c/" 2>/dev/null; fi
    return 0
}

fuzz() { # fuzz BUILD FUZZER READER — one reader, one line of summary on stdout
    local kind=$1 fuzzer=$2 r=$3 dir="$OUT/$1/$3" args code start took runs finds
    mkdir -p "$dir"
    seed "$r" "$dir/corpus"
    if [ -n "${FUZZ_REPLAY:-}" ]; then
        args=(-runs=0 "$dir/corpus")
    else
        # The timeout is wall time: generous, because this runs at the lowest priority beside builds.
        args=(-max_total_time="$SECONDS_EACH" -timeout="${FUZZ_TIMEOUT:-25}" -rss_limit_mb=3072 -max_len=131072
              -artifact_prefix="$dir/" -print_final_stats=1 "$dir/corpus")
    fi
    start=$(date +%s)
    # Swift's backtracer would take the crash signal first and libFuzzer would save no crash-* input.
    # UBSan stops at its first report (a finding), and its reports carry a stack.
    SWIFT_BACKTRACE=enable=no UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 TB_FUZZ_READER="$r" \
        "$fuzzer" "${args[@]}" > "$dir/log" 2>&1
    code=$?
    took=$(( $(date +%s) - start ))
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log" | grep -o '[0-9]*$' | tail -1)
    [ -n "$runs" ] || runs=$(grep -o '^Done [0-9]* runs' "$dir/log" | grep -o '[0-9]*' | tail -1)
    finds=$(ls "$dir" | grep -E '^(crash|timeout|oom|leak)-' | tr '\n' ' ')
    for f in $(ls "$dir" | grep -E '^crash-'); do
        SWIFT_BACKTRACE=enable=no UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
            TB_FUZZ_READER="$r" "$fuzzer" -minimize_crash=1 -max_total_time=60 \
            -exact_artifact_path="$dir/minimized-$f" "$dir/$f" > "$dir/minimize-$f.log" 2>&1
        if [ -n "${FUZZ_KEEP:-}" ] && [ -f "$dir/minimized-$f" ]; then
            mkdir -p "Tests/BoardFormatsTests/Regression/$r"
            cp "$dir/minimized-$f" "Tests/BoardFormatsTests/Regression/$r/$f"
        fi
    done
    if [ $code -eq 0 ] && [ -z "$finds" ]; then
        printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$kind" "$took" "${runs:-?}" "ok"
    else
        printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$kind" "$took" "${runs:-?}" "FOUND ${finds:-exit $code} (log $dir/log)"
    fi
}

status=0
printf 'reader\tbuild\tseconds\texecutions\tresult\n' > "$OUT/summary.tsv"
for kind in "${BUILDS[@]}"; do
    fuzzer=$(build "$kind") || exit 1
    running=0
    for r in "${READERS[@]}"; do
        fuzz "$kind" "$fuzzer" "$r" >> "$OUT/summary.tsv" &
        running=$((running + 1))
        if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
    done
    wait
done
grep -q $'\tFOUND' "$OUT/summary.tsv" && status=1
column -t -s $'\t' "$OUT/summary.tsv" 2>/dev/null || cat "$OUT/summary.tsv"
echo "artifacts, logs and summary.tsv: $OUT"
exit $status
