#!/usr/bin/env bash
# Journey: what happened after the board's decision. `outcome add` records and refuses outcomes (one line: what,
# where, expected; exit 1; store unchanged), `outcome import` reads a timeline file, `followup` lists what is due;
# on the case screen's Outcomes tab an outcome is recorded with the form (asking before a change is lost) and
# `outcome list` then shows it. (The precedents journey extends this one.)
source "$(dirname "$0")/lib.sh"

S="$WORK/board.sqlite"
"$BIN" import --store "$S" "$ROOT"/SampleData/*.json >/dev/null

pass() { PASSED=$((PASSED + 1)); echo "ok   $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1"; }
# ok_run NAME TEXT COMMAND… — the command succeeds and prints TEXT.
ok_run() {
    local name=$1 text=$2; shift 2
    local out; out=$("$@" 2>&1); local rc=$?
    if [ $rc -eq 0 ] && grep -qF -- "$text" <<<"$out"; then pass "$name"; else fail "$name (exit $rc): $out"; fi
}
# refused NAME TEXT COMMAND… — the command exits 1 with TEXT on stderr and leaves the store as it was.
refused() {
    local name=$1 text=$2; shift 2
    local before; before=$(sqlite3 "$S" "select count(*), coalesce(max(seq), 0) from audit_event; select count(*) from outcome")
    local err; err=$("$@" 2>&1 >/dev/null); local rc=$?
    local after; after=$(sqlite3 "$S" "select count(*), coalesce(max(seq), 0) from audit_event; select count(*) from outcome")
    if [ $rc -eq 1 ] && grep -qF -- "$text" <<<"$err" && [ "$before" = "$after" ] && [ "$(wc -l <<<"$err")" -eq 1 ]; then
        pass "$name"
    else
        fail "$name (exit $rc, store $([ "$before" = "$after" ] && echo unchanged || echo CHANGED)): $err"
    fi
}

T=(--store "$S" --user alice)
ok_run "a treatment start is recorded" "added outcome O-C-0001-1" \
    "$BIN" outcome add "${T[@]}" C-0001 --kind treatment-started --date 2026-11-23 --drug osimertinib --followed yes --decision D-0001
refused "a response before the treatment started is refused" "--date: expected a response on or after the treatment started (2026-11-23), got 2026-11-20" \
    "$BIN" outcome add "${T[@]}" C-0001 --kind response --date 2026-11-20 --criteria RECIST --response PR
refused "a grade below 3 is refused, naming the option" "--grade: expected a CTCAE grade 3–5, got 2" \
    "$BIN" outcome add "${T[@]}" C-0001 --kind toxicity --date 2026-11-25 --grade 2 --term Diarrhoea
refused "criteria the diagnosis does not call for are refused" "--criteria: expected criteria for LUAD: RECIST 1.1 or iRECIST, got RANO" \
    "$BIN" outcome add "${T[@]}" C-0001 --kind response --date 2026-11-25 --criteria RANO --response PR
refused "a date in the future is refused" "--date: expected a date not after" \
    "$BIN" outcome add "${T[@]}" C-0001 --kind progression --date 2099-01-01
refused "a date not on the calendar is refused" "--date: expected a real calendar date" \
    "$BIN" outcome add "${T[@]}" C-0001 --kind progression --date 2026-02-30
refused "an unknown kind is refused with the kinds" "--kind: expected one of treatment-started" \
    "$BIN" outcome add "${T[@]}" C-0001 --kind cured --date 2026-11-25
refused "an unknown case is refused" "no case C-9999" \
    "$BIN" outcome add "${T[@]}" C-9999 --kind death --date 2026-11-25
ok_run "a response after the start is recorded" "response: RECIST 1.1 PR" \
    "$BIN" outcome add "${T[@]}" C-0001 --kind response --date 2026-11-30 --criteria recist1.1 --response pr --treatment O-C-0001-1
ok_run "outcome list shows both by date" "2026-11-30  O-C-0001-2  response: RECIST 1.1 PR" "$BIN" outcome list --store "$S" C-0001
ok_run "outcome list --json gives the records" '"kind" : "treatment-started"' "$BIN" outcome list --store "$S" C-0001 --json
if sqlite3 "$S" "select action from audit_event where entity = 'outcome' and case_id = 'C-0001'" | grep -c "outcome.add" | grep -qx 2; then
    pass "each outcome is an audit event"
else fail "audit events missing"; fi

# Retraction: an outcome entered in error is kept, marked and audited, never deleted; it then counts for nothing.
refused "a retraction needs a reason" "outcome O-C-0001-2 not retracted: --reason: expected why the outcome is retracted" \
    "$BIN" outcome retract "${T[@]}" O-C-0001-2 --reason "  "
refused "a treatment start is not retracted while its response stands" "retract or correct O-C-0001-2 (2026-11-30 response) first" \
    "$BIN" outcome retract "${T[@]}" O-C-0001-1 --reason "wrong drug"
ok_run "the response is retracted with its reason" "retracted outcome O-C-0001-2 of C-0001 (version 2)" \
    "$BIN" outcome retract "${T[@]}" O-C-0001-2 --reason "scan of another patient"
ok_run "outcome list shows it retracted, not deleted" "O-C-0001-2  RETRACTED (scan of another patient): response: RECIST 1.1 PR" \
    "$BIN" outcome list --store "$S" C-0001
ok_run "outcome list --json carries the retraction" '"retractedBy" : "alice"' "$BIN" outcome list --store "$S" C-0001 --json
refused "a retracted outcome is not retracted again" "a retracted outcome is not changed" \
    "$BIN" outcome retract "${T[@]}" O-C-0001-2 --reason again
if [ "$(sqlite3 "$S" "select user || ' ' || action from audit_event where entity_id = 'O-C-0001-2' order by seq desc limit 1")" = "alice outcome.retract" ]; then
    pass "the retraction is an audit event of alice's"
else fail "no outcome.retract audit event"; fi

# A timeline file: days count from the case's diagnosis (C-0009 was diagnosed on 2025-08-04).
printf 'PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\tTREATMENT_TYPE\tSUBTYPE\tAGENT\tSTATUS\nC-0009\t10\t40\tTREATMENT\tMedical Therapy\tChemotherapy\tgemcitabine + cisplatin\t\nC-0009\t35\t\tSTATUS\t\t\t\tProgression\nC-0009\t5\t\tSPECIMEN\t\t\t\t\n' >"$WORK/timeline.txt"
ok_run "a timeline file imports with its account" "3 records read, 1 skipped" "$BIN" outcome import "${T[@]}" "$WORK/timeline.txt"
ok_run "its treatment starts on diagnosis + 10 days" "2025-08-14  O-C-0009-1  treatment started: Medical Therapy: Chemotherapy: gemcitabine + cisplatin" "$BIN" outcome list --store "$S" C-0009
ok_run "importing it again adds nothing" "0 added, 3 already recorded" "$BIN" outcome import "${T[@]}" "$WORK/timeline.txt"

ok_run "followup lists what comes due" "Follow-up: 0 due, 0 overdue" "$BIN" followup --store "$S" --due-by 2027-03-01
ok_run "followup names the reason" "C-0009  upcoming 2027-02-11" "$BIN" followup --store "$S" --due-by 2027-03-01
refused "followup refuses a bad date" "--due-by: expected a real calendar date" "$BIN" followup --store "$S" --due-by 2027-13-01

# On screen: the Outcomes tab and its form.
start 140 40 "'$BIN' --store '$S' --user alice"
check "the board opens" "Meetings ("
literal ":case C-0009"
keys Enter
check "case opens" "Intrahepatic"
keys 7
check "the Outcomes tab lists the imported events" "treatment started: Medical Therapy: Chemotherapy"
keys G R
check "R asks why the selected outcome is retracted" "Retract O-C-0009-2 (2025-09-13 treatment stopped): why?"
literal "entered on the wrong case"
keys Enter
check "then asks again, Cancel first" "Retract O-C-0009-2?"
keys Right Enter
check "the retraction is kept and marked" "RETRACTED (entered on the wrong case): treatment stopped"
check "the tab counts standing outcomes" "Outcomes 2"
keys o
check "the outcome form opens" "new outcome"
keys l l
check "the kind steps to response" "‹ response ›"
keys Escape
check "leaving with a change asks first" "Save the outcome before closing?"
keys Right Enter
check "discarded: back on the case" "Outcomes 2"
keys o
check "a fresh form" "‹ treatment started ›"
keys j j Enter
literal "pemigatinib"
keys Enter
keys j Enter
literal "pemigatinib"
keys Enter
keys j Enter
check "followed the recommendation: yes" "‹ yes ›"
keys s
check "saved from the screen" "saved: "
check "the tab shows it" "treatment started: pemigatinib"
keys q
check "quit" "EXIT=0"
ok_run "outcome list sees the outcome recorded on screen" "treatment started: pemigatinib; as recommended" "$BIN" outcome list --store "$S" C-0009
if sqlite3 "$S" "select user from audit_event where entity = 'outcome' order by seq desc limit 1" | grep -qx alice; then
    pass "the screen's outcome is audited as alice's"
else fail "no audit event for the screen's outcome"; fi

# Precedents: the outcome recorded on C-0009 (FGFR2::BICC1 cholangiocarcinoma) shows among the precedents of an earlier
# case with the same fusion, with the swimmer plot; then on the case screen's Precedents tab.
ok_run "precedents rank C-0009 with the same fusion" "same FGFR2 fusion (FGFR2::BICC1)" "$BIN" precedents --store "$S" C-0028
ok_run "its outcome recorded on screen is among them" "treatment started: pemigatinib" "$BIN" precedents --store "$S" C-0028 --limit 20
ok_run "the swimmer plot has its legend" "● response (CR/PR)" "$BIN" precedents --store "$S" C-0028
ok_run "precedents --json carries the course" '"course"' "$BIN" precedents --store "$S" C-0028 --json
refused "precedents of an unknown case" "no case C-9999" "$BIN" precedents --store "$S" C-9999
start 140 50 "'$BIN' --store '$S' --user alice"
check "the board opens again" "Meetings ("
literal ":case C-0028"
keys Enter
check "the earlier case opens" "Intrahepatic"
keys 8
check "the Precedents tab groups the earlier cases" "earlier cases with FGFR2 fusion, IHCH"
check "and says why each is similar" "why: same diagnosis (IHCH); same FGFR2 fusion (FGFR2::BICC1)"
keys q
check "quit" "EXIT=0"

# The follow-up queue as a screen, at 80×24: F on Home lists each due case once with every reason; Enter opens the
# case on its Outcomes tab; a adds it to the next meeting of the board that decided it, the reason as a note.
"$BIN" followup --store "$S" --set-no-outcome-days 5 >/dev/null
ok_run "followup lists C-0011 once with its reason" "no outcome recorded within 5 days" "$BIN" followup --store "$S"
if [ "$("$BIN" followup --store "$S" | cut -d' ' -f1 | sort | uniq -d | wc -l)" -eq 0 ]; then
    pass "no case is listed twice"
else fail "a case is listed twice"; fi
BOARD=$(sqlite3 "$S" "select m.board_id from decision d join meeting m on m.id = d.meeting_id where d.id = 'D-0011'")
"$BIN" meeting new --store "$S" --board "$BOARD" --starts "2099-01-07 15:00" >/dev/null
start 80 24 "'$BIN' --store '$S' --user alice"
check "the board opens at 80 columns" "Meetings ("
keys F
check "F opens the follow-up screen" "Follow-up: "
check "with the first case and its reason in full" "C-0011 · Gastrointestinal stromal tumour"
keys Enter
check "Enter opens the case on its Outcomes tab" "Outcomes 0"
check "every tab is named at 80 columns" "Sum │ Mol"
keys Escape
check "Esc goes back to the queue" "Enter open the case"
keys a
check "a asks before adding, with the reason" "Add C-0011 to the next meeting?"
keys Right Enter
check "the case is added to its board's next meeting" "C-0011 added to"
keys q
check "quit" "EXIT=0"
if sqlite3 "$S" "select text from note where case_id = 'C-0011' order by rowid desc limit 1" | grep -qF "Back for follow-up (meeting"; then
    pass "the reason is written as a note on the case"
else fail "no follow-up note on C-0011"; fi

finish
