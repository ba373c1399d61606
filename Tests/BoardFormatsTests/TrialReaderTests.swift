import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

@Suite("ClinicalTrials.gov, CTML and CIViC readers")
struct TrialReaderTests {
    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func jsonAndXMLOfTheSameTrialAgree() throws {
        guard let json = RealData.data("ctgov/NCT02513394.json"), let xml = RealData.data("ctgov/NCT02513394.xml")
        else { return }
        #expect(BoardReader.detect(json) == "ctgov" && BoardReader.detect(xml) == "ctgov-xml")
        let a = try #require(try ClinicalTrialsGovReader.read(data: json, file: "a.json").bundle.trials.first)
        let b = try #require(try ClinicalTrialsGovXMLReader.read(data: xml, file: "b.xml").bundle.trials.first)
        #expect(a.id == "NCT02513394" && a.id == b.id)
        #expect(a.title == b.title && a.phase == "Phase 3" && a.phase == b.phase)
        #expect(a.eligibility.minimumAge == 18 && a.eligibility.minimumAge == b.eligibility.minimumAge)
        #expect(a.eligibility.sex == b.eligibility.sex && a.eligibility.conditions == b.eligibility.conditions)
        #expect(a.arms.map(\.id) == b.arms.map(\.id) && a.arms.count == 2)
        #expect(a.arms[0].drugs.contains("Palbociclib") && b.arms[0].drugs.contains("Palbociclib"))
        #expect(a.status == .activeNotRecruiting)
        #expect(a.sponsor == b.sponsor)
        #expect(a.eligibility.inclusionText?.contains("≥") == true && a.eligibility.exclusionText != nil)
        #expect(a.eligibility.diagnoses == ["BREAST"])
        let locations = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        let expected =
            ((locations["protocolSection"] as! [String: Any])["contactsLocationsModule"] as! [String: Any])["locations"]
            as! [Any]
        #expect(a.sites.count == expected.count)
    }

    @Test func pageOfStudiesAndBadIds() throws {
        let page =
            #"{"studies":[{"protocolSection":{"identificationModule":{"nctId":"NCT00000001","briefTitle":"A"}}},{"protocolSection":{"identificationModule":{"nctId":"NCT00000002","briefTitle":"B"},"designModule":{"phases":["PHASE1","PHASE2"]}}}]}"#
        let trials = try ClinicalTrialsGovReader.read(data: Data(page.utf8), file: "p.json").bundle.trials
        #expect(trials.map(\.id) == ["NCT00000001", "NCT00000002"] && trials[1].phase == "Phase 1/Phase 2")
        #expect(
            throws: ImportError(
                file: "p.json", location: "$.studies[0].protocolSection.identificationModule.nctId",
                message: "expected an NCT id (NCT and eight digits)")
        ) {
            try ClinicalTrialsGovReader.read(
                data: Data(#"{"studies":[{"protocolSection":{"identificationModule":{"nctId":"X1"}}}]}"#.utf8),
                file: "p.json")
        }
        #expect(throws: ImportError.self) {
            try ClinicalTrialsGovXMLReader.read(data: Data("<clinical_study><id_info>".utf8), file: "x.xml")
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func ctmlYAMLWithDoseLevelMatch() throws {
        guard let data = RealData.data("ctml/00-001.yml") else { return }
        #expect(BoardReader.detect(data) == "ctml")
        let trial = try #require(try CTMLReader.read(data: data, file: "00-001.yml").bundle.trials.first)
        #expect(trial.id == "00-001")
        #expect(trial.arms.map(\.id) == ["1/DOSE/1"])
        guard case .clinical(let c)? = trial.eligibility.criteria else {
            Issue.record("expected the top-level clinical criterion")
            return
        }
        #expect(c.diseaseStatus == ["Advanced", "Metastatic"])
        guard case .all(let parts)? = trial.arms[0].criteria else {
            Issue.record("expected an and-node")
            return
        }
        #expect(
            parts.contains(
                .genomic(
                    GenomicCriterion(
                        hugoSymbol: "EGFR", variantCategory: "Mutation", proteinChange: "p.L858R", exon: "19"))))
        #expect(parts.contains(.clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "_SOLID_", ageNumerical: ">=18"))))
    }

    static func negations(_ c: Criterion?) -> Int {
        switch c {
        case nil: return 0
        case .all(let l)?, .any(let l)?: return l.reduce(0) { $0 + negations($1) }
        case .clinical(let x)?:
            return [
                x.oncotreePrimaryDiagnosis, x.ageNumerical, x.gender, x.ecog, x.tmbNumerical, x.her2Status, x.erStatus,
                x.prStatus, x.priorTreatment,
            ]
            .compactMap { $0 }.filter { $0.hasPrefix("!") }.count
                + (x.diseaseStatus ?? []).filter { $0.hasPrefix("!") }.count
        case .genomic(let g)?:
            return [
                g.hugoSymbol, g.variantCategory, g.proteinChange, g.wildcardProteinChange, g.variantClassification,
                g.exon, g.cnvCall,
                g.mmrStatus, g.msStatus, g.fusionPartnerHugoSymbol,
            ].compactMap { $0 }.filter { $0.hasPrefix("!") }.count
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func ctmlJSONBasketTrial() throws {
        guard let data = RealData.data("ctml/NCT03297606_CAPTUR_Trial_v7.json") else { return }
        let payload = try CTMLReader.read(data: data, file: "captur.json")
        let trial = try #require(payload.bundle.trials.first)
        #expect(trial.id == "NCT03297606")
        let raw = String(decoding: data, as: UTF8.self)
        let rawArms = raw.components(separatedBy: "\"arm_code\"").count - 1
        #expect(trial.arms.count == rawArms)
        // Every `!` value in the file survives, minus those under keys the model has no field for (counted as skipped).
        let json = try JSONSerialization.jsonObject(with: data)
        func count(_ v: Any, key: String?) -> Int {
            if let s = v as? String {
                return s.hasPrefix("!")
                    && key.map { CTMLReader.clinicalKeys.contains($0) || CTMLReader.genomicKeys.contains($0) } == true
                    ? 1 : 0
            }
            if let a = v as? [Any] { return a.reduce(0) { $0 + count($1, key: key) } }
            if let d = v as? [String: Any] { return d.reduce(0) { $0 + count($1.value, key: $1.key) } }
            return 0
        }
        let expected = count(json, key: nil)
        let found =
            Self.negations(trial.eligibility.criteria) + trial.arms.reduce(0) { $0 + Self.negations($1.criteria) }
        #expect(expected > 0 && found == expected)
        #expect(
            trial.arms.contains { a in "\(String(describing: a.criteria))".contains("wildcardProteinChange: Optional(")
            })
        #expect(payload.skipped.contains { $0.contains("molecular_function") })
    }

    @Test func ctmlErrorsAreLocated() {
        #expect(
            throws: ImportError(
                file: "t.yml", location: "$.treatment_list.step[0].arm[0].match[0]",
                message: "expected one of the keys and, or, clinical, genomic; found genomics")
        ) {
            try CTMLReader.read(
                data: Data(
                    "protocol_no: 1\ntreatment_list:\n  step:\n  - arm:\n    - arm_code: A\n      match:\n      - genomics: {hugo_symbol: X}\n"
                        .utf8), file: "t.yml")
        }
        do {
            _ = try CTMLReader.read(data: Data("protocol_no: 1\ntreatment_list: [unclosed\n".utf8), file: "t.yml")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.location?.hasPrefix("line ") == true && error.message.contains("YAML"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func civicMonthlyRelease() throws {
        guard let data = RealData.data("civic/01-Aug-2021-ClinicalEvidenceSummaries.tsv") else { return }
        #expect(BoardReader.detect(data) == "civic")
        let payload = try CIViCReader.read(data: data, file: "civic.tsv")
        let rows = RealData.lines("civic/01-Aug-2021-ClinicalEvidenceSummaries.tsv").dropFirst().filter { !$0.isEmpty }
            .count
        let account = try #require(payload.accounts.first)
        #expect(account.recordsRead == rows)
        #expect(payload.evidence.count + account.skippedCount == rows)
        #expect(payload.evidence.allSatisfy { $0.entry.level.isValid && $0.entry.level.scale == .civic })
        #expect(payload.evidence.allSatisfy { !"\($0)".contains("\u{FEFF}") })
        #expect(payload.evidence.contains { $0.gene == "JAK2" && $0.variant == "V617F" })
    }
}
