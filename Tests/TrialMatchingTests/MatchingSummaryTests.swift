import BoardModel
import BoardStore
import Foundation
import Testing

@testable import TrialMatching

/// A big case is matched from its summary (`matchingSummary()`, the store's `finding_matching` index): the findings
/// matching reads, and a tumour-profile witness when only findings it does not read establish one. Matching the
/// summary must give exactly the matches of the whole case, with the same fingerprints.
@Suite struct MatchingSummaryTests {
    /// Unannotated variants, as a sites-only VCF attaches them (no gene: matching reads none of them).
    static func unannotated(_ n: Int, origin: VariantOrigin = .somatic, prefix: String = "X") -> [Finding] {
        (0..<n).map { i in
            Finding(
                id: "\(prefix)\(i)", kind: i % 4 == 0 ? .indel : .snv, origin: origin, chrom: "1", position: 1000 + i,
                ref: "A",
                alt: i % 4 == 0 ? "AT" : "C")
        }
    }

    func described(_ matches: [TrialMatch]) -> [String] {
        matches.map { Fixtures.describe($0) + " \($0.dataFingerprint)" }.sorted()
    }

    @Test func everySampleCaseMatchesTheSameFromItsSummary() throws {
        for var record in Fixtures.sample.cases {
            for extra in [Self.unannotated(50), Self.unannotated(50, origin: .germline, prefix: "G")] {
                record.findings += extra
                var summary = record
                summary.findings = record.findings.matchingSummary()
                #expect(summary.fingerprint(on: Fixtures.day) == record.fingerprint(on: Fixtures.day))
                #expect(
                    described(Fixtures.engine.match(summary, on: Fixtures.day, at: Fixtures.now, selection: .all))
                        == described(Fixtures.engine.match(record, on: Fixtures.day, at: Fixtures.now, selection: .all)),
                    "\(record.id)")
            }
        }
    }

    @Test func theProfileWitnessKeepsAbsentAlterationsReadable() throws {
        // A case whose only tumour profile is an unannotated somatic variant: without the witness, "no EGFR mutation"
        // criteria would become unknown (no profile) instead of met.
        var record = Fixtures.sampleCase(Fixtures.sample.cases[0].id)
        record.findings = Self.unannotated(3, origin: .germline, prefix: "A") + Self.unannotated(12, prefix: "S")
        let summary = record.findings.matchingSummary()
        #expect(summary.map(\.id) == ["S0"])
        var reduced = record
        reduced.findings = summary
        #expect(
            described(Fixtures.engine.match(reduced, on: Fixtures.day, at: Fixtures.now, selection: .all))
                == described(Fixtures.engine.match(record, on: Fixtures.day, at: Fixtures.now, selection: .all)))
        var none = record
        none.findings = []
        #expect(CaseIndex.hasTumourProfile(summary) && !CaseIndex.hasTumourProfile(none.findings))
    }

    @Test func aBigCaseInTheStoreIsMatchedFromItsSummary() throws {
        let store = try BoardStore.inMemory(user: "tester")
        var bundle = Fixtures.sample
        bundle.cases[0].findings += Self.unannotated(2_500)
        let record = bundle.cases[0]
        try store.importBundle(bundle, now: Fixtures.now)
        let partial = try #require(try store.caseRecord(id: record.id, on: Fixtures.day, findings: .summary))
        let whole = try #require(try store.caseRecord(id: record.id, on: Fixtures.day, findings: .all))
        #expect(partial.findingsPartial && !whole.findingsPartial)
        #expect(partial.record.findings.count < 100 && whole.record.findings.count == record.findings.count)
        #expect(partial.findingCounts.total == record.findings.count)
        #expect(
            described(Fixtures.engine.match(partial.record, on: Fixtures.day, at: Fixtures.now, selection: .all))
                == described(Fixtures.engine.match(whole.record, on: Fixtures.day, at: Fixtures.now, selection: .all)))
    }
}
