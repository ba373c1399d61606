import Foundation

/// The PostgreSQL store's schema as append-only migrations, numbered in `tumorboard_schema` (a shipped migration is
/// never edited; a change is a new one). Tables and columns follow the SQLite store's (Schema.swift) so that a store
/// can be copied between the two; times are seconds since 1970 as on SQLite. Two roles (docs/postgresql.md): the
/// owner runs these migrations; `tumorboard_app`, the role every member's login is in, gets only what the app needs,
/// and on the audit trail only SELECT and INSERT. The audit trail is append-only by a trigger as well, and each event
/// must name the connection's own authenticated role (`session_user`), so nobody writes as somebody else.
enum PostgresSchema {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var sql: String
        /// Work the SQL cannot do, run in the migration's transaction after it (a column read from the bodies).
        var then: (@Sendable (PGConnection) throws -> Void)? = nil
    }

    /// The application role the migrations grant to, if the database has it (created by whoever sets up the board).
    static let applicationRole = "tumorboard_app"

    static let migrations: [Migration] = [
        Migration(version: 1, name: "cases, findings, trials, meetings, notes, decisions, outcomes, audit", sql: v1),
        Migration(version: 2, name: "search with unaccent", sql: v2),
        Migration(
            version: 3, name: "outcomes in recorded order, partner boards' precedents", sql: outcomesAndPrecedents),
        Migration(
            version: 4, name: "findings by page in the Molecular tab's order, counts, matching summary", sql: bigCase,
            then: PostgresFindingList.backfillFiltered),
        Migration(version: 5, name: "evidence loci, evidence in the order kept", sql: evidenceLoci),
        Migration(
            version: 9, name: "the backlog's order indexed, vital status kept beside the patient", sql: backlogOrder),
    ]

    static var latest: Int { migrations.map(\.version).max() ?? 0 }

    /// Grants to the application role, skipped when the database has no such role (a single-user board).
    static func grant(_ privileges: String, on tables: String) -> String {
        """
        DO $grant$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tumorboard_app') THEN
            GRANT \(privileges) ON \(tables) TO tumorboard_app;
          END IF;
        END $grant$;
        """
    }

    private static let v1 =
        """
        CREATE TABLE board(id text PRIMARY KEY, name text NOT NULL, site text);
        CREATE TABLE patient(
            id text PRIMARY KEY, pseudonym text NOT NULL, display_name text NOT NULL DEFAULT '',
            initials text NOT NULL DEFAULT '', birth_date text, sex text NOT NULL DEFAULT 'unknown', body text NOT NULL);
        CREATE TABLE "case"(
            id text PRIMARY KEY,
            patient_id text NOT NULL REFERENCES patient(id),
            status text NOT NULL,
            oncotree_code text,
            diagnosis text NOT NULL,
            stage_group text,
            ecog integer,
            missing text NOT NULL DEFAULT '',
            finding_count integer NOT NULL DEFAULT 0,
            top_finding text,
            body text NOT NULL,
            updated_at double precision NOT NULL);
        CREATE INDEX case_status ON "case"(status);
        CREATE INDEX case_patient ON "case"(patient_id);
        CREATE TABLE finding(
            case_id text NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
            id text NOT NULL,
            position integer NOT NULL,
            kind text NOT NULL,
            gene text,
            label text NOT NULL,
            best_rank integer NOT NULL,
            report_id text,
            body text NOT NULL,
            PRIMARY KEY(case_id, id));
        CREATE TABLE evidence(gene text NOT NULL, variant text NOT NULL, body text NOT NULL, UNIQUE(gene, variant, body));
        CREATE TABLE trial(id text PRIMARY KEY, title text NOT NULL, phase text, status text NOT NULL, body text NOT NULL);
        CREATE TABLE trial_match(
            case_id text NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
            trial_id text NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
            arm_id text NOT NULL DEFAULT '',
            status text NOT NULL,
            score double precision NOT NULL,
            computed_at double precision NOT NULL,
            data_fingerprint text NOT NULL,
            body text NOT NULL,
            PRIMARY KEY(case_id, trial_id, arm_id));
        CREATE TABLE meeting(
            id text PRIMARY KEY,
            board_id text NOT NULL REFERENCES board(id),
            starts_at double precision NOT NULL,
            ended_at double precision,
            location text,
            chair text,
            status text NOT NULL,
            roster text NOT NULL,
            started_at double precision);
        CREATE INDEX meeting_start ON meeting(starts_at);
        CREATE TABLE agenda_item(
            meeting_id text NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
            case_id text NOT NULL REFERENCES "case"(id),
            position integer NOT NULL,
            presenter text,
            planned_minutes integer,
            outcome text NOT NULL,
            defer_reason text,
            seconds_spent integer,
            PRIMARY KEY(meeting_id, case_id));
        CREATE INDEX agenda_case ON agenda_item(case_id);
        CREATE TABLE note(
            id text NOT NULL,
            version integer NOT NULL,
            case_id text NOT NULL REFERENCES "case"(id),
            finding_id text,
            trial_id text,
            author text NOT NULL,
            written_at double precision NOT NULL,
            meeting_id text,
            text text NOT NULL,
            PRIMARY KEY(id, version));
        CREATE INDEX note_case ON note(case_id, written_at);
        CREATE TABLE decision(
            id text PRIMARY KEY,
            created_order bigint GENERATED ALWAYS AS IDENTITY,
            case_id text NOT NULL REFERENCES "case"(id),
            meeting_id text,
            version integer NOT NULL,
            status text NOT NULL,
            amends text REFERENCES decision(id),
            body text NOT NULL);
        CREATE INDEX decision_case ON decision(case_id);
        CREATE INDEX decision_presentation ON decision(case_id, meeting_id);
        CREATE INDEX decision_status ON decision(status, case_id);
        CREATE TABLE draft(key text PRIMARY KEY, user_name text NOT NULL, body text NOT NULL, updated_at double precision NOT NULL);
        CREATE TABLE board_login(
            board_id text NOT NULL REFERENCES board(id), login text NOT NULL, person text NOT NULL, PRIMARY KEY(board_id, login));
        CREATE TABLE board_delegate(
            board_id text NOT NULL REFERENCES board(id),
            chair text NOT NULL,
            delegate text NOT NULL,
            named_by text NOT NULL,
            named_at double precision NOT NULL,
            PRIMARY KEY(board_id, chair, delegate));
        CREATE TABLE signoff_request(
            decision_id text PRIMARY KEY REFERENCES decision(id),
            version integer NOT NULL,
            requested_by text NOT NULL,
            requested_at double precision NOT NULL);
        CREATE TABLE outcome(
            id text PRIMARY KEY,
            case_id text NOT NULL REFERENCES "case"(id),
            date text NOT NULL,
            kind text NOT NULL,
            decision_id text,
            version integer NOT NULL,
            body text NOT NULL);
        CREATE INDEX outcome_case ON outcome(case_id, date);
        CREATE TABLE board_setting(key text PRIMARY KEY, value text NOT NULL);

        -- The audit trail, its key epochs and the store's identity: append-only for everybody (these triggers), and
        -- for the application role by privilege too (SELECT and INSERT only, below).
        CREATE TABLE store_identity(id text NOT NULL);
        INSERT INTO store_identity(id) VALUES (md5(random()::text || clock_timestamp()::text));
        CREATE TABLE audit_key(
            epoch integer PRIMARY KEY,
            fingerprint text NOT NULL,
            keyed_from bigint NOT NULL,
            created_at double precision NOT NULL,
            created_by text NOT NULL DEFAULT session_user,
            reason text NOT NULL);
        CREATE TABLE audit_event(
            seq bigint PRIMARY KEY,
            at double precision NOT NULL,
            actor text NOT NULL DEFAULT session_user,
            action text NOT NULL,
            entity text NOT NULL,
            entity_id text NOT NULL,
            case_id text,
            before text,
            after text,
            previous_hash text NOT NULL,
            hash text NOT NULL);
        CREATE INDEX audit_case ON audit_event(case_id, seq);
        CREATE FUNCTION tumorboard_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $fn$;
        CREATE FUNCTION tumorboard_own_name() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          IF NEW.actor IS DISTINCT FROM session_user::text THEN
            RAISE EXCEPTION 'an audit event must name the connected role' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $fn$;
        CREATE TRIGGER audit_event_own_name BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION tumorboard_own_name();
        CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
            FOR EACH ROW EXECUTE FUNCTION tumorboard_append_only();
        CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
            FOR EACH STATEMENT EXECUTE FUNCTION tumorboard_append_only();
        CREATE TRIGGER audit_key_no_change BEFORE UPDATE OR DELETE ON audit_key
            FOR EACH ROW EXECUTE FUNCTION tumorboard_append_only();
        CREATE TRIGGER audit_key_no_truncate BEFORE TRUNCATE ON audit_key
            FOR EACH STATEMENT EXECUTE FUNCTION tumorboard_append_only();
        CREATE TRIGGER store_identity_no_change BEFORE UPDATE OR DELETE ON store_identity
            FOR EACH ROW EXECUTE FUNCTION tumorboard_append_only();
        CREATE TRIGGER store_identity_no_truncate BEFORE TRUNCATE ON store_identity
            FOR EACH STATEMENT EXECUTE FUNCTION tumorboard_append_only();
        REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
        """ + grant("SELECT, INSERT, UPDATE, DELETE", on: dataTablesV1)
        + grant("SELECT, INSERT", on: "audit_event, audit_key")
        + grant("SELECT", on: "store_identity, tumorboard_schema")
        + grant("USAGE", on: "ALL SEQUENCES IN SCHEMA public")

    /// Full-text search (SearchStore): one row per document (SearchDocument), its words folded by `unaccent` and
    /// lower-cased ('simple' configuration: no stemming, as SQLite's unicode61), the title weighted above the body.
    /// `unaccent` is a trusted extension: the database owner may create it.
    private static let v2 =
        """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE TABLE search_doc(
            kind text NOT NULL,
            ref text NOT NULL,
            case_id text,
            label text NOT NULL DEFAULT '',
            title text NOT NULL,
            body text NOT NULL,
            document tsvector NOT NULL,
            PRIMARY KEY(kind, ref));
        CREATE INDEX search_doc_document ON search_doc USING gin(document);
        """ + grant("SELECT, INSERT, UPDATE, DELETE", on: "search_doc")

    /// Outcomes and precedents (OutcomeStore, PrecedentStore): outcomes listed in the order recorded within a day (as
    /// SQLite's rowid); look-ups of this board's precedents by diagnosis code and by gene; partner boards' precedents
    /// (cohort files) in their own tables, apart from the cases, with their alterations for the gene look-up.
    private static let outcomesAndPrecedents =
        """
        ALTER TABLE outcome ADD COLUMN created_order bigint GENERATED ALWAYS AS IDENTITY;
        CREATE INDEX outcome_order ON outcome(case_id, date, created_order);
        CREATE INDEX case_oncotree ON "case"(oncotree_code);
        CREATE INDEX finding_gene ON finding(upper(gene));
        CREATE TABLE external_precedent(
            id text PRIMARY KEY,
            export_id text NOT NULL,
            institution text NOT NULL,
            diagnosis text NOT NULL,
            oncotree_code text,
            stage_group text,
            prior_lines integer,
            body text NOT NULL);
        CREATE INDEX external_precedent_export ON external_precedent(export_id);
        CREATE INDEX external_precedent_code ON external_precedent(oncotree_code);
        CREATE TABLE external_alteration(
            precedent_id text NOT NULL REFERENCES external_precedent(id) ON DELETE CASCADE,
            position integer NOT NULL,
            gene text NOT NULL,
            class text NOT NULL,
            change text,
            PRIMARY KEY(precedent_id, position));
        CREATE INDEX external_alteration_gene ON external_alteration(gene);
        """ + grant("SELECT, INSERT, UPDATE, DELETE", on: "external_precedent, external_alteration")
        + grant("USAGE", on: "ALL SEQUENCES IN SCHEMA public")

    /// Big cases (SQLite's v10): the Molecular tab reads a case's findings by page in its order (`finding_list`: passing
    /// calls first, then strongest evidence, then the case's order, then id in byte order as SQLite's BINARY), matching
    /// reads the summary from the partial index `finding_matching` (`FindingList.readByMatching`), and the counts per
    /// case, kind and filter state are kept in `finding_count`. The counts are kept by statement-level triggers over
    /// transition tables, so a COPY of 100,000 rows updates each count once instead of once per row.
    private static let bigCase =
        """
        ALTER TABLE finding ADD COLUMN filtered integer NOT NULL DEFAULT 0;
        CREATE INDEX finding_list ON finding(case_id, filtered, best_rank, position, id COLLATE "C");
        CREATE INDEX finding_matching ON finding(case_id, position) WHERE \(PostgresFindingList.readByMatching);
        CREATE TABLE finding_count(
            case_id text NOT NULL, kind text NOT NULL, filtered integer NOT NULL, n bigint NOT NULL,
            PRIMARY KEY(case_id, kind, filtered));
        INSERT INTO finding_count(case_id, kind, filtered, n)
            SELECT case_id, kind, filtered, count(*) FROM finding GROUP BY case_id, kind, filtered;
        CREATE FUNCTION tumorboard_findings_added() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          INSERT INTO finding_count(case_id, kind, filtered, n)
            SELECT case_id, kind, filtered, count(*) FROM added GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT(case_id, kind, filtered) DO UPDATE SET n = finding_count.n + excluded.n;
          RETURN NULL;
        END $fn$;
        CREATE FUNCTION tumorboard_findings_removed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          WITH gone AS (SELECT case_id, kind, filtered, count(*) AS n FROM removed GROUP BY 1, 2, 3)
          UPDATE finding_count c SET n = c.n - gone.n FROM gone
            WHERE c.case_id = gone.case_id AND c.kind = gone.kind AND c.filtered = gone.filtered;
          DELETE FROM finding_count c USING (SELECT DISTINCT case_id FROM removed) r
            WHERE c.case_id = r.case_id AND c.n <= 0;
          RETURN NULL;
        END $fn$;
        CREATE FUNCTION tumorboard_findings_recounted() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          WITH moved AS (
            SELECT o.case_id, o.kind AS old_kind, o.filtered AS old_filtered, a.kind, a.filtered
            FROM removed o JOIN added a ON a.case_id = o.case_id AND a.id = o.id
            WHERE a.kind IS DISTINCT FROM o.kind OR a.filtered IS DISTINCT FROM o.filtered),
          delta AS (
            SELECT case_id, old_kind AS kind, old_filtered AS filtered, -1 AS n FROM moved
            UNION ALL SELECT case_id, kind, filtered, 1 FROM moved)
          INSERT INTO finding_count(case_id, kind, filtered, n)
            SELECT case_id, kind, filtered, sum(n) FROM delta GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT(case_id, kind, filtered) DO UPDATE SET n = finding_count.n + excluded.n;
          IF FOUND THEN
            DELETE FROM finding_count WHERE n <= 0 AND case_id IN (SELECT DISTINCT case_id FROM added);
          END IF;
          RETURN NULL;
        END $fn$;
        CREATE TRIGGER finding_counted AFTER INSERT ON finding REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION tumorboard_findings_added();
        CREATE TRIGGER finding_uncounted AFTER DELETE ON finding REFERENCING OLD TABLE AS removed
            FOR EACH STATEMENT EXECUTE FUNCTION tumorboard_findings_removed();
        CREATE TRIGGER finding_recounted AFTER UPDATE ON finding REFERENCING OLD TABLE AS removed NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION tumorboard_findings_recounted();
        """ + grant("SELECT, INSERT, UPDATE, DELETE", on: "finding_count")

    /// Knowledge-base evidence (SQLite's v8): where knowledge-base variants lie (CIViC variant summaries and evidence
    /// coordinates), so evidence reaches findings by genome build, chromosome, start and alleles, not only by gene and
    /// name. Both tables keep the order entries were kept in (SQLite's rowid), which is the order a finding lists them.
    private static let evidenceLoci =
        """
        ALTER TABLE evidence ADD COLUMN created_order bigint GENERATED ALWAYS AS IDENTITY;
        CREATE TABLE evidence_locus(
            gene text NOT NULL,
            variant text NOT NULL,
            build text NOT NULL,
            chrom text NOT NULL,
            start bigint NOT NULL,
            stop bigint,
            ref text NOT NULL,
            alt text NOT NULL,
            created_order bigint GENERATED ALWAYS AS IDENTITY,
            UNIQUE(gene, variant, build, chrom, start, ref, alt));
        """ + grant("SELECT, INSERT, UPDATE, DELETE", on: "evidence_locus")
        + grant("USAGE", on: "ALL SEQUENCES IN SCHEMA public")

    /// The home screen's backlog (issue 18, first frame): one index in the backlog's own order (deferred cases first,
    /// then the most recently updated, then id in byte order), over open cases only, so the first page is read by
    /// walking it and stops after 500 rows instead of sorting every open case; and the two facts of the patient's
    /// body every case list shows (vital status, date of death) kept as columns the server fills from the body, so a
    /// list does not parse each patient's JSON on every read.
    private static let backlogOrder =
        """
        CREATE INDEX case_backlog_order ON "case"((status = 'deferred') DESC, updated_at DESC, id COLLATE "C")
            WHERE status <> 'closed';
        ALTER TABLE patient
            ADD COLUMN vital_status text GENERATED ALWAYS AS (body::jsonb ->> 'vitalStatus') STORED,
            ADD COLUMN deceased_on text GENERATED ALWAYS AS (body::jsonb ->> 'deceasedOn') STORED;
        """

    /// The tables of migration 1 the application changes freely (everything but the audit trail and identity).
    private static let dataTablesV1 =
        "board, patient, \"case\", finding, evidence, trial, trial_match, meeting, agenda_item, note, decision, draft, "
        + "board_login, board_delegate, signoff_request, outcome, board_setting"
}
