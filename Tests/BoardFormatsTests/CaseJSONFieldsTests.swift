import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// `show --json` gives what the text of `show` gives: field by field against `CaseSummaryText`, the parts the JSON
/// lacked (origin caution, comorbidities, specimens of a case without findings, recorded age, survival, question,
/// referral, missing data, a line's best response and stop reason, notes).
@Suite("Case JSON: the fields the text shows")
struct CaseJSONFieldsTests {
    static let today = LocalDate(year: 2026, month: 11, day: 27)

    static func json(_ c: Case, deidentify: Bool = false, notes: [Note] = []) throws -> [String: Any] {
        let data = try CaseJSON(record: c, today: today, deidentify: deidentify, notes: notes).data()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A case from a sample file and a phenopacket-like record: no findings, specimens, comorbidities, survival.
    static func record() -> Case {
        var patient = Patient(id: "P-S", name: PersonName(given: "Ada", family: "Muster"), recordedAge: "P6M")
        patient.survival = SurvivalRecord(overallMonths: 8.51, diseaseFree: .diseaseFree, diseaseFreeMonths: 8.51)
        var c = Case(
            id: "C-S", patient: patient, diagnosis: Diagnosis(oncotreeCode: "EMBT", text: "Embryonal Tumor"),
            comorbidities: ["cardiomyopathy", "excluded: diabetes mellitus"], question: "Trial for Ada Muster?",
            referringClinician: "Dr. Weiss")
        c.reports = [
            MolecularReport(
                id: "cbioportal:0D88RM",
                specimen: Specimen(
                    id: "0D88RM", type: "Tumor", site: "C72.9 : Central nervous system", description: "Embryonal Tumor",
                    oncotreeCode: "EMBT")),
            MolecularReport(id: "cbioportal:0D88RQ", specimen: Specimen(id: "0D88RQ", type: "normal")),
        ]
        c.phenotypes = ["Seizure (HP:0001250) at 2024-03-05"]
        c.treatmentHistory = [
            TherapyLine(
                line: 1, regimen: "Carboplatin", drugs: ["carboplatin"], bestResponse: .pd, stopReason: "toxicity")
        ]
        return c
    }

    @Test func whatTheTextShowsIsInTheJSON() throws {
        let c = Self.record()
        let text = CaseSummaryText(record: c, today: Self.today).render()
        let json = try Self.json(c)
        // Comorbidities: each with whether it is ruled out, as the text's "(excluded)".
        #expect(text.contains("cardiomyopathy; diabetes mellitus (excluded)"))
        let comorbid = try #require(json["comorbidities"] as? [[String: Any]])
        #expect(comorbid.map { $0["condition"] as? String } == ["cardiomyopathy", "diabetes mellitus"])
        #expect(comorbid.map { $0["excluded"] as? Bool } == [false, true])
        // Specimens of a case without findings, as the text's "Specimens" line.
        #expect(text.contains("0D88RM: Embryonal Tumor [EMBT], Tumor, site C72.9"))
        let specimens = try #require(json["specimens"] as? [[String: Any]])
        #expect(specimens.map { $0["id"] as? String } == ["0D88RM", "0D88RQ"])
        #expect(specimens[0]["oncotree"] as? String == "EMBT" && specimens[0]["type"] as? String == "Tumor")
        #expect(specimens[1]["type"] as? String == "normal")
        // Recorded age and survival.
        let patient = try #require(json["patient"] as? [String: Any])
        #expect(patient["recordedAge"] as? String == "P6M" && patient["recordedAgeText"] as? String == "6 mo")
        let survival = try #require(patient["survival"] as? [String: Any])
        #expect(survival["overallMonths"] as? Double == 8.51 && survival["diseaseFree"] as? String == "disease-free")
        #expect(text.contains("Survival:    " + (survival["text"] as? String ?? "?")))
        // Question, referral, what is missing, the line's best response and why it stopped.
        #expect(json["question"] as? String == c.question && json["referringClinician"] as? String == "Dr. Weiss")
        // (A CNS tumour is not staged, so the stage is not asked for.)
        #expect(json["missingData"] as? [String] == c.missingData.map(\.label))
        #expect((json["missingData"] as? [String])?.contains("ECOG/Karnofsky") == true)
        #expect(text.contains("Missing:     ECOG/Karnofsky"))
        let line = try #require((json["treatmentHistory"] as? [[String: Any]])?.first)
        #expect(line["bestResponse"] as? String == "PD" && line["stopReason"] as? String == "toxicity")
        #expect(text.contains("best PD") && text.contains("stopped: toxicity"))
    }

    /// Evidence of a stated origin on a finding of unknown origin carries the caution the text shows, and each item
    /// says its origin.
    @Test func theOriginCautionOfAFindingOfUnknownOrigin() throws {
        var c = Self.record()
        var nf1 = Finding(id: "chr17:29679366:C:T", kind: .snv, gene: "NF1", hgvsP: "p.R2496X", origin: .unknown)
        nf1.evidence = [
            EvidenceEntry(
                source: "CIViC", level: EvidenceLevel(scale: .civic, code: "B"), type: "Predictive",
                significance: "Sensitivity/Response", therapy: "Selumetinib", direction: "Supports", origin: .germline)
        ]
        c.findings = [nf1]
        let text = CaseSummaryText(record: c, today: Self.today).render()
        let finding = try #require((try Self.json(c)["findings"] as? [[String: Any]])?.first)
        let caution = try #require(finding["originCaution"] as? String)
        #expect(caution == "origin unknown: germline evidence may not apply" && text.contains(caution))
        let item = try #require((finding["evidence"] as? [[String: Any]])?.first)
        #expect(item["origin"] as? String == "germline")
        #expect((item["originCaution"] as? String)?.contains("may not apply") == true)
        // A somatic finding has no caution.
        c.findings[0].origin = .somatic
        let somatic = try #require((try Self.json(c)["findings"] as? [[String: Any]])?.first)
        #expect(somatic["originCaution"] == nil)
    }

    @Test func notesAsTheTextListsThem() throws {
        let note = Note(
            id: "N1", target: NoteTarget(caseId: "C-S"), author: "onc", text: "Ask Ada Muster about the trial",
            writtenAt: Date(timeIntervalSince1970: 0))
        let json = try Self.json(Self.record(), notes: [note])
        #expect((json["notes"] as? [[String: Any]])?.first?["author"] as? String == "onc")
        let hidden = try Self.json(Self.record(), deidentify: true, notes: [note])
        let scrubbed = (hidden["notes"] as? [[String: Any]])?.first?["text"] as? String
        #expect(scrubbed != nil && scrubbed?.contains("Muster") == false)
    }

    /// De-identified, the JSON drops what the text drops: observation dates, specimen ids, the name in free text.
    @Test func deidentifiedAsTheText() throws {
        let c = Self.record()
        let data = try CaseJSON(record: c, today: Self.today, deidentify: true).data()
        let text = String(decoding: data, as: UTF8.self)
        for hidden in ["2024-03-05", "0D88RM", "Muster", "Ada"] { #expect(!text.contains(hidden), "\(hidden)") }
        let json = try Self.json(c, deidentify: true)
        #expect((json["specimens"] as? [[String: Any]])?.first?["oncotree"] as? String == "EMBT")
        #expect((json["phenotypes"] as? [String])?.first?.contains("Seizure") == true)
    }
}
