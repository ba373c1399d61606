import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// CIViC evidence keeps its direction: the curated values in ../shared/realdata/expected.json (read at test time)
/// for both CIViC evidence exports — Resistance is never a treatment option, "Does Not Support" never reads as
/// support, the 2018 vocabulary means the same as the 2021 one, drug relationships are kept, citations too.
@Suite("CIViC evidence direction (real files)")
struct CIViCDirectionTests {
    static func expected(_ file: String) throws -> [String: Any]? {
        guard let data = RealData.data("expected.json"),
            let all = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return all[file] as? [String: Any]
    }

    static func significance(_ text: String, type: String) -> ClinicalSignificance {
        switch (type, text) {
        case ("Predictive", "Sensitivity/Response"), ("Predictive", "Sensitivity"): .sensitivity
        case ("Predictive", "Resistance"), ("Predictive", "Resistance or Non-Response"): .resistance
        case ("Predictive", "Reduced Sensitivity"): .reducedSensitivity
        case ("Predictive", "Adverse Response"): .adverseResponse
        case ("Diagnostic", _): .diagnostic
        case ("Prognostic", _): .prognostic
        case ("Predisposing", _): .predisposing
        default: .unknown
        }
    }

    func check(_ file: String) throws {
        guard let data = RealData.data(file), let expected = try Self.expected(file) else { return }
        let payload = try CIViCReader.read(data: data, file: file)
        var byId: [String: EvidenceAttachment] = [:]
        for e in payload.evidence {
            guard let ref = e.entry.reference, ref.hasPrefix("CIViC EID") else { continue }
            let id = String(ref.dropFirst("CIViC EID".count).prefix { $0.isNumber })
            byId[id] = e
        }
        let counts = expected["counts"] as? [String: Any] ?? [:]
        #expect(payload.evidence.count == counts["rows"] as? Int)
        #expect(payload.evidence.filter { !$0.entry.supports }.count == counts["does_not_support"] as? Int)
        #expect(payload.evidence.filter { $0.entry.direction == "Supports" }.count == counts["supports"] as? Int)
        let sensitivity = counts["sensitivity_response"] as? Int ?? counts["sensitivity"] as? Int
        let resistance = counts["resistance"] as? Int ?? counts["resistance_or_non_response"] as? Int
        #expect(payload.evidence.filter { $0.entry.clinicalSignificance == .sensitivity }.count == sensitivity)
        #expect(payload.evidence.filter { $0.entry.clinicalSignificance == .resistance }.count == resistance)
        // Resistance and "Does Not Support" are never treatment options.
        #expect(
            !payload.evidence.contains {
                $0.entry.isTreatmentOption && ($0.entry.clinicalSignificance != .sensitivity || !$0.entry.supports)
            })

        var checked = 0
        for item in expected["must"] as? [[String: Any]] ?? [] where item["what"] as? String == "evidence" {
            guard let value = item["value"] as? [String: Any], let id = value["evidence_id"] as? String else {
                continue
            }
            guard let e = byId[id] else {
                Issue.record("\(file): evidence \(id) not read")
                continue
            }
            let entry = e.entry
            #expect(e.gene == value["gene"] as? String, "EID\(id) gene")
            #expect(e.variant == value["variant"] as? String, "EID\(id) variant")
            #expect(entry.level.code == value["evidence_level"] as? String, "EID\(id) level")
            #expect(entry.type == value["evidence_type"] as? String, "EID\(id) type")
            #expect(entry.disease == value["disease"] as? String, "EID\(id) disease")
            let supports = value["evidence_direction"] as? String == "Supports"
            #expect(entry.supports == supports, "EID\(id) direction")
            let kind = Self.significance(
                value["clinical_significance"] as? String ?? "", type: value["evidence_type"] as? String ?? "")
            #expect(entry.clinicalSignificance == kind, "EID\(id) significance")
            let drugs = value["drugs"] as? [String] ?? []
            #expect(
                entry.isTreatmentOption == (supports && kind == .sensitivity && !drugs.isEmpty),
                "EID\(id) treatment option")
            for drug in drugs { #expect(entry.therapy?.contains(drug) == true, "EID\(id) drug \(drug)") }
            if drugs.count > 1 {
                switch value["drug_interaction_type"] as? String {
                case "Combination"?: #expect(entry.therapy == drugs.joined(separator: " + "), "EID\(id) combination")
                case "Substitutes"?: #expect(entry.drugAlternatives.count == drugs.count, "EID\(id) alternatives")
                default: #expect(entry.therapy?.contains("not stated") == true, "EID\(id) relationship unknown")
                }
            }
            if !supports { #expect(entry.phrase.hasPrefix("does not support "), "EID\(id) phrase") }
            if kind == .resistance && supports { #expect(entry.phrase.hasPrefix("resistance to "), "EID\(id) phrase") }
            if let pmid = (value["pubmed_id"] as? String) ?? (value["citation_id"] as? String) {
                #expect(entry.reference?.contains("PMID \(pmid)") == true, "EID\(id) citation")
            }
            for nct in value["nct_ids"] as? [String] ?? [] {
                #expect(entry.reference?.contains(nct) == true, "EID\(id) \(nct)")
            }
            #expect(entry.statement?.contains("\u{FEFF}") != true)
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func monthlyRelease2021() throws { try check("civic/01-Aug-2021-ClinicalEvidenceSummaries.tsv") }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func nightly2018() throws { try check("civic/nightly-ClinicalEvidenceSummaries.tsv") }
}
