import Foundation
import BoardModel

/// Reads CIViC ClinicalEvidenceSummaries TSV (the monthly release; pre-2022 gene/variant columns or the later
/// molecular_profile column) into evidence records — gene, variant, disease, therapy, level A–E, type and
/// significance — which the store attaches to matching findings. Rows not accepted by CIViC editors are skipped.
/// Stray U+FEFF (byte order marks) inside text fields are removed.
public enum CIViCReader {
    static func recognises(head: String) -> Bool {
        guard let header = head.split(separator: "\n").first else { return false }
        return header.contains("evidence_level") && (header.contains("clinical_significance") || header.contains("significance"))
            && (header.contains("\tvariant\t") || header.contains("molecular_profile"))
    }

    public static func read(data: Data, file: String) throws -> ImportPayload {
        let source = try TextSource(data: data, file: file)
        try source.requireUTF8(expected: "CIViC evidence TSV")
        let name = URL(fileURLWithPath: file).lastPathComponent
        var columns: [String: Int] = [:]
        var width = 0
        var records: [EvidenceAttachment] = []
        var skipped: [String: Int] = [:]
        try source.forEachLine { line, number in
            if line.isEmpty { return true }
            let cells = line.string.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\t")
            if columns.isEmpty {
                for (i, c) in cells.enumerated() { columns[c.trimmingCharacters(in: .whitespaces)] = i }
                width = cells.count
                let hasVariant = (columns["gene"] != nil && columns["variant"] != nil) || columns["molecular_profile"] != nil
                guard hasVariant, columns["evidence_level"] != nil else {
                    throw ImportError(file: file, location: "line \(number)", message: "expected CIViC columns gene and variant (or molecular_profile) and evidence_level")
                }
                return true
            }
            guard cells.count <= width else {
                throw ImportError(file: file, location: "line \(number)", message: "\(cells.count) cells but the header has \(width) columns")
            }
            func cell(_ key: String) -> String? {
                guard let i = columns[key], i < cells.count else { return nil }
                let v = cells[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty || v == "N/A" ? nil : v
            }
            if let status = cell("evidence_status"), status != "accepted" { skipped["rows not accepted by CIViC (\(status))", default: 0] += 1; return true }
            var gene = cell("gene"), variant = cell("variant")
            if gene == nil, let profile = cell("molecular_profile"), let space = profile.firstIndex(of: " ") {
                gene = String(profile[..<space])
                variant = String(profile[profile.index(after: space)...])
            }
            guard let gene, let variant else { skipped["rows without gene and variant", default: 0] += 1; return true }
            guard let levelCode = cell("evidence_level"), EvidenceScale.civic.accepts(levelCode) else {
                throw ImportError(file: file, location: "line \(number), column \((columns["evidence_level"] ?? 0) + 1)", message: "evidence_level must be A, B, C, D or E")
            }
            let drugs = (cell("drugs") ?? cell("therapies"))?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            // Combination: given together; Substitutes: each alone; Sequential: one after the other. Exports without
            // the column (2018) do not say, and neither is assumed.
            let interaction = cell("drug_interaction_type") ?? cell("therapy_interaction_type")
            let joiner = interaction == "Combination" ? " + " : (interaction == "Sequential" ? " then " : ", ")
            let unstated = interaction == nil && (drugs?.count ?? 0) > 1 ? " (combination or alternatives not stated)" : ""
            let disease = cell("disease")
            // Citations: the evidence id, the publication (PubMed id in 2018 exports, citation_id later) and trials.
            var citations = [cell("evidence_id").map { "CIViC EID\($0)" }]
            if let pmid = cell("pubmed_id") { citations.append("PMID \(pmid)") }
            else if let citation = cell("citation_id") { citations.append((cell("source_type") == "PubMed" ? "PMID " : "") + citation) }
            citations += (cell("nct_ids") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let reference = citations.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
            let entry = EvidenceEntry(source: "CIViC", level: EvidenceLevel(scale: .civic, code: levelCode), type: cell("evidence_type"),
                                      significance: cell("clinical_significance") ?? cell("significance"),
                                      therapy: drugs.map { $0.joined(separator: joiner) + unstated }, disease: disease,
                                      oncotreeCode: disease.flatMap { OncoTree.bundled.code(forName: $0) },
                                      reference: reference.isEmpty ? nil : reference,
                                      direction: cell("evidence_direction"), statement: cell("evidence_statement"))
            records.append(EvidenceAttachment(gene: gene, variant: variant, entry: entry))
            return true
        }
        guard !columns.isEmpty else { throw ImportError(file: file, message: "empty file; expected a CIViC evidence TSV") }
        var payload = ImportPayload(evidence: records)
        for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) { payload.skipped.append("\(name): \(count) \(reason)") }
        return payload
    }
}
