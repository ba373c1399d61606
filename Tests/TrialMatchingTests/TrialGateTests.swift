import BoardFormats
import BoardModel
import BoardStore
import Foundation
import Testing

@testable import TrialMatching

/// Adding a trial re-matches only the cases its gate admits (`TrialGate`, read from the store's indexes by
/// `caseIdsForMatching(narrowedBy:)`). These tests hold what makes that safe: no case with a match against the trial
/// is left out (from whole records and from the store's indexes), the gate leaves cases out (it narrows), and the
/// matches stored after adding a trial this way equal a full re-match of every case against every trial.
@Suite struct TrialGateTests {
    /// A generated board plus cases at the edges of the facts: no findings, germline only, a code OncoTree does not
    /// know, no code, a fusion named only by partners, lower-case genes, a TMB result only, unannotated variants only, HER2 by IHC beside a sequenced tumour.
    static let cases: [Case] = {
        let board = SyntheticBoard(seed: 11, findingsPerCase: 8)
        var cases = (0..<160).map(board.makeCase)
        func edge(_ n: Int, code: String?, _ findings: [Finding]) -> Case {
            var c = Fixtures.makeCase(code: code, findings: findings)
            c.id = "E-\(n)"
            c.patient.id = "EP-\(n)"
            return c
        }
        let tmb = Biomarker(kind: .tmb, value: 24, unit: "mut/Mb")
        cases += [
            edge(1, code: "LUAD", []),
            edge(2, code: "PRAD", [Finding(id: "E2-1", kind: .snv, gene: "BRCA2", origin: .germline)]),
            edge(3, code: "XYZ", [Finding(id: "E3-1", kind: .snv, gene: "KRAS", hgvsP: "p.G12C")]),
            edge(4, code: nil, [Finding(id: "E4-1", kind: .snv, gene: "TP53", hgvsP: "p.R248Q")]),
            edge(5, code: "IDC", [Finding(id: "E5-1", kind: .fusion, partners: ["EML4", "ALK"])]),
            edge(
                6, code: "PAAD",
                [
                    Finding(id: "E6-1", kind: .snv, gene: "kras", hgvsP: "p.G12D"),
                    Finding(id: "E6-2", kind: .copyNumber, gene: "her2", copyNumberCall: .amplification),
                ]),
            edge(7, code: "COAD", [Finding(id: "E7-1", kind: .biomarker, biomarker: tmb)]),
            edge(8, code: "LUAD", MatchingSummaryTests.unannotated(20, prefix: "E8-")),
            edge(9, code: "SKCM", [Finding(id: "E9-1", kind: .snv, gene: "BRAF", hgvsP: "p.V600E", origin: .germline)]),
            // Sequenced (a somatic TP53) with HER2 by IHC only: no ERBB2 row, yet the HER2 result reads on ERBB2.
            edge(
                10, code: "STAD",
                [
                    Finding(id: "E10-1", kind: .snv, gene: "TP53", hgvsP: "p.R175H"),
                    Finding(
                        id: "E10-2", kind: .biomarker,
                        biomarker: Biomarker(kind: .other, name: "HER2 IHC", status: "3+")),
                ]),
        ]
        return cases
    }()

    /// Generated trials (diagnosis and genotype per arm, free text), the sample board's curated and registry trials,
    /// and a few that name only a fusion, TMB, MSI or an exclusion.
    static let trials: [Trial] = {
        let board = SyntheticBoard(seed: 5)
        var trials = (0..<40).map(board.makeTrial) + Fixtures.sample.trials
        trials += [
            Fixtures.trial(.genomic(GenomicCriterion(hugoSymbol: "ALK")), id: "NCT00000101"),
            Fixtures.trial(.clinical(ClinicalCriterion(tmbNumerical: ">=10")), id: "NCT00000102"),
            Fixtures.trial(.genomic(GenomicCriterion(msStatus: "MSI-H")), id: "NCT00000103"),
            Fixtures.trial(
                .all([
                    .clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "NSCLC")),
                    .genomic(GenomicCriterion(hugoSymbol: "!EGFR")),
                ]), id: "NCT00000104"),
            Fixtures.trial(
                .any([.genomic(GenomicCriterion(hugoSymbol: "ERBB2")), .genomic(GenomicCriterion(hugoSymbol: "KRAS"))]),
                id: "NCT00000105"),
        ]
        return trials
    }()

    static func facts(_ record: Case, _ gate: TrialGate) -> CaseFacts {
        CaseFacts(of: record, genesOfInterest: gate.genesOfInterest)
    }

    @Test func everyCaseWithAMatchPassesTheGateAndTheGateNarrows() throws {
        let all = Self.cases + Fixtures.sample.cases
        var left = 0
        for trial in Self.trials {
            let engine = MatchEngine(trials: [trial])
            let gate = engine.gate
            for record in all {
                let matches = engine.match(record, on: Fixtures.day, at: Fixtures.now, selection: .relevant)
                let admitted = gate.admits(Self.facts(record, gate))
                #expect(admitted || matches.isEmpty, "\(trial.id) \(record.id): \(matches.map(Fixtures.describe))")
                if !admitted { left += 1 }
            }
        }
        // The gate has teeth: most trial × case pairs of a generated board are left out.
        #expect(left > all.count * Self.trials.count / 3, "left out: \(left)")
    }

    @Test func theStoreReadsTheSameFactsFromItsIndexes() throws {
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(BoardBundle(cases: Self.cases + Fixtures.sample.cases), now: Fixtures.now)
        let records = try store.casesForMatching()
        for trial in Self.trials {
            let gate = MatchEngine(trials: [trial]).gate
            let fromIndexes = Set(try store.caseIdsForMatching(narrowedBy: gate))
            let fromRecords = Set(records.filter { gate.admits(Self.facts($0, gate)) }.map(\.id))
            // The indexes may count a case with only a TMB result as unprofiled (admitting more), never fewer.
            #expect(fromRecords.isSubset(of: fromIndexes), "\(trial.id): \(fromRecords.subtracting(fromIndexes))")
            #expect(fromIndexes.subtracting(fromRecords).isSubset(of: ["E-7"]), "\(trial.id)")
        }
    }

    /// What the store holds as current matches, in a comparable form.
    func stored(_ store: BoardStore, _ ids: [String]) throws -> [String] {
        try ids.flatMap { id -> [String] in
            let record = try #require(try store.caseRecord(id: id, on: Fixtures.day))
            return record.matches.map {
                "\($0.caseId) \($0.trialId) \($0.armId ?? "-") \($0.status) \($0.score) \($0.dataFingerprint) "
                    + $0.outcomes.map { "\($0.outcome.mark)\($0.criterion): \($0.detail)" }.joined(separator: "|")
            }
        }.sorted()
    }

    func matchAll(_ store: BoardStore, _ trials: [Trial]) throws -> [(String, [TrialMatch])] {
        let cases = try store.casesForMatching()
        return Array(
            zip(cases.map(\.id), MatchEngine(trials: trials).matchAll(cases, on: Fixtures.day, at: Fixtures.now)))
    }

    @Test func addingATrialReMatchesOnlyTheAdmittedCasesAndEqualsAFullReMatch() throws {
        // A smaller board than the other tests' (each added trial builds and fully matches two stores): 100 generated
        // cases, the edge cases and the sample's; 12 generated trials, the sample's and the hand-made ones.
        let cases = Self.cases.filter { !$0.id.hasPrefix("G-0001") } + Fixtures.sample.cases
        let ids = cases.map(\.id)
        let board = Self.trials.filter { !$0.id.hasPrefix("NCT900000") || $0.id < "NCT90000012" }
        var checked = 0
        var reMatched = 0
        for added in board where ["NCT90000003", "NCT00000105", "NCT06530718"].contains(added.id) {
            let others = board.filter { $0.id != added.id }
            let incremental = try BoardStore.inMemory(user: "tester")
            try incremental.importBundle(BoardBundle(cases: cases, trials: others), now: Fixtures.now)
            try incremental.saveMatches(try matchAll(incremental, others))

            // The trial arrives: only the cases its gate admits are read and matched.
            try incremental.importBundle(BoardBundle(trials: [added]), now: Fixtures.now)
            let engine = MatchEngine(trials: [added])
            let admitted = try incremental.caseIdsForMatching(narrowedBy: engine.gate)
            #expect(admitted.count < cases.count, "\(added.id): \(admitted.count) of \(cases.count) re-matched")
            reMatched += admitted.count
            let records = try incremental.casesForMatching(ids: admitted)
            let results = engine.matchAll(records, on: Fixtures.day, at: Fixtures.now)
            try incremental.saveMatches(trialIds: [added.id], Array(zip(admitted, results)))

            let full = try BoardStore.inMemory(user: "tester")
            try full.importBundle(BoardBundle(cases: cases, trials: board), now: Fixtures.now)
            try full.saveMatches(try matchAll(full, board))
            let expected = try stored(full, ids)
            #expect(
                expected.contains { $0.contains(" \(added.id) ") }, "\(added.id) matches some case: the check has teeth"
            )
            #expect(try stored(incremental, ids) == expected, "\(added.id)")
            checked += 1
        }
        #expect(checked == 3)
        #expect(reMatched < checked * cases.count / 2, "\(reMatched) cases re-matched for \(checked) trials")
    }
}
