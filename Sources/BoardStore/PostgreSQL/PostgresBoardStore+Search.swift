import BoardModel
import Foundation

/// Full-text search on PostgreSQL with the same folding as on SQLite: accents removed (`unaccent`; "nunez" finds
/// "Núñez"), letters unicode61 does not fold spelt out (SearchDocument), case ignored, words split at every
/// character that is not a letter or digit (as unicode61 splits "p.L858R"), each typed word a prefix, all required.
extension PostgresBoardStore: SearchStore {
    public func search(_ text: String, limit: Int) throws -> [SearchHit] {
        let words = Self.words(text)
        guard !words.isEmpty else { return [] }
        return try run {
            try connection.query(
                """
                WITH q AS (
                  SELECT to_tsquery('simple', string_agg(quote_literal(unaccent(lower(w))) || ':*', ' & ')) AS q
                  FROM regexp_split_to_table($1, ' ') AS w)
                SELECT kind, ref, case_id, label,
                  ts_headline('simple', body, q.q, 'StartSel=«, StopSel=», MaxWords=10, MinWords=3') AS snip
                FROM search_doc, q WHERE document @@ q.q
                ORDER BY ts_rank('{0.1, 0.2, 0.2, 1.0}', document, q.q) DESC, kind, ref COLLATE "C" LIMIT $2
                """, [words.joined(separator: " "), String(limit)]
            ).map {
                SearchHit(
                    kind: $0.text("kind"), ref: $0.text("ref"), caseId: $0["case_id"], title: $0.text("label"),
                    snippet: $0.text("snip"))
            }
        }
    }

    /// Puts (or replaces) one document in the index, inside the caller's transaction.
    func putSearch(_ d: SearchDocument) throws {
        try connection.query(
            """
            INSERT INTO search_doc(kind, ref, case_id, label, title, body, document)
            VALUES ($1, $2, $3, $4, $5, $6,
              setweight(to_tsvector('simple', unaccent($7)), 'A') || setweight(to_tsvector('simple', unaccent($8)), 'B'))
            ON CONFLICT(kind, ref) DO UPDATE SET case_id = excluded.case_id, label = excluded.label,
              title = excluded.title, body = excluded.body, document = excluded.document
            """,
            [
                d.kind, d.ref, d.caseId, d.label, d.title, d.body, Self.words(d.title).joined(separator: " "),
                Self.words(d.body).joined(separator: " "),
            ])
    }

    /// The words of a text as unicode61 splits them: runs of letters and digits.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }
}
