import BoardModel
import Foundation

/// A FHIR Patient as the case's patient: identity, sex, birth date, vital status and death.
extension FHIRReader.Builder {
    mutating func patient(_ r: JSONNode) throws {
        guard let pid = id(of: r) else {
            throw ImportError(
                file: file, location: r.path + ".id",
                message: "Patient without id or fullUrl; expected an id to key the case")
        }
        let names = r["name"].array
        let official = names.first { $0["use"].string == "official" } ?? names.first
        let given = official?["given"].array.compactMap(\.string).joined(separator: " ")
        let name = PersonName(
            given: given?.isEmpty == false ? given : nil, family: official?["family"].string,
            text: official?["text"].string)
        let identifiers = r["identifier"].array.compactMap(FHIRIdentifierReading.identifier)
        // R4 AdministrativeGender: male | female | other | unknown; anything else is reported, never read as a sex.
        let gender = r["gender"].string
        let sex: Sex =
            switch gender {
            case "female": .female
            case "male": .male
            case "other": .other
            default: .unknown
            }
        if let gender, !["female", "male", "other", "unknown"].contains(gender) {
            account.invalid(
                "Patient.gender", found: gender, at: r.path + ".gender",
                expected: "male, female, other or unknown (FHIR AdministrativeGender)")
        }
        var birth = ClinicalVocabulary.date(r["birthDate"].string)
        if let raw = r["birthDate"].string, birth == nil || !ClinicalVocabulary.isRealDate(raw) {
            // Identifying: the value itself is never written to the report.
            account.invalid(
                "Patient.birthDate", found: "(not shown)", at: r.path + ".birthDate",
                expected: "a real calendar date YYYY-MM-DD")
            birth = nil
        }
        // R4 Patient.deceased[x]: a boolean or the date and time of death; absent means not recorded (unknown).
        var status: VitalStatus = .unknown
        var deceasedOn: LocalDate?
        if let flag = r["deceasedBoolean"].bool { status = flag ? .deceased : .alive }
        if let raw = r["deceasedDateTime"].string {
            status = .deceased
            if let date = ClinicalVocabulary.date(raw), ClinicalVocabulary.isRealDate(raw),
                birth.map({ date >= $0 }) ?? true
            {
                deceasedOn = date
            } else {
                _ = raw
                account.invalid(
                    "Patient.deceasedDateTime", found: "(not shown)", at: r.path + ".deceasedDateTime",
                    expected: "a real date on or after the birth date")
            }
        }
        let patient = Patient(
            id: pid, identifiers: identifiers, name: name, birthDate: birth, sex: sex, vitalStatus: status,
            deceasedOn: deceasedOn, race: FHIRIdentifierReading.usCoreCategory(r, "us-core-race"),
            ethnicity: FHIRIdentifierReading.usCoreCategory(r, "us-core-ethnicity"))
        patients[pid] = FHIRReader.Draft(
            patient: patient, provenance: Provenance(file: file, recordId: "Patient/\(pid)", format: "fhir"))
        patientOrder.append(pid)
        for alias in ["Patient/\(pid)", "urn:uuid:\(pid)", pid] { patientAliases[alias] = pid }
        for (key, node) in byRef where node.path == r.path { patientAliases[key] = pid }
    }

    /// SNOMED CT codes of secondary (metastatic) malignant disease.
    static let secondaryCodes: Set<String> = [
        "128462008", "94225005", "94222008", "94381002", "94391008", "94503003", "94260004",
        "314994000", "363346000x",
    ]
}
