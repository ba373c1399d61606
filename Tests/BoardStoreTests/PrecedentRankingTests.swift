import BoardModel
import Foundation
import GRDB
import Testing

@testable import BoardStore

/// Precedent ranking on hand-built cases whose expected order is worked out by hand from the rules (OncoTree
/// kinship, shared alterations, stage, line), and the SQL index kept in step with the Swift rules.
@Suite("Precedents")
struct PrecedentRankingTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func fusion(_ caseId: String, _ partner: String) -> Finding {
        Finding(id: "\(caseId)-F1", kind: .fusion, gene: "FGFR2", partners: ["FGFR2", partner])
    }

    static func make(
        _ id: String, patient: Int, code: String, stage: String? = nil, lines: Int = 0, findings: [Finding] = []
    ) -> Case {
        Case(
            id: id,
            patient: Patient(
                id: "P-\(patient)", name: PersonName(given: "Test", family: "Patient \(patient)"),
                birthDate: LocalDate(year: 1960, month: 1, day: 1), sex: .female),
            diagnosis: Diagnosis(oncotreeCode: code, text: OncoTree.bundled.name(of: code) ?? code),
            stage: stage.map { Stage(group: $0) },
            treatmentHistory: (0..<lines).map { TherapyLine(line: $0 + 1, drugs: ["gemcitabine", "cisplatin"]) },
            findings: findings)
    }

    static func decision(_ caseId: String, final: Bool = true, day: Int) -> Decision {
        let at = now.addingTimeInterval(Double(day) * 86400)
        return Decision(
            id: "D-\(caseId)", caseId: caseId, status: final ? .final : .draft,
            recommendations: [
                Recommendation(
                    kind: .targetedTherapy, therapy: "pemigatinib", drugs: ["pemigatinib"],
                    evidence: EvidenceLevel(scale: .oncokb, code: "1"))
            ], signedBy: final ? "Dr. Chair" : nil, signedAt: final ? at : nil, recordedBy: "Dr. Chair",
            recordedAt: at)
    }

    /// The case under discussion: IHCH with FGFR2::BICC1, stage IV, one prior line.
    static let target = make(
        "T", patient: 1, code: "IHCH", stage: "IVA", lines: 1, findings: [fusion("T", "BICC1")])

    static let others: [Case] = [
        // same code 40 + same fusion 40 + same stage 4 + same line 3 = 87
        make("A", patient: 2, code: "IHCH", stage: "IVB", lines: 1, findings: [fusion("A", "BICC1")]),
        // same code 40 + FGFR2 fusion, other partner 30 = 70
        make("B", patient: 3, code: "IHCH", stage: "II", findings: [fusion("B", "AHCYL1")]),
        // sibling code (EHCH under CHOL) 30 + same fusion 40 + stage 4 = 74
        make("C", patient: 4, code: "EHCH", stage: "IV", findings: [fusion("C", "BICC1")]),
        // same code 40 + stage 4, IDH1 instead = 44
        make(
            "D", patient: 5, code: "IHCH", stage: "IV",
            findings: [
                Finding(id: "D-F1", kind: .snv, gene: "IDH1", hgvsP: "p.Arg132Cys", classification: .oncogenic)
            ]),
        // gallbladder: same main type (Hepatobiliary Cancer) 20 + FGFR2 amplified: gene only 15 = 35
        make(
            "E", patient: 6, code: "GBC",
            findings: [
                Finding(
                    id: "E-F1", kind: .copyNumber, gene: "FGFR2", copyNumberCall: .amplification,
                    classification: .oncogenic)
            ]),
        // lung, unrelated diagnosis, same fusion 40
        make("F", patient: 7, code: "LUAD", findings: [fusion("F", "BICC1")]),
        // pancreas and KRAS: nothing in common, not a precedent
        make(
            "G", patient: 8, code: "PAAD", stage: "IVA", lines: 1,
            findings: [Finding(id: "G-F1", kind: .snv, gene: "KRAS", hgvsP: "p.G12D", classification: .oncogenic)]),
        // as good as A but only a draft decision: not a precedent
        make("H", patient: 9, code: "IHCH", stage: "IVA", lines: 1, findings: [fusion("H", "BICC1")]),
        // the same patient's earlier case: never its own precedent
        make("I", patient: 1, code: "IHCH", stage: "IVA", lines: 1, findings: [fusion("I", "BICC1")]),
        // the biliary tract tissue only 10 + stage 4 = 14
        make("K", patient: 10, code: "BILIARY_TRACT", stage: "IV"),
        // a passenger VUS in FGFR2 is no shared alteration: a different tissue and nothing decisive
        make(
            "L", patient: 11, code: "BRCA",
            findings: [Finding(id: "L-F1", kind: .snv, gene: "FGFR2", hgvsP: "p.A100T", classification: .vus)]),
    ]

    static func store() throws -> BoardStore {
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(
            BoardBundle(
                cases: [target] + others,
                decisions: others.enumerated().map {
                    decision($0.element.id, final: $0.element.id != "H", day: $0.offset)
                }),
            now: now)
        return store
    }

    @Test func rankedInTheOrderWorkedOutByHand() throws {
        let list = try Self.store().precedents(for: "T", limit: 20)
        #expect(list.precedents.map(\.caseId) == ["A", "C", "B", "D", "F", "E", "K"])
        #expect(list.precedents.map(\.similarity.score) == [87, 74, 70, 44, 40, 35, 14])
        #expect(list.compared == 7)
        let best = try #require(list.precedents.first)
        #expect(
            best.reasons == [
                "same diagnosis (IHCH)", "same FGFR2 fusion (FGFR2::BICC1)", "same stage", "same treatment line",
            ])
        #expect(best.signedBy == "Dr. Chair" && best.firstRecommendation?.therapy == "pemigatinib")
        #expect(list.precedents[2].reasons.contains("FGFR2 fusion (theirs FGFR2 fusion (FGFR2::AHCYL1))"))
    }

    @Test func limitKeepsTheBestAndCountsAll() throws {
        let list = try Self.store().precedents(for: "T", limit: 2)
        #expect(list.precedents.map(\.caseId) == ["A", "C"])
        #expect(list.compared == 7)
    }

    @Test func ties_goToTheLaterDecision() throws {
        let store = try BoardStore.inMemory(user: "tester")
        let twins = [
            Self.make("X", patient: 2, code: "IHCH", findings: [Self.fusion("X", "BICC1")]),
            Self.make("Y", patient: 3, code: "IHCH", findings: [Self.fusion("Y", "BICC1")]),
        ]
        try store.importBundle(
            BoardBundle(
                cases: [Self.target] + twins, decisions: [Self.decision("X", day: 1), Self.decision("Y", day: 5)]),
            now: Self.now)
        #expect(try store.precedents(for: "T").precedents.map(\.caseId) == ["Y", "X"])
    }

    @Test func aSignedDecisionMakesAPrecedentAndAnAmendmentKeepsIt() throws {
        let store = try Self.store()
        #expect(!(try store.precedents(for: "T").precedents.map(\.caseId).contains("H")))
        // H is presented at a meeting chaired by Dr. Chair, whose own login signs (the test seam for the login).
        try store.importBundle(
            BoardBundle(
                boards: [Board(id: "b", name: "Board")],
                meetings: [
                    Meeting(
                        id: "M-H", boardId: "b", startsAt: Self.now.addingTimeInterval(86400 * 99), chair: "Dr. Chair",
                        agenda: [AgendaItem(caseId: "H", position: 1)])
                ]), now: Self.now)
        var draft = try #require(try store.decisions(caseId: "H").first)
        draft.status = .draft
        draft.meetingId = "M-H"
        draft.consensus = .unanimous
        let saved = try store.saveDecision(draft, now: Self.now.addingTimeInterval(86400 * 100))
        let signed = try Fixtures.chair(store, board: "b", person: "Dr. Chair", login: "chair").signDecision(
            id: saved.id, expectedVersion: saved.version, now: Self.now.addingTimeInterval(86400 * 100))
        #expect(signed.status == .final)
        // As close as A and signed later: first.
        let list = try store.precedents(for: "T", limit: 3)
        #expect(list.precedents.map(\.caseId) == ["H", "A", "C"])
        #expect(list.precedents.first?.similarity.score == 87)
        let amended = try store.amendDecision(
            id: signed.id, reason: "typo", now: Self.now.addingTimeInterval(86400 * 101))
        // The amendment is a draft: the signed version stays the precedent until the amendment is signed.
        #expect(amended.status == .draft)
        #expect(try store.precedents(for: "T", limit: 3).precedents.first?.decisionId == signed.id)
    }

    @Test func anUnknownCaseIsOneClearError() throws {
        #expect(throws: StoreError.notFound(kind: "case", id: "NOPE")) { try Self.store().precedents(for: "NOPE") }
    }

    /// The `alteration_key` triggers and `Alteration.init?` say the same for every kind of finding, after an
    /// insert and after the findings are replaced.
    @Test func theIndexAgreesWithTheSwiftRule() throws {
        let findings = [
            Finding(id: "Z-1", kind: .snv, gene: "egfr", hgvsP: "p.Leu858Arg", classification: .likelyOncogenic),
            Finding(id: "Z-2", kind: .snv, gene: "TP53", hgvsP: "p.R273H", classification: .vus),
            Finding(
                id: "Z-3", kind: .snv, gene: "BRAF",
                evidence: [EvidenceEntry(source: "OncoKB", level: EvidenceLevel(scale: .oncokb, code: "1"))]),
            Finding(id: "Z-4", kind: .fusion, gene: "FGFR2", partners: ["FGFR2", "BICC1"]),
            Finding(
                id: "Z-5", kind: .copyNumber, gene: "ERBB2", copyNumberCall: .amplification, classification: .oncogenic),
            Finding(
                id: "Z-6", kind: .copyNumber, gene: "CDKN2A", copyNumberCall: .homozygousDeletion,
                classification: .pathogenic),
            Finding(id: "Z-7", kind: .biomarker, biomarker: Biomarker(kind: .tmb, value: 12, unit: "mut/Mb")),
            Finding(id: "Z-8", kind: .structural, gene: "ALK", classification: .oncogenic),
            Finding(id: "Z-9", kind: .indel, gene: "KIT", hgvsC: "c.1669_1674del", classification: .oncogenic),
        ]
        let store = try BoardStore.inMemory(user: "tester")
        var record = Self.make("Z", patient: 1, code: "LUAD", findings: findings)
        try store.importBundle(BoardBundle(cases: [record]), now: Self.now)
        func stored() throws -> [Alteration] {
            try store.db.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT gene, class, change FROM alteration_key WHERE case_id = 'Z' ORDER BY finding_id"
                ).compactMap(BoardStore.alteration)
            }
        }
        #expect(try stored() == record.findings.compactMap(Alteration.init))
        #expect(
            try stored().map(\.label) == [
                "EGFR L858R", "BRAF mutation", "FGFR2 fusion (FGFR2::BICC1)", "ERBB2 amplification", "CDKN2A deletion",
                "ALK rearrangement", "KIT C.1669_1674DEL",
            ])
        record.findings = Array(findings.suffix(3))
        try store.importBundle(BoardBundle(cases: [record]), now: Self.now)
        #expect(try stored() == record.findings.compactMap(Alteration.init))
        #expect(try stored().count == 2)
    }
}
