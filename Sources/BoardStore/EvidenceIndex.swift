import BoardModel
import Foundation
import GRDB

/// Knowledge-base evidence (CIViC rows) by gene. The store keeps every entry it was given in the `evidence`
/// table and applies them to each finding as it is written, so a VCF imported after the CIViC file gets the
/// same evidence as one imported before it.
struct EvidenceIndex: Sendable {
    private var byGene: [String: [EvidenceAttachment]] = [:]

    init(_ attachments: [EvidenceAttachment]) {
        var seen: Set<EvidenceAttachment> = []
        for e in attachments where seen.insert(e).inserted { byGene[e.gene.uppercased(), default: []].append(e) }
    }

    var isEmpty: Bool { byGene.isEmpty }

    /// Every entry the store keeps.
    static func load(_ db: Database) throws -> EvidenceIndex {
        let rows = try Row.fetchAll(db, sql: "SELECT gene, variant, body FROM evidence ORDER BY rowid")
        return EvidenceIndex(
            try rows.map {
                EvidenceAttachment(
                    gene: $0["gene"], variant: $0["variant"],
                    entry: try Codec.decode(EvidenceEntry.self, from: $0["body"]))
            })
    }

    /// Keeps entries for findings still to come; returns how many were new.
    static func save(_ db: Database, _ attachments: [EvidenceAttachment]) throws -> Int {
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO evidence(gene, variant, body) VALUES (?, ?, ?)")
        var created = 0
        for e in attachments {
            try insert.execute(arguments: [e.gene.uppercased(), e.variant, try Codec.encode(e.entry)])
            created += db.changesCount
        }
        return created
    }

    /// The entries that could apply to a finding of this gene (by symbol, whatever its case).
    func candidates(gene: String?) -> [EvidenceAttachment]? {
        guard let gene else { return nil }
        return byGene[gene.uppercased()]
    }

    /// Adds to `finding` the matching entries it does not carry yet. Returns the entries that matched and how
    /// many of them were added.
    @discardableResult
    func apply(to finding: inout Finding) -> (matched: [EvidenceAttachment], added: Int) {
        guard let entries = candidates(gene: finding.gene) else { return ([], 0) }
        var matched: [EvidenceAttachment] = []
        var added = 0
        for e in entries where EvidenceMatch.matches(e.variant, finding) {
            matched.append(e)
            if !finding.evidence.contains(e.entry) {
                finding.evidence.append(e.entry)
                added += 1
            }
        }
        return (matched, added)
    }
}
