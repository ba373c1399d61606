import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// A Procedure whose coding and text name different kinds of treatment is read by its code and profile and flagged
/// in the account; a surgery on another day is another operation, never merged into the first; two entries sharing
/// one fullUrl (Bundle rule bdl-7 says it must be unique) are both kept and reported.
struct FHIRProcedureConflictTests {
    static let cancer = FHIRPatientRecordTests.cancer(status: "active")

    static func procedure(
        _ id: String, code: String, display: String, text: String, on day: String, profile: String
    ) -> String {
        #"{"resourceType":"Procedure","id":"\#(id)","status":"completed","subject":{"reference":"Patient/p1"},"#
            + #""meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/\#(profile)"]},"#
            + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"\#(code)","display":"\#(display)"}],"text":"\#(text)"},"#
            + #""performedDateTime":"\#(day)T10:00:00-04:00"}"#
    }

    static func bundle(_ entries: [(fullUrl: String?, resource: String)]) throws -> ImportPayload {
        let json =
            #"{"resourceType":"Bundle","type":"collection","entry":["#
            + entries.map { e in
                (e.fullUrl.map { #"{"fullUrl":"\#($0)","resource":"# } ?? #"{"resource":"#) + e.resource + "}"
            }.joined(separator: ",") + "]}"
        return try FHIRReader.read(data: Data(json.utf8), file: "spec.json")
    }

    @Test func aCodeTextConflictIsReadByCodeAndFlaggedAndSurgeriesAreNotMerged() throws {
        let surgical = "mcode-cancer-related-surgical-procedure"
        let radiation = "mcode-cancer-related-radiation-procedure"
        let payload = try Self.bundle([
            (nil, FHIRPatientRecordTests.patient()), (nil, Self.cancer),
            (
                nil,
                Self.procedure(
                    "s1", code: "396487001", display: "Sentinel lymph node biopsy (procedure)",
                    text: "Sentinel lymph node biopsy (procedure)", on: "2018-01-11", profile: surgical)
            ),
            // Two wordings of one kind of treatment: no conflict.
            (
                "urn:uuid:r2",
                Self.procedure(
                    "r2", code: "448385000", display: "Megavoltage radiation therapy using photons (procedure)",
                    text: "Teleradiotherapy procedure (procedure)", on: "2018-01-26", profile: radiation)
            ),
            // Coded a sentinel node biopsy, written as radiotherapy, and sharing r2's fullUrl.
            (
                "urn:uuid:r2",
                Self.procedure(
                    "r2xxx", code: "396487001", display: "Sentinel lymph node biopsy (procedure)",
                    text: "Teleradiotherapy procedure (procedure)", on: "2018-01-26", profile: surgical)
            ),
        ])
        let c = try #require(payload.bundle.cases.first)
        let surgeries = c.treatmentHistory.filter { $0.setting == "surgery" }
        #expect(surgeries.count == 2, "\(surgeries)")
        #expect(Set(surgeries.compactMap(\.start)) == [LocalDate("2018-01-11")!, LocalDate("2018-01-26")!])
        #expect(surgeries.allSatisfy { $0.regimen == "Sentinel lymph node biopsy" })
        let radiotherapy = c.treatmentHistory.filter { $0.setting == "radiotherapy" }
        #expect(radiotherapy.count == 1 && radiotherapy.first?.start == LocalDate("2018-01-26"))
        let conflicts = payload.notes.filter { $0.contains("code/text conflict") }
        #expect(conflicts.count == 1 && conflicts.first?.contains("Procedure/r2xxx") == true, "\(payload.notes)")
        #expect(conflicts.first?.contains("as surgery") == true)
        #expect(
            payload.notes.contains {
                $0.contains("Procedure/r2 and Procedure/r2xxx share the fullUrl urn:uuid:r2")
                    && $0.contains("both kept")
            }, "\(payload.notes)")
    }

    /// Two Patient entries sharing a fullUrl are named by place, never by id or fullUrl (an MRN; review 7 #12).
    @Test func aSharedPatientFullUrlIsNotNamed() throws {
        let patient = { (id: String) in
            #"{"fullUrl":"urn:uuid:40917788","resource":{"resourceType":"Patient","id":"\#(id)","gender":"female"}}"#
        }
        let bundle =
            #"{"resourceType":"Bundle","type":"collection","entry":["# + patient("40917788") + ","
            + patient("40917789") + "]}"
        let payload = try FHIRReader.read(data: Data(bundle.utf8), file: "b.json")
        let note = payload.notes.first { $0.contains("share one fullUrl") }
        #expect(note?.contains("Patient (resource 1) and Patient (resource 2)") == true, "\(payload.notes)")
        #expect(!payload.notes.joined().contains("4091778"), "\(payload.notes)")
    }

    @Test func procedureKindsFromTheirWords() {
        #expect(FHIRReader.Builder.procedureKind("Teleradiotherapy procedure") == "radiotherapy")
        #expect(FHIRReader.Builder.procedureKind("Megavoltage radiation therapy using photons") == "radiotherapy")
        #expect(FHIRReader.Builder.procedureKind("Excision of sentinel lymph node") == "surgery")
        #expect(FHIRReader.Builder.procedureKind("Mastectomy") == "surgery")
        #expect(FHIRReader.Builder.procedureKind("Chemotherapy") == nil)
    }

    /// patient_data.json (EXPECTED.md): procedure 6a401855…xxx is a surgery, flagged, not merged into the first
    /// biopsy and not a fourth radiation fraction.
    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func theDuplicateSentinelBiopsyOfPatientData() throws {
        let data = try #require(RealData.data("fhir/patient_data.json"))
        let payload = try FHIRReader.read(data: data, file: "patient_data.json")
        let c = try #require(payload.bundle.cases.first)
        let surgeries = c.treatmentHistory.filter { $0.setting == "surgery" }
        #expect(surgeries.count == 3, "\(surgeries)")
        #expect(surgeries.contains { $0.start == LocalDate("2018-01-26") && $0.regimen?.contains("Sentinel") == true })
        let radiation = c.treatmentHistory.filter { $0.setting == "radiotherapy" }
        #expect(radiation.count == 1 && radiation.first?.start == LocalDate("2018-01-24"))
        #expect(radiation.first?.end == LocalDate("2018-01-27"))
        #expect(
            payload.notes.contains {
                $0.contains("6a401855-9277-4b01-ac59-48ac734eece6xxx") && $0.contains("code/text conflict")
            })
        #expect(
            payload.notes.contains { $0.contains("share the fullUrl urn:uuid:6a401855-9277-4b01-ac59-48ac734eece6") })
    }
}
