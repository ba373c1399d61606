#!/usr/bin/env bash
# The command line on a PostgreSQL store (issue 18): --store postgresql://… opens the database, the owner role
# creates the schema, a member's role is the one recorded, a command not built for PostgreSQL yet says so, and no
# error shows a password. Needs TUMORBOARD_TEST_POSTGRES (scripts/pg-cluster.sh start; .ci/run sets it): without
# it the journey says SKIP, except on CI, where that is a failure.
source "$(dirname "$0")/lib.sh"

if [ -z "${TUMORBOARD_TEST_POSTGRES:-}" ]; then
    if [ -n "${CI:-}" ]; then fail "TUMORBOARD_TEST_POSTGRES is not set on CI"; else echo "SKIP no PostgreSQL server (scripts/pg-cluster.sh start)"; fi
    finish
    exit $?
fi

expect() { # expect NAME CODE COMMAND… — runs, checks the exit code, keeps stdout in $OUT and stderr in $ERR
    local name=$1 want=$2; shift 2
    OUT=$("$@" 2>"$WORK/err"); local code=$?
    ERR=$(cat "$WORK/err")
    if [ "$code" -eq "$want" ]; then pass "$name"; else fail "$name: exit $code, wanted $want: $ERR"; fi
}
has() { # has NAME TEXT WHERE — WHERE ("$OUT" or "$ERR") contains TEXT
    if echo "$3" | grep -qF -- "$2"; then pass "$1"; else fail "$1: '$3' lacks '$2'"; fi
}

# One database for this journey, owned by the owner role; URLs for the owner and for a member at another site.
db="tbj_$$_$RANDOM"
psql -q -X "$TUMORBOARD_TEST_POSTGRES" -c "CREATE DATABASE $db" >/dev/null 2>&1 && pass "a database for the journey" \
    || fail "cannot create a database on $TUMORBOARD_TEST_POSTGRES"
owner=$(python3 - "$TUMORBOARD_TEST_POSTGRES" "$db" <<'PY'
import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))
PY
)
member=$(echo "$owner" | sed 's|//tumorboard_owner@|//site_a@|')

expect "a member reading an empty database is told the owner sets it up" 2 "$BIN" cases --store "$member"
has "it says so" "its owner role creates one by opening it" "$ERR"
expect "a member cannot create the schema" 2 "$BIN" store init --store "$member"
has "it says only the owner may" "only the database's owner role may apply" "$ERR"
expect "the owner creates the schema and keys the audit chain" 0 "$BIN" store init --store "$owner"
has "the store is ready, keyed" "audit key epoch 1 (here)" "$OUT"
expect "the owner sees the key" 0 "$BIN" key show --store "$owner"
expect "a member lists the (empty) cases" 0 "$BIN" cases --store "$member"
[ -z "$OUT" ] && pass "no cases yet" || fail "cases printed: $OUT"
expect "a note on a case that is not there" 1 "$BIN" note add C-404 --text "x" --store "$member"
has "it names the case" "no case C-404" "$ERR"
expect "--user is not used on PostgreSQL" 0 "$BIN" cases --user mallory --store "$member"
has "the member is told who they are" "database role site_a" "$ERR"
events=$(psql -tA -X "$owner" -c "SELECT string_agg(DISTINCT actor, ',') FROM audit_event")
[ "$events" = "tumorboard_owner" ] && pass "the audit trail names only the role that wrote" || fail "actors: $events"

# Meetings on PostgreSQL: two members at two sites prepare, run and close one; each change is in their own name.
site_b=$(echo "$owner" | sed 's|//tumorboard_owner@|//site_b@|')
psql -q -X "$owner" -c "INSERT INTO board(id, name) VALUES ('gi', 'Gastrointestinal')" >/dev/null 2>&1 \
    && pass "a board for the meetings" || fail "cannot put a board into $db"
expect "a member creates a meeting" 0 "$BIN" meeting new --store "$member" --board gi --starts "2030-01-15 16:00" \
    --chair "Dr. Chen" --attendee "Dr. Chen:medical-oncology" --attendee "Dr. Lee:pathology"
[ "$OUT" = "M-2030-01-15-GI" ] && pass "its id is its day and board" || fail "meeting id: $OUT"
expect "the same meeting again is refused" 1 "$BIN" meeting new --store "$site_b" --board gi --starts "2030-01-15 16:00"
has "it names the meeting already there" "already has a meeting at that time: M-2030-01-15-GI" "$ERR"
expect "a member at another site moves it and marks attendance" 0 "$BIN" meeting edit M-2030-01-15-GI \
    --store "$site_b" --location "Room 3" --present "Dr. Lee"
expect "the meeting is listed" 0 "$BIN" meeting list --store "$member"
has "with its board" "Gastrointestinal" "$OUT"
expect "the meeting is shown" 0 "$BIN" meeting show M-2030-01-15-GI --store "$member"
has "with its room" "Location: Room 3" "$OUT"
has "with who was there" "Dr. Lee	pathology	present" "$OUT"
expect "a case not in the store is not put on the agenda" 1 "$BIN" meeting add-case M-2030-01-15-GI C-404 --store "$member"

# Import on PostgreSQL: records, then a lab file's findings (sent with COPY), then a case list onto the agenda.
expect "a member imports the sample cases and trials" 0 "$BIN" import --store "$member" \
    "$ROOT/SampleData/cases.json" "$ROOT/SampleData/trials.json"
has "into the database, shown without a password" "imported into postgresql://site_a@" "$OUT"
has "and matches them" "Trial matches updated for" "$OUT"
cases=$(python3 -c "import json;print(len(json.load(open('$ROOT/SampleData/cases.json'))['cases']))")
[ "$(psql -tA -X "$owner" -c 'SELECT count(*) FROM "case"')" = "$cases" ] && pass "every case is there" || fail "case count"
expect "importing again changes nothing" 0 "$BIN" import --store "$member" "$ROOT/SampleData/cases.json"
has "it says so" "cases: 0 created, 0 updated, $cases unchanged" "$OUT"
{ printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n'
  for i in $(seq 1 5000); do printf '1\t%d\t.\tA\tG\t50\tPASS\t.\tGT:AD:DP\t0/1:10,5:15\n' "$i"; done; } > "$WORK/t.vcf"
expect "a VCF's findings go to the case named" 0 "$BIN" import --store "$member" --case C-0001 "$WORK/t.vcf"
has "all of them" "findings: 5000 created" "$OUT"
expect "and again: nothing new" 0 "$BIN" import --store "$member" --case C-0001 "$WORK/t.vcf"
has "it says so" "findings: 0 created, 0 updated, 5000 unchanged" "$OUT"
printf '1\tnotanumber\t.\tA\tG\t50\tPASS\t.\tGT:AD:DP\t0/1:10,5:15\n' >> "$WORK/t.vcf"
before=$(psql -tA -X "$owner" -c "SELECT count(*) FROM finding")
expect "a bad line after the good ones is refused" 1 "$BIN" import --store "$member" --case C-0002 "$WORK/t.vcf"
has "naming the line" "t.vcf: line 5003, column 3: POS must be a positive integer" "$ERR"
[ "$(psql -tA -X "$owner" -c "SELECT count(*) FROM finding")" = "$before" ] && pass "and nothing of it is kept" \
    || fail "findings were kept from a refused file"
expect "a case is put on the agenda" 0 "$BIN" meeting add-case M-2030-01-15-GI C-0001 --store "$member" --minutes 10
printf 'Case ID,Presenter,Minutes\nC-0002,Dr. Lee,15\nC-0001,Dr. Chen,\n' > "$WORK/list.csv"
expect "a case list puts its cases on the agenda" 0 "$BIN" meeting import-list M-2030-01-15-GI "$WORK/list.csv" \
    --store "$site_b"
expect "the agenda shows both" 0 "$BIN" meeting show M-2030-01-15-GI --store "$member"
has "the listed case with its presenter" "C-0002" "$OUT"
has "the first case with the list's presenter" "Dr. Chen" "$OUT"
expect "the first case is discussed" 0 "$BIN" meeting outcome M-2030-01-15-GI C-0001 discussed --store "$member"
expect "the meeting starts" 0 "$BIN" meeting start M-2030-01-15-GI --store "$member"
expect "it does not close with cases undecided" 1 "$BIN" meeting close M-2030-01-15-GI --store "$site_b"
has "it names them" "without a signed decision: C-0001, C-0002" "$ERR"
expect "and closes when told to" 0 "$BIN" meeting close --yes M-2030-01-15-GI --store "$site_b"
has "it says so" "closed M-2030-01-15-GI" "$OUT"
expect "a closed meeting is final" 1 "$BIN" meeting edit M-2030-01-15-GI --location "elsewhere" --store "$member"
has "it says why" "is closed; its agenda and details are final" "$ERR"
actors=$(psql -tA -X "$owner" -c "SELECT string_agg(actor || ' ' || action, ',' ORDER BY seq) FROM audit_event WHERE action LIKE 'meeting.%'")
[ "$actors" = "site_a meeting.create,site_b meeting.update,site_b meeting.attendance,site_a meeting.status,site_b meeting.status" ] \
    && pass "each change is audited in its member's name" || fail "meeting events: $actors"

# A password in the address (even a wrong one for a role that does not exist) never reaches the screen.
secret="pa55-$RANDOM-word"
bad=$(echo "$owner" | sed "s|//tumorboard_owner@|//nobody:$secret@|")
expect "a connection that fails exits 2" 2 "$BIN" cases --store "$bad"
has "it names the database" "cannot connect to postgresql://nobody@" "$ERR"
echo "$ERR$OUT" | grep -qF "$secret" && fail "the password was shown: $ERR" || pass "the password is not shown"
bad2="$owner&password=$secret"
expect "a password parameter is not shown either" 2 "$BIN" cases --store "${bad2/tumorboard_owner@/nobody@}"
echo "$ERR$OUT" | grep -qF "$secret" && fail "the password was shown: $ERR" || pass "the password parameter is not shown"

# store copy: the sample board from a SQLite file into an empty database, verified; its digest is the file's; a backup
# of the PostgreSQL store is a SQLite file that verify compares the chain with.
copydb="${db}_copy"
psql -q -X "$TUMORBOARD_TEST_POSTGRES" -c "CREATE DATABASE $copydb" >/dev/null 2>&1
copy_owner=$(echo "$owner" | sed "s|/$db?|/$copydb?|")
expect "the sample board goes into a SQLite file" 0 "$BIN" import --store "$WORK/sample.sqlite" \
    "$ROOT/SampleData/boards.json" "$ROOT/SampleData/cases.json" "$ROOT/SampleData/trials.json"
expect "store copy into an empty database" 0 "$BIN" store copy "$WORK/sample.sqlite" "$copy_owner"
has "it is verified" "equal on both sides" "$OUT"
digest=$(echo "$OUT" | sed -n 's/^content digest: \([0-9a-f]*\).*/\1/p')
expect "store digest of the file" 0 "$BIN" store digest --store "$WORK/sample.sqlite"
has "the file has the copy's digest" "content digest: $digest" "$OUT"
expect "a backup of the PostgreSQL store" 0 "$BIN" backup "$WORK/pg-backup.sqlite" --store "$copy_owner"
expect "verify on PostgreSQL against the backup" 0 "$BIN" verify --against "$WORK/pg-backup.sqlite" --store "$copy_owner"
has "the chain matches the backup" "against $WORK/pg-backup.sqlite: ok" "$OUT"

# The board screen on PostgreSQL: a member opens the copied sample board (TUMORBOARD_STORE), walks it and writes a
# note; a note added from a second terminal at another site appears within seconds (LISTEN/NOTIFY), and each note is
# audited in its member's name. The key files are the runner's (the pane has its own HOME).
copy_member=$(echo "$copy_owner" | sed 's|//tumorboard_owner@|//site_a@|')
copy_site_b=$(echo "$copy_owner" | sed 's|//tumorboard_owner@|//site_b@|')
keydir="${TUMORBOARD_KEY_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/tumorboard/keys}"
start 100 30 "TUMORBOARD_KEY_DIR='$keydir' TUMORBOARD_STORE='$copy_member' '$BIN' open"
check "open on PostgreSQL shows the board" "Meetings (1 upcoming" 20
keys Enter
check "the upcoming meeting's agenda opens" "Brückner, Heinz-Dieter"
literal ":case C-0003"; keys Enter
check "a case opens" "Lung adenocarcinoma"
keys 2
check "its Molecular tab lists the findings" "KRAS p.G12C"
keys 4
check "its Notes tab shows the stored note" "Cardiology cleared him"
keys n
check "the note editor opens" "New note on case C-0003"
literal "Written on the screen at site A"; keys C-s
check "it says saved" "Note saved."
check "the note is saved and shown" "Written on the screen at site A"
expect "a member at another site adds a note from a second terminal" 0 "$BIN" note add C-0003 \
    --text "Added from site B" --store "$copy_site_b"
check "it appears on the open screen within seconds" "Added from site B" 5
keys q
check "the app quits" "EXIT=0"
notes=$(psql -tA -X "$copy_owner" -c "SELECT string_agg(actor, ',' ORDER BY seq) FROM audit_event WHERE action = 'note.add' AND case_id = 'C-0003' AND actor LIKE 'site_%'")
[ "$notes" = "site_a,site_b" ] && pass "each note is audited in its member's name" || fail "note events: $notes"
psql -q -X "$TUMORBOARD_TEST_POSTGRES" -c "DROP DATABASE $copydb WITH (FORCE)" >/dev/null 2>&1

# generate and match on PostgreSQL: the same seed makes the same board as in a SQLite file, and matching it gives the
# same matches (the benchmark stores can be made on PostgreSQL directly).
gendb="${db}_gen"
psql -q -X "$TUMORBOARD_TEST_POSTGRES" -c "CREATE DATABASE $gendb" >/dev/null 2>&1
gen_owner=$(echo "$owner" | sed "s|/$db?|/$gendb?|")
expect "the owner creates the schema of a second database" 0 "$BIN" store init --store "$gen_owner"
gen_member=$(echo "$gen_owner" | sed 's|//tumorboard_owner@|//site_a@|')
expect "generate into PostgreSQL" 0 "$BIN" generate --cases 60 --findings 30 --trials 12 --seed 7 --store "$gen_member"
has "it says what it made" "generated 60 cases × 30 findings and 12 trials into postgresql://site_a@" "$OUT"
expect "generate into a SQLite file, same seed" 0 "$BIN" generate --cases 60 --findings 30 --trials 12 --seed 7 \
    --store "$WORK/gen.sqlite"
pg_findings=$(psql -tA -X "$gen_owner" -c "SELECT count(*) FROM finding")
file_findings=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM finding').fetchone()[0])" "$WORK/gen.sqlite")
[ "$pg_findings" = "$file_findings" ] && [ "$pg_findings" -ge 1800 ] && pass "every finding is in the database ($pg_findings)" \
    || fail "findings: $pg_findings in the database, $file_findings in the file"
expect "the cases as listed on PostgreSQL" 0 "$BIN" cases --store "$gen_member"
pg_cases=$OUT
expect "the cases as listed from the file" 0 "$BIN" cases --store "$WORK/gen.sqlite"
[ -n "$pg_cases" ] && [ "$pg_cases" = "$OUT" ] && pass "the same cases on both" || fail "the case lists differ"
expect "match every case on PostgreSQL" 0 "$BIN" match --on 2026-12-01 --store "$gen_member"
pg_match=$OUT
expect "match every case in the file" 0 "$BIN" match --on 2026-12-01 --store "$WORK/gen.sqlite"
[ -n "$pg_match" ] && [ "$pg_match" = "$OUT" ] && pass "the same matches on both" || fail "the matches differ"
expect "one case explained on PostgreSQL" 0 "$BIN" match G-000001 --all --on 2026-12-01 --store "$gen_member"
pg_one=$OUT
expect "the same case explained from the file" 0 "$BIN" match G-000001 --all --on 2026-12-01 --store "$WORK/gen.sqlite"
[ "$pg_one" = "$OUT" ] && pass "explained the same" || fail "the explanations differ"
stored=$(psql -tA -X "$gen_owner" -c "SELECT count(*) FROM trial_match")
[ "$stored" -gt 0 ] 2>/dev/null && pass "the matches are stored in the database ($stored)" || fail "stored matches: $stored"
expect "matching a case that is not there" 1 "$BIN" match G-404 --store "$gen_member"
has "an unknown case is named" "no case G-404" "$ERR"
psql -q -X "$TUMORBOARD_TEST_POSTGRES" -c "DROP DATABASE $gendb WITH (FORCE)" >/dev/null 2>&1

# Outcomes, the follow-up queue, precedents and cohort exchange (issue 17) work on PostgreSQL.
expect "outcomes of a case that is not there" 1 "$BIN" outcome list C-404 --store "$member"
has "it names the case" "no case C-404" "$ERR"
expect "an outcome for a case that is not there" 1 "$BIN" outcome add C-404 --kind death --date 2026-01-02 --store "$member"
expect "the follow-up queue of an empty board" 0 "$BIN" followup --store "$member"
has "nothing is due" "Follow-up: 0 due, 0 overdue" "$OUT"
expect "the follow-up rules are set" 0 "$BIN" followup --set-no-outcome-days 30 --store "$member"
has "and said" "outcome expected within 30 days" "$OUT"
expect "a partner board's cohort file is imported" 0 "$BIN" import --store "$member" "$ROOT/SampleData/partner/riverside-cohort.json"
has "as external precedents" "external precedents from" "$OUT"
expect "imported again, it replaces itself" 0 "$BIN" import --store "$member" "$ROOT/SampleData/partner/riverside-cohort.json"
has "replacing the earlier import" "replacing" "$OUT"
n=$(psql -tA -X "$owner" -c "SELECT count(DISTINCT export_id) || '/' || count(*) FROM external_precedent")
[ "${n%%/*}" = "1" ] && pass "one export, kept apart from the cases ($n)" || fail "external precedents: $n"
expect "precedents of a case that is not there" 1 "$BIN" precedents C-404 --store "$member"
has "it names the case" "no case C-404" "$ERR"
expect "an export with nothing decided" 1 "$BIN" export cohort --deidentify --institution Test -o "$WORK/c.json" --store "$member"
has "writes nothing" "nothing was written" "$ERR"
psql -q -X "$TUMORBOARD_TEST_POSTGRES" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null 2>&1
finish
