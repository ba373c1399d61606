import BoardFormats
import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Adding a trial re-matches only the cases it can concern: each store reads the facts a narrowing decides on
/// (`CaseFacts`) without sending every case whole. Both backends must admit the same cases, and never fewer than
/// the facts of the whole records admit (they may admit more: a case whose only profile is a biomarker counts as
/// unprofiled on both).
@Suite("Cases a new trial can concern, on both backends")
struct CaseNarrowingTests {
    /// A monotone rule over the facts: named genes, fusion partners, no tumour profile, listed codes, biomarkers.
    struct Rule: CaseNarrowing {
        var genes: Set<String>
        var codes: Set<String>
        var readsBiomarkers: Bool

        func genesOfInterest(_ spelling: String) -> Bool { genes.contains(spelling.uppercased()) }

        func admits(_ f: CaseFacts) -> Bool {
            !f.genes.isEmpty || f.partners || !f.tumourProfile || (f.oncotreeCode.map(codes.contains) ?? false)
                || (readsBiomarkers && f.biomarkers)
        }
    }

    static let rules = [
        Rule(genes: ["BRAF"], codes: [], readsBiomarkers: false),
        Rule(genes: ["EGFR", "KRAS", "TP53"], codes: ["LUAD"], readsBiomarkers: false),
        Rule(genes: [], codes: ["COADREAD", "BRCA"], readsBiomarkers: true),
    ]

    static let bundle: BoardBundle = {
        let board = SyntheticBoard(seed: 11, findingsPerCase: 12)
        var bundle = Fixtures.bundle
        bundle.cases += (0..<60).map(board.makeCase)
        return bundle
    }()

    @Test func bothBackendsAdmitTheSameCasesAndNoneTheRecordsExclude() throws {
        let sqlite = try Backend.sqlite.makeBoard(Self.bundle).store
        let postgres =
            try Backend.available.contains(.postgresql) ? Backend.postgresql.makeBoard(Self.bundle).store : nil
        let records = try sqlite.casesForMatching()
        for rule in Self.rules {
            let fromRecords = Set(
                records.filter { rule.admits(CaseFacts(of: $0, genesOfInterest: rule.genesOfInterest)) }.map(\.id))
            let onSQLite = try sqlite.caseIdsForMatching(narrowedBy: rule)
            #expect(fromRecords.isSubset(of: Set(onSQLite)), "\(rule.genes)")
            #expect(onSQLite.count < records.count, "the rule narrows: \(rule.genes)")
            if let postgres {
                #expect(try postgres.caseIdsForMatching(narrowedBy: rule) == onSQLite, "\(rule.genes)")
            }
        }
    }
}
