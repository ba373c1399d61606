#!/usr/bin/env bash
# Adding one trial to a big store (issue 20: ≤ 1 s on 100,000 cases, re-matching only against that trial).
# Imports one synthetic trial at a time (native tumorboard/1 JSON written here, a new NCT id each run) into STORE
# with the release build, timing the whole `tumorboard import` (open, write, the gate, re-match, store matches), and
# reports each run, the best and the median, the load average, and what was stored for the trial.
# Two shapes: "narrow" (FGFR2 fusion in intrahepatic cholangiocarcinoma: the gate admits IHCH cases and cases with
# an FGFR2 finding) and "broad" (any EGFR mutation in lung adenocarcinoma: every LUAD case is at least a near miss,
# 19,501 of the 100,000 generated cases).
# STORE is written to: pass a copy, never a shared original (e.g. cp /work/bench/s100k-v11.sqlite /tmp/NAME.sqlite).
# Usage: scripts/bench-add-trial.sh STORE [RUNS]   (TUMORBOARD=path to use another binary; run under nice -n 19)
set -euo pipefail
cd "$(dirname "$0")/.."
STORE="${1:?usage: scripts/bench-add-trial.sh STORE [RUNS]}"
RUNS="${2:-3}"
[ -n "${TUMORBOARD:-}" ] || swift build -c release --product tumorboard >/dev/null
TB="${TUMORBOARD:-$(swift build -c release --show-bin-path)/tumorboard}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }

# A write command migrates the copy first, so the timed runs import only.
"$TB" store init --store "$STORE" >/dev/null

# trial_json ID SHAPE: one synthetic trial in the native format.
trial_json() {
    local id="$1" shape="$2" diagnosis genomic title
    if [ "$shape" = narrow ]; then
        diagnosis='"IHCH"'
        genomic='{"hugo_symbol": "FGFR2", "variant_category": "Structural Variation"}'
        title="FGFR2 fusion-directed therapy in intrahepatic cholangiocarcinoma (synthetic bench $id)"
    else
        diagnosis='"LUAD"'
        genomic='{"hugo_symbol": "EGFR", "variant_category": "Mutation"}'
        title="EGFR-directed therapy in lung adenocarcinoma (synthetic bench $id)"
    fi
    cat <<EOF
{"format": "tumorboard/1", "trials": [{
  "id": "$id", "title": "$title", "phase": "Phase 2", "status": "RECRUITING",
  "sponsor": "Synthetic Oncology Group", "sites": [],
  "eligibility": {
    "conditions": [], "diagnoses": [$diagnosis], "minimumAge": 18,
    "criteria": {"and": [{"clinical": {"age_numerical": ">=18", "oncotree_primary_diagnosis": $diagnosis}},
                         {"genomic": $genomic}]},
    "inclusionText": "* ECOG ≤ 1\n* Measurable disease per RECIST 1.1\n* At least one prior line for advanced disease",
    "exclusionText": "* Prior treatment with a drug of the same class\n* Untreated brain metastases"
  },
  "arms": [{"id": "A", "name": "Arm A", "open": true, "drugs": ["investigational agent $id"]}]
}]}
EOF
}

for shape in narrow broad; do
    times=()
    for run in $(seq 1 "$RUNS"); do
        id="NCT99$(date +%s | tail -c 5)$run$([ "$shape" = narrow ] && echo 1 || echo 2)"
        trial_json "$id" "$shape" >"$WORK/$id.json"
        before="$(load)"
        /usr/bin/time -f "%e %M" -o "$WORK/time" "$TB" import --store "$STORE" "$WORK/$id.json" >"$WORK/out"
        read -r seconds kb <"$WORK/time"
        stored="$(sqlite3 -readonly "$STORE" "SELECT count(DISTINCT case_id) FROM trial_match WHERE trial_id = '$id'")"
        echo "$shape run $run ($id): ${seconds} s, ${kb} KB peak, $stored cases with a stored match," \
            "load $before; $(grep -i 'trial matches' "$WORK/out" || echo 'no matching line')"
        times+=("$seconds")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk -v shape="$shape" -v load="$(load)" \
        '{ t[NR] = $1 } END { printf "add one %s trial: best %.2f s, median %.2f s (%d runs, load %s)\n", shape, t[1], t[int((NR + 1) / 2)], NR, load }'
done
