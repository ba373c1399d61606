import GRDB

/// The store's schema as append-only migrations: a shipped migration is never edited; changes are new migrations.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: cases, findings, trials, meetings, notes, decisions, audit, search") { db in
            try db.execute(
                sql: """
                    CREATE TABLE board(id TEXT PRIMARY KEY, name TEXT NOT NULL, site TEXT);
                    CREATE TABLE patient(
                        id TEXT PRIMARY KEY, pseudonym TEXT NOT NULL, display_name TEXT NOT NULL DEFAULT '',
                        initials TEXT NOT NULL DEFAULT '', birth_date TEXT, sex TEXT NOT NULL DEFAULT 'unknown', body TEXT NOT NULL);
                    CREATE TABLE "case"(
                        id TEXT PRIMARY KEY,
                        patient_id TEXT NOT NULL REFERENCES patient(id),
                        status TEXT NOT NULL,
                        oncotree_code TEXT,
                        diagnosis TEXT NOT NULL,
                        stage_group TEXT,
                        ecog INTEGER,
                        missing TEXT NOT NULL DEFAULT '',
                        finding_count INTEGER NOT NULL DEFAULT 0,
                        top_finding TEXT,
                        body TEXT NOT NULL,
                        updated_at REAL NOT NULL);
                    CREATE INDEX case_status ON "case"(status);
                    CREATE INDEX case_patient ON "case"(patient_id);
                    CREATE TABLE finding(
                        id TEXT PRIMARY KEY,
                        case_id TEXT NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        gene TEXT,
                        label TEXT NOT NULL,
                        best_rank INTEGER NOT NULL,
                        body TEXT NOT NULL);
                    CREATE INDEX finding_case ON finding(case_id, best_rank, position);
                    CREATE INDEX finding_gene ON finding(gene);
                    CREATE TABLE trial(
                        id TEXT PRIMARY KEY, title TEXT NOT NULL, phase TEXT, status TEXT NOT NULL, body TEXT NOT NULL);
                    CREATE TABLE trial_match(
                        case_id TEXT NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
                        trial_id TEXT NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
                        arm_id TEXT NOT NULL DEFAULT '',
                        status TEXT NOT NULL,
                        score REAL NOT NULL,
                        computed_at REAL NOT NULL,
                        data_fingerprint TEXT NOT NULL,
                        body TEXT NOT NULL,
                        PRIMARY KEY(case_id, trial_id, arm_id));
                    CREATE TABLE meeting(
                        id TEXT PRIMARY KEY,
                        board_id TEXT NOT NULL REFERENCES board(id),
                        starts_at REAL NOT NULL,
                        ended_at REAL,
                        location TEXT,
                        chair TEXT,
                        status TEXT NOT NULL,
                        roster TEXT NOT NULL);
                    CREATE INDEX meeting_start ON meeting(starts_at);
                    CREATE TABLE agenda_item(
                        meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                        case_id TEXT NOT NULL REFERENCES "case"(id),
                        position INTEGER NOT NULL,
                        presenter TEXT,
                        planned_minutes INTEGER,
                        outcome TEXT NOT NULL,
                        defer_reason TEXT,
                        seconds_spent INTEGER,
                        PRIMARY KEY(meeting_id, case_id));
                    CREATE INDEX agenda_case ON agenda_item(case_id);
                    CREATE TABLE note(
                        id TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        case_id TEXT NOT NULL REFERENCES "case"(id),
                        finding_id TEXT,
                        trial_id TEXT,
                        author TEXT NOT NULL,
                        written_at REAL NOT NULL,
                        meeting_id TEXT,
                        text TEXT NOT NULL,
                        PRIMARY KEY(id, version));
                    CREATE INDEX note_case ON note(case_id, written_at);
                    CREATE TABLE decision(
                        id TEXT PRIMARY KEY,
                        case_id TEXT NOT NULL REFERENCES "case"(id),
                        meeting_id TEXT,
                        version INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        amends TEXT REFERENCES decision(id),
                        body TEXT NOT NULL);
                    CREATE INDEX decision_case ON decision(case_id);
                    CREATE TABLE audit_event(
                        seq INTEGER PRIMARY KEY,
                        at REAL NOT NULL,
                        user TEXT NOT NULL,
                        action TEXT NOT NULL,
                        entity TEXT NOT NULL,
                        entity_id TEXT NOT NULL,
                        case_id TEXT,
                        before TEXT,
                        after TEXT,
                        previous_hash TEXT NOT NULL,
                        hash TEXT NOT NULL);
                    CREATE INDEX audit_case ON audit_event(case_id, seq);
                    CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
                        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                    CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
                        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                    CREATE TABLE search_ref(
                        doc INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, case_id TEXT, label TEXT NOT NULL DEFAULT '', UNIQUE(kind, ref));
                    CREATE VIRTUAL TABLE search USING fts5(title, body, tokenize = "unicode61 remove_diacritics 2");
                    CREATE TABLE draft(
                        key TEXT PRIMARY KEY, user TEXT NOT NULL, body TEXT NOT NULL, updated_at REAL NOT NULL);
                    """)
        }
        // Findings clustered by case in one B-tree: the only lookups are by case, or by case and finding id, so
        // the v1 id, case and gene indexes cost three extra B-tree inserts per imported VCF/MAF row for nothing
        // (the gene index could not even serve the case-insensitive gene match). The report becomes a column and
        // the body drops what the columns hold (see FindingJSON), a third fewer bytes per row. Knowledge-base
        // evidence is kept (EvidenceIndex) so findings imported later get it too.
        migrator.registerMigration("v2: findings clustered by case, compact bodies, kept evidence") { db in
            try db.execute(
                sql: """
                    CREATE TABLE finding_v2(
                        case_id TEXT NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
                        id TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        gene TEXT,
                        label TEXT NOT NULL,
                        best_rank INTEGER NOT NULL,
                        report_id TEXT,
                        body TEXT NOT NULL,
                        PRIMARY KEY(case_id, id)) WITHOUT ROWID;
                    INSERT INTO finding_v2(case_id, id, position, kind, gene, label, best_rank, report_id, body)
                        SELECT case_id, id, position, kind, gene, label, best_rank, json_extract(body, '$.reportId'),
                            json_remove(body, '$.id', '$.kind', '$.gene', '$.reportId',
                                CASE WHEN json_array_length(body, '$.evidence') = 0 THEN '$.evidence' ELSE '$.none' END,
                                CASE WHEN json_extract(body, '$.origin') = 'somatic' THEN '$.origin' ELSE '$.none' END)
                        FROM finding;
                    DROP TABLE finding;
                    ALTER TABLE finding_v2 RENAME TO finding;
                    CREATE TABLE evidence(
                        gene TEXT NOT NULL,
                        variant TEXT NOT NULL,
                        body TEXT NOT NULL,
                        UNIQUE(gene, variant, body));
                    """)
        }
        // The audit chain anchored and keyed (docs/audit-design.md). Append-only: events written before stay as they
        // are (plain SHA-256, reported as unkeyed); the store gets a random id that names its key files and its
        // witnessed heads, and each key epoch is recorded with the first event it keys. The key itself is created
        // outside the store when a writable store is opened (BoardStore+AuditKey).
        migrator.registerMigration("v3: store identity and keyed audit chain") { db in
            try db.execute(
                sql: """
                    CREATE TABLE store_identity(id TEXT NOT NULL);
                    INSERT INTO store_identity(id) VALUES (lower(hex(randomblob(16))));
                    CREATE TRIGGER store_identity_no_update BEFORE UPDATE ON store_identity
                        BEGIN SELECT RAISE(ABORT, 'the store identity never changes'); END;
                    CREATE TRIGGER store_identity_no_delete BEFORE DELETE ON store_identity
                        BEGIN SELECT RAISE(ABORT, 'the store identity never changes'); END;
                    CREATE TABLE audit_key(
                        epoch INTEGER PRIMARY KEY,
                        fingerprint TEXT NOT NULL,
                        keyed_from INTEGER NOT NULL,
                        created_at REAL NOT NULL,
                        created_by TEXT NOT NULL,
                        reason TEXT NOT NULL);
                    CREATE TRIGGER audit_key_no_update BEFORE UPDATE ON audit_key
                        BEGIN SELECT RAISE(ABORT, 'audit keys are append-only'); END;
                    CREATE TRIGGER audit_key_no_delete BEFORE DELETE ON audit_key
                        BEGIN SELECT RAISE(ABORT, 'audit keys are append-only'); END;
                    """)
        }
        // Precedents (issue 17): the earlier cases most like this one are found by OncoTree code and by gene through
        // small indexed tables that triggers keep in step (PrecedentIndex), never by scanning cases or findings.
        migrator.registerMigration("v5: precedent index") { db in try PrecedentIndex.create(db) }
        // Sign-off by the chair's own login (docs in BoardStore+Signoff): the board's settings map operating-system
        // logins to the people on its rosters, and name the delegates a chair allows to sign; a sign-off request
        // waits in its own table until the chair (or a delegate) signs from their own terminal. The meeting keeps
        // the instant it really started (the minutes' start–end line). Decisions are looked up per presentation
        // (case and meeting), so that pair gets an index.
        migrator.registerMigration(
            "v6: board logins and delegates, sign-off requests, meeting start, decisions per presentation"
        ) { db in
            try db.execute(
                sql: """
                    ALTER TABLE meeting ADD COLUMN started_at REAL;
                    CREATE TABLE board_login(
                        board_id TEXT NOT NULL REFERENCES board(id),
                        login TEXT NOT NULL,
                        person TEXT NOT NULL,
                        PRIMARY KEY(board_id, login));
                    CREATE TABLE board_delegate(
                        board_id TEXT NOT NULL REFERENCES board(id),
                        chair TEXT NOT NULL,
                        delegate TEXT NOT NULL,
                        named_by TEXT NOT NULL,
                        named_at REAL NOT NULL,
                        PRIMARY KEY(board_id, chair, delegate));
                    CREATE TABLE signoff_request(
                        decision_id TEXT PRIMARY KEY REFERENCES decision(id),
                        version INTEGER NOT NULL,
                        requested_by TEXT NOT NULL,
                        requested_at REAL NOT NULL);
                    CREATE INDEX decision_presentation ON decision(case_id, meeting_id);
                    """)
        }
        // Outcomes after a decision (issue 17): dated events per case, versioned bodies like decisions, read by case
        // (the case screen) or for a set of cases at once (precedents). The follow-up queue reads only signed
        // decisions (hence the status index) and a board setting for how long a recommendation may go without an
        // outcome before it is due.
        migrator.registerMigration("v7: outcomes and board settings") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outcome(
                        id TEXT PRIMARY KEY,
                        case_id TEXT NOT NULL REFERENCES "case"(id),
                        date TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        decision_id TEXT,
                        version INTEGER NOT NULL,
                        body TEXT NOT NULL);
                    CREATE INDEX outcome_case ON outcome(case_id, date);
                    CREATE INDEX decision_status ON decision(status, case_id);
                    CREATE TABLE board_setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    """)
        }
        // Where knowledge-base variants lie (CIViC variant summaries and evidence coordinates; EvidenceIndex): evidence
        // then also reaches findings by genome build, chromosome, start and alleles, not only by gene and name.
        migrator.registerMigration("v8: evidence loci") { db in
            try db.execute(
                sql: """
                    CREATE TABLE evidence_locus(
                        gene TEXT NOT NULL,
                        variant TEXT NOT NULL,
                        build TEXT NOT NULL,
                        chrom TEXT NOT NULL,
                        start INTEGER NOT NULL,
                        stop INTEGER,
                        ref TEXT NOT NULL,
                        alt TEXT NOT NULL,
                        UNIQUE(gene, variant, build, chrom, start, ref, alt));
                    """)
        }
        // Scale (issue 20): the home screen's backlog is read by page in its own order, and its size is kept, so the
        // first frame costs the same on 100,000 cases as on 10,000. The two indexes serve the backlog's order
        // (deferred cases first, then most recently updated); a small table of open cases per status is kept by
        // triggers, so counting the backlog reads a handful of rows instead of every case.
        migrator.registerMigration("v9: backlog order indexes and case counts by status") { db in
            try db.execute(
                sql: """
                    CREATE INDEX case_backlog ON "case"(status, updated_at DESC, id);
                    CREATE INDEX case_recent ON "case"(updated_at DESC, id);
                    CREATE TABLE case_status_count(status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
                    INSERT INTO case_status_count(status, n) SELECT status, COUNT(*) FROM "case" GROUP BY status;
                    CREATE TRIGGER case_counted AFTER INSERT ON "case" BEGIN
                        INSERT INTO case_status_count(status, n) VALUES (NEW.status, 1)
                            ON CONFLICT(status) DO UPDATE SET n = n + 1;
                    END;
                    CREATE TRIGGER case_uncounted AFTER DELETE ON "case" BEGIN
                        UPDATE case_status_count SET n = n - 1 WHERE status = OLD.status;
                    END;
                    CREATE TRIGGER case_recounted AFTER UPDATE OF status ON "case" WHEN OLD.status IS NOT NEW.status BEGIN
                        UPDATE case_status_count SET n = n - 1 WHERE status = OLD.status;
                        INSERT INTO case_status_count(status, n) VALUES (NEW.status, 1)
                            ON CONFLICT(status) DO UPDATE SET n = n + 1;
                    END;
                    """)
        }
        // Scale (issue 20): a case with a whole exome attached (400,000 findings) opens without reading its findings.
        // The Molecular tab reads them by page in its own order (passing calls first, then strongest evidence, then the
        // case's order) from `finding_list`; `filtered` says the caller rejected the call (`Finding.isFiltered`, set by
        // the writers, backfilled here from the bodies that name a filter). Counts per kind and filter state are kept by
        // triggers. Matching reads the case's summary (`Finding.isReadByMatching`: biomarkers and alterations naming a
        // gene or partners) from the partial index `finding_matching`, which SQLite keeps as findings change.
        migrator.registerMigration("v10: findings by page in the Molecular tab's order, counts, matching summary") {
            db in
            try db.execute(sql: "ALTER TABLE finding ADD COLUMN filtered INTEGER NOT NULL DEFAULT 0")
            try FindingList.backfillFiltered(db)
            try db.execute(
                sql: """
                    CREATE INDEX finding_list ON finding(case_id, filtered, best_rank, position);
                    CREATE INDEX finding_matching ON finding(case_id, position) WHERE \(FindingList.readByMatching);
                    CREATE TABLE finding_count(
                        case_id TEXT NOT NULL, kind TEXT NOT NULL, filtered INTEGER NOT NULL, n INTEGER NOT NULL,
                        PRIMARY KEY(case_id, kind, filtered)) WITHOUT ROWID;
                    INSERT INTO finding_count(case_id, kind, filtered, n)
                        SELECT case_id, kind, filtered, COUNT(*) FROM finding GROUP BY case_id, kind, filtered;
                    CREATE TRIGGER finding_counted AFTER INSERT ON finding BEGIN
                        INSERT INTO finding_count(case_id, kind, filtered, n) VALUES (NEW.case_id, NEW.kind, NEW.filtered, 1)
                            ON CONFLICT(case_id, kind, filtered) DO UPDATE SET n = n + 1;
                    END;
                    CREATE TRIGGER finding_uncounted AFTER DELETE ON finding BEGIN
                        UPDATE finding_count SET n = n - 1
                            WHERE case_id = OLD.case_id AND kind = OLD.kind AND filtered = OLD.filtered;
                        DELETE FROM finding_count
                            WHERE case_id = OLD.case_id AND kind = OLD.kind AND filtered = OLD.filtered AND n <= 0;
                    END;
                    CREATE TRIGGER finding_recounted AFTER UPDATE OF kind, filtered ON finding
                        WHEN OLD.kind IS NOT NEW.kind OR OLD.filtered IS NOT NEW.filtered BEGIN
                        UPDATE finding_count SET n = n - 1
                            WHERE case_id = OLD.case_id AND kind = OLD.kind AND filtered = OLD.filtered;
                        DELETE FROM finding_count
                            WHERE case_id = OLD.case_id AND kind = OLD.kind AND filtered = OLD.filtered AND n <= 0;
                        INSERT INTO finding_count(case_id, kind, filtered, n) VALUES (NEW.case_id, NEW.kind, NEW.filtered, 1)
                            ON CONFLICT(case_id, kind, filtered) DO UPDATE SET n = n + 1;
                    END;
                    """)
        }
        // Outcomes (issue 17): precedents of one case on a 100,000-case board in ≤ 50 ms. Both candidate look-ups
        // (by tissue: the precedent rows of the tissue's codes; by gene: the alteration keys joined to their
        // precedent row) read only covering indexes, never the tables' rows; these replace the narrower indexes.
        migrator.registerMigration("v11: covering indexes for precedent ranking") { db in try PrecedentIndex.cover(db) }
        // Scale (issue 20): adding one trial to a 100,000-case board re-matches only the cases it can concern, found
        // from their OncoTree code, the genes of their findings, fusion partners and germline-only profiles
        // (CaseFactsIndex), never by reading every case.
        migrator.registerMigration("v12: case facts for narrowing a new trial's cases") { db in
            try CaseFactsIndex.create(db)
        }
        // Import speed (issues 13 and 20): whether a finding names fusion partners or is germline become columns the
        // writers set, and `finding_partnered` / `finding_germline` index those instead of searching every body written.
        migrator.registerMigration("v13: finding flags for partners and germline origin") { db in
            try CaseFactsIndex.flag(db)
        }
        // Scale (issue 20): a stamp per case matched whole and a trials version, so that a case with no matches is not
        // matched again on every open, and adding one trial reads of each case only what that trial can look at.
        migrator.registerMigration("v14: match stamps and the trials version") { db in try MatchStamps.create(db) }
        return migrator
    }
}
