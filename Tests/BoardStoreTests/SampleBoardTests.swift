import BoardFormats
import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardStore

/// The bundled sample board loads with what a newcomer needs to see, and re-importing it changes nothing.
@Suite("Sample board")
struct SampleBoardTests {
    static func bundle() throws -> BoardBundle {
        try BoardReader.read(paths: try Repository.sampleDataFiles())
    }

    @Test func loadsWithThePromisedCounts() throws {
        let bundle = try Self.bundle()
        let store = try BoardStore.inMemory()
        try store.importBundle(bundle)
        let counts = try store.counts()
        #expect(counts["boards"]! >= 3)
        #expect(counts["cases"]! >= 24)
        #expect(counts["findings"]! >= 150)
        #expect(counts["trials"]! >= 30)
        #expect(Set(bundle.cases.compactMap(\.diagnosis.oncotreeCode)).count >= 10)
        for code in Set(bundle.cases.compactMap(\.diagnosis.oncotreeCode)) {
            #expect(OncoTree.bundled.node(code) != nil, "unknown OncoTree code \(code)")
        }
        // Rare tumours are represented.
        for rare in ["IHCH", "GIST", "LMS", "PANET", "THYC"] {
            #expect(bundle.cases.contains { $0.diagnosis.oncotreeCode == rare }, "no \(rare) case")
        }
        // The actionable classics.
        let labels = bundle.cases.flatMap(\.findings).map(\.label)
        for classic in [
            "EGFR p.L858R", "BRAF p.V600E", "KRAS p.G12C", "IDH1 p.R132C", "EML4::ALK fusion", "CD74::ROS1 fusion",
            "FGFR2::BICC1 fusion",
        ] {
            #expect(labels.contains(classic), "missing \(classic)")
        }
        let findings = bundle.cases.flatMap(\.findings)
        #expect(findings.contains { $0.gene == "ERBB2" && $0.copyNumberCall == .amplification })
        #expect(findings.contains { $0.gene == "BRCA1" && $0.origin == .germline })
        #expect(findings.contains { $0.gene == "BRCA2" && $0.origin == .germline })
        #expect(findings.contains { $0.biomarker?.kind == .msi && $0.biomarker?.status == "MSI-H" })
        #expect(findings.contains { $0.biomarker?.kind == .tmb && ($0.biomarker?.value ?? 0) >= 10 })
        #expect(findings.contains { $0.classification == .vus })
        #expect(bundle.trials.allSatisfy { $0.eligibility.criteria != nil || $0.arms.contains { $0.criteria != nil } })
    }

    @Test func hasAnUpcomingAndAPastMeetingAndDiverseNames() throws {
        let bundle = try Self.bundle()
        let store = try BoardStore.inMemory()
        try store.importBundle(bundle)
        let now = Date(timeIntervalSince1970: 1_795_770_000)  // 2026-11-27
        let (upcoming, past) = try store.meetings(around: now)
        #expect(upcoming.contains { $0.caseCount > 0 })
        let pastWithDecisions = try past.filter { meeting in
            try store.agenda(meetingId: meeting.id).contains { row in
                try store.caseRecord(id: row.headline.id)?.currentDecision?.status == .final
            }
        }
        #expect(!pastWithDecisions.isEmpty)
        #expect(bundle.notes.count >= 8)
        let names = bundle.cases.map(\.patient.name.display)
        #expect(
            names.contains { $0.unicodeScalars.contains { $0.value > 0x7F && $0.value < 0x250 } }, "no accented name")
        #expect(names.contains { $0.unicodeScalars.contains { $0.value >= 0x370 } }, "no non-Latin name")
        #expect(try store.backlog().count >= 5)
        #expect(try store.verify().isOK)
    }

    /// SampleData/check.py is the sample's one self-check (schema keys, enums, evidence levels per scale, OncoTree
    /// codes, cross-references, the meetings the demos rely on); the JSON is the only source, so the suite runs it.
    @Test(.enabled(if: Python.enabled, Python.reason))
    func passesItsSelfCheck() throws {
        let run = try Python.run(script: Repository.path("SampleData/check.py"))
        #expect(run.status == 0, "SampleData/check.py failed:\n\(run.output)")
    }

    @Test func importingTheSampleTwiceChangesNothing() throws {
        let bundle = try Self.bundle()
        let store = try BoardStore.inMemory()
        try store.importBundle(bundle)
        let before = try store.counts()
        let again = try store.importBundle(bundle)
        #expect(again.counts.values.allSatisfy { $0.created == 0 && $0.updated == 0 })
        #expect(try store.counts() == before)
    }
}
