import Foundation

/// One table of the board's content as `store copy` and the content digest see it, the same on both backends: the
/// SQLite names are the canonical ones; a column PostgreSQL names differently (`user` is reserved there) says so.
/// The list is explicit on purpose: `StoreCopyTests` compares it with both live schemas, so a migration that adds a
/// table or a column fails a test until it is listed here (or named derived), instead of being left out of copies.
struct StoreTable: Sendable {
    /// How a column's values are compared and written: as SQLite's storage classes.
    enum Kind: Sendable { case integer, real, text }

    struct Column: Sendable {
        var name: String
        var kind: Kind
        /// The column's name on PostgreSQL.
        var postgresName: String
    }

    /// The table's name on SQLite (and PostgreSQL, quoted when needed).
    var name: String
    var columns: [Column]
    /// The columns that order the rows for the digest (a unique key): the same order on both backends.
    var key: [String]
    /// Copied in insertion order on SQLite (rowid), because the store reads these tables in that order
    /// (decisions and outcomes of one case, evidence); on PostgreSQL decisions keep `created_order`.
    var insertionOrdered = false

    /// The search documents: on SQLite `search_ref` joined with the FTS5 table, on PostgreSQL `search_doc`.
    var isSearch: Bool { name == "search_doc" }

    /// The name quoted for SQL (`case` is a keyword on both).
    var quoted: String { "\"\(name)\"" }

    func kind(of column: String) -> Kind { columns.first { $0.name == column }?.kind ?? .text }

    /// The content tables in an order that satisfies every foreign key (parents first).
    static let all: [StoreTable] = [
        table("store_identity", "id", key: ["id"]),
        table(
            "audit_key", "epoch:i fingerprint keyed_from:i created_at:r created_by reason", key: ["epoch"]),
        table(
            "audit_event", "seq:i at:r user>actor action entity entity_id case_id before after previous_hash hash",
            key: ["seq"]),
        table("board", "id name site", key: ["id"]),
        table("patient", "id pseudonym display_name initials birth_date sex body", key: ["id"]),
        table(
            "case",
            "id patient_id status oncotree_code diagnosis stage_group ecog:i missing finding_count:i top_finding body "
                + "updated_at:r", key: ["id"]),
        table(
            "finding", "case_id id position:i kind gene label best_rank:i report_id body", key: ["case_id", "id"]),
        table("evidence", "gene variant body", key: ["gene", "variant", "body"], insertionOrdered: true),
        table(
            "evidence_locus", "gene variant build chrom start:i stop:i ref alt",
            key: ["gene", "variant", "build", "chrom", "start", "ref", "alt"], insertionOrdered: true),
        table("trial", "id title phase status body", key: ["id"]),
        table(
            "trial_match", "case_id trial_id arm_id status score:r computed_at:r data_fingerprint body",
            key: ["case_id", "trial_id", "arm_id"]),
        table(
            "meeting", "id board_id starts_at:r ended_at:r location chair status roster started_at:r", key: ["id"]),
        table(
            "agenda_item",
            "meeting_id case_id position:i presenter planned_minutes:i outcome defer_reason seconds_spent:i",
            key: ["meeting_id", "case_id"]),
        table(
            "note", "id version:i case_id finding_id trial_id author written_at:r meeting_id text",
            key: ["id", "version"]),
        table(
            "decision", "id case_id meeting_id version:i status amends body", key: ["id"], insertionOrdered: true),
        table("draft", "key user>user_name body updated_at:r", key: ["key"]),
        table("board_login", "board_id login person", key: ["board_id", "login"]),
        table(
            "board_delegate", "board_id chair delegate named_by named_at:r", key: ["board_id", "chair", "delegate"]),
        table("signoff_request", "decision_id version:i requested_by requested_at:r", key: ["decision_id"]),
        table(
            "outcome", "id case_id date kind decision_id version:i body", key: ["id"], insertionOrdered: true),
        table("board_setting", "key value", key: ["key"]),
        table("external_precedent", "id export_id institution diagnosis body", key: ["id"]),
        table("search_doc", "kind ref case_id label title body", key: ["kind", "ref"]),
    ]

    /// SQLite tables and columns (`table.column`) that are not content: kept by triggers from the content (so the target
    /// rebuilds them as rows arrive), `finding.filtered`, `finding.partnered` and `finding.germline` (read from the
    /// body: rebuilt after the copy), the search index's own tables (its documents travel as `search_doc`), and the
    /// migration log. Match stamps and the trials version (schema v14) are not copied: a copy's cases are matched
    /// again once, when first opened.
    static let derivedOnSQLite: Set<String> = [
        "grdb_migrations", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4", "case_status_count", "finding_count",
        "finding.filtered", "finding.partnered", "finding.germline", "alteration_key", "case_matched", "trial_change",
        "precedent", "search_ref", "search", "search_data", "search_idx", "search_content", "search_docsize",
        "search_config",
    ]

    /// PostgreSQL tables and columns that are not content: the migration log, and the order decisions were created in
    /// (kept by an identity column, filled again by the copy in the same order; evidence and its loci too, schema 5).
    /// Outcomes keep their order the same way (schema 3); a partner precedent's code, stage and lines and its
    /// alterations are read from its body at import (`external_alteration`). A finding's `filtered` is read from its
    /// body after the copy and `finding_count` kept by triggers (schema 4), as on SQLite. A patient's vital status
    /// and date of death are columns the server fills from the body (schema 9).
    static let derivedOnPostgres: Set<String> = [
        "tumorboard_schema", "decision.created_order", "search_doc.document", "outcome.created_order",
        "external_precedent.oncotree_code", "external_precedent.stage_group", "external_precedent.prior_lines",
        "external_alteration", "finding.filtered", "finding_count", "evidence.created_order",
        "evidence_locus.created_order", "patient.vital_status", "patient.deceased_on",
    ]

    /// Columns written as `name`, `name:i` (integer), `name:r` (real), or `name>pgname` (text, renamed on PostgreSQL).
    private static func table(_ name: String, _ spec: String, key: [String], insertionOrdered: Bool = false)
        -> StoreTable
    {
        let columns = spec.split(separator: " ").map { word -> Column in
            let parts = word.split(separator: ">").map(String.init)
            let typed = parts[0].split(separator: ":").map(String.init)
            let kind: Kind = typed.count == 2 ? (typed[1] == "i" ? .integer : .real) : .text
            return Column(name: typed[0], kind: kind, postgresName: parts.count == 2 ? parts[1] : typed[0])
        }
        return StoreTable(name: name, columns: columns, key: key, insertionOrdered: insertionOrdered)
    }
}
