#!/usr/bin/env bash
# Faults, each provoked: kill -9 during an import, a store locked by another writer for 4 s while the
# screen saves a note, a read-only store (read-only bind mount), a full disk (small tmpfs), and
# corrupted / truncated store files. Mount-based faults are skipped with a visible SKIP line when the
# machine does not permit mounts (they need root); they never pass silently.
source "$(dirname "$0")/lib.sh"

MOUNTS=()
cleanup_mounts() { local m; for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done; }
trap 'cleanup_mounts; cleanup' EXIT

S="$WORK/board.sqlite"
"$BIN" import --store "$S" "$ROOT"/SampleData/*.json >/dev/null || fail "seed import"

# --- kill -9 during an import: the store's content is exactly as before, and verify passes.
python3 "$ROOT/scripts/bench_import_generate.py" "$WORK/gen" "${FAULT_VCF_RECORDS:-150000}" >/dev/null
"$BIN" import --store "$S" "$WORK/gen/case.json" >/dev/null || fail "import the benchmark case"
before=$(sqlite3 "$S" .dump | md5sum)
sqlite3 "$S" ".backup '$WORK/before-import.sqlite'"
killed=0
for attempt in 1 2 3; do
    "$BIN" import --store "$S" --case BENCH-1 "$WORK/gen/variants.vcf" >/dev/null 2>&1 &
    pid=$!
    # Kill once the import's transaction is writing (the WAL grows), not before it starts.
    for ((i = 0; i < 600; i++)); do
        size=$(stat -c %s "$S-wal" 2>/dev/null || echo 0)
        [ "$size" -gt 1000000 ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    if kill -9 "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; killed=1; break; fi
    wait "$pid"; echo "     (import finished before the kill; attempt $attempt: back to the copy, try again)"
    rm -f "$S" "$S-wal" "$S-shm"; cp "$WORK/before-import.sqlite" "$S"
done
[ "$killed" = 1 ] && pass "import killed with -9 mid-way (WAL at $size bytes)" || fail "could not kill the import mid-way"
[ "$(sqlite3 "$S" .dump | md5sum)" = "$before" ] && pass "store content byte-for-byte as before the import (sqlite3 .dump)" || fail "store changed by the killed import"
"$BIN" verify --store "$S" >/dev/null 2>&1 && pass "verify passes after kill -9" || fail "verify after kill -9"

# --- Locked by another writer for 4 s while the screen saves a note: a visible notice, then success.
start 120 36 "'$BIN' --store '$S' --user alice"
check "the board opens" "Meetings ("
literal ":case C-0003"; keys Enter
keys n
check "note editor opens" "New note on case C-0003"
literal "Saved while someone held the store"
check "typed" "held the store"
python3 - "$S" > "$WORK/lock.out" 2>&1 <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(4)
c.execute("COMMIT")
print("released", flush=True)
PY
locker=$!
for ((i = 0; i < 100; i++)); do grep -qs locked "$WORK/lock.out" && break; sleep 0.05; done
grep -q locked "$WORK/lock.out" && pass "another process holds an exclusive lock" || { fail "could not lock: $(cat "$WORK/lock.out")"; }
keys C-s
check "the screen says it is waiting" "Waiting for the store" 3
check "then the note is saved" "Note saved." 12
check_absent "never a raw 'database is locked'" "database is locked"
wait "$locker"
grep -q released "$WORK/lock.out" && pass "the lock was held until released" || fail "lock holder: $(cat "$WORK/lock.out")"
keys q; check "quit" "EXIT=0"
[ "$(sqlite3 "$S" "select count(*) from note where text = 'Saved while someone held the store'")" = 1 ] && pass "the note is in the store once" || fail "note missing after the lock"

# A CLI write against a lock held longer than the wait: a clear message, exit 2, never SQLite's text.
python3 - "$S" > "$WORK/lock2.out" 2>&1 <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
c.execute("BEGIN EXCLUSIVE"); print("locked", flush=True); time.sleep(13); c.execute("COMMIT")
PY
locker=$!
for ((i = 0; i < 100; i++)); do grep -qs locked "$WORK/lock2.out" && break; sleep 0.05; done
ERR=$("$BIN" note add --store "$S" C-0003 --text "too late" 2>&1 >/dev/null); code=$?
[ "$code" = 2 ] && echo "$ERR" | grep -q "busy" && ! echo "$ERR" | grep -qi "database is locked" \
    && pass "a lock held past 10 s: exit 2, 'busy … nothing was saved'" || fail "long lock: exit $code: $ERR"
echo "$ERR" | grep -q "waiting for the store" && pass "the command said it was waiting" || fail "no waiting notice: $ERR"
wait "$locker"

# --- Read-only store: a read-only bind mount (root ignores chmod).
RO="$WORK/ro"; mkdir -p "$WORK/rw" "$RO"
sqlite3 "$S" ".backup '$WORK/rw/board.sqlite'"; chmod 600 "$WORK/rw/board.sqlite"
if mount --bind "$WORK/rw" "$RO" 2>/dev/null && MOUNTS+=("$RO") && mount -o remount,ro,bind "$RO" 2>/dev/null; then
    ROS="$RO/board.sqlite"
    rosum=$(md5sum < "$WORK/rw/board.sqlite")
    ERR=$("$BIN" note add --store "$ROS" C-0003 --text "x" 2>&1 >/dev/null); code=$?
    [ "$code" = 2 ] && echo "$ERR" | grep -q "read-only" && pass "a write to a read-only store: exit 2, 'read-only'" || fail "read-only write: exit $code: $ERR"
    # Into a file, not a pipe: grep -q stops reading at the first match and the list (now over 4 kB) gets SIGPIPE.
    "$BIN" cases --store "$ROS" >"$WORK/ro-cases.txt" && grep -q "C-0003" "$WORK/ro-cases.txt" \
        && pass "reading a read-only store works" || fail "cannot read a read-only store"
    start 120 36 "'$BIN' --store '$ROS' --user alice"
    check "the screen shows READ-ONLY in the header" "READ-ONLY"
    check "and the data" "Meetings ("
    literal ":case C-0003"; keys Enter
    keys n
    check "note editor opens" "New note on case C-0003"
    literal "cannot be saved"; keys C-s
    check "saving says read-only, clearly" "is read-only; changes cannot be"
    keys Escape; check "discard?" "Discard this note?"; keys Right Enter
    check "still showing the case" "C-0003"
    keys q; check "quit" "EXIT=0"
    [ "$(md5sum < "$WORK/rw/board.sqlite")" = "$rosum" ] && pass "read-only store untouched" || fail "read-only store changed"
else
    skip "read-only bind mount not permitted here (needs root / CAP_SYS_ADMIN)"
fi

# --- Disk full: an 8 MB tmpfs, filled up, then a write. (The seeded store is ~1.2 MB plus a ~2 MB WAL until the
# import's closing checkpoint, which needs room for both: 3 MB no longer left room once the store grew, and 4 MB
# none once the sample board gained its earlier meetings, outcomes and precedents: a 3 MB WAL beside 1.1 MB.)
FULL="$WORK/full"; mkdir -p "$FULL"
if mount -t tmpfs -o size=8m tmpfs "$FULL" 2>/dev/null; then
    MOUNTS=("$FULL" "${MOUNTS[@]}")
    FS="$FULL/board.sqlite"
    "$BIN" import --store "$FS" "$ROOT"/SampleData/*.json >/dev/null 2>&1 || fail "seed on tmpfs"
    fullsum=$(sqlite3 "$FS" .dump | md5sum)
    start 120 36 "'$BIN' --store '$FS' --user alice"
    check "disk full: the board opens on the tmpfs store" "Meetings ("
    literal ":case C-0003"; keys Enter
    keys n
    check "disk full: note editor opens" "New note on case C-0003"
    dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null   # until ENOSPC
    literal "$(head -c 1500 "$ROOT/README.md" | tr -d '\n\r\t' | tr -c '[:alnum:] .,' ' ') END-OF-NOTE"
    check "disk full: typed" "END-OF-NOTE" 30
    keys C-s
    check "disk full: the screen says the disk is full" "is full; nothing was saved" 20
    check "disk full: and that it was not saved" "Not saved: the disk holding"
    keys Escape; check "disk full: discard?" "Discard this note?"; keys Right Enter
    check "disk full: still showing the case" "Summary"
    keys q; keys q; check "disk full: quits" "EXIT=0"
    [ "$(sqlite3 "$FS" .dump | md5sum)" = "$fullsum" ] && pass "disk full: nothing half-written by the screen" || fail "store changed by the screen's failed write"
    head -c 400000 /dev/urandom | base64 -w0 > "$WORK/big.txt"
    ERR=$("$BIN" note add --store "$FS" C-0003 --file "$WORK/big.txt" 2>&1 >/dev/null); code=$?
    [ "$code" = 2 ] && echo "$ERR" | grep -q "full" && pass "disk full: exit 2, '$(echo "$ERR" | head -c 80)…'" || fail "disk full: exit $code: $(echo "$ERR" | head -c 300)"
    echo "$ERR" | grep -qE "disk I/O|SQLITE_|database or disk|input/output" && fail "raw SQLite text in the disk-full message" || pass "no raw SQLite text"
    rm -f "$FULL/filler"
    "$BIN" verify --store "$FS" >/dev/null 2>&1 && pass "verify passes after the disk filled" || fail "verify after disk full"
    [ "$(sqlite3 "$FS" .dump | md5sum)" = "$fullsum" ] && pass "nothing half-written" || fail "store changed by the failed write"
    "$BIN" note add --store "$FS" C-0003 --text "after space came back" >/dev/null 2>&1 && pass "writes work again once space is back" || fail "write after disk full"
else
    skip "tmpfs mount not permitted here (needs root / CAP_SYS_ADMIN): disk full not provoked"
fi

# --- Corrupted and truncated store files: a clear message pointing to verify and backup, nothing overwritten.
cp "$S" "$WORK/trunc.sqlite"; sqlite3 "$WORK/trunc.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
truncate -s $(( $(stat -c %s "$WORK/trunc.sqlite") / 3 )) "$WORK/trunc.sqlite"
cp "$S" "$WORK/garbled.sqlite"; sqlite3 "$WORK/garbled.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
# Data pages only (page 1, the schema, stays whole so the store opens): in units of the store's own page size.
psize=$(sqlite3 "$WORK/garbled.sqlite" "PRAGMA page_size")
pages=$(( $(stat -c %s "$WORK/garbled.sqlite") / psize ))
for p in 2 3 5 8 13; do [ "$p" -lt "$pages" ] && head -c "$psize" /dev/urandom | dd of="$WORK/garbled.sqlite" bs="$psize" seek="$p" conv=notrunc 2>/dev/null; done
head -c 100 /dev/zero > "$WORK/zeros.sqlite"
# "Not overwritten": every byte after the 100-byte file header. (Opening a store for writing with an empty WAL
# makes GRDB create and drop a table, grdb_issue_102, so the header's change counter and schema cookie move
# before SQLite finds the damage; no page content changes.)
content() { tail -c +101 "$1" | md5sum; }
for f in trunc garbled zeros; do
    sum=$(content "$WORK/$f.sqlite")
    for cmd in "cases" "show C-0003" "note add C-0003 --text x" "verify"; do
        ERR=$("$BIN" $cmd --store "$WORK/$f.sqlite" 2>&1 >/dev/null); code=$?
        if [ "$code" = 2 ] && echo "$ERR" | grep -q "tumorboard verify" && echo "$ERR" | grep -q "tumorboard backup"; then
            pass "$f store, '$cmd': exit 2, points to verify and backup"
        elif [ "$cmd" = verify ] && [ "$code" = 2 ] && [ -n "$ERR" ]; then
            pass "$f store, verify reports it ($(echo "$ERR" | head -1 | head -c 90))"
        else
            fail "$f store, '$cmd': exit $code: $(echo "$ERR" | head -c 300)"
        fi
        echo "$ERR" | grep -q "Fatal error\|Backtrace" && fail "$f store, '$cmd' crashed"
    done
    [ "$(content "$WORK/$f.sqlite")" = "$sum" ] && pass "$f store not overwritten" || fail "$f store was modified"
done
start 100 30 "'$BIN' --store '$WORK/garbled.sqlite' --user alice"
check "the screen says the store is damaged, pointing to verify" "is damaged (SQLite reports corruption); run"
keys q
check "and quits cleanly" "EXIT=0"

finish
