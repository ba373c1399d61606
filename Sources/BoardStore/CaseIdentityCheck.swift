import BoardModel
import Foundation

/// `--case ID` with records that carry their own patient (a FHIR Patient, a Phenopacket subject): refused when
/// that patient is not the case's patient, or when two files name different patients for the one case, so one
/// patient's data is never attached to another's case. The same on every backend: each reads the stored case with
/// its own SQL and asks here, before anything is written. Errors name files, never the patient.
enum CaseIdentityCheck {
    /// `stored` reads the case from the store, only when some record is for it.
    static func require(caseId: String, records: [Case], stored load: () throws -> Case?) throws {
        let mine = records.filter { $0.id == caseId }
        guard !mine.isEmpty else { return }
        let stored = try load()
        let what =
            "import a file of another patient without --case (it gets its own case), or choose that patient's case"
        if let stored, !isPlaceholder(stored.patient) {
            for record in mine where stored.patient.isSamePerson(as: record.patient) != true {
                let file = record.provenance.map { URL(fileURLWithPath: $0.file).lastPathComponent } ?? "the file"
                let why =
                    stored.patient.isSamePerson(as: record.patient) == false
                    ? "is not case \(caseId)'s patient (birth date or name differ)"
                    : "cannot be told to be case \(caseId)'s patient (no shared identifier, or birth date and name)"
                throw StoreError.invalid("\(file): the file's patient \(why); \(what)")
            }
        }
        if let first = mine.first {
            for record in mine.dropFirst() where first.patient.isSamePerson(as: record.patient) != true {
                let files = [first, record].compactMap {
                    $0.provenance.map { URL(fileURLWithPath: $0.file).lastPathComponent }
                }.joined(separator: " and ")
                throw StoreError.invalid(
                    "\(files) are about different patients and cannot both go to case \(caseId); \(what)")
            }
        }
    }

    /// A case stays its patient's: a whole record of another patient under the same case id is refused, never
    /// re-pointed. A record that shows itself to be the same person (a shared identifier, or birth date and family
    /// name: what `--case` accepts) keeps the case's patient id, which is returned; so does a record for a case whose
    /// patient is still a placeholder (`case add` with no name or birth date): the record fills it in, as `--case`
    /// allows. `ownerPatient` is the stored patient `owner` names, if the store has one.
    static func keptPatientId(of record: Case, owner: String, ownerPatient: Patient?) throws -> String {
        guard let ownerPatient, isPlaceholder(ownerPatient) || ownerPatient.isSamePerson(as: record.patient) == true
        else {
            let file = record.provenance.map { URL(fileURLWithPath: $0.file).lastPathComponent + ": " } ?? ""
            throw StoreError.invalid(
                "\(file)case \(record.id) already belongs to another patient; a record of a different patient cannot replace it (nothing was imported; give it its own case id)"
            )
        }
        return owner
    }

    /// A patient known only by an id (made from a lab file or a cBioPortal row): nothing to compare with yet.
    static func isPlaceholder(_ patient: Patient) -> Bool {
        patient.identifiers.isEmpty && patient.birthDate == nil && patient.name == PersonName()
    }
}
