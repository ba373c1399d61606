#!/usr/bin/env bash
# The terminal matrix: sizes from 1×1 to 400×120, a storm of 50 resizes, TERM=dumb, vt100, xterm-256color,
# tmux-256color, screen, and LANG=C. Each run: the app starts and shows the board or the size notice (or,
# where the terminal cannot host a screen at all, one clear line), never crashes, quits with exit 0 and
# leaves the terminal restored (tmux #{alternate_on} = 0). TERM=dumb cannot
# address the cursor: the app says so in one line and exits 1. The exit code goes to a file, since a 1×1 pane
# cannot show it.
source "$(dirname "$0")/lib.sh"


S="$WORK/board.sqlite"
"$BIN" import --store "$S" "$ROOT"/SampleData/*.json >/dev/null

# run_app NAME W H ENV… — starts the app, waits for TEXT (board or notice), quits, checks exit and terminal.
RC="$WORK/rc"
launch() { local w=$1 h=$2; shift 2; rm -f "$RC"; start "$w" "$h" "env $* '$BIN' --store '$S' --user alice; echo \$? > '$RC'"; }
wait_rc() { local i; for ((i = 0; i < 100; i++)); do [ -s "$RC" ] && return 0; sleep 0.1; done; return 1; }
expect_exit() { # NAME — after q: exit 0, alternate screen off, no crash text
    local name=$1
    if wait_rc && [ "$(cat "$RC")" = 0 ]; then pass "$name: quits with exit 0"; else fail_showing "$name: exit $(cat "$RC" 2>/dev/null || echo none)"; fi
    [ "$(tm display -p '#{alternate_on}')" = 0 ] && pass "$name: terminal restored" || fail_showing "$name: alternate screen still on"
    screen | grep -qE "Fatal error|Backtrace|Crash" && fail_showing "$name: crash output" || true
}

for size in 1x1 10x5 39x9 40x10 80x24 400x120; do
    w=${size%x*}; h=${size#*x}
    launch "$w" "$h" TERM=tmux-256color
    # The pane is as large as tmux allows (it may round tiny sizes up); the app shows the board or the notice.
    if [ "$w" -ge 40 ] && [ "$h" -ge 10 ]; then want="tumorboard"; else want="E"; fi
    if [ "$size" = 1x1 ]; then
        # One cell is also the bottom-right cell, which curses never writes: nothing to see, but the app must live.
        sleep 0.5
        [ -n "$(app_pid)" ] && pass "1x1: running ($(tm display -p '#{pane_width}x#{pane_height}') pane)" || fail_showing "1x1: not running"
    elif wait_for "$want" 10; then pass "$size: shows $([ "$want" = E ] && echo "the size notice" || echo "the board")"; else fail_showing "$size: nothing shown"; fi
    [ "$size" = 39x9 ] && { screen | grep -q "Enlarge the terminal" && pass "39x9: says 'Enlarge the terminal'" || fail_showing "39x9: no notice"; }
    [ "$size" = 400x120 ] && { screen | grep -q "Meetings (" && pass "400x120: board laid out" || fail_showing "400x120: board missing"; }
    keys q
    expect_exit "$size"
done

# A storm of 50 resizes, including below the minimum and back, then the app still answers.
launch 100 30 TERM=tmux-256color
check "storm: board opens" "Meetings ("
for ((i = 0; i < 50; i++)); do
    tm resize-window -x $(( 20 + (i * 37) % 220 )) -y $(( 5 + (i * 13) % 60 )) 2>/dev/null
done
tm resize-window -x 100 -y 30
check "storm: still drawing the board after 50 resizes" "Meetings ("
literal ":case C-0003"; keys Enter
check "storm: still answers keys" "C-0003"
keys q; keys q
expect_exit "storm"

# Terminal types.
for term in dumb vt100 xterm-256color tmux-256color screen; do
    launch 100 30 "TERM=$term"
    if wait_for "Meetings (" 10; then
        pass "TERM=$term: board shown"
        keys q
        expect_exit "TERM=$term"
    elif [ "$term" = dumb ] && wait_for "cannot move the cursor" 10; then
        # A terminal without cursor addressing cannot show a screen: one clear line, exit 1, nothing left raw.
        pass "TERM=dumb: refused with a clear line ($(screen | grep -o 'this terminal.*cursor' | head -1))"
        wait_rc && [ "$(cat "$RC")" = 1 ] && pass "TERM=dumb: exit 1" || fail_showing "TERM=dumb: exit $(cat "$RC" 2>/dev/null)"
        [ "$(tm display -p '#{alternate_on}')" = 0 ] && pass "TERM=dumb: terminal restored" || fail_showing "TERM=dumb: alternate screen on"
    else
        fail_showing "TERM=$term: neither board nor message"
        keys q
    fi
done

# LANG=C: not UTF-8, so ASCII borders only.
launch 100 30 TERM=tmux-256color LANG=C LC_ALL=C
check "LANG=C: board shown" "Meetings ("
screen | grep -q "+--" && pass "LANG=C: ASCII borders" || fail_showing "LANG=C: no ASCII borders"
screen | grep -q "[─│┌┐└┘]" && fail_showing "LANG=C: box-drawing characters on a non-UTF-8 terminal" || pass "LANG=C: no box-drawing characters"
keys q
expect_exit "LANG=C"

finish
