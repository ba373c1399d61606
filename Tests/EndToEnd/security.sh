#!/usr/bin/env bash
# Security: the sample patients' identifiers (names, MRNs, birth dates from SampleData/cases.json) never
# appear in what the binary prints on stderr for failing commands, nor in crash output; the files the
# binary writes are 0600 (store, its -wal/-shm, exports, restored stores); SQL is parameterised.
# (Store/backup modes and editor temp files are covered in cli.sh, RecordingTests and MeetingScreenTests.)
source "$(dirname "$0")/lib.sh"


S="$WORK/store/board.sqlite"
"$BIN" import --store "$S" "$ROOT"/SampleData/*.json >/dev/null || fail "seed"

# The identifiers: full names, family names, MRN values, birth dates (as written and as shown: 14 Mar 1961).
python3 - "$ROOT/SampleData/cases.json" > "$WORK/ids.txt" <<'PY'
import json, sys, datetime
ids = set()
for c in json.load(open(sys.argv[1]))["cases"]:
    p = c["patient"]
    name = p.get("name", {})
    for key in ("text", "family"):
        if len(name.get(key, "")) >= 4: ids.add(name[key])
    for i in p.get("identifiers", []): ids.add(i["value"])
    if p.get("birthDate"):
        ids.add(p["birthDate"])
        d = datetime.date.fromisoformat(p["birthDate"])
        ids.add(f"{d.day} {d.strftime('%b')} {d.year}")
print("\n".join(sorted(ids)))
PY
echo "     $(wc -l < "$WORK/ids.txt") identifiers to look for"

# Failing commands whose input holds patient data; all stderr goes to one file.
python3 - "$ROOT/SampleData/cases.json" "$WORK" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
text = open(src).read()
open(out + "/truncated.json", "w").write(text[: len(text) // 2])              # cut mid-record
doc = json.loads(text)
def full(p): return p["name"].get("text") or " ".join(filter(None, [p["name"].get("given"), p["name"].get("family")]))
doc["cases"][0]["patient"]["birthDate"] = full(doc["cases"][0]["patient"])  # a name where a date goes
json.dump(doc, open(out + "/namedate.json", "w"))
doc = json.loads(text)
doc["cases"][1]["patient"]["identifiers"][0]["value"] = 12345                 # wrong type next to an MRN
doc["cases"][1]["patient"]["sex"] = full(doc["cases"][1]["patient"])
json.dump(doc, open(out + "/badsex.json", "w"))
rows = ["case_id,patient_name,mrn,birth_date,diagnosis"]
for c in doc["cases"][:5]:
    p = c["patient"]
    rows.append(f'{c["id"]},"{full(p)}",{p["identifiers"][0]["value"] if p.get("identifiers") else ""},not-a-date,{c["diagnosis"]["text"]}')
open(out + "/cases.csv", "w").write("\n".join(rows) + "\n")
PY
sqlite3 "$S" ".backup '$WORK/garbled.sqlite'"
truncate -s $(( $(stat -c %s "$WORK/garbled.sqlite") / 3 )) "$WORK/garbled.sqlite"
ERRS="$WORK/stderr.txt"; : > "$ERRS"
n=0
run_failing() { "$BIN" "$@" >/dev/null 2>>"$ERRS"; local code=$?; n=$((n + 1)); [ $code -ne 0 ] || fail "expected failure: $*"; }
run_failing import --store "$S" "$WORK/truncated.json"
run_failing import --store "$S" "$WORK/namedate.json"
run_failing import --store "$S" "$WORK/badsex.json"
run_failing meeting import-list --store "$S" M-2026-12-03-MTB "$WORK/cases.csv"
run_failing meeting import-list --store "$S" M-NOPE "$WORK/cases.csv"
run_failing import --store "$S" --format vcf "$WORK/namedate.json"
run_failing import --store "$S" --format fhir "$WORK/cases.csv"
run_failing show --store "$S" C-NOPE
run_failing note add --store "$S" C-NOPE --text "$(head -1 "$WORK/ids.txt")"
run_failing cases --store "$WORK/garbled.sqlite"
run_failing show --store "$WORK/garbled.sqlite" C-0001
run_failing export case --store "$WORK/garbled.sqlite" C-0001
run_failing restore --store "$WORK/x.sqlite" "$WORK/garbled.sqlite"
echo "     $n failing commands, $(wc -l < "$ERRS") lines of stderr"
[ -s "$ERRS" ] && pass "failing commands wrote their errors" || fail "no stderr captured"
sed "s/^/     stderr: /" "$ERRS" | cut -c1-150
leaks=$(grep -a -F -f "$WORK/ids.txt" "$ERRS")
[ -z "$leaks" ] && pass "no identifier in the stderr of $n failing commands" || { fail "identifiers leaked:"; echo "$leaks" | head -5 | sed 's/^/     | /'; }

# Crash output: the app showing a patient gets SIGSEGV; Swift's crash report (stack, registers and the
# memory they point to) must not carry identifiers. (An external SIGSEGV is not a fault: after the report
# the process carries on, so it is then killed.)
start 120 36 "SWIFT_BACKTRACE=enable=yes,interactive=no,color=no '$BIN' --store '$S' --user alice 2> '$WORK/crash.txt'"
check "the board opens" "Meetings ("
literal ":case C-0001"; keys Enter
check "a patient on screen" "MRN-"
pid=$(app_pid)
kill -SEGV "$pid"
for ((i = 0; i < 100; i++)); do grep -q "Backtrace took" "$WORK/crash.txt" 2>/dev/null && break; sleep 0.1; done
kill -9 "$pid" 2>/dev/null
grep -q "Program crashed" "$WORK/crash.txt" && pass "crash report written ($(wc -l < "$WORK/crash.txt") lines)" || fail "no crash report"
leaks=$(grep -a -F -f "$WORK/ids.txt" "$WORK/crash.txt")
[ -z "$leaks" ] && pass "no identifier in the crash report" || { fail "identifiers in crash output:"; echo "$leaks" | head -5 | sed 's/^/     | /'; }

# File modes: everything the binary writes is 0600.
mode_is_600() { local m; m=$(stat -c %a "$2" 2>/dev/null); [ "$m" = 600 ] && pass "$1 is 0600" || fail "$1 has mode ${m:-missing}"; }
sqlite3 "$S" "PRAGMA journal_mode" >/dev/null
python3 - "$S" "$WORK/walopen" <<'PY' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1]); c.execute("SELECT 1 FROM audit_event LIMIT 1").fetchall(); open(sys.argv[2], "w"); time.sleep(3)
PY
holder=$!
"$BIN" note add --store "$S" C-0001 --text "mode check" >/dev/null
for ((i = 0; i < 50; i++)); do [ -e "$WORK/walopen" ] && break; sleep 0.05; done
[ -e "$S-wal" ] && mode_is_600 "the store's -wal file" "$S-wal"
[ -e "$S-shm" ] && mode_is_600 "the store's -shm file" "$S-shm"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
(umask 022; "$BIN" export minutes --store "$S" M-2026-12-03-MTB -o "$WORK/minutes.txt" >/dev/null) && mode_is_600 "exported minutes (umask 022)" "$WORK/minutes.txt"
(umask 022; "$BIN" export case --store "$S" C-0001 --format markdown -o "$WORK/case.md" >/dev/null 2>&1) && mode_is_600 "exported case (umask 022)" "$WORK/case.md"
(umask 022; "$BIN" backup --store "$S" "$WORK/b.sqlite" >/dev/null && "$BIN" restore --store "$WORK/restored/board.sqlite" "$WORK/b.sqlite" >/dev/null) \
    && mode_is_600 "a restored store (umask 022)" "$WORK/restored/board.sqlite"

# SQL is parameterised: no interpolation inside SQL literals except reviewed constants.
out=$(python3 "$ROOT/scripts/check-sql.py") && pass "SQL parameterised ($out)" || { fail "SQL interpolation:"; echo "$out" | sed 's/^/     | /'; }


# Tamper evidence against someone holding the store file (issue 19). Each attack works on a copy of the store
# (same store id, so the same key and witnessed heads) with sqlite3 and a script, as an insider would.
expect_verify() { # NAME FILE EXPECTED-TEXT [verify args…] — verify must fail (exit 2) and print the text
    local name=$1 store=$2 text=$3; shift 3
    local out code
    out=$("$BIN" verify --store "$store" "$@" 2>&1); code=$?
    if [ $code -eq 2 ] && grep -qF -- "$text" <<<"$out"; then pass "$name"; echo "$out" | grep -F -- "$text" | head -1 | cut -c1-220 | sed 's/^/     | /'
    else fail "$name (exit $code, expected: $text)"; echo "$out" | sed 's/^/     | /'; fi
}
untrigger() { sqlite3 "$1" "DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete; DROP TRIGGER audit_key_no_delete;"; }
"$BIN" export minutes --store "$S" M-2026-12-03-MTB -o "$WORK/anchor-minutes.txt" >/dev/null
"$BIN" backup --store "$S" "$WORK/anchor.sqlite" > "$WORK/backup.out" && grep -q "audit chain head: event" "$WORK/backup.out" \
    && pass "backup prints the chain head it carries" || fail "backup without a chain head"
grep -q "^Audit chain head: event" "$WORK/anchor-minutes.txt" && pass "minutes carry the chain head" || fail "minutes without a chain head"
out=$("$BIN" verify --store "$S" --against "$WORK/anchor-minutes.txt" --against "$WORK/anchor.sqlite" 2>&1) \
    && grep -q "keyed (HMAC-SHA-256)" <<<"$out" && grep -q "witnessed heads: ok" <<<"$out" \
    && pass "verify: keyed chain, witnesses, minutes and backup agree" || { fail "verify of the untouched store"; echo "$out" | sed 's/^/     | /'; }
mode_is_600 "the audit key file" "$(ls "$TUMORBOARD_KEY_DIR"/*.key | head -1)"
mode_is_600 "the witness log" "$XDG_STATE_HOME/tumorboard/witness.log"
head_seq=$(sqlite3 "$S" "SELECT MAX(seq) FROM audit_event")

# 1. The last events deleted: the chain is consistent in itself, but shorter than witnessed.
sqlite3 "$S" ".backup '$WORK/t1.sqlite'"; untrigger "$WORK/t1.sqlite"
sqlite3 "$WORK/t1.sqlite" "DELETE FROM audit_event WHERE seq > $((head_seq - 3))"
expect_verify "deleted last events: shorter than the witnessed head" "$WORK/t1.sqlite" "first missing event: $((head_seq - 2))"
expect_verify "a head seen in another file of the same identity is named" "$WORK/t1.sqlite" "also seen in $S, another file"
expect_verify "deleted last events: shorter than the backup" "$WORK/t1.sqlite" "shorter than the backup's" --against "$WORK/anchor.sqlite"
cp "$XDG_STATE_HOME/tumorboard/witness.log" "$WORK/other-terminal.log"
expect_verify "deleted last events: shorter than another terminal's witness log" "$WORK/t1.sqlite" "witness log $WORK/other-terminal.log: MISMATCH" \
    --witness "$WORK/other-terminal.log"
expect_verify "deleted last events: shorter than the minutes' head" "$WORK/t1.sqlite" "in $WORK/anchor-minutes.txt: event $head_seq was seen" --against "$WORK/anchor-minutes.txt"

# 2. A signature rewritten and the whole chain re-hashed by a script (SHA-256 of each event's canonical text).
sqlite3 "$S" ".backup '$WORK/t2.sqlite'"; untrigger "$WORK/t2.sqlite"
sqlite3 "$WORK/t2.sqlite" "UPDATE audit_event SET user = 'mallory' WHERE action = 'decision.sign'"
python3 - "$WORK/t2.sqlite" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
previous = ""
for seq, at, user, action, entity, entity_id, case_id, before, after in db.execute(
        "SELECT seq, at, user, action, entity, entity_id, case_id, before, after FROM audit_event ORDER BY seq").fetchall():
    text = "\x1f".join([str(seq), str(round(at * 1000)), user, action, entity, entity_id, case_id or "", before or "", after or "", previous])
    digest = hashlib.sha256(text.encode()).hexdigest()
    db.execute("UPDATE audit_event SET previous_hash = ?, hash = ? WHERE seq = ?", (previous, digest, seq))
    previous = digest
db.commit()
PY
expect_verify "rewritten and re-hashed chain: caught without the key" "$WORK/t2.sqlite" "rewritten without the key"
# … and with the key record removed too, to pass it off as an old unkeyed chain.
sqlite3 "$WORK/t2.sqlite" "DELETE FROM audit_key"
expect_verify "rewritten chain with its key record removed" "$WORK/t2.sqlite" "a key file for this store exists"

# 3. A signed decision's text edited in the decision table; the audit table untouched.
sqlite3 "$S" ".backup '$WORK/t3.sqlite'"
decision=$(sqlite3 "$WORK/t3.sqlite" "SELECT id FROM decision WHERE status = 'final' ORDER BY id LIMIT 1")
sqlite3 "$WORK/t3.sqlite" "UPDATE decision SET body = replace(body, '\"consensus\":\"', '\"consensus\":\"x') WHERE id = '$decision'"
expect_verify "edited signed decision: caught with the audit table untouched" "$WORK/t3.sqlite" "decision $decision (final) was changed in the store"

# 4. The key lost: the board stays readable, changes are refused, verify says what cannot be checked; restored from its backup.
"$BIN" key backup --store "$S" "$WORK/key-backup" >/dev/null && mode_is_600 "the key backup" "$WORK/key-backup"
mkdir -p "$WORK/key-away" && mv "$TUMORBOARD_KEY_DIR"/*.key "$WORK/key-away/"
"$BIN" show --store "$S" C-0001 >/dev/null 2>&1 && pass "key lost: the store is still readable" || fail "key lost: show failed"
out=$("$BIN" note add --store "$S" C-0001 --text "after the key went" 2>&1); code=$?
[ $code -ne 0 ] && grep -q "audit key is not available" <<<"$out" && pass "key lost: a change is refused, saying why" \
    || { fail "key lost: note add (exit $code)"; echo "$out" | sed 's/^/     | /'; }
expect_verify "key lost: verify reports the events it cannot check" "$S" "audit key lost or not here: epoch 1"
start 120 36 "'$BIN' --store '$S' --user alice"
check "key lost: the board opens and shows its meetings" "Meetings ("
keys q
check "key lost: the board quits cleanly" "EXIT=0"
"$BIN" key restore --store "$S" "$WORK/key-backup" >/dev/null && "$BIN" verify --store "$S" >/dev/null \
    && "$BIN" note add --store "$S" C-0001 --text "key restored" >/dev/null && pass "key restored from its backup: verify ok, changes accepted" \
    || fail "key restore"

finish
