# Shared helpers for the tmux journeys: a private tmux server, polling instead of sleeping, and a tally.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${TUMORBOARD_BIN:-$(cd "$ROOT" && swift build --product tumorboard >/dev/null 2>&1; cd "$ROOT" && swift build --show-bin-path)/tumorboard}"
SOCK="tb-e2e-$$-0"
STARTS=0
PASSED=0
FAILED=0
WORK="$(mktemp -d)"

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }

cleanup() { tm kill-server 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# start WIDTH HEIGHT COMMAND… — runs the command in a fresh session, then prints its exit code.
start() {
    local w=$1 h=$2; shift 2
    tm kill-server 2>/dev/null
    # A fresh server per session: a server that is still shutting down refuses new clients.
    STARTS=$((STARTS + 1)); SOCK="tb-e2e-$$-$STARTS"
    tm new-session -d -x "$w" -y "$h" -e LANG=C.UTF-8 -e TERM=tmux-256color -e SWIFT_BACKTRACE=interactive=no \
        -e TZ=UTC -e HOME="$WORK" "cd '$ROOT'; $*; echo EXIT=\$?; sleep 600"
}

screen() { tm capture-pane -p 2>/dev/null; }

# wait_for TEXT [SECONDS] — polls the pane until TEXT appears.
wait_for() {
    local text=$1 limit=${2:-20} i
    for ((i = 0; i < limit * 10; i++)); do
        screen | grep -qF -- "$text" && return 0
        sleep 0.1
    done
    return 1
}

# wait_gone TEXT [SECONDS] — polls until TEXT is no longer on screen.
wait_gone() {
    local text=$1 limit=${2:-10} i
    for ((i = 0; i < limit * 10; i++)); do
        screen | grep -qF -- "$text" || return 0
        sleep 0.1
    done
    return 1
}

# check_gone NAME TEXT — tallied: the text disappears.
check_gone() {
    if wait_gone "$2"; then
        PASSED=$((PASSED + 1)); echo "ok   $1"
    else
        FAILED=$((FAILED + 1)); echo "FAIL $1 (still see: $2)"; screen | sed 's/^/     | /'
    fi
}

# check NAME TEXT [SECONDS] — one tallied expectation.
check() {
    if wait_for "$2" "${3:-10}"; then
        PASSED=$((PASSED + 1)); echo "ok   $1"
    else
        FAILED=$((FAILED + 1)); echo "FAIL $1 (expected to see: $2)"; screen | sed 's/^/     | /'
    fi
}

# check_absent NAME TEXT — the text must not be on screen now.
check_absent() {
    if screen | grep -qF -- "$2"; then
        FAILED=$((FAILED + 1)); echo "FAIL $1 (should not see: $2)"; screen | sed 's/^/     | /'
    else
        PASSED=$((PASSED + 1)); echo "ok   $1"
    fi
}

keys() { tm send-keys "$@"; }

# app_pid — the program running in the pane (the child of the pane's shell).
app_pid() { pgrep -P "$(tm display -p '#{pane_pid}')" | head -1; }
literal() { tm send-keys -l "$1"; }

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}

# Audit keys and witness logs of the journeys' stores stay in the journey's own directory.
export TUMORBOARD_KEY_DIR="$WORK/keys" XDG_STATE_HOME="$WORK/state"

# pass NAME / fail NAME — one tallied result; skip NAME is shown and never counted as a pass.
pass() { PASSED=$((PASSED + 1)); echo "ok   $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1"; }
skip() { echo "SKIP $1"; }
# fail_showing NAME — a failure with the pane's text under it (for screen checks).
fail_showing() { fail "$1"; screen | head -40 | sed 's/^/     | /'; }
# has NAME TEXT NEEDLE / lacks NAME TEXT NEEDLE — tallied: TEXT contains (or does not contain) NEEDLE.
has() { if echo "$2" | grep -qF -- "$3"; then pass "$1"; else fail "$1 (lacks: $3)"; fi; }
lacks() { if echo "$2" | grep -qF -- "$3"; then fail "$1 (shows: $3)"; else pass "$1"; fi; }
