#!/usr/bin/env bash
# Journey (issue 15, the meeting room) at 100x30, 160x48 and 80x24: the evidence column keeps level and direction
# in meeting mode's narrow right pane; a bad start time keeps the board and the typed time; the coordinator corrects
# a case's details on the case screen (a refused value stays in the prompt); the checklist says why a glioma needs
# no stage.
source "$(dirname "$0")/lib.sh"

STORE="$WORK/board.sqlite"
"$BIN" import --store "$STORE" "$ROOT"/SampleData/*.json >/dev/null || { echo "FAIL cannot import the sample board"; echo "0 passed, 1 failed"; exit 1; }

start 100 30 "'$BIN' --store '$STORE' --user coordinator"
check "home screen" "Meetings ("
keys :; literal "meeting M-2026-12-03-MTB"; keys Enter
check "meeting opens" "Agenda"
keys M
check "meeting mode, planned time with its zone" "planned 2026-12-03 15:00 UTC"
keys ">" ">" ">"
check "fourth case" "Case 4/8 C-0007"
keys 2
check "evidence level fits the narrow pane by rule" "AMP I-A"
check_absent "the level is never cut to AMP/ASCO…" "AMP/ASCO…"
keys "<" "<" "<"
check "resistance stays visible in the drug column" "resist.: Pembro"
keys q
check "quits" "EXIT=0"

start 160 48 "'$BIN' --store '$STORE' --user coordinator"
check "home screen (160x48)" "Meetings ("
keys N
check "new meeting asks for the board" "Board ("
keys C-u; literal "mtb"; keys Enter
check "then the start, zone named" "Starts (YYYY-MM-DD HH:MM, UTC):"
keys C-u; literal "2027-01-14 25:00"; keys Enter
check "a bad time is refused" "is not a time"
check "and the typed time is kept" "Starts (YYYY-MM-DD HH:MM, UTC): 2027-01-14 25:00"
keys BSpace BSpace BSpace BSpace BSpace; literal "15:00"; keys Enter
check "the board was kept: preparation opens" "Prepare M-2027-01-14-MTB"
keys q
check "quits (160x48)" "EXIT=0"

start 80 24 "'$BIN' --store '$STORE' --user coordinator"
check "home screen (80x24)" "Meetings ("
keys :; literal "case C-0003"; keys Enter
check "case screen" "Case C-0003"
keys c
check "asks which detail" "Correct which detail"
keys C-u; literal "stage"; keys Enter
check "the stage prompt starts from the value" "cT3 N2 M1c IVB"
keys C-u; literal "cT9 N2"; keys Enter
check "a bad stage is refused" "expected TNM categories"
check "the typed stage is kept" "cT9 N2"
keys C-u; literal "cT4 N2 M1c IVB"; keys Enter
check "saved and audited" "stage saved (audited)"
check "the summary shows it" "cT4 N2 M1c"
keys 6
check "the history tab shows the edit" "case.edit"
keys :; literal "case C-0021"; keys Enter
check "glioma case" "Case C-0021"
keys G
check "no stage asked of a CNS tumour" "not applicable"
keys q
check "quits (80x24)" "EXIT=0"

file_check() { if eval "$2"; then PASSED=$((PASSED + 1)); echo "ok   $1"; else FAILED=$((FAILED + 1)); echo "FAIL $1"; fi; }
file_check "audit chain intact after the edits" '"$BIN" verify --store "$STORE" >/dev/null'

finish
