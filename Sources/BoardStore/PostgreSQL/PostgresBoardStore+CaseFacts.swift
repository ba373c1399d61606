import BoardModel
import Foundation

/// The facts a new trial is checked against (`CaseFacts`) on PostgreSQL, read by the server in two passes over the
/// findings instead of sending every case whole (the store API's fallback): adding one trial to a big board then
/// re-matches only the cases it can concern, as on SQLite (`CaseFactsIndex`, which reads indexes of its own).
extension PostgresBoardStore {
    public func caseIdsForMatching(narrowedBy narrowing: any CaseNarrowing) throws -> [String] {
        try run {
            let genes = try connection.query("SELECT DISTINCT gene FROM finding WHERE gene IS NOT NULL")
                .map { $0.text("gene") }.filter(narrowing.genesOfInterest)
            // Per case with findings: the genes asked about, partners, biomarkers, and whether a finding other than a
            // biomarker is not germline (the tumour profile, as SQLite's indexes tell it: more cases count as
            // unprofiled than a whole read would find, which admits more, never fewer).
            var facts: [String: CaseFacts] = [:]
            for row in try connection.query(
                """
                SELECT case_id, array_to_string(array_agg(DISTINCT gene) FILTER (WHERE gene = ANY($1::text[])), chr(31))
                    AS genes,
                  bool_or(strpos(body, '"partners":[') > 0) AS partners, bool_or(kind = 'biomarker') AS biomarkers,
                  bool_or(kind <> 'biomarker' AND strpos(body, '"origin":"germline"') = 0) AS profiled
                FROM finding GROUP BY case_id
                """, [Self.array(genes)])
            {
                facts[row.text("case_id")] = CaseFacts(
                    oncotreeCode: nil,
                    genes: Set(row.text("genes").split(separator: "\u{1F}").map(String.init)),
                    tumourProfile: row["profiled"] == "t", partners: row["partners"] == "t",
                    biomarkers: narrowing.readsBiomarkers && row["biomarkers"] == "t")
            }
            var admitted: [String] = []
            for row in try connection.query("SELECT id, oncotree_code FROM \"case\"") {
                let id = row.text("id")
                var f = facts[id] ?? CaseFacts(oncotreeCode: nil, tumourProfile: false)
                f.oncotreeCode = row["oncotree_code"]
                if narrowing.admits(f) { admitted.append(id) }
            }
            return admitted.sorted()
        }
    }
}
