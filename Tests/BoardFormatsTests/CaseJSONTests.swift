import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// `tumorboard show CASE --json`: the case with its findings, evidence, origin, VAF/depth, diagnosis and ECOG, as
/// stable keys; nothing invented for what the record lacks; identifiers left out when de-identified.
@Suite("Case JSON (show --json)")
struct CaseJSONTests {
    static let today = LocalDate(year: 2026, month: 11, day: 27)

    static func record() -> Case {
        let patient = Patient(
            id: "P-J", identifiers: [PatientIdentifier(kind: .mrn, value: "MRN-4711")],
            name: PersonName(given: "Greta", family: "Beispiel"), birthDate: LocalDate(year: 1960, month: 2, day: 1),
            sex: .female)
        var c = Case(
            id: "C-J", patient: patient,
            diagnosis: Diagnosis(oncotreeCode: "LUAD", text: "Adenocarcinoma of the lung, Greta Beispiel's biopsy"),
            stage: Stage(basis: "clinical", t: "T2", n: "N1", m: "M0", group: "IIB"),
            performance: PerformanceStatus(ecog: 1))
        c.reports = [
            MolecularReport(
                id: "vcf:pair.vcf:TUMOR", assay: "VCF", specimen: Specimen(id: "S-T", type: "tumour"),
                genomeBuild: "GRCh38")
        ]
        var egfr = Finding(
            id: "chr7:55191822:T:G", reportId: "vcf:pair.vcf:TUMOR", kind: .snv, gene: "EGFR", hgvsP: "p.L858R",
            vaf: 0.31, depth: 212, origin: .somatic)
        egfr.vafSource = "FORMAT AF"
        egfr.evidence = [
            EvidenceEntry(
                source: "CIViC", level: EvidenceLevel(scale: .civic, code: "A"), type: "Predictive",
                significance: "Sensitivity/Response", therapy: "Osimertinib", direction: "Supports"),
            EvidenceEntry(
                source: "CIViC", level: EvidenceLevel(scale: .civic, code: "B"), type: "Predictive",
                significance: "Resistance", therapy: "Gefitinib", direction: "Supports"),
        ]
        c.findings = [egfr, Finding(id: "F-G", kind: .snv, gene: "BRCA2", origin: .germline)]
        return c
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theCaseWithFindingsEvidenceOriginAndDepth() throws {
        let json = try Self.object(try CaseJSON(record: Self.record(), today: Self.today).data())
        #expect(json["format"] as? String == "tumorboard-case/1" && json["id"] as? String == "C-J")
        let diagnosis = try #require(json["diagnosis"] as? [String: Any])
        #expect(
            diagnosis["oncotree"] as? String == "LUAD" && diagnosis["oncotreeName"] as? String == "Lung Adenocarcinoma")
        #expect((json["performance"] as? [String: Any])?["ecog"] as? Int == 1)
        #expect((json["performance"] as? [String: Any])?["karnofsky"] == nil)
        #expect((json["stage"] as? [String: Any])?["summary"] as? String == "cT2 N1 M0, stage IIB")
        let patient = try #require(json["patient"] as? [String: Any])
        #expect(patient["age"] as? Int == 66 && patient["mrn"] as? String == "MRN-4711")
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        let egfr = findings[0]
        #expect(egfr["origin"] as? String == "somatic" && egfr["vaf"] as? Double == 0.31)
        #expect(egfr["depth"] as? Int == 212 && egfr["vafSource"] as? String == "FORMAT AF")
        #expect(egfr["specimen"] as? String == "S-T" && egfr["build"] as? String == "GRCh38")
        let evidence = try #require(egfr["evidence"] as? [[String: Any]])
        #expect(evidence.count == 2)
        #expect(evidence[0]["therapy"] as? String == "Osimertinib" && evidence[0]["treatmentOption"] as? Bool == true)
        #expect(evidence[1]["reading"] as? String == "resistance" && evidence[1]["treatmentOption"] as? Bool == false)
        // Nothing invented: the germline finding has no VAF, depth or specimen.
        let germline = findings[1]
        #expect(germline["origin"] as? String == "germline")
        #expect(germline["vaf"] == nil && germline["depth"] == nil && germline["specimen"] == nil)
    }

    @Test func deidentifiedLeavesOutIdentifiers() throws {
        let data = try CaseJSON(record: Self.record(), today: Self.today, deidentify: true).data()
        let text = String(decoding: data, as: UTF8.self)
        for identifier in ["Greta", "Beispiel", "MRN-4711", "1960-02-01", "P-J"] {
            #expect(!text.contains(identifier), "\(identifier) in \(text)")
        }
        let patient = try #require(try Self.object(data)["patient"] as? [String: Any])
        #expect(patient["pseudonym"] as? String != nil && patient["age"] as? Int == 66)
    }

    /// `show --json --deidentify` shows the case id as the text output does (CaseIdShown): an id that carries the
    /// patient's name is the pseudonym, in the case, its findings' ids and report ids; an opaque id stays.
    @Test func deidentifiedCaseIdAsTheTextShowsIt() throws {
        var c = Self.record()
        c.id = "cancer-patient-greta-b"
        c.findings = c.findings.map {
            var f = $0
            f.id = c.id + "/" + f.id
            f.reportId = f.reportId.map { "fhir:\(c.id):\($0)" }
            return f
        }
        c.reports = c.reports.map {
            var r = $0
            r.id = "fhir:\(c.id):\(r.id)"
            return r
        }
        let data = try CaseJSON(record: c, today: Self.today, deidentify: true).data()
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("cancer-patient-greta-b"), "\(text)")
        let json = try Self.object(data)
        #expect(json["id"] as? String == CaseIdShown.text(c, deidentified: true))
        #expect(json["id"] as? String == c.patient.pseudonym)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings[0]["id"] as? String == c.patient.pseudonym + "/chr7:55191822:T:G")
        #expect(findings[0]["specimen"] as? String == "S-T")
        // An opaque id is kept, as in the text.
        let opaque = try Self.object(try CaseJSON(record: Self.record(), today: Self.today, deidentify: true).data())
        #expect(opaque["id"] as? String == "C-J")
    }

    @Test func oneFinding() throws {
        let c = Self.record()
        let json = try Self.object(try CaseJSON(record: c, today: Self.today).data(finding: c.findings[0]))
        #expect(json["gene"] as? String == "EGFR" && json["hgvsP"] as? String == "p.L858R")
    }

    /// A rearrangement gives its type, end, length, size, breakend partner and mate, and the sample's FT filter.
    @Test func rearrangementFieldsAreGiven() throws {
        var c = Self.record()
        var sv = Finding(id: "1:11851618:N:<DEL>", kind: .structural, chrom: "1", position: 11_851_618)
        sv.svType = .deletion
        sv.end = 11_863_918
        sv.svLength = -12_300
        sv.partnerChrom = "1"
        sv.partnerPosition = 11_863_918
        sv.mateId = "MantaDEL:1:0:1:0:0:0"
        sv.precise = false
        sv.sampleFilter = "LowQual"
        c.findings = [sv]
        let json = try Self.object(try CaseJSON(record: c, today: Self.today).data(finding: sv))
        #expect(json["svType"] as? String == "deletion" && json["end"] as? Int == 11_863_918)
        #expect(json["svLength"] as? Int == -12_300 && json["svSize"] == nil)
        #expect(json["partnerChrom"] as? String == "1" && json["partnerPosition"] as? Int == 11_863_918)
        #expect(json["mateId"] as? String == "MantaDEL:1:0:1:0:0:0" && json["precise"] as? Bool == false)
        #expect(json["sampleFilter"] as? String == "LowQual")
    }
}
