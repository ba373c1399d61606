#!/usr/bin/env bash
# Journey: prepare a meeting on the screen (new meeting, chair, a suggested deferred case and a backlog case,
# planned minutes, an attendee), run it in meeting mode (start, record and sign one decision by the chair's own
# login, mark it discussed, defer the next case with a reason, attendance), close it through the confirmation,
# export the minutes from the screen; then check the minutes file (0600, contents) and the CLI exports. Then the
# decided case comes back at a second meeting: a new decision, signed by the chair's own login (this journey's
# process login), with the earlier decision shown as history on the form and in the minutes.
source "$(dirname "$0")/lib.sh"

STORE="$WORK/board.sqlite"
"$BIN" import --store "$STORE" "$ROOT"/SampleData/*.json >/dev/null || { echo "FAIL cannot import the sample board"; echo "0 passed, 1 failed"; exit 1; }
ME="$(id -un)"

file_check() { if eval "$2"; then pass "$1"; else fail "$1"; fi; }
# Before any login is mapped, nobody signs: --user does not make anyone the chair.
"$BIN" board login mtb "$ME" "Inés Calderón" --store "$STORE" --user "someone else" >/dev/null
file_check "the board maps this login to the chair" '"$BIN" board show mtb --store "$STORE" | grep -q "You: login $ME = Inés Calderón"'

start 140 40 "'$BIN' --store '$STORE' --user coordinator"
check "home screen" "Meetings ("
keys N
check "new meeting asks for the board" "Board ("
keys C-u; literal "mtb"; keys Enter
check "then for the start, in the named zone" "Starts (YYYY-MM-DD HH:MM, UTC):"
keys C-u; literal "2026-12-17 15:00"; keys Enter
check "preparation screen opens" "Prepare M-2026-12-17-MTB"
check "the case deferred last time is suggested first" "★ deferred: Central"
keys C
check "asks for the chair" "Chair (Tab completes"
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
# The meeting is on 17 December 2026: started before that day, meeting mode asks first.
if [ "$(date -u +%F)" \< "2026-12-17" ]; then
    check "starting days early asks first" "early?"
    keys Left Enter
fi
check "meeting started" "IN PROGRESS"
check "the real start is shown, zone named" "UTC · running"
check "timer runs for the first case" "Case 1/2 C-0016"
keys e
check "decision form opens" "F sign" 30
check "the form says who may sign" "you ($ME) are Inés Calderón, the chair"
keys a
# Consensus is six rows above the last (dissent, the attendee, "someone present", two follow-up rows, re-present).
keys G k k k k k k Right
check "consensus recorded" "‹ unanimous ›"
keys F
check "sign-off asks first, naming the login" "Sign decision D-C-0016-1 as Inés Calderón (login $ME)?"
keys Right Enter
check "decision signed" "signed by Inés Calderón (login $ME)"
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
check "export offers the de-identified copy" "De-identified"
keys Enter
check "export offers all findings" "All findings"
keys Enter
check "export asks for a path" "Export minutes to"
keys C-u; literal "$WORK/minutes.txt"; keys Enter
check "minutes written" "Minutes written to"
keys E Enter Enter C-u; literal "$WORK/minutes.txt"; keys Enter
check "an existing file is replaced only after asking" "Replace $WORK/minutes.txt?"
keys Enter
check "cancelled: the file is left as it was" "left as it was"
keys q
check "quits with exit code 0" "EXIT=0"

file_check "minutes file is 0600" '[ "$(stat -c %a "$WORK/minutes.txt" 2>/dev/null)" = 600 ]'
file_check "minutes name the meeting and its chair" 'grep -q "Meeting:     M-2026-12-17-MTB" "$WORK/minutes.txt" && grep -q "Chair:       Inés Calderón" "$WORK/minutes.txt"'
file_check "minutes list the deferred case with its reason" 'grep -A3 "^Deferred cases" "$WORK/minutes.txt" | grep -q "Awaiting PET-CT"'
file_check "minutes carry the sign-off by login and its hash" 'grep -q "signed by Inés Calderón (login $ME)" "$WORK/minutes.txt" && grep -qE "SHA-256 [0-9a-f]{64}" "$WORK/minutes.txt"'
file_check "minutes give the real start, the zone and the planned start" 'grep -qE "^Date: .*[0-9]{2}:[0-9]{2}–[0-9]{2}:[0-9]{2} \(UTC; planned Thu 17 Dec 2026 15:00\)" "$WORK/minutes.txt"'
file_check "TZ is honoured and named" 'TZ=Europe/Zurich "$BIN" export minutes M-2026-12-17-MTB --store "$STORE" | grep -q "(Europe/Zurich; planned Thu 17 Dec 2026"'
file_check "a signed decision never reads \"Consensus: not recorded\"" '! grep -q "Consensus: *not recorded" "$WORK/minutes.txt"'
file_check "CLI export is the same bytes" '"$BIN" export minutes M-2026-12-17-MTB --store "$STORE" | cmp -s - "$WORK/minutes.txt"'
"$BIN" export minutes M-2026-12-17-MTB --store "$STORE" --deidentify --format markdown -o "$WORK/minutes.md"
file_check "de-identified Markdown has no patient name" '! grep -q "Haddad" "$WORK/minutes.md" && grep -q "DE-IDENTIFIED" "$WORK/minutes.md"'
file_check "meeting list shows it closed" '"$BIN" meeting list --store "$STORE" | grep -q "M-2026-12-17-MTB.*closed"'
file_check "audit chain intact" '"$BIN" verify --store "$STORE" >/dev/null'

# The decided case comes back at a second meeting.
"$BIN" meeting new --store "$STORE" --board mtb --starts "2027-01-14 15:00" --chair "Inés Calderón" >/dev/null
"$BIN" meeting add-case --store "$STORE" M-2027-01-14-MTB C-0016 >/dev/null
file_check "the case is on the second meeting" '"$BIN" meeting show --store "$STORE" M-2027-01-14-MTB | grep -q C-0016'
start 140 40 "'$BIN' --store '$STORE' --user coordinator"
check "home screen again" "Meetings ("
keys :; literal "case C-0016"; keys Enter
check "case screen" "C-0016"
keys e
check "a new decision for the new presentation" "Decision D-C-0016-2" 30
check "the earlier decision is shown as history" "Earlier          D-C-0016-1 (meeting of Thu 17 Dec 2026, signed by Inés Calderón)"
keys a G k k k k k Right
check "consensus recorded on the new decision" "‹ unanimous ›"
keys F
check "the chair's login signs the new decision" "Sign decision D-C-0016-2 as Inés Calderón (login $ME)?"
keys Right Enter
check "new decision signed" "signed by Inés Calderón (login $ME)"
keys 5
check "the Decision tab lists the earlier decision" "Earlier decisions"
keys q
check "quits again with exit code 0" "EXIT=0"
"$BIN" export minutes M-2027-01-14-MTB --store "$STORE" -o "$WORK/minutes2.txt"
file_check "second minutes: the new decision, not \"none recorded\"" 'grep -q "Decision:    D-C-0016-2, version 2, final" "$WORK/minutes2.txt" && ! grep -q "none recorded" "$WORK/minutes2.txt"'
file_check "second minutes: the earlier decision as history" 'grep -q "Earlier decision (meeting of Thu 17 Dec 2026): D-C-0016-1" "$WORK/minutes2.txt"'
file_check "second minutes: signed by the chair's own login" 'grep -q "C-0016 · D-C-0016-2 v2 (final): signed by Inés Calderón (login $ME)" "$WORK/minutes2.txt"'
file_check "the first meeting keeps its own decision" '"$BIN" export minutes M-2026-12-17-MTB --store "$STORE" | grep -q "Decision:    D-C-0016-1, version 2, final"'
file_check "decision show lists the earlier presentation" '"$BIN" decision show C-0016 --store "$STORE" | grep -q "Earlier: D-C-0016-1 (final, meeting M-2026-12-17-MTB)"'
file_check "the audit trail names the login that signed" '[ "$(sqlite3 "$STORE" "SELECT user FROM audit_event WHERE action = '"'"'decision.sign'"'"' ORDER BY seq DESC LIMIT 1")" = "$ME" ]'
file_check "no sign-off request is left open" '"$BIN" decision requests --store "$STORE" | grep -q "No sign-off requests"'
file_check "audit chain intact after the second meeting" '"$BIN" verify --store "$STORE" >/dev/null'

# The meeting id is one argument group shared by eleven commands: each still takes the arguments recorded in
# Tests/EndToEnd/help-arguments/ (the usage line's positional arguments and the ARGUMENTS section at 80 columns).
help_arguments() {
    local help; help=$(COLUMNS=80 "$BIN" "$@" --help 2>&1)
    echo "$help" | grep '^USAGE:' | sed 's/\[[^]]*\]//g' | grep -o '<[^>]*>\( \.\.\.\)\?' | tr '\n' ' ' | sed 's/ $//'; echo
    echo "$help" | sed -n '/^ARGUMENTS:/,/^$/p'
}
for golden in "$ROOT"/Tests/EndToEnd/help-arguments/*.txt; do
    name=$(basename "$golden" .txt); command=${name//_/ }
    if got=$(help_arguments $command) && [ "$got" = "$(cat "$golden")" ]; then
        pass "$command takes the same arguments"
    else
        fail "$command: arguments differ from $golden"; diff <(echo "$got") "$golden" | sed 's/^/     | /'
    fi
done

finish
