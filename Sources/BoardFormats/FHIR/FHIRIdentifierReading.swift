import BoardModel
import Foundation

/// A FHIR Patient's identifiers and US Core demographic extensions, read as the record states them.
///
/// Identifier type codes are HL7 v2 table 0203 (http://terminology.hl7.org/CodeSystem/v2-0203): MR is the medical
/// record number; SS, NI, DL, PPN and the like are state-issued numbers, kept with their type's name so that none
/// shows unlabelled. An identifier with no type whose system names a medical-record system (".../mrn",
/// "medical-record") is an MRN too; any other untyped one stays "identifier", never guessed to be an MRN.
enum FHIRIdentifierReading {
    static let v20203 = "http://terminology.hl7.org/CodeSystem/v2-0203"

    /// Names of the v2-0203 codes a record may use without a display or text.
    static let typeNames: [String: String] = [
        "MR": "Medical Record Number", "SS": "Social Security Number", "DL": "Driver's License",
        "PPN": "Passport Number", "NI": "National unique individual identifier", "PI": "Patient internal identifier",
        "PT": "Patient external identifier", "MA": "Patient Medicaid number", "MC": "Patient's Medicare number",
        "MB": "Member Number", "SB": "Social Beneficiary Identifier", "TAX": "Tax ID number",
        "AN": "Account number", "PRN": "Provider number", "NH": "National Health Plan Identifier",
    ]

    /// State-issued person numbers: a national identifier kind.
    static let nationalCodes: Set<String> = ["SS", "NI", "DL", "PPN", "SB", "TAX", "NH", "MA", "MC"]

    static func identifier(_ ident: JSONNode) -> PatientIdentifier? {
        guard let value = ident["value"].string, !value.isEmpty else { return nil }
        let system = ident["system"].string
        let codings = FHIRReader.codings(ident["type"])
        let v2 = codings.first { $0.system == v20203 || $0.system == nil }?.code
        let code = v2 ?? codings.first?.code
        let name = ident["type"]["text"].string ?? codings.compactMap(\.display).first ?? code.flatMap { typeNames[$0] }
        let kind: PatientIdentifier.Kind
        if code == "MR" || (code == nil && name == nil && isMedicalRecordSystem(system)) {
            kind = .mrn
        } else if let code, nationalCodes.contains(code) {
            kind = .national
        } else {
            kind = .other
        }
        return PatientIdentifier(kind: kind, system: system, value: value, typeName: kind == .mrn ? nil : name)
    }

    /// A system URI that says it issues medical record numbers: a path or name part "mrn", "medical-record(s)",
    /// "medicalrecord(s)" or "medical_record(s)".
    static func isMedicalRecordSystem(_ system: String?) -> Bool {
        guard let s = system?.lowercased() else { return false }
        let parts = s.split(whereSeparator: { "/:.#?=".contains($0) })
        return parts.contains { p in
            p == "mrn" || p.hasPrefix("mrn-") || p.hasSuffix("-mrn") || p.hasSuffix("_mrn")
                || ["medical-record", "medicalrecord", "medical_record"].contains { p.hasPrefix($0) }
        }
    }

    /// A US Core race or ethnicity extension (`…/StructureDefinition/us-core-race`): its `text` (required by the
    /// profile) and the codes of its `ombCategory` and `detailed` parts, "White (2106-3)". Without text, the
    /// codings' displays. Nil when the record has no such extension: never inferred from anything else.
    static func usCoreCategory(_ patient: JSONNode, _ profile: String) -> String? {
        guard
            let ext = patient["extension"].array.first(where: {
                ($0["url"].string ?? "").hasSuffix("/StructureDefinition/\(profile)")
            })
        else { return nil }
        var text: String?
        var codes: [String] = []
        var displays: [String] = []
        for part in ext["extension"].array {
            switch part["url"].string {
            case "text": text = part["valueString"].string
            case "ombCategory", "detailed":
                let coding = part["valueCoding"]
                if let code = coding["code"].string, !codes.contains(code) { codes.append(code) }
                if let display = coding["display"].string, !displays.contains(display) { displays.append(display) }
            default: break
            }
        }
        let words =
            text.flatMap { $0.isEmpty ? nil : $0 } ?? (displays.isEmpty ? nil : displays.joined(separator: ", "))
        switch (words, codes.isEmpty) {
        case (let w?, false): return "\(w) (\(codes.joined(separator: ", ")))"
        case (let w?, true): return w
        case (nil, false): return codes.joined(separator: ", ")
        case (nil, true): return nil
        }
    }
}
