import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// A damaged ClinicalTrials.gov record (cut short, or with a module of the wrong type) is refused with one error that
/// names the file and where, never read into a trial with its arms or eligibility missing (which would replace the
/// stored trial and let cases match a record that says nothing).
@Suite("Damaged ClinicalTrials.gov records are refused")
struct ClinicalTrialsGovDamageTests {
    static let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <clinical_study>
          <id_info><nct_id>NCT00000009</nct_id></id_info>
          <brief_title>A study</brief_title>
          <overall_status>Recruiting</overall_status>
          <arm_group><arm_group_label>A</arm_group_label><arm_group_type>Experimental</arm_group_type></arm_group>
          <intervention><intervention_type>Drug</intervention_type><intervention_name>Olaparib</intervention_name>
            <arm_group_label>A</arm_group_label></intervention>
          <eligibility><criteria><textblock>Inclusion Criteria: adults. Exclusion Criteria: pregnancy.</textblock>
          </criteria><gender>All</gender><minimum_age>18 Years</minimum_age></eligibility>
        </clinical_study>
        """

    @Test func wholeXMLReads() throws {
        let t = try #require(
            try ClinicalTrialsGovXMLReader.read(data: Data(Self.xml.utf8), file: "s.xml").bundle.trials.first)
        #expect(t.arms.count == 1)
        #expect(t.eligibility.inclusionText != nil)
    }

    /// Every cut of the record, at each line end and inside elements, is refused with the file and a line.
    @Test func truncatedXMLIsRefusedAtEveryCut() throws {
        let bytes = Array(Self.xml.utf8)
        for cut in stride(from: 60, to: bytes.count - 16, by: 7) {
            do {
                let payload = try ClinicalTrialsGovXMLReader.read(data: Data(bytes[..<cut]), file: "cut.xml")
                Issue.record("cut at \(cut) read \(payload.bundle.trials.map(\.id))")
            } catch let error as ImportError {
                #expect(error.file == "cut.xml")
                #expect(error.location?.contains("line") == true, "\(error)")
            }
        }
    }

    /// The new-user run's cuts of a real record (5,000 and 2,500 bytes of NCT03424005).
    @Test(.enabled(if: RealData.enabled, RealData.reason), arguments: [5_000, 2_500])
    func truncatedRealRecordIsRefused(_ bytes: Int) throws {
        let data = try #require(FileManager.default.contents(atPath: RealData.path("ctgov/NCT03424005.xml")))
        #expect(throws: ImportError.self) {
            _ = try ClinicalTrialsGovXMLReader.read(data: data.prefix(bytes), file: "NCT03424005.xml")
        }
        // The router gives the same refusal for the file as a whole.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctgov-cut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("NCT03424005.xml").path
        try data.prefix(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: ImportError.self) { _ = try BoardReader.payload(path: path) }
    }

    /// API v2 JSON: a truncated document and modules or lists of the wrong type are refused with the JSON path.
    @Test func malformedV2JSONIsRefusedWithThePath() throws {
        let good = TrialKnowledgeSpecTests.study(#"[{"label": "A", "interventionNames": ["Drug: X"]}]"#)
        #expect(try ClinicalTrialsGovReader.read(data: Data(good.utf8), file: "s.json").bundle.trials.count == 1)
        #expect(throws: ImportError.self) {
            _ = try ClinicalTrialsGovReader.read(data: Data(good.utf8.prefix(good.utf8.count / 2)), file: "s.json")
        }
        let cases: [(String, String)] = [
            (TrialKnowledgeSpecTests.study(#""A""#), "$.protocolSection.armsInterventionsModule.armGroups"),
            (TrialKnowledgeSpecTests.study(#"["A"]"#), "$.protocolSection.armsInterventionsModule.armGroups[0]"),
            (
                #"{"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}, "eligibilityModule": "x"}}"#,
                "$.protocolSection.eligibilityModule"
            ),
            (
                #"{"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}, "eligibilityModule": {"eligibilityCriteria": ["a"]}}}"#,
                "$.protocolSection.eligibilityModule.eligibilityCriteria"
            ),
        ]
        for (json, path) in cases {
            do {
                _ = try ClinicalTrialsGovReader.read(data: Data(json.utf8), file: "bad.json")
                Issue.record("read: \(json)")
            } catch let error as ImportError {
                #expect(error.file == "bad.json")
                #expect(error.location == path, "\(error)")
            }
        }
    }
}
