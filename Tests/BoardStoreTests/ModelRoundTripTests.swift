import Foundation
import Testing

@testable import BoardModel
@testable import BoardStore

@Suite("Model round-trips")
struct ModelRoundTripTests {
    /// Through the store's own codec (sorted keys, millisecond instants), the bytes every record is kept as.
    static func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        try Codec.decode(T.self, from: try Codec.encode(value))
    }

    static let sampleCase = Case(
        id: "C-1",
        patient: Patient(
            id: "P-1", identifiers: [.init(kind: .mrn, value: "MRN-1")],
            name: PersonName(given: "Zoë", family: "Lefèvre"),
            birthDate: LocalDate(year: 1961, month: 4, day: 9), sex: .female),
        diagnosis: Diagnosis(
            oncotreeCode: "IHCH", text: "Intrahepatic cholangiocarcinoma", histology: "adenocarcinoma"),
        stage: Stage(system: "AJCC 8", basis: "clinical", t: "T2", n: "N1", m: "M0", group: "IIIB"),
        performance: PerformanceStatus(ecog: 1),
        treatmentHistory: [
            TherapyLine(
                line: 1, drugs: ["gemcitabine", "cisplatin", "durvalumab"], start: LocalDate("2025-02-01"),
                bestResponse: .sd)
        ],
        question: "FGFR2-directed therapy?",
        consent: Consent(research: true, trials: true),
        status: .onAgenda,
        findings: [
            Finding(
                id: "C-1-F1", kind: .fusion, gene: "FGFR2", partners: ["FGFR2", "BICC1"],
                evidence: [
                    EvidenceEntry(
                        source: "OncoKB", level: EvidenceLevel(scale: .oncokb, code: "1"), therapy: "pemigatinib")
                ]),
            Finding(id: "C-1-F2", kind: .snv, gene: "IDH1", hgvsP: "p.R132C", vaf: 0.31),
        ])

    @Test func caseSurvivesJSON() throws {
        #expect(try Self.roundTrip(Self.sampleCase) == Self.sampleCase)
    }

    @Test func decisionWithCriteriaSurvivesJSON() throws {
        let decision = Decision(
            id: "D-1", caseId: "C-1", status: .final,
            recommendations: [
                Recommendation(
                    kind: .targetedTherapy, therapy: "pemigatinib", findingIds: ["C-1-F1"],
                    evidence: EvidenceLevel(scale: .escat, code: "I-B"), rationale: "FGFR2 fusion")
            ],
            consensus: .majority, dissent: [Dissent(name: "Dr. Ødegaard", reason: "prefers trial")],
            signedBy: "Dr. Chair", signedAt: Date(timeIntervalSince1970: 1_800_000_000.125),
            recordedBy: "coord", recordedAt: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(try Self.roundTrip(decision) == decision)
        let trial = Trial(
            id: "NCT01234567", title: "Basket",
            arms: [
                TrialArm(
                    id: "A", name: "Arm A",
                    criteria:
                        .all([
                            .clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "_SOLID_", ageNumerical: ">=18")),
                            .any([
                                .genomic(GenomicCriterion(hugoSymbol: "KRAS", wildcardProteinChange: "p.G12")),
                                .genomic(GenomicCriterion(hugoSymbol: "!EGFR")),
                            ]),
                        ]))
            ])
        #expect(try Self.roundTrip(trial) == trial)
    }

    @Test func criterionUsesCTMLKeys() throws {
        let json =
            #"{"and":[{"genomic":{"hugo_symbol":"BRAF","protein_change":"p.V600E"}},{"clinical":{"age_numerical":">=18"}}]}"#
        let node = try JSONDecoder().decode(Criterion.self, from: Data(json.utf8))
        #expect(
            node
                == .all([
                    .genomic(GenomicCriterion(hugoSymbol: "BRAF", proteinChange: "p.V600E")),
                    .clinical(ClinicalCriterion(ageNumerical: ">=18")),
                ]))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Criterion.self, from: Data(#"{"xor":[]}"#.utf8))
        }
    }

    @Test func pseudonymIsStableAndNotTheName() {
        let a = Pseudonym.make(for: "P-0001")
        #expect(a == Pseudonym.make(for: "P-0001"))
        #expect(a != Pseudonym.make(for: "P-0002"))
        #expect(a.hasPrefix("PT-") && a.count == 9)
    }

    @Test func evidenceLevelsNormaliseAndRank() {
        #expect(EvidenceLevel(scale: .amp, code: "Tier I - Level A").code == "I-A")
        // NCT/DKTK qualifiers stay on the code (R means resistance); meaning and rank come from the base level.
        #expect(EvidenceLevel(scale: .nct, code: "m2Bis").code == "m2Bis")
        #expect(EvidenceScale.nct.baseCode("m2Bis") == "m2B" && EvidenceLevel(scale: .nct, code: "m2Bis").isValid)
        #expect(EvidenceLevel(scale: .oncokb, code: "LEVEL_3A").code == "3A")
        #expect(EvidenceLevel(scale: .oncokb, code: "1").rank < EvidenceLevel(scale: .oncokb, code: "3B").rank)
        #expect(EvidenceLevel(scale: .escat, code: "IX").isValid == false)
        #expect(EvidenceLevel(scale: .civic, code: "B").meaning?.hasPrefix("Clinical evidence") == true)
    }

    @Test func missingDataChecklist() {
        var c = Self.sampleCase
        #expect(c.missingData.isEmpty)
        c.performance = nil
        c.stage = nil
        c.consent = Consent()
        #expect(c.missingData == [.stage, .performanceStatus, .consent])
    }

    @Test func findingLabelsSpeakTheBoardsLanguage() {
        #expect(Self.sampleCase.findings[0].label == "FGFR2::BICC1 fusion")
        #expect(Self.sampleCase.findings[1].label == "IDH1 p.R132C")
        #expect(
            Finding(id: "x", kind: .copyNumber, gene: "ERBB2", copyNumberCall: .amplification, copyNumber: 12).label
                == "ERBB2 amplification (CN 12)")
        #expect(
            Finding(
                id: "t", kind: .biomarker, biomarker: Biomarker(kind: .tmb, value: 14.2, unit: "mut/Mb", status: "high")
            ).label == "TMB 14.2 mut/Mb (high)")
    }

    @Test func decisionValidation() {
        var d = Decision(
            id: "D", caseId: "C", recommendations: [Recommendation(kind: .clinicalTrial)], recordedBy: "u",
            recordedAt: Date())
        #expect(d.validationErrors(forSigning: false).map(\.field) == ["recommendations[0].trialId"])
        d.recommendations[0].trialId = "NCT123"
        #expect(d.validationErrors(forSigning: false).first?.message.contains("not an NCT id") == true)
        d.recommendations[0].trialId = "NCT01234567"
        d.recommendations[0].evidence = EvidenceLevel(scale: .oncokb, code: "5")
        #expect(d.validationErrors(forSigning: false).first?.field == "recommendations[0].evidence")
        d.recommendations[0].evidence = EvidenceLevel(scale: .oncokb, code: "3A")
        #expect(d.validationErrors(forSigning: false).isEmpty)
        #expect(d.validationErrors(forSigning: true).map(\.field) == ["signedBy"])
        // The chair's sign-off also needs the consensus (the minutes never read "not recorded" on a signed decision).
        #expect(d.validationErrors(forSigning: true, atSignOff: true).map(\.field) == ["consensus", "signedBy"])
        d.consensus = .majority
        #expect(d.validationErrors(forSigning: true, atSignOff: true).map(\.field) == ["signedBy"])
        d.recommendations = []
        #expect(d.validationErrors(forSigning: true).map(\.field) == ["recommendations", "signedBy"])
    }

    @Test func localDates() {
        #expect(LocalDate("1961-04-09")?.years(until: LocalDate(year: 2026, month: 4, day: 8)) == 64)
        #expect(LocalDate("1961-04-09")?.years(until: LocalDate(year: 2026, month: 4, day: 9)) == 65)
        #expect(LocalDate("19610409") == nil)
        #expect(LocalDate("2026-13-01") == nil)
    }
}

@Suite("Vital status and metastatic sites")
struct VitalStatusTests {
    @Test func deceasedPatientAndMetastaticSitesSurviveJSON() throws {
        var record = ModelRoundTripTests.sampleCase
        record.patient = Patient(
            id: "P-9", name: PersonName(text: "X"), birthDate: LocalDate("1936-04-27"), sex: .male,
            deceasedOn: LocalDate("2001-10-03"), causeOfDeath: "COVID-19 (MONDO:0100096)")
        record.metastaticSites = [
            MetastaticSite(
                site: "Cerebral meninges", code: "8935007", system: "http://snomed.info/sct",
                since: LocalDate("2017-07-21")),
            MetastaticSite(),
        ]
        let back = try ModelRoundTripTests.roundTrip(record)
        #expect(back == record)
        #expect(back.patient.vitalStatus == .deceased)
        #expect(back.patient.isDeceased)
        #expect(back.isMetastatic)
        #expect(back.metastaticSites[1].label == "site not stated")
    }

    @Test func aDateOfDeathMeansDeceasedAndSilenceMeansUnknown() {
        #expect(Patient(id: "P", name: PersonName(), deceasedOn: LocalDate("2001-10-03")).vitalStatus == .deceased)
        #expect(Patient(id: "P", name: PersonName()).vitalStatus == .unknown)
        #expect(Patient(id: "P", name: PersonName(), vitalStatus: .alive).vitalStatus == .alive)
    }

    @Test func recordsWithoutTheNewFieldsKeepTheirBytes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(ModelRoundTripTests.sampleCase), as: UTF8.self)
        #expect(!text.contains("vitalStatus"))
        #expect(!text.contains("metastaticSites"))
        #expect(!text.contains("deceasedOn"))
    }

    @Test func contradictoryDeathDataIsRefused() {
        let alive = #"{"id":"P","name":{},"vitalStatus":"alive","deceasedOn":"2001-10-03"}"#
        let early = #"{"id":"P","name":{},"birthDate":"1990-01-01","deceasedOn":"1980-10-03"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Patient.self, from: Data(alive.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Patient.self, from: Data(early.utf8)) }
    }
}

@Suite("Import account")
struct ImportAccountTests {
    @Test func countsSkipsUnusedFieldsAndInvalidValues() {
        var account = ImportAccount(file: "/tmp/x/data_clinical_patient.txt", format: "cbioportal")
        account.read(3)
        account.skip("rows about another patient")
        account.unused("KAS_ID", count: 2)
        account.invalid("ECOG", found: "-1", at: "line 6", expected: "0–5")
        let lines = account.summaryLines()
        #expect(
            lines[0] == "data_clinical_patient.txt (cbioportal): 3 records read, 1 skipped, 1 invalid value not stored")
        #expect(lines.contains("  not used: KAS_ID (2)"))
        #expect(lines.contains("  invalid ECOG \"-1\" at line 6; expected 0–5"))
        var other = ImportAccount(file: account.file, format: "cbioportal", recordsRead: 1, unusedFields: ["KAS_ID": 1])
        other.merge(account)
        #expect(other.recordsRead == 4 && other.unusedFields["KAS_ID"] == 3)
    }
}
