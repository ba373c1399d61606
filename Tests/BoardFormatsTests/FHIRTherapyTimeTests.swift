import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// FHIR R4 treatment times: MedicationStatement/MedicationAdministration effective[x] is when the agent was given,
/// MedicationRequest.authoredOn only when it was ordered, and each resource's status (completed, stopped, active,
/// in-progress, on-hold) says where the treatment stands. A stopped or completed treatment never reads as ongoing;
/// with no end and no status, the end is "not recorded".
@Suite("FHIR treatment ends and status")
struct FHIRTherapyTimeTests {
    static let patient = #"{"resource":{"resourceType":"Patient","id":"p1","gender":"female"}}"#

    func lines(_ entries: [String]) throws -> [TherapyLine] {
        let json =
            #"{"resourceType":"Bundle","type":"collection","entry":["#
            + ([Self.patient] + entries.map { #"{"resource":\#($0)}"# }).joined(separator: ",") + "]}"
        let payload = try FHIRReader.read(data: Data(json.utf8), file: "spec.json")
        return try #require(payload.bundle.cases.first).treatmentHistory
    }

    static func paclitaxel(_ type: String, _ status: String, _ when: String) -> String {
        #"{"resourceType":"\#(type)","status":"\#(status)","subject":{"reference":"Patient/p1"},"#
            + #""medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"583214","display":"Paclitaxel 100 MG Injection"}]},"#
            + when + "}"
    }

    @Test func completedStatementsEndOnTheirLastEffectiveDate() throws {
        let got = try lines(
            ["2017-07-28", "2017-08-19", "2017-09-08"].map {
                Self.paclitaxel("MedicationStatement", "completed", #""effectiveDateTime":"\#($0)T23:41:09-04:00""#)
            })
        #expect(got.count == 1)
        #expect(got[0].start == LocalDate("2017-07-28") && got[0].end == LocalDate("2017-09-08"))
        #expect(got[0].status == "completed")
        #expect(got[0].period == "2017-07-28 – 2017-09-08, completed")
    }

    @Test func stoppedOrdersKeepTheirLastDateButNoEnd() throws {
        let months = ["1985-07-30", "1985-08-30", "1990-07-22"]
        let orders = months.flatMap { day in
            [
                Self.paclitaxel("MedicationRequest", "stopped", #""authoredOn":"\#(day)T10:50:10-04:00""#),
                #"{"resourceType":"MedicationRequest","status":"stopped","subject":{"reference":"Patient/p1"},"#
                    + #""medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1736854","display":"Cisplatin 50 MG Injection"}]},"authoredOn":"\#(day)T10:50:10-04:00"}"#,
            ]
        }
        let got = try lines(orders)
        #expect(got.count == 1)
        #expect(Set(got[0].drugs) == ["paclitaxel", "cisplatin"])
        #expect(got[0].end == nil, "an order date is not the end of therapy")
        #expect(got[0].lastRecorded == LocalDate("1990-07-22") && got[0].status == "stopped")
        #expect(got[0].period == "1985-07-30, last recorded 1990-07-22, stopped (end not recorded)")
        #expect(!got[0].period.contains("ongoing"))
    }

    @Test func aStatedPeriodEndIsKeptAndActiveWithoutEndIsOngoing() throws {
        let ended = try lines([
            Self.paclitaxel(
                "MedicationStatement", "active", #""effectivePeriod":{"start":"2020-01-01","end":"2020-04-01"}"#)
        ])
        #expect(ended[0].end == LocalDate("2020-04-01"))
        #expect(ended[0].period == "2020-01-01 – 2020-04-01")
        let running = try lines([
            Self.paclitaxel("MedicationAdministration", "in-progress", #""effectiveDateTime":"2021-02-03""#)
        ])
        #expect(running[0].status == "ongoing" && running[0].period == "2021-02-03, ongoing")
    }

    @Test func noEndAndNoStatusSaysEndNotRecorded() throws {
        let got = try lines([Self.paclitaxel("MedicationRequest", "unknown", #""authoredOn":"2019-04-01""#)])
        #expect(got[0].status == nil && got[0].end == nil)
        #expect(got[0].period == "2019-04-01, end not recorded")
        // The same wording in `show`.
        let text = CaseSummaryText(
            record: Case(
                id: "c1", patient: Patient(id: "p1", name: PersonName()), diagnosis: Diagnosis(text: "x"),
                treatmentHistory: got),
            today: LocalDate("2026-01-01")!
        ).render()
        #expect(text.contains("paclitaxel  2019-04-01, end not recorded"))
    }

    @Test func aCompletedProcedureOnOneDayEndsThatDayAndIsLabelledByItsCode() throws {
        let got = try lines([
            #"{"resourceType":"Procedure","status":"completed","subject":{"reference":"Patient/p1"},"#
                + #""meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-related-radiation-procedure"]},"#
                + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"448385000","display":"Megavoltage radiation therapy using photons (procedure)"}],"text":"Teleradiotherapy procedure (procedure)"},"#
                + #""performedDateTime":"2018-01-24T22:41:09-05:00"}"#
        ])
        #expect(got[0].setting == "radiotherapy")
        #expect(got[0].regimen == "Megavoltage radiation therapy using photons")
        #expect(got[0].end == LocalDate("2018-01-24") && got[0].status == "completed")
    }
}
