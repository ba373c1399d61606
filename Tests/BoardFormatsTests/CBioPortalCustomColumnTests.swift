import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// A study's own clinical columns (cBioPortal's file format allows any attribute id; the four `#` header rows give
/// each one's display name, description, datatype and priority): kept as named attributes of the patient (patient
/// file) or the sample (sample file), shown by `show` and `--json`, and no longer listed as not used.
@Suite("cBioPortal custom clinical columns")
struct CBioPortalCustomColumnTests {
    static let patients = """
        #Patient Identifier\tKAS ID\tSmoking Pack Years\tTrial Arm\tAge
        #Patient identifier\tPatient ID in the KAS\tPack years\tArm of the study\tAge in years
        #STRING\tSTRING\tNUMBER\tSTRING\tNUMBER
        #1\t1\t5\t1\t1
        PATIENT_ID\tKAS_ID\tPACK_YEARS\tSTUDY_ARM\tAGE
        P1\t42\t12.5\tA\t60
        P2\tNA\tmany\t[Not Available]\t61

        """

    @Test func patientColumnsBecomeNamedAttributes() throws {
        let payload = try CBioPortalClinicalReader.read(
            data: Data(Self.patients.utf8), file: "data_clinical_patient.txt")
        let p1 = try #require(payload.partialCases.first { $0.id == "P1" }).patient
        #expect(
            p1.attributes == [
                ClinicalAttribute(
                    id: "KAS_ID", value: "42", name: "KAS ID", description: "Patient ID in the KAS", datatype: "STRING",
                    priority: "1"),
                ClinicalAttribute(
                    id: "PACK_YEARS", value: "12.5", name: "Smoking Pack Years", description: "Pack years",
                    datatype: "NUMBER", priority: "5"),
                ClinicalAttribute(
                    id: "STUDY_ARM", value: "A", name: "Trial Arm", description: "Arm of the study", datatype: "STRING",
                    priority: "1"),
            ])
        #expect(p1.recordedAge == "P60Y", "a known column keeps its own field")
        // Missing values are not kept; a value not of its declared type is reported and not kept.
        let p2 = try #require(payload.partialCases.first { $0.id == "P2" }).patient
        #expect(p2.attributes == nil)
        let account = try #require(payload.accounts.first)
        #expect(account.invalid.contains { $0.field == "PACK_YEARS" && $0.found == "many" })
        for column in ["KAS_ID", "PACK_YEARS", "STUDY_ARM"] {
            #expect(account.unusedFields[column] == nil, "\(column) listed as not used")
        }
        #expect(
            account.usedFields["KAS_ID"] == 1 && account.usedFields["PACK_YEARS"] == 2,
            "the invalid one is counted as read")
    }

    @Test func sampleColumnsBelongToTheSample() throws {
        let samples = """
            #Patient Identifier\tSample Identifier\tBiobank Box\tCancer Type
            #Patient\tSample\tWhere the tissue is\tType
            #STRING\tSTRING\tSTRING\tSTRING
            #1\t1\t1\t1
            PATIENT_ID\tSAMPLE_ID\tBIOBANK_BOX\tCANCER_TYPE
            P1\tS1\tBox 7\tMelanoma
            P1\tS2\t\tMelanoma

            """
        let payload = try CBioPortalClinicalReader.read(data: Data(samples.utf8), file: "data_clinical_sample.txt")
        let c = try #require(payload.partialCases.first)
        #expect(c.patient.attributes == nil, "a sample's column is not the patient's")
        let s1 = try #require(c.reports.first { $0.specimen?.id == "S1" }?.specimen)
        #expect(s1.attributes?.map(\.shown) == ["Biobank Box (BIOBANK_BOX): Box 7"])
        #expect(c.reports.first { $0.specimen?.id == "S2" }?.specimen?.attributes == nil)
        let text = CaseSummaryText(record: c, today: LocalDate("2026-01-01")!).render()
        #expect(text.contains("S1: ") && text.contains("Biobank Box (BIOBANK_BOX): Box 7"), "\(text)")
    }

    /// `show` lists the patient's attributes; `--json` gives each with its header rows; de-identified output
    /// leaves them out (a study's column may be an identifier: KAS_ID is the patient's id in the hospital system).
    @Test func shownAndInJSONButNotWhenDeidentified() throws {
        let payload = try CBioPortalClinicalReader.read(
            data: Data(Self.patients.utf8), file: "data_clinical_patient.txt")
        let c = try #require(payload.partialCases.first { $0.id == "P1" })
        let today = LocalDate("2026-01-01")!
        let text = CaseSummaryText(record: c, today: today).render()
        #expect(text.contains("Attributes:  KAS ID (KAS_ID): 42; Smoking Pack Years (PACK_YEARS): 12.5"), "\(text)")
        #expect(!CaseSummaryText(record: c, today: today, deidentify: true).render().contains("KAS_ID"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: CaseJSON(record: c, today: today).data()) as? [String: Any])
        let attributes = try #require((json["patient"] as? [String: Any])?["attributes"] as? [[String: Any]])
        #expect(attributes.first?["id"] as? String == "KAS_ID" && attributes.first?["value"] as? String == "42")
        #expect(
            attributes.first?["name"] as? String == "KAS ID" && attributes.first?["datatype"] as? String == "STRING")
        let hidden = String(decoding: try CaseJSON(record: c, today: today, deidentify: true).data(), as: UTF8.self)
        #expect(!hidden.contains("KAS_ID"))
    }
}
