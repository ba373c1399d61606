#!/usr/bin/env bash
# Journey: prepare a meeting on the screen (new meeting, chair, a suggested deferred case and a backlog case,
# planned minutes, an attendee), run it in meeting mode (start, record and sign one decision, mark it
# discussed, defer the next case with a reason, attendance), close it through the confirmation, export
# the minutes from the screen; then check the minutes file (0600, contents) and the CLI exports.
source "$(dirname "$0")/lib.sh"

STORE="$WORK/board.sqlite"
"$BIN" import --store "$STORE" "$ROOT"/SampleData/*.json >/dev/null || { echo "FAIL cannot import the sample board"; echo "0 passed, 1 failed"; exit 1; }

start 140 40 "'$BIN' --store '$STORE' --user coordinator"
check "home screen" "Meetings ("
keys N
check "new meeting asks for the board" "Board ("
keys C-u; literal "mtb"; keys Enter
check "then for the start" "Starts (YYYY-MM-DD HH:MM):"
keys C-u; literal "2026-12-17 15:00"; keys Enter
check "preparation screen opens" "Prepare M-2026-12-17-MTB"
check "the case deferred last time is suggested first" "★ deferred: Central"
keys C
check "asks for the chair" "Chair:"
keys C-u; literal "Inés Calderón"; keys Enter
check "chair shown" "chair Inés Calderón"
keys Tab
keys Space Space
keys a
check "two cases on the agenda" "2 cases"
check "the deferred case is on the agenda" "C-0016"
keys BTab
keys t
keys C-u; literal "15"; keys Enter
check "planned minutes shown" "15 min planned"
keys A
literal "Anouk de Vries:coordinator"; keys Enter
check "roster has the attendee" "Anouk de Vries · Coordinator"

keys M
check "meeting mode" "not started (s starts)"
keys s
check "meeting started" "IN PROGRESS"
check "timer runs for the first case" "Case 1/2 C-0016"
keys e
check "decision form opens" "F sign" 30
keys a
keys F
check "sign-off asks first" "Sign decision"
keys Right Enter
check "decision signed" "signed by Inés Calderón"
keys d
check "first case discussed" "1/2 cases done"
keys ">"
check "next case with one key" "Case 2/2"
keys D
check "defer asks for a reason" "because:"
literal "Awaiting PET-CT"; keys Enter
check "second case deferred" "2/2 cases done"
keys Tab Tab
keys Space
check "attendance recorded" "1/1 present"
keys C
check "closing lists what lacks a decision" "Every discussed case has a signed decision."
keys Enter
check "meeting closed" "Meeting closed at"
keys E
check "export asks for a path" "Export minutes to"
keys C-u; literal "$WORK/minutes.txt"; keys Enter
check "minutes written" "Minutes written to"
keys q
check "quits with exit code 0" "EXIT=0"

file_check() { if eval "$2"; then PASSED=$((PASSED + 1)); echo "ok   $1"; else FAILED=$((FAILED + 1)); echo "FAIL $1"; fi; }
file_check "minutes file is 0600" '[ "$(stat -c %a "$WORK/minutes.txt" 2>/dev/null)" = 600 ]'
file_check "minutes name the meeting and its chair" 'grep -q "Meeting:     M-2026-12-17-MTB" "$WORK/minutes.txt" && grep -q "Chair:       Inés Calderón" "$WORK/minutes.txt"'
file_check "minutes list the deferred case with its reason" 'grep -A3 "^Deferred cases" "$WORK/minutes.txt" | grep -q "Awaiting PET-CT"'
file_check "minutes carry the sign-off and its hash" 'grep -q "signed by Inés Calderón" "$WORK/minutes.txt" && grep -qE "SHA-256 [0-9a-f]{64}" "$WORK/minutes.txt"'
file_check "CLI export is the same bytes" '"$BIN" export minutes M-2026-12-17-MTB --store "$STORE" | cmp -s - "$WORK/minutes.txt"'
"$BIN" export minutes M-2026-12-17-MTB --store "$STORE" --deidentify --format markdown -o "$WORK/minutes.md"
file_check "de-identified Markdown has no patient name" '! grep -q "Haddad" "$WORK/minutes.md" && grep -q "DE-IDENTIFIED" "$WORK/minutes.md"'
file_check "meeting list shows it closed" '"$BIN" meeting list --store "$STORE" | grep -q "M-2026-12-17-MTB.*closed"'
file_check "audit chain intact" '"$BIN" verify --store "$STORE" >/dev/null'

finish
