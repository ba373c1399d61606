#!/usr/bin/env bash
# Journey (issue 12): evidence reads with its direction on the command line and on screen, Enter on a finding
# opens its detail, privacy mode masks the patient's identifiers inside free text and is remembered across a
# restart in a private file, and invalid values are refused at the command line.
source "$(dirname "$0")/lib.sh"


S="$WORK/store/board.sqlite"
"$BIN" import --store "$S" "$ROOT"/SampleData/*.json >/dev/null 2>&1 || fail "import the sample board"
# A referral-letter note naming the patient of C-0001 (synthetic sample patient).
"$BIN" note add --store "$S" C-0001 --text "Frau Trần (MRN-104233, geb. 14.03.1961) asks about the trial." >/dev/null 2>&1 || fail "add a note"

# Evidence with its direction: resistance is never shown as a therapy.
out=$("$BIN" export case --store "$S" C-0001 --width 200)
has "export shows the sensitivity item first" "$out" "MET amplification (CN 9) [sensitivity to Osimertinib + Savolitinib, ESCAT II-B; resistance to Osimertinib, CIViC B]"
lacks "export no longer shows resistance as a therapy" "$out" "[CIViC B, Osimertinib]"
out=$("$BIN" show --store "$S" C-0001 --finding C-0001-F02)
has "show --finding lists every evidence item" "$out" "2. resistance to Osimertinib, CIViC B"
has "show --finding says it is not a treatment option" "$out" "supports resistance — not a treatment option"
has "show --finding names the specimen" "$out" "Specimen      S-26-18842"
"$BIN" show --store "$S" C-0001 --finding NOPE >/dev/null 2>&1; [ $? -eq 1 ] && pass "an unknown finding exits 1" || fail "unknown finding exit code"

# One de-identifier for every output: the identifiers inside the note are masked too.
for cmd in "show --deidentify" "export case --deidentify --width 200"; do
    out=$("$BIN" $cmd --store "$S" C-0001)
    lacks "$cmd masks the MRN in free text" "$out" "MRN-104233"
    lacks "$cmd masks the birth date in free text" "$out" "14.03.1961"
    lacks "$cmd masks the name in free text" "$out" "Trần"
    has "$cmd keeps the rest of the note" "$out" "asks about the trial"
done

"$BIN" meeting outcome --store "$S" --reason "Frau Schönberger wants a second opinion" M-2026-12-03-MTB C-0006 deferred >/dev/null 2>&1
out=$("$BIN" meeting show --deidentify --store "$S" M-2026-12-03-MTB)
lacks "meeting show --deidentify masks the name in a deferral reason" "$out" "Schönberger"
has "meeting show --deidentify keeps the reason" "$out" "wants a second opinion"

# Identifiers of the Safe Harbor classes written in free text are masked everywhere; clinical values stay.
"$BIN" note add --store "$S" C-0001 --text "Frau T. (+41 79 555 12 34, trang.t@example.org, Bahnhofstrasse 12a, 8001 Zürich, AHV 756.1234.5678.97) agrees; c.1799T>A at 34%, 80 mg, cT2aN1M0." >/dev/null 2>&1 || fail "add a note with contact details"
for cmd in "show --deidentify" "export case --deidentify --width 200"; do
    out=$("$BIN" $cmd --store "$S" C-0001)
    for id in "+41 79" "trang.t@" "Bahnhofstrasse" "8001 Zürich" "756.1234" "Frau T."; do lacks "$cmd masks $id" "$out" "$id"; done
    has "$cmd keeps clinical values" "$out" "c.1799T>A at 34%, 80 mg, cT2aN1M0."
done

# A deceased patient (real FHIR record, when the shared real data is present): deceased with the age at death.
R=/work/shared/realdata
if ls "$R"/fhir/Brady998_*.json >/dev/null 2>&1; then
    D="$WORK/store/deceased.sqlite"
    "$BIN" import --store "$D" "$R"/fhir/Brady998_*.json >/dev/null 2>&1 || fail "import the deceased patient"
    id=$("$BIN" cases --store "$D" | head -1 | cut -f1)
    out=$("$BIN" show --store "$D" "$id")
    has "show says deceased with the date" "$out" "deceased (1990-07-29"
    has "show gives the age at death" "$out" "y at death"
    lacks "show gives no current age" "$out" "107 y"
    has "cases says deceased" "$("$BIN" cases --store "$D")" " m, deceased)"
    out=$("$BIN" show --deidentify --store "$D" "$id")
    lacks "show --deidentify hides the date of death" "$out" "1990-07-29"
    has "show --deidentify still says deceased" "$out" "deceased (date removed"
fi

# Valid values at the command line.
"$BIN" meeting add-case --store "$S" --minutes 300 M-NONE C-0001 >/dev/null 2>"$WORK/err"; code=$?
[ $code -ne 0 ] && grep -qF "expected planned minutes 1–240, got 300" "$WORK/err" && pass "--minutes 300 is refused with the reason" || fail "--minutes 300: exit $code $(cat "$WORK/err")"

# On screen: privacy mode with free text, remembered across a restart; the finding detail view.
STATE="$WORK/state"
start 160 44 "XDG_STATE_HOME='$STATE' '$BIN' --store '$S'"
check "home screen" "Meetings ("
literal ":"
literal "case C-0001"
keys Enter
keys 4
check "the note is shown as written" "Frau Trần (MRN-104233"
keys p
check "privacy mode is on" "PRIVACY ON"
check "the note's identifiers are masked" "([removed], geb. [removed]) asks about the trial"
check_absent "no MRN on screen" "MRN-104233"
check_absent "no birth date on screen" "14.03.1961"
keys q
check "quits" "EXIT=0"
mode=$(stat -c %a "$STATE/tumorboard/privacy" 2>/dev/null)
[ "$mode" = 600 ] && pass "privacy preference file is 0600" || fail "privacy preference mode ${mode:-missing}"

start 160 44 "XDG_STATE_HOME='$STATE' '$BIN' --store '$S'"
check "privacy mode is remembered after a restart" "PRIVACY ON"
literal ":"
literal "case C-0001"
keys Enter
keys 2
check "molecular tab reads resistance in words" "resistance: Osimertinib"
keys j
keys Enter
check "Enter opens the finding detail" "Evidence (2), treatment options first"
check "the detail names the resistance item" "2. resistance to Osimertinib, CIViC B"
check "the detail gives the direction in words" "supports resistance — not a treatment option"
keys Escape
check "Esc goes back to the case" "sorted by evidence"
keys p
check_gone "privacy mode off" "PRIVACY ON"
keys q
check "quits again" "EXIT=0"
[ "$(cat "$STATE/tumorboard/privacy" 2>/dev/null)" = "off" ] && pass "turning privacy off is remembered" || fail "privacy file says $(cat "$STATE/tumorboard/privacy" 2>/dev/null)"

finish
