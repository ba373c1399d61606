#!/usr/bin/env bash
# Journey: typing a note, the process is killed with -9; the next start offers the draft back,
# with at most two seconds of typing lost. Also SIGHUP (ssh dropped) saves the draft and restores the terminal.
source "$(dirname "$0")/lib.sh"

S="$WORK/board.sqlite"
"$BIN" import --store "$S" "$ROOT"/SampleData/*.json >/dev/null

start 120 36 "'$BIN' --store '$S' --user alice"
check "the board opens" "Meetings ("
literal ":case C-0003"
keys Enter
check "case opens" "C-0003"
keys n
check "note editor opens" "New note on case C-0003"
literal "Patient prefers oral therapy; é 漢字 ok"
check "typed text shows" "漢字 ok"
sleep 2.6   # longer than the 2 s autosave interval
keys Left   # a key after the interval triggers the save even while typing
sleep 0.5
pid=$(app_pid)
kill -9 "$pid"
check "killed" "EXIT=137"

start 120 36 "'$BIN' --store '$S' --user alice"
check "the next start offers the draft" "Restore unsaved work?"
check "it names the draft" "note on C-0003"
keys Enter
check "the text is back" "Patient prefers oral therapy; é 漢字 ok"
keys C-s
check "saved" "Note saved."
keys q
check "quit" "EXIT=0"
if "$BIN" show --store "$S" C-0003 | grep -qF "Patient prefers oral therapy; é 漢字 ok"; then pass "the note is in the store"; else fail "note missing"; fi

# SIGHUP: the draft is saved before the terminal is restored.
start 120 36 "'$BIN' --store '$S' --user bob"
check "bob's board opens" "Meetings ("
literal ":case C-0004"
keys Enter
keys n
check "bob's editor" "New note on case C-0004"
literal "typed just before the line dropped"
check "bob's text shows" "line dropped"
pid=$(app_pid)
kill -HUP "$pid"
check "SIGHUP ends with 128+1" "EXIT=129"
if [ "$(tm display -p '#{alternate_on}')" = "0" ]; then pass "terminal restored after SIGHUP"; else fail "terminal not restored"; fi
if sqlite3 "$S" "select body from draft" | grep -q "typed just before the line dropped"; then pass "draft saved on SIGHUP"; else fail "no draft after SIGHUP"; fi

finish
