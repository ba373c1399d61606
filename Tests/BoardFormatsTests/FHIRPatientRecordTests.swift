import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// FHIR R4 Patient identifiers (HL7 v2 table 0203 types), US Core race and ethnicity, Condition clinicalStatus and
/// abatement[x], and biopsies as mCODE surgical procedures, from the specifications' own cases.
@Suite("FHIR patient identifiers, demographics, disease status and biopsies")
struct FHIRPatientRecordTests {
    static func bundle(_ resources: [String]) throws -> ImportPayload {
        let json =
            #"{"resourceType":"Bundle","type":"collection","entry":["#
            + resources.map { #"{"resource":\#($0)}"# }.joined(separator: ",") + "]}"
        return try FHIRReader.read(data: Data(json.utf8), file: "spec.json")
    }

    static func ident(_ code: String?, _ system: String?, _ value: String, text: String? = nil) -> String {
        var parts: [String] = []
        if let code {
            parts.append(
                #""type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"\#(code)"}]"#
                    + (text.map { #","text":"\#($0)""# } ?? "") + "}")
        }
        if let system { parts.append(#""system":"\#(system)""#) }
        parts.append(#""value":"\#(value)""#)
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func patient(identifiers: [String] = [], extensions: String = "") -> String {
        #"{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1965-01-01","#
            + #""name":[{"family":"Example","given":["Ann"]}],"#
            + (extensions.isEmpty ? "" : #""extension":[\#(extensions)],"#)
            + #""identifier":[\#(identifiers.joined(separator: ","))]}"#
    }

    static func text(_ c: Case, deidentify: Bool = false) -> String {
        CaseSummaryText(record: c, today: LocalDate("2026-01-01")!, deidentify: deidentify).render()
    }

    @Test func identifierTypesFromTable0203() throws {
        let payload = try Self.bundle([
            Self.patient(identifiers: [
                Self.ident("MR", "http://hospital.example.org", "MRN1234"),
                Self.ident("SS", "http://hl7.org/fhir/sid/us-ssn", "999-91-4216", text: "Social Security Number"),
                Self.ident("DL", "urn:oid:2.16.840.1.113883.4.3.25", "S99925554"),
                Self.ident("PPN", nil, "X88633069X"),
            ])
        ])
        let c = try #require(payload.bundle.cases.first)
        let ids = c.patient.identifiers
        #expect(c.patient.mrn == "MRN1234")
        #expect(ids.map(\.kind) == [.mrn, .national, .national, .national])
        #expect(
            ids.map(\.shown) == [
                "MRN MRN1234", "Social Security Number 999-91-4216", "Driver's License S99925554",
                "Passport Number X88633069X",
            ])
        let shown = Self.text(c)
        #expect(shown.contains("Identifiers: Social Security Number 999-91-4216; Driver's License S99925554"))
        // De-identified: none of them, nor their types' values.
        let masked = Self.text(c, deidentify: true)
        for value in ["MRN1234", "999-91-4216", "S99925554", "X88633069X"] {
            #expect(!masked.contains(value))
        }
        let json = String(
            decoding: try CaseJSON(record: c, today: LocalDate("2026-01-01")!, deidentify: true).data(), as: UTF8.self)
        for value in ["MRN1234", "999-91-4216", "S99925554", "X88633069X"] { #expect(!json.contains(value)) }
    }

    @Test func anUntypedIdentifierIsAnMRNOnlyWhenItsSystemSaysSo() throws {
        let typed = try Self.bundle([Self.patient(identifiers: [Self.ident(nil, "urn:example:hospital/mrn", "A77")])])
        #expect(try #require(typed.bundle.cases.first).patient.mrn == "A77")
        let bare = try Self.bundle([Self.patient(identifiers: [Self.ident(nil, nil, "1007")])])
        let c = try #require(bare.bundle.cases.first)
        #expect(c.patient.mrn == nil, "an identifier with neither type nor system is not guessed to be an MRN")
        #expect(c.patient.identifiers.first?.shown == "identifier 1007")
        #expect(Self.text(c).contains("(identifier 1007)"))
        #expect(!Self.text(c).contains("no MRN"))
        let other = try Self.bundle([
            Self.patient(identifiers: [Self.ident(nil, "https://github.com/synthetichealth/synthea", "d0c2")])
        ])
        #expect(try #require(other.bundle.cases.first).patient.mrn == nil)
    }

    static func usCore(_ kind: String, text: String?, codes: [(String, String)]) -> String {
        var parts = codes.map {
            #"{"url":"ombCategory","valueCoding":{"system":"urn:oid:2.16.840.1.113883.6.238","code":"\#($0.0)","display":"\#($0.1)"}}"#
        }
        if let text { parts.append(#"{"url":"text","valueString":"\#(text)"}"#) }
        return
            #"{"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-\#(kind)","extension":[\#(parts.joined(separator: ","))]}"#
    }

    @Test func usCoreRaceAndEthnicityAsStatedAndHiddenWhenDeidentified() throws {
        let ext = [
            Self.usCore("race", text: "Mixed", codes: [("2106-3", "White"), ("2054-5", "Black or African American")]),
            Self.usCore("ethnicity", text: nil, codes: [("2186-5", "Not Hispanic or Latino")]),
        ].joined(separator: ",")
        let c = try #require(try Self.bundle([Self.patient(extensions: ext)]).bundle.cases.first)
        #expect(c.patient.race == "Mixed (2106-3, 2054-5)")
        #expect(c.patient.ethnicity == "Not Hispanic or Latino (2186-5)")
        #expect(Self.text(c).contains("Race:        Mixed (2106-3, 2054-5)"))
        #expect(!Self.text(c, deidentify: true).contains("2106-3"))
        let json = String(
            decoding: try CaseJSON(record: c, today: LocalDate("2026-01-01")!, deidentify: true).data(), as: UTF8.self)
        #expect(!json.contains("2106-3") && !json.contains("Hispanic"))
        // No extension: nothing is inferred.
        let none = try #require(try Self.bundle([Self.patient()]).bundle.cases.first)
        #expect(none.patient.race == nil && none.patient.ethnicity == nil)
    }

    static func cancer(status: String?, abatement: String? = nil, onset: String = "2018-03-19") -> String {
        #"{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"#
            + (status.map {
                #""clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"\#($0)"}]},"#
            } ?? "")
            + (abatement.map { #""abatementDateTime":"\#($0)","# } ?? "")
            + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"93761005","display":"Primary malignant neoplasm of colon"}]},"#
            + #""onsetDateTime":"\#(onset)T23:44:32-04:00"}"#
    }

    @Test func aResolvedOrRemittedCancerNeverReadsAsCurrent() throws {
        let resolved = try #require(
            try Self.bundle([Self.patient(), Self.cancer(status: "resolved", abatement: "2019-04-05T23:44:32-04:00")])
                .bundle.cases.first)
        #expect(resolved.diagnosis.clinicalStatus == "resolved")
        #expect(resolved.diagnosis.abatedOn == LocalDate("2019-04-05"))
        #expect(resolved.diagnosis.isNotCurrent)
        #expect(Self.text(resolved).contains("Status:      resolved 2019-04-05"))
        #expect(Self.text(resolved, deidentify: true).contains("Status:      resolved\n"))
        let remission = try #require(
            try Self.bundle([Self.patient(), Self.cancer(status: "remission")]).bundle.cases.first)
        #expect(remission.diagnosis.statusPhrase() == "in remission")
        // A label wider than the export's label column still has a space before its value.
        let export = CaseExportWriter(record: remission, asOf: LocalDate("2026-01-01")!).render(width: 100)
        #expect(export.contains("Disease status: in remission"))
        let active = try #require(try Self.bundle([Self.patient(), Self.cancer(status: "active")]).bundle.cases.first)
        #expect(!active.diagnosis.isNotCurrent && active.diagnosis.statusPhrase() == nil)
        #expect(!Self.text(active).contains("Status:"))
        // An abatement with no status (FHIR con-4 requires one) still says the disease abated.
        let abated = try #require(
            try Self.bundle([Self.patient(), Self.cancer(status: nil, abatement: "2020-01-02")]).bundle.cases.first)
        #expect(abated.diagnosis.statusPhrase() == "abated 2020-01-02")
        // The minutes say it too.
        #expect(resolved.diagnosis.statusPhrase(hideDates: true) == "resolved")
    }

    /// A primary cancer Condition with a verificationStatus (FHIR R4 condition-ver-status).
    static func cancer(verification: String, id: String = "c1", code: String = "93761005") -> String {
        #"{"resourceType":"Condition","id":"\#(id)","subject":{"reference":"Patient/p1"},"#
            + #""verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"\#(verification)"}]},"#
            + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"\#(code)","display":"Primary malignant neoplasm of colon"}]},"#
            + #""onsetDateTime":"2018-03-19"}"#
    }

    /// FHIR R4 Condition.verificationStatus: confirmed is kept and shown; provisional, differential and unconfirmed
    /// are kept and shown as not confirmed; refuted and entered-in-error never become the diagnosis (mCODE's
    /// PrimaryCancerCondition asserts a cancer, which a refuted or erroneous record does not).
    @Test func verificationStatusIsKeptAndARefutedCancerIsNoDiagnosis() throws {
        let confirmed = try #require(
            try Self.bundle([Self.patient(), Self.cancer(verification: "confirmed")]).bundle.cases.first)
        #expect(confirmed.diagnosis.verification == "confirmed" && !confirmed.diagnosis.isUnconfirmed)
        #expect(Self.text(confirmed).contains("Verified:    confirmed"))
        let json = String(
            decoding: try CaseJSON(record: confirmed, today: LocalDate("2026-01-01")!, deidentify: false).data(),
            as: UTF8.self)
        #expect(json.contains(#""verification":"confirmed""#) || json.contains(#""verification" : "confirmed""#))
        for code in ["provisional", "differential", "unconfirmed"] {
            let c = try #require(try Self.bundle([Self.patient(), Self.cancer(verification: code)]).bundle.cases.first)
            #expect(c.diagnosis.verification == code && c.diagnosis.isUnconfirmed, "\(code)")
            #expect(c.diagnosis.text.contains("colon"), "\(code): kept as the diagnosis")
            #expect(
                Self.text(c).contains(
                    "Verified:    \(code == "unconfirmed" ? "unconfirmed" : code + " (not confirmed)")"))
        }
        for code in ["refuted", "entered-in-error"] {
            let payload = try Self.bundle([Self.patient(), Self.cancer(verification: code)])
            let c = try #require(payload.bundle.cases.first)
            #expect(!c.diagnosis.text.contains("colon") && c.diagnosis.oncotreeCode == nil, "\(code)")
            let skipped = payload.accounts.first?.skipped ?? [:]
            #expect(skipped.keys.contains { $0.contains("refuted or entered in error") }, "\(skipped)")
        }
        // A confirmed cancer takes the place of a provisional one read before it.
        let both = try #require(
            try Self.bundle([
                Self.patient(), Self.cancer(verification: "provisional", id: "c0", code: "254837009"),
                Self.cancer(verification: "confirmed"),
            ]).bundle.cases.first)
        #expect(both.diagnosis.verification == "confirmed")
    }

    /// A resolved cancer and a current one in either order (review 6 #2): the current one is the diagnosis, the
    /// resolved one of another tissue stays listed as an earlier primary with its status, and a resolved cancer of
    /// the same tissue read first does not make a recurrence read as resolved.
    @Test func aCurrentCancerIsTheDiagnosisWhateverTheOrder() throws {
        let resolvedColon = Self.cancer(status: "resolved", abatement: "2019-04-05T23:44:32-04:00")
        let activeBreast =
            #"{"resourceType":"Condition","id":"c2","subject":{"reference":"Patient/p1"},"#
            + #""clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"#
            + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009","display":"Malignant neoplasm of breast"}]},"#
            + #""onsetDateTime":"2021-06-01"}"#
        for order in [[resolvedColon, activeBreast], [activeBreast, resolvedColon]] {
            let c = try #require(try Self.bundle([Self.patient()] + order).bundle.cases.first)
            #expect(c.diagnosis.text.lowercased().contains("breast"), "\(c.diagnosis.text)")
            #expect(!c.diagnosis.isNotCurrent)
            #expect(
                c.comorbidities.contains { $0.lowercased().contains("colon") && $0.contains("resolved") },
                "\(c.comorbidities)")
        }
        // The same tissue: a resolved colon cancer read first, then an active one (a recurrence) is current.
        let activeColon = Self.cancer(status: "active", onset: "2022-02-02")
            .replacingOccurrences(of: #""id":"c1""#, with: #""id":"c3""#)
        let recurrence = try #require(
            try Self.bundle([Self.patient(), resolvedColon, activeColon]).bundle.cases.first)
        #expect(!recurrence.diagnosis.isNotCurrent && recurrence.diagnosis.clinicalStatus == "active")
        #expect(recurrence.diagnosis.diagnosedOn == LocalDate("2022-02-02"))
    }

    /// The stage read with a cancer that gives way to another tissue's current (or confirmed) cancer is that
    /// cancer's, never the case's (review 7 #1); the current cancer's own stage is kept whatever the order, and a
    /// provisional cancer of another tissue that gives way stays listed as not confirmed.
    @Test func theStageOfACancerThatGaveWayIsNotTheCasesStage() throws {
        let stageIIA =
            #""stage":[{"summary":{"coding":[{"system":"http://cancerstaging.org","code":"2A"}],"text":"Stage IIA"}}],"#
        let resolvedColon = Self.cancer(status: "resolved", abatement: "2019-04-05T23:44:32-04:00")
            .replacingOccurrences(of: #""code":{"coding""#, with: stageIIA + #""code":{"coding""#)
        func breast(stage: String?, verification: String? = nil) -> String {
            #"{"resourceType":"Condition","id":"c2","subject":{"reference":"Patient/p1"},"#
                + #""clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"#
                + (verification.map {
                    #""verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"\#($0)"}]},"#
                } ?? "")
                + (stage.map { #""stage":[{"summary":{"text":"Stage \#($0)"}}],"# } ?? "")
                + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009","display":"Malignant neoplasm of breast"}]},"#
                + #""onsetDateTime":"2021-06-01"}"#
        }
        for order in [[resolvedColon, breast(stage: nil)], [breast(stage: nil), resolvedColon]] {
            let c = try #require(try Self.bundle([Self.patient()] + order).bundle.cases.first)
            #expect(c.diagnosis.text.lowercased().contains("breast"))
            #expect(c.stage?.group == nil, "the colon cancer's stage IIA is not the breast cancer's: \(c.stage)")
        }
        for order in [[resolvedColon, breast(stage: "IIIB")], [breast(stage: "IIIB"), resolvedColon]] {
            let c = try #require(try Self.bundle([Self.patient()] + order).bundle.cases.first)
            #expect(c.stage?.group == "IIIB", "\(c.stage)")
        }
        // A confirmed colon cancer takes the place of a provisional breast cancer read before it: the breast cancer
        // is listed as not confirmed and its stage is set aside.
        let confirmed = try #require(
            try Self.bundle([
                Self.patient(), breast(stage: "IV", verification: "provisional"),
                Self.cancer(verification: "confirmed"),
            ]).bundle.cases.first)
        #expect(confirmed.diagnosis.text.lowercased().contains("colon"))
        #expect(confirmed.stage?.group == nil, "\(confirmed.stage)")
        #expect(
            confirmed.comorbidities.contains { $0.lowercased().contains("breast") && $0.contains("provisional") },
            "\(confirmed.comorbidities)")
        // A provisional second primary read after the diagnosis is listed as not confirmed too.
        let second = try #require(
            try Self.bundle([
                Self.patient(), Self.cancer(verification: "confirmed"), breast(stage: nil, verification: "provisional"),
            ])
            .bundle.cases.first)
        #expect(
            second.comorbidities.contains { $0.lowercased().contains("breast") && $0.contains("provisional") },
            "\(second.comorbidities)")
    }

    static func procedure(
        _ id: String, code: String, display: String, on day: String, reason: String? = nil, profile: String? = nil
    ) -> String {
        #"{"resourceType":"Procedure","id":"\#(id)","status":"completed","subject":{"reference":"Patient/p1"},"#
            + (profile.map { #""meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/\#($0)"]},"# } ?? "")
            + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"\#(code)","display":"\#(display)"}]},"#
            + (reason.map { #""reasonReference":[{"reference":"\#($0)"}],"# } ?? "")
            + #""performedDateTime":"\#(day)T10:00:00-04:00"}"#
    }

    @Test func biopsiesAreSurgicalProceduresOfTheCancerTheySample() throws {
        let polyp =
            #"{"resourceType":"Condition","id":"polyp","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"68496003","display":"Polyp of colon"}]}}"#
        let payload = try Self.bundle([
            Self.patient(), Self.cancer(status: "active"), polyp,
            // Profiled mCODE surgical procedure with a cancer reason: a surgery, whatever its words.
            Self.procedure(
                "s1", code: "396487001", display: "Sentinel lymph node biopsy (procedure)", on: "2018-04-01",
                reason: "Condition/c1", profile: "mcode-cancer-related-surgical-procedure"),
            // Synthea: the colon biopsy's reason is the polyp, 8 days before the colon cancer's onset.
            Self.procedure(
                "b1", code: "76164006", display: "Biopsy of colon", on: "2018-03-11", reason: "Condition/polyp"),
            // Another organ: never evidence of a cancer there.
            Self.procedure("b2", code: "65575008", display: "Biopsy of prostate", on: "2018-03-11"),
            // The same organ years before the diagnosis: not its biopsy.
            Self.procedure("b3", code: "76164006", display: "Biopsy of colon", on: "2010-01-01"),
        ])
        let c = try #require(payload.bundle.cases.first)
        let surgeries = c.treatmentHistory.filter { $0.setting == "surgery" }
        #expect(surgeries.compactMap(\.regimen).sorted() == ["Biopsy of colon", "Sentinel lymph node biopsy"])
        let colon = try #require(surgeries.first { $0.regimen == "Biopsy of colon" })
        #expect(colon.start == LocalDate("2018-03-11"), "the 2010 biopsy is not merged into the linked one")
        let skipped = payload.accounts.first?.skipped ?? [:]
        #expect(skipped.keys.contains { $0.hasPrefix("biopsies not linked to the cancer") })
    }
}
