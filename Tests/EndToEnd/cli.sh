#!/usr/bin/env bash
# The command line's promises: clear one-line errors, exit codes, nothing written half, privacy of files.
source "$(dirname "$0")/lib.sh"

expect() { # expect NAME CODE COMMAND… — runs, checks the exit code, keeps stderr in $ERR
    local name=$1 want=$2; shift 2
    ERR=$("$@" 2>&1 >/dev/null); local code=$?
    if [ "$code" -eq "$want" ]; then pass "$name"; else fail "$name: exit $code, wanted $want: $ERR"; fi
}
expect_text() { # expect_text NAME TEXT — the last stderr contains TEXT
    if echo "$ERR" | grep -qF -- "$2"; then pass "$1"; else fail "$1: '$ERR' lacks '$2'"; fi
}

S="$WORK/store/board.sqlite"
expect "import the sample board" 0 "$BIN" import --store "$S" "$ROOT"/SampleData/*.json
mode=$(stat -c %a "$S"); dmode=$(stat -c %a "$WORK/store")
[ "$mode" = 600 ] && [ "$dmode" = 700 ] && pass "store 0600 in a 0700 directory" || fail "modes $mode $dmode"
before=$(sqlite3 "$S" .dump | md5sum)

# A bad file: one line with the JSON path, exit 1, store unchanged.
python3 - "$ROOT/SampleData/cases.json" "$WORK/bad.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["cases"][2]["diagnosis"]["text"] = 42
json.dump(doc, open(sys.argv[2], "w"))
PY
expect "a malformed file exits 1" 1 "$BIN" import --store "$S" "$WORK/bad.json"
expect_text "the error names the JSON path" '$.cases[2].diagnosis.text: expected a string'
[ "$(echo "$ERR" | wc -l)" -eq 1 ] && pass "the error is one line" || fail "error has $(echo "$ERR" | wc -l) lines"
[ "$(sqlite3 "$S" .dump | md5sum)" = "$before" ] && pass "store unchanged after a bad file" || fail "store changed"

# A file referring to a case that does not exist: rolled back whole.
printf '{"format":"tumorboard/1","cases":[{"id":"C-NEW","patient":{"id":"P-NEW","name":{"text":"Nova"}},"diagnosis":{"text":"x"}}],"notes":[{"id":"N-X","target":{"caseId":"C-NONE"},"author":"a","text":"t","writtenAt":"2026-11-01T10:00:00Z"}]}' > "$WORK/orphan.json"
expect "a dangling reference exits 1" 1 "$BIN" import --store "$S" "$WORK/orphan.json"
[ "$(sqlite3 "$S" .dump | md5sum)" = "$before" ] && pass "nothing half-imported" || fail "half import"

# A lab file with a bad line deep inside (found while the store writes the rows before it): exit 1 with the
# line, the store unchanged; into a store that did not exist, no store is left behind; bgzip reads the same.
C1=$(sqlite3 "$S" 'select id from "case" order by id limit 1')
{ printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n'
  for i in $(seq 1 30000); do printf '1\t%d\t.\tA\tG\t50\tPASS\t.\tGT:AD:DP\t0/1:10,5:15\n' "$i"; done
  printf '1\tnotanumber\t.\tA\tG\t50\tPASS\t.\tGT:AD:DP\t0/1:10,5:15\n'; } > "$WORK/late-bad.vcf"
expect "a VCF with a bad line after 30,000 good ones exits 1" 1 "$BIN" import --store "$S" --case "$C1" "$WORK/late-bad.vcf"
expect_text "the error names the line" "late-bad.vcf: line 30003, column 3: POS must be a positive integer"
[ "$(sqlite3 "$S" .dump | md5sum)" = "$before" ] && pass "store unchanged after the late bad line" || fail "store changed by a failed VCF"
expect "the same into a new store exits 1" 1 "$BIN" import --store "$WORK/fresh/board.sqlite" --case X "$WORK/late-bad.vcf"
[ ! -e "$WORK/fresh/board.sqlite" ] && [ ! -e "$WORK/fresh/board.sqlite-wal" ] && pass "no store left behind" || fail "a failed import left a new store"
expect "a dry run into a new store" 0 "$BIN" import --dry-run --store "$WORK/fresh/board.sqlite" "$ROOT"/SampleData/*.json
[ ! -e "$WORK/fresh/board.sqlite" ] && pass "a dry run leaves no store" || fail "a dry run created a store"
head -n 30002 "$WORK/late-bad.vcf" | gzip -c > "$WORK/good.vcf.gz"
OUT=$("$BIN" import --store "$S" --case "$C1" "$WORK/good.vcf.gz" 2>&1)
echo "$OUT" | grep -q "findings: 30000 created" && pass "a gzip VCF imports its 30,000 findings" || fail "gzip VCF: $OUT"
OUT=$("$BIN" import --store "$S" --case "$C1" "$WORK/good.vcf.gz" 2>&1)
echo "$OUT" | grep -q "findings: 0 created, 0 updated, 30000 unchanged" && pass "and again: nothing new" || fail "gzip VCF again: $OUT"

expect "importing again succeeds" 0 "$BIN" import --store "$S" "$ROOT"/SampleData/*.json
[ "$(python3 -c "import json;print(len(json.load(open('$ROOT/SampleData/cases.json'))['cases']))")" = "$(python3 -c "import json;print(len(json.load(open('$ROOT/SampleData/cases.json'))['cases']))")" ] && pass "re-import does not duplicate" || fail "duplicates"

expect "cases lists" 0 "$BIN" cases --store "$S" --meeting M-2026-12-03-MTB
expect "unknown meeting exits 1" 1 "$BIN" cases --store "$S" --meeting M-NOPE
expect "show a case" 0 "$BIN" show --store "$S" C-0001
expect "unknown case exits 1" 1 "$BIN" show --store "$S" C-NOPE
expect "bad flag exits 1" 1 "$BIN" cases --store "$S" --frobnicate
expect "verify passes" 0 "$BIN" verify --store "$S"

# Tampering is detected.
cp "$S" "$WORK/tampered.sqlite"
sqlite3 "$WORK/tampered.sqlite" "DROP TRIGGER audit_event_no_update; UPDATE audit_event SET user='mallory' WHERE seq=5;"
OUT=$("$BIN" verify --store "$WORK/tampered.sqlite" 2>&1); code=$?
[ $code -eq 2 ] && echo "$OUT" | grep -q "event 5" && pass "verify reports the first broken link" || fail "verify: $code $OUT"

# Store problems exit 2 with one clear line.
cp "$S" "$WORK/newer.sqlite"
sqlite3 "$WORK/newer.sqlite" "INSERT INTO grdb_migrations VALUES ('v99: future')"
expect "a newer store is refused" 2 "$BIN" cases --store "$WORK/newer.sqlite"
expect_text "says to upgrade" "newer tumorboard"
echo "not a database" > "$WORK/notes.txt"
expect "a file that is not a store is refused" 2 "$BIN" cases --store "$WORK/notes.txt"
expect_text "points to verify and backup" "tumorboard verify"
[ "$(cat "$WORK/notes.txt")" = "not a database" ] && pass "the foreign file is untouched" || fail "foreign file overwritten"
touch "$WORK/afile"
expect "a store under a file is refused" 2 "$BIN" cases --store "$WORK/afile/board.sqlite"

# Identifiers never reach error messages.
expect "an error about a patient file" 1 "$BIN" import --store "$S" "$WORK/bad.json"
if echo "$ERR" | grep -qE "MRN-|$(python3 -c "import json;print(json.load(open('$ROOT/SampleData/cases.json'))['cases'][2]['patient']['name'].get('family','zzzz'))")"; then fail "identifier in error"; else pass "no identifier in the error"; fi

# Backups: online copy, verified restore that refuses to overwrite without --force.
expect "backup" 0 "$BIN" backup --store "$S" "$WORK/backup.sqlite"
[ "$(stat -c %a "$WORK/backup.sqlite")" = 600 ] && pass "backup is 0600" || fail "backup mode"
expect "backup refuses to overwrite" 1 "$BIN" backup --store "$S" "$WORK/backup.sqlite"
expect "restore refuses to replace a store without --force" 1 "$BIN" restore --store "$S" "$WORK/backup.sqlite"
expect "restore into a new place" 0 "$BIN" restore --store "$WORK/restored/board.sqlite" "$WORK/backup.sqlite"
[ "$(sqlite3 "$WORK/restored/board.sqlite" 'select count(*) from finding')" = "$(sqlite3 "$S" 'select count(*) from finding')" ] && pass "restored store holds everything" || fail "restored counts"
expect "restore over a store with --force" 0 "$BIN" restore --store "$S" --force "$WORK/backup.sqlite"
expect "a tampered backup is refused" 2 "$BIN" restore --store "$WORK/other.sqlite" "$WORK/tampered.sqlite"

# Issue 15, bug 8: the meeting commands and the store path say what is wrong.
M8=$("$BIN" meeting new --store "$S" --board mtb --starts "2027-01-14 15:00" 2>/dev/null)
"$BIN" meeting add-case --store "$S" "$M8" C-0018 C-0021 >/dev/null 2>&1
expect "move to position 0 is refused" 1 "$BIN" meeting move --store "$S" "$M8" C-0021 0
expect_text "says the positions" "expected 1–2"
expect "move to position 99 is refused" 1 "$BIN" meeting move --store "$S" "$M8" C-0021 99
expect "a second meeting at the same board and time is refused" 1 "$BIN" meeting new --store "$S" --board mtb --starts "2027-01-14 15:00"
expect_text "names the existing meeting" "$M8"
expect "set-case refuses 5000 minutes" 1 "$BIN" meeting set-case --store "$S" --minutes 5000 "$M8" C-0018
expect "a directory as the store is refused" 2 "$BIN" cases --store "$WORK"
expect_text "says it is a directory" "is a directory"
expect "a missing store is reported" 2 "$BIN" cases --store "$WORK/nowhere/board.sqlite"
expect_text "says there is no store" "there is no store at"
[ ! -e "$WORK/nowhere" ] && pass "no directory made for a missing store" || fail "a read created a directory"
expect "options before the subcommand work" 0 "$BIN" --store "$S" cases
expect "an unknown subcommand is named" 1 "$BIN" --store "$S" frobnicate
expect_text "names the unknown command" 'unknown command "frobnicate"'
mkdir -p "$WORK/sampledir"; cp "$ROOT"/SampleData/* "$WORK/sampledir/"
OUT=$("$BIN" import --store "$WORK/fromdir/board.sqlite" "$WORK/sampledir" 2>&1); code=$?
[ $code -eq 0 ] && [ "$(sqlite3 "$WORK/fromdir/board.sqlite" 'select count(*) from "case"')" = "$(python3 -c "import json;print(len(json.load(open('$ROOT/SampleData/cases.json'))['cases']))")" ] && echo "$OUT" | grep -q "check.py" \
    && pass "import of a directory reads its files" || fail "import of a directory: $code $OUT"

# A case for a lab file without writing JSON: `case add`, then the VCF attaches to it; ids and details checked.
printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n7\t140753336\t.\tA\tT\t50\tPASS\t.\tGT:AD:DP\t0/1:30,20:50\n' > "$WORK/one.vcf"
expect "a VCF for a case not in the store exits 1" 1 "$BIN" import --store "$S" --case LAB-1 "$WORK/one.vcf"
expect_text "the error says how to make the case" "tumorboard case add LAB-1"
expect "case add refuses an id with a space" 1 "$BIN" case add --store "$S" "LAB 1"
expect_text "says what an id may be" "letters, digits"
expect "case add refuses an unknown OncoTree code" 1 "$BIN" case add --store "$S" LAB-1 --diagnosis "cancerous growth"
expect_text "names the field" "diagnosis:"
expect "case add refuses a future birth date without echoing it" 1 "$BIN" case add --store "$S" LAB-1 --birth-date 2099-01-01
if echo "$ERR" | grep -q 2099; then fail "the birth date is echoed"; else pass "the birth date is not echoed"; fi
[ "$(sqlite3 "$S" "select count(*) from \"case\" where id = 'LAB-1'")" = 0 ] && pass "refused case adds wrote nothing" || fail "a refused case add wrote"
OUT=$("$BIN" case add --store "$S" --user coordinator LAB-1 --diagnosis LUAD --sex female 2>&1); code=$?
[ $code -eq 0 ] && echo "$OUT" | grep -q "added case LAB-1 (LUAD" && pass "case add makes the case" || fail "case add: $code $OUT"
[ "$(sqlite3 "$S" "select count(*) from audit_event where case_id = 'LAB-1' and user = 'coordinator'")" -ge 1 ] && pass "case add is in the audit trail" || fail "case add not audited"
expect "case add refuses an id already taken" 1 "$BIN" case add --store "$S" LAB-1
expect_text "says it exists" "already in the store"
expect "the VCF now attaches to the new case" 0 "$BIN" import --store "$S" --case LAB-1 "$WORK/one.vcf"
OUT=$("$BIN" show --store "$S" LAB-1 2>&1)
echo "$OUT" | grep -q "LUAD" && echo "$OUT" | grep -q "140753336\|BRAF\|7:" && pass "show lists the case with its finding" || fail "show LAB-1: $OUT"
expect "verify passes after case add" 0 "$BIN" verify --store "$S"

# A stored trial read from the command line: arms, conditions, eligibility and what matching checks; --json too.
T1=$(python3 -c "import json;print(json.load(open('$ROOT/SampleData/trials.json'))['trials'][0]['id'])")
OUT=$("$BIN" trial --store "$S" "$T1" 2>&1); code=$?
[ $code -eq 0 ] && echo "$OUT" | grep -q "^Status:" && echo "$OUT" | grep -q "^Arms (" && echo "$OUT" | grep -q "What the matcher checks" \
    && pass "trial shows status, arms and the matcher's reading" || fail "trial $T1: $code $OUT"
OUT=$("$BIN" trial --store "$S" --json "$T1" 2>&1)
echo "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['format']=='tumorboard-trial/1' and d['trial']['id']=='$T1' and 'matching' in d and isinstance(d['openArms'], list)" \
    && pass "trial --json is the stored trial with the matcher's reading" || fail "trial --json: $OUT"
expect "an unknown trial exits 1" 1 "$BIN" trial --store "$S" NCT99999999
expect_text "says it is not in the store" "no trial NCT99999999 in the store"

# generate fills an empty store only: synthetic patients never mix into a board by a mistyped --store.
before=$(sqlite3 "$S" "SELECT count(*) FROM \"case\"")
expect "generate refuses a store that holds cases" 1 "$BIN" generate --cases 3 --findings 2 --trials 1 --store "$S"
expect_text "and says how many and what to do" "already holds $before cases"
[ "$(sqlite3 "$S" "SELECT count(*) FROM \"case\"")" = "$before" ] && pass "the store is unchanged" || fail "generate changed the store"
expect "generate into a new store" 0 "$BIN" generate --cases 3 --findings 2 --trials 1 --store "$WORK/gen.sqlite"
expect "and again only with --add-to-existing" 0 "$BIN" generate --cases 3 --findings 2 --trials 1 --seed 9 \
    --add-to-existing --store "$WORK/gen.sqlite"

finish
