import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// Defects a tester found on the real records: cases keyed by the subject, findings scoped by their bundle, staging
/// as written, therapy lines only as stated, implications kept with an unknown level. Spec cases first, then the
/// real files against ../shared/realdata/expected.json.
@Suite("Record fixes: identity, staging, lines, implications")
struct RecordFixTests {
    static func expected(_ file: String) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: RealData.path("expected.json")),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return json[file] as? [String: Any]
    }

    /// The `value` of the `must` item at `path`.
    static func must(_ file: String, _ path: String) -> Any? {
        (expected(file)?["must"] as? [[String: Any]])?.first { $0["path"] as? String == path }?["value"]
    }

    static func read(_ file: String) throws -> ImportPayload? {
        guard let data = RealData.data(file) else { return nil }
        return try file.hasPrefix("fhir/")
            ? FHIRReader.read(data: data, file: file) : PhenopacketReader.read(data: data, file: file)
    }

    static func parts(_ raw: String, _ letter: Character) -> String? {
        ClinicalVocabulary.tnmParts(raw, letter: letter).map { "\($0.prefix)|\($0.category)" }
    }

    // MARK: TNM categories (AJCC 8 notation: prefix c/p/y/r/a, letter, X/is/0-4, sub-letters)

    @Test func tnmCategoriesKeepTheirWrittenPrefixAndNeverReadWords() {
        #expect(Self.parts("pT2b Stage Finding", "T") == "p|T2b")
        #expect(Self.parts("pN2 Stage Finding", "N") == "p|N2")
        #expect(Self.parts("M1 Stage Finding", "M") == "|M1")
        #expect(Self.parts("ypTis", "T") == "yp|Tis")
        #expect(Self.parts("American Joint Committee on Cancer cT3 (qualifier value)", "T") == "c|T3")
        // "TNM", "Tumor", "Node" are words, not categories.
        #expect(Self.parts("Retinoblastoma cM0 TNM Finding v8", "T") == nil)
        #expect(Self.parts("Tumor Node", "T") == nil && Self.parts("Tumor Node", "N") == nil)
        #expect(ClinicalVocabulary.tnmCategory("Retinoblastoma cM0 TNM Finding v8", letter: "M") == "M0")
    }

    // MARK: real files

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func phenopacketCasesAreTheirSubjects() throws {
        for file in ["phenopackets/retinoblastoma.json", "phenopackets/urothelial-cancer.json"] {
            let c = try #require(try Self.read(file)?.bundle.cases.first)
            let subject = try #require(Self.must(file, "patient.id") as? String)
            #expect(c.id == subject && c.patient.id == subject, "\(file): case \(c.id)")
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func stagingAsWritten() throws {
        let uro = "phenopackets/urothelial-cancer.json"
        let u = try #require(try Self.read(uro)?.bundle.cases.first?.stage)
        let e = try #require(Self.must(uro, "stage") as? [String: Any])
        #expect(u.basis == "pathological")
        // The model keeps the category and the basis; the summary writes the prefix back.
        #expect(
            "p" + (u.t ?? "") == e["T"] as? String && "p" + (u.n ?? "") == e["N"] as? String && u.m == e["M"] as? String
        )
        #expect(u.summary.hasPrefix("pT2b"), "\(u.summary)")
        #expect(u.group == "IV" && u.system == nil)  // Stage IV, no system named in the file

        let rb = "phenopackets/retinoblastoma.json"
        let r = try #require(try Self.read(rb)?.bundle.cases.first?.stage)
        let s = try #require(Self.must(rb, "stage") as? [String: Any])
        #expect(r.group == s["group"] as? String)
        #expect(
            r.system?.contains("International Intraocular Retinoblastoma Classification") == true
                && r.system?.contains("AJCC") == false)
        #expect(r.t == "T3" && r.n == "N0" && r.m == "M0" && r.basis == "pathological", "\(r)")
        #expect(![r.t, r.n, r.m].contains("TNM"))
        let pathological = (s["pathological_TNM"] as? [String] ?? []).map { String($0.prefix { $0 != " " }) }
        #expect(pathological == ["pT3", "pN0"])
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func therapyLinesOnlyAsStated() throws {
        let files = [
            "phenopackets/retinoblastoma.json", "phenopackets/PMID_39117932_individual_6.json",
            "fhir/Brady998_Windler79_d0c2da75-7084-4c2c-961a-5aab9867e268.json",
            "fhir/Hoyt490_Cole117_ed89a35d-a3e5-4de4-a8cd-018c4e2f4edb.json",
            "fhir/Mickey576_Gerhold939_b501777d-240e-4a5c-b611-d94f1965349d.json",
            "fhir/Piper612_Dietrich576_97f07895-15b6-411c-a50d-2d6cbbba957a.json",
        ]
        var seen = 0
        for file in files {
            guard let payload = try Self.read(file) else { continue }
            for c in payload.bundle.cases + payload.caseAdditions {
                seen += c.treatmentHistory.count
                // None of these files states a line of therapy.
                #expect(c.treatmentHistory.allSatisfy { $0.line == nil }, "\(file): \(c.treatmentHistory.map(\.line))")
            }
        }
        #expect(seen > 0)
        // retinoblastoma.json: melphalan has a stated interval (2020-09-02 to 2020-09-02); the regimen only ages: no dates.
        let rb = try #require(try Self.read("phenopackets/retinoblastoma.json")?.bundle.cases.first)
        let treatments = try #require(Self.must("phenopackets/retinoblastoma.json", "treatments") as? [[String: Any]])
        let melphalan = try #require(rb.treatmentHistory.first { $0.drugs == ["melphalan"] })
        #expect(
            melphalan.start?.description == treatments[0]["start"] as? String
                && melphalan.end?.description == treatments[0]["end"] as? String)
        let regimen = try #require(rb.treatmentHistory.first { $0.regimen?.contains("Carboplatin") == true })
        #expect(regimen.start == nil && regimen.end == nil && regimen.line == nil)
        #expect(
            rb.treatmentHistory.filter { ["surgery", "radiotherapy"].contains($0.setting ?? "") }.allSatisfy {
                $0.line == nil && $0.end == nil
            })
    }

    /// No line number is counted; an end only where the record states it: a completed administration or procedure
    /// at one time ended then (FHIR R4 effective[x]/performed[x]), an order (authoredOn) states no end.
    @Test func fhirTreatmentsGetNoLineAndNoInventedEnd() throws {
        let json = """
            {"resourceType": "Bundle", "type": "collection", "entry": [
              {"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient", "id": "p", "gender": "female"}},
              {"fullUrl": "urn:uuid:m", "resource": {"resourceType": "MedicationAdministration", "id": "m", "status": "completed",
                "medicationCodeableConcept": {"text": "cisplatin"}, "subject": {"reference": "Patient/p"}, "effectiveDateTime": "2020-01-02"}},
              {"fullUrl": "urn:uuid:s", "resource": {"resourceType": "Procedure", "id": "s", "status": "completed",
                "code": {"text": "Mastectomy"}, "subject": {"reference": "Patient/p"}, "performedDateTime": "2020-03-04"}},
              {"fullUrl": "urn:uuid:r", "resource": {"resourceType": "MedicationRequest", "id": "r", "status": "active",
                "medicationCodeableConcept": {"text": "paclitaxel"}, "subject": {"reference": "Patient/p"}, "authoredOn": "2020-05-06"}}]}
            """
        let c = try #require(try FHIRReader.read(data: Data(json.utf8), file: "t.json").bundle.cases.first)
        #expect(!c.treatmentHistory.isEmpty)
        #expect(c.treatmentHistory.allSatisfy { $0.line == nil }, "\(c.treatmentHistory)")
        let cisplatin = try #require(c.treatmentHistory.first { $0.drugs.contains { $0.lowercased() == "cisplatin" } })
        #expect(cisplatin.start == LocalDate("2020-01-02") && cisplatin.end == LocalDate("2020-01-02"))
        let ordered = try #require(c.treatmentHistory.first { $0.drugs.contains { $0.lowercased() == "paclitaxel" } })
        #expect(ordered.end == nil && ordered.status == "ongoing", "an order states no end")
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func fhirFindingsOfTwoBundlesNeverShareAnId() throws {
        let a = try #require(try Self.read("fhir/Bundle-oncology-diagnostic.json"))
        let b = try #require(try Self.read("fhir/Bundle-oncologyexamples-r4.json"))
        let ca = try #require(a.bundle.cases.first)
        let cb = try #require(b.bundle.cases.first)
        #expect(ca.id == cb.id)  // the same patient (fullUrl and identifier 1007): one case
        // The same Observation (urn:uuid 40e85eda…, TMB 25) is one finding; the uuid 16fdd5fc… that is BRAF V600E in
        // one bundle and JAK2 V617F in the other is two.
        let shared = Set(ca.findings.map(\.id)).intersection(cb.findings.map(\.id))
        #expect(shared.count == 1 && ca.findings.first { shared.contains($0.id) }?.biomarker?.kind == .tmb)
        let braf = try #require(ca.findings.first { $0.gene == "BRAF" && $0.hgvsP == "p.Val600Glu" })
        let jak2 = try #require(cb.findings.first { $0.gene == "JAK2" && $0.hgvsP == "p.Val617Phe" })
        #expect(braf.id != jak2.id)
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func implicationsWithALevelOffAnyScaleAreKeptAsUnknown() throws {
        let file = "fhir/Bundle-oncologyexamples-r4.json"
        let c = try #require(try Self.read(file)?.bundle.cases.first)
        let jak2 = try #require(c.findings.first { $0.gene == "JAK2" })
        let expected = try #require(Self.must(file, "therapeutic_implications") as? [[String: Any]])
        #expect(expected.count == 4)
        for item in expected {
            let drug = try #require(item["drug"] as? String)
            let entry = try #require(jak2.evidence.first { $0.therapy == drug }, "\(drug) lost")
            #expect(entry.level.isValid == false && entry.level.code == "unknown")  // not invented
            #expect(entry.reference?.contains(item["evidence"] as? String ?? "?") == true)
            #expect((item["response"] as? String)?.hasPrefix(entry.significance ?? "?") == true)  // "Responsive"
            #expect(entry.disease == item["associated_cancer"] as? String)
        }
        // Unknown ranks after every known level.
        #expect(jak2.evidence.allSatisfy { $0.level.rank == 99 })
    }
}
