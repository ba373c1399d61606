#!/usr/bin/env bash
# Journey: open the demo → a meeting → move through the agenda → switch tabs → search → help →
# privacy mode → resize → quit, with the terminal restored and exit code 0.
source "$(dirname "$0")/lib.sh"

start 120 36 "'$BIN' demo"
check "home screen shows the meetings" "Meetings ("
check "backlog shows a non-Latin name" "佐藤 美咲"
keys Enter
check "meeting opens with its agenda" "Agenda"
check "first agenda case is shown on the right" "Summary"
keys j j
check "moving down shows the third case" "C-0006 · Schönberger"
keys Tab
keys 2
check "molecular tab lists findings" "sorted by evidence"
keys 5
check "decision tab" "Decision"
keys 6
check "history tab" "case.status"
literal "/"
literal "lefevre"
keys Enter
check "search folds accents" "result for “lefevre”"
check "search finds the accented name" "Lefèvre, Zoë"
keys Escape
check_gone "Esc goes back to the meeting" "for “lefevre”"
literal "?"
check "help lists the keys" "Keys (Esc or q closes)"
keys q
check_gone "help closed" "Keys (Esc or q closes)"
keys p
check "privacy mode is announced" "PRIVACY ON"
check_absent "names are masked in privacy mode" "Schönberger, Margarethe"
tm resize-window -x 70 -y 20
check "narrow terminal keeps the focused case pane" "History"
check_absent "narrow terminal hides the agenda pane" "─ Agenda"
tm resize-window -x 30 -y 6
check "tiny terminal asks to enlarge" "Enlarge the terminal"
tm resize-window -x 120 -y 36
check "back to full size" "PRIVACY ON"
keys q
check "quits with exit code 0" "EXIT=0"
if [ "$(tm display -p '#{alternate_on}')" = "0" ]; then pass "terminal restored (alternate screen off)"; else fail "terminal left in the alternate screen"; fi

# Without a terminal: one clear line and exit 1.
out=$("$BIN" --store "$WORK/s.sqlite" </dev/null 2>&1 >/dev/null); code=$?
if [ $code -eq 1 ] && echo "$out" | grep -q "needs a terminal"; then pass "no terminal: clear error, exit 1"; else fail "no terminal: exit $code, $out"; fi

finish
