import GRDB

/// The tables precedents are found by, kept in step with findings, cases and decisions by triggers (so every
/// write path, streamed lab files included, keeps them right without knowing of them):
/// - `alteration_key`: one row per decisive finding (the rule of `Alteration.init?(_:)`), looked up by gene;
/// - `precedent`: one row per case with a signed (final) decision, and per imported external precedent, looked
///   up by OncoTree code; narrow, so ranking reads no record body;
/// - `external_precedent`: precedents imported from partner boards' cohort files, apart from the board's cases
///   (never on an agenda or in the backlog), replaced as a whole when the same export is imported again.
enum PrecedentIndex {
    /// Whether finding row `X` is decisive, as `Alteration.isDecisive` says (plus the gene).
    static func decisive(_ x: String) -> String {
        """
        \(x).gene IS NOT NULL AND \(x).gene <> '' AND \(x).kind <> 'biomarker' AND (\(x).kind = 'fusion' OR \(x).best_rank < 99
          OR (instr(\(x).body, '"classification":"') > 0
              AND json_extract(\(x).body, '$.classification') IN ('oncogenic', 'likely-oncogenic', 'pathogenic', 'likely-pathogenic')))
        """
    }

    /// The `alteration_key` columns of finding row `X`: case, finding, gene, class, change as written.
    static func keyColumns(_ x: String) -> String {
        """
        \(x).case_id, \(x).id, upper(\(x).gene),
        CASE \(x).kind WHEN 'snv' THEN 'mutation' WHEN 'indel' THEN 'mutation' WHEN 'fusion' THEN 'fusion'
          WHEN 'sv' THEN 'rearrangement'
          ELSE CASE json_extract(\(x).body, '$.copyNumberCall') WHEN 'Amplification' THEN 'amplification' WHEN 'Gain' THEN 'gain'
            WHEN 'Heterozygous deletion' THEN 'deletion' WHEN 'Homozygous deletion' THEN 'deletion' ELSE 'copy-number change' END
        END,
        CASE \(x).kind WHEN 'fusion' THEN (SELECT group_concat(value, '::') FROM json_each(\(x).body, '$.partners'))
          WHEN 'sv' THEN NULL WHEN 'cnv' THEN json_extract(\(x).body, '$.copyNumberCall')
          ELSE coalesce(json_extract(\(x).body, '$.hgvsP'), json_extract(\(x).body, '$.hgvsPShort'), json_extract(\(x).body, '$.hgvsC'))
        END
        """
    }

    /// Rebuilds the local precedent row of the case whose id is the expression `id` (its latest final decision).
    static func refreshPrecedent(_ id: String) -> String {
        """
        DELETE FROM precedent WHERE case_id = \(id) AND institution IS NULL;
        INSERT INTO precedent(case_id, institution, patient_id, oncotree_code, stage_group, prior_lines, decision_id, decided_at)
          SELECT c.id, NULL, c.patient_id, c.oncotree_code, c.stage_group, \(priorLines("c.body")), d.id,
            coalesce(json_extract(d.body, '$.signedAt'), json_extract(d.body, '$.recordedAt')) / 1000.0 AS decided
          FROM "case" c JOIN decision d ON d.case_id = c.id AND d.status = 'final'
          WHERE c.id = \(id) ORDER BY decided DESC LIMIT 1;
        """
    }

    /// Systemic lines in a case body, as `Case.priorSystemicLines` counts them.
    static func priorLines(_ body: String) -> String {
        """
        (SELECT count(*) FROM json_each(\(body), '$.treatmentHistory')
          WHERE json_extract(value, '$.line') IS NOT NULL OR json_array_length(value, '$.drugs') > 0)
        """
    }

    /// Schema v4: the tables, their triggers and their first filling from what the store already holds.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX case_oncotree ON "case"(oncotree_code);
                CREATE TABLE alteration_key(
                    case_id TEXT NOT NULL, finding_id TEXT NOT NULL, gene TEXT NOT NULL, class TEXT NOT NULL, change TEXT,
                    PRIMARY KEY(case_id, finding_id)) WITHOUT ROWID;
                CREATE INDEX alteration_gene ON alteration_key(gene);
                CREATE TABLE precedent(
                    case_id TEXT PRIMARY KEY, institution TEXT, patient_id TEXT, oncotree_code TEXT, stage_group TEXT,
                    prior_lines INTEGER, decision_id TEXT NOT NULL, decided_at REAL);
                CREATE INDEX precedent_code ON precedent(oncotree_code);
                CREATE TABLE external_precedent(
                    id TEXT PRIMARY KEY, export_id TEXT NOT NULL, institution TEXT NOT NULL, diagnosis TEXT NOT NULL,
                    body TEXT NOT NULL);
                CREATE INDEX external_precedent_export ON external_precedent(export_id);
                CREATE TRIGGER finding_key_insert AFTER INSERT ON finding WHEN \(decisive("NEW"))
                    BEGIN INSERT OR REPLACE INTO alteration_key(case_id, finding_id, gene, class, change) SELECT \(keyColumns("NEW")); END;
                CREATE TRIGGER finding_key_delete AFTER DELETE ON finding WHEN \(decisive("OLD"))
                    BEGIN DELETE FROM alteration_key WHERE case_id = OLD.case_id AND finding_id = OLD.id; END;
                CREATE TRIGGER finding_key_update AFTER UPDATE ON finding
                    BEGIN
                        DELETE FROM alteration_key WHERE case_id = OLD.case_id AND finding_id = OLD.id;
                        INSERT OR REPLACE INTO alteration_key(case_id, finding_id, gene, class, change)
                            SELECT \(keyColumns("NEW")) WHERE \(decisive("NEW"));
                    END;
                CREATE TRIGGER decision_precedent_insert AFTER INSERT ON decision
                    BEGIN \(refreshPrecedent("NEW.case_id")) END;
                CREATE TRIGGER decision_precedent_update AFTER UPDATE ON decision
                    BEGIN \(refreshPrecedent("NEW.case_id")) END;
                CREATE TRIGGER case_precedent_update AFTER UPDATE OF patient_id, oncotree_code, stage_group, body ON "case"
                    WHEN EXISTS (SELECT 1 FROM decision WHERE case_id = NEW.id AND status = 'final')
                    BEGIN \(refreshPrecedent("NEW.id")) END;
                CREATE TRIGGER case_precedent_delete AFTER DELETE ON "case"
                    BEGIN
                        DELETE FROM precedent WHERE case_id = OLD.id AND institution IS NULL;
                        DELETE FROM alteration_key WHERE case_id = OLD.id;
                    END;
                INSERT INTO alteration_key(case_id, finding_id, gene, class, change)
                    SELECT \(keyColumns("f")) FROM finding f WHERE \(decisive("f"));
                """)
        for id in try String.fetchAll(db, sql: "SELECT DISTINCT case_id FROM decision WHERE status = 'final'") {
            try db.execute(sql: refreshPrecedent("?"), arguments: [id, id])
        }
    }

    /// Schema v11: covering indexes, so ranking reads index pages only (`BoardStore.rankedCandidates` reads
    /// `precedentColumns` and, by gene, class and change).
    static func cover(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX alteration_gene;
                CREATE INDEX alteration_gene_key ON alteration_key(gene, case_id, class, change);
                DROP INDEX precedent_code;
                CREATE INDEX precedent_code_cover ON precedent(
                    oncotree_code, case_id, institution, patient_id, stage_group, prior_lines, decision_id, decided_at);
                CREATE INDEX precedent_case_cover ON precedent(
                    case_id, institution, patient_id, oncotree_code, stage_group, prior_lines, decision_id, decided_at);
                """)
    }
}
