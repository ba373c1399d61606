#!/usr/bin/env bash
# Fuzzes every reader with libFuzzer (Swift's -sanitize=fuzzer on Linux) for a bounded time each.
#   scripts/fuzz.sh [SECONDS_PER_READER] [READER…]      (default 60 s, all readers)
#   FUZZ_REPLAY=1 scripts/fuzz.sh                       replays Tests/BoardFormatsTests/Regression only
# Corpora are seeded at run time from ../shared/realdata (REALDATA=…), SampleData and Themes, copied into a
# private temporary directory (nothing real is written into the repository). A crash or hang leaves the
# input in $OUT/<reader>/ (crash-*, timeout-*, minimized-*); minimize it, commit it (synthetic bytes only)
# under Tests/BoardFormatsTests/Regression/<reader>/, add a regression test and fix the reader.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SECONDS_EACH="${1:-60}"; shift || true
READERS=("$@")
((${#READERS[@]})) || READERS=(vcf maf fhir phenopacket ctml ctgov ctgov-xml caselist civic cbioportal native theme)
REALDATA="${REALDATA:-$ROOT/../shared/realdata}"
OUT="${OUT:-$(mktemp -d /tmp/tumorboard-fuzz.XXXXXX)}"
mkdir -p "$OUT" && chmod 700 "$OUT"

echo "building the fuzzer (release, -sanitize=fuzzer)…"
# gold fails on this link (an internal error while reporting main's two definitions); lld takes the first.
(cd Fuzz && swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld 2>&1 | tail -1) || exit 1
FUZZER="$ROOT/Fuzz/.build-fuzz/release/BoardFuzz"

seed() { # seed READER — fills $OUT/READER/corpus
    local r=$1 c="$OUT/$1/corpus"
    mkdir -p "$c"
    cp_seeds() { local f; for f in "$@"; do [ -f "$f" ] && cp "$f" "$c/"; done; }
    case $r in
        vcf) cp_seeds "$REALDATA"/vcf/* ;;
        maf) cp_seeds "$REALDATA"/maf/* ;;
        fhir) cp_seeds "$REALDATA"/fhir/* ;;
        phenopacket) cp_seeds "$REALDATA"/phenopackets/* ;;
        ctml) cp_seeds "$REALDATA"/ctml/* ;;
        ctgov) cp_seeds "$REALDATA"/ctgov/*.json ;;
        ctgov-xml) cp_seeds "$REALDATA"/ctgov/*.xml ;;
        civic) cp_seeds "$REALDATA"/civic/*
               for f in "$REALDATA"/civic/*; do head -c 60000 "$f" > "$c/head-$(basename "$f")"; done ;;
        cbioportal) cp_seeds "$REALDATA"/cbioportal_clinical/* ;;
        native) cp_seeds SampleData/*.json ;;
        theme) cp_seeds Themes/*.yaml ;;
        caselist)
            printf 'Case,MRN,Name,DOB,Sex,Diagnosis,Stage,ECOG,Question,Minutes\nC-1,MRN-1,"Doe, Jane",1960-01-02,f,Lung adenocarcinoma,IVB,1,"Next line?",10\n' > "$c/a.csv"
            printf 'Fall\tPatientennummer\tNachname\tVorname\tGeburtsdatum\tEntität\tFrage\n7\t123\tMuster\tMax\t02.01.1960\tNSCLC\tTherapie?\n' > "$c/b.tsv" ;;
    esac
    # Past findings (synthetic) replayed first.
    [ -d "Tests/BoardFormatsTests/Regression/$r" ] && cp Tests/BoardFormatsTests/Regression/"$r"/* "$c/" 2>/dev/null
    return 0
}

declare -A RESULT
status=0
for r in "${READERS[@]}"; do
    seed "$r"
    dir="$OUT/$r"
    if [ -n "${FUZZ_REPLAY:-}" ]; then
        args=(-runs=0 "$dir/corpus")
    else
        args=(-max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 -max_len=131072
              -artifact_prefix="$dir/" -print_final_stats=1 "$dir/corpus")
    fi
    start=$(date +%s)
    # Swift's backtracer would take the crash signal first and libFuzzer would save no crash-* input.
    SWIFT_BACKTRACE=enable=no TB_FUZZ_READER="$r" "$FUZZER" "${args[@]}" > "$dir/log" 2>&1
    code=$?
    took=$(( $(date +%s) - start ))
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log" | grep -o '[0-9]*$')
    finds=$(ls "$dir" | grep -E '^(crash|timeout|oom|leak)-' | tr '\n' ' ')
    if [ $code -eq 0 ] && [ -z "$finds" ]; then
        RESULT[$r]="ok    ${took}s crash-free, ${runs:-?} inputs"
    else
        RESULT[$r]="FOUND after ${took}s: ${finds:-exit $code} (see $dir/log)"
        status=1
    fi
    printf '%-12s %s\n' "$r" "${RESULT[$r]}"
done
echo "artifacts and logs: $OUT"
exit $status
