import BoardModel
import Foundation

/// One rule for every file that only adds to a patient's clinical record (FHIR Condition, Medication*, Procedure
/// or Observation without the Patient; cBioPortal timeline events): about a patient the store does not hold, the
/// whole import is refused — exit 1, store unchanged — naming the file and how many patients are missing, and
/// saying to import the patient's record first. A record that describes the patient (FHIR Patient, a phenopacket,
/// a cBioPortal patient or sample row, a native case) creates the case; lab files (VCF, MAF) make one per unknown
/// sample. Patient ids stay out of the message: they may carry a name.
struct AbsentPatientRule {
    private var files: [String: Int] = [:]

    mutating func missing(_ addition: Case) {
        missing(file: addition.provenance.map { URL(fileURLWithPath: $0.file).lastPathComponent })
    }

    mutating func missing(file: String?) {
        files[file ?? "a clinical-record file", default: 0] += 1
    }

    func check() throws {
        guard !files.isEmpty else { return }
        let what = files.sorted { $0.key < $1.key }.map { file, count in
            "\(file): \(count) patient\(count == 1 ? "" : "s") not in the store"
        }
        throw StoreError.invalid(
            what.joined(separator: "; ")
                + "; nothing was imported. Import the patient's record first (a FHIR Patient, a phenopacket, or a cBioPortal patient or sample file), then this file again"
        )
    }
}
