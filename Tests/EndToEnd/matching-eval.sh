#!/usr/bin/env bash
# Trial matching against a careful screener: runs ../shared/matching-eval/score.sh on the built binary and
# fails when verdict or criterion agreement falls below the floors in matching-eval.floor or wrong commitments
# (met where the screener says not met, or the reverse) rise above its ceiling. Without the labelled set the
# journey says SKIP with the reason, except on CI (CI=true), where a missing set fails.
source "$(dirname "$0")/lib.sh"
SET="${MEVAL_DIR:-$ROOT/../shared/matching-eval}"
if [ ! -x "$SET/score.sh" ]; then
    if [ "${CI:-}" = true ]; then echo "FAIL the matching evaluation set is missing ($SET/score.sh)"; exit 1; fi
    echo "SKIP matching-eval: no labelled set at $SET (../shared/matching-eval is not on this machine)"
    exit 0
fi
floor() { awk -v k="$1" '$1 == k { print $2 }' "$(dirname "$0")/matching-eval.floor"; }
OUT=$("$SET/score.sh" --work "$WORK/meval" "$BIN" 2>&1)
LAST=$(echo "$OUT" | tail -1)
echo "$LAST"
read -r V C W <<<"$(echo "$LAST" | sed -E 's/.*verdict agreement [0-9]+\/[0-9]+ \(([0-9.]+)%\), criterion agreement [0-9]+\/[0-9]+ \(([0-9.]+)%\), wrong commitments ([0-9]+).*/\1 \2 \3/')"
if ! [[ "$V" =~ ^[0-9.]+$ && "$C" =~ ^[0-9.]+$ && "$W" =~ ^[0-9]+$ ]]; then
    fail "score.sh gave no score line:"; echo "$OUT" | tail -5
else
    awk -v v="$V" -v f="$(floor verdict_floor)" 'BEGIN { exit !(v >= f) }' \
        && pass "verdict agreement $V% ≥ floor $(floor verdict_floor)%" \
        || fail "verdict agreement $V% < floor $(floor verdict_floor)%"
    awk -v v="$C" -v f="$(floor criterion_floor)" 'BEGIN { exit !(v >= f) }' \
        && pass "criterion agreement $C% ≥ floor $(floor criterion_floor)%" \
        || fail "criterion agreement $C% < floor $(floor criterion_floor)%"
    [ "$W" -le "$(floor wrong_ceiling)" ] \
        && pass "wrong commitments $W ≤ ceiling $(floor wrong_ceiling)" \
        || fail "wrong commitments $W > ceiling $(floor wrong_ceiling)"
fi
finish
