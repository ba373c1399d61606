import BoardModel
import Foundation

/// One outcome as a file gave it, before it is tied to a case in the store: whose it is (the file's patient or
/// case reference), when (a date, or days from diagnosis as cBioPortal timelines count), and where in the file.
public struct OutcomeFileRecord: Sendable, Hashable {
    /// The outcome; `caseId` is empty when the file names a patient rather than a case, and `id` is the file's own
    /// id (links a stop to its start within the file; the store gives real ids).
    public var outcome: CaseOutcome
    /// The case or patient the file says the record is about (PATIENT_ID, FHIR subject id, native caseId).
    public var subject: String?
    /// Days from the date of diagnosis (cBioPortal START_DATE/STOP_DATE), when the file gives no calendar date.
    public var daysFromDiagnosis: Int?
    /// "line 3" or "$.entry[4].resource": where a refusal points.
    public var location: String

    public init(outcome: CaseOutcome, subject: String?, daysFromDiagnosis: Int? = nil, location: String) {
        self.outcome = outcome
        self.subject = subject
        self.daysFromDiagnosis = daysFromDiagnosis
        self.location = location
    }
}

/// What an outcome file held: its records in file order and the account of everything in it.
public struct OutcomeFileContent: Sendable {
    public var records: [OutcomeFileRecord]
    public var account: ImportAccount
    /// "native outcomes", "cbioportal timeline", "fhir".
    public var format: String { account.format }
}
