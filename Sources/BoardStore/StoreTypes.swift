import BoardModel
import Foundation

/// The line a list shows for a case: enough to recognise it without loading its findings.
public struct CaseHeadline: Sendable, Hashable, Identifiable {
    public var id: String
    public var patientName: String
    public var pseudonym: String
    public var initials: String
    public var birthDate: LocalDate?
    public var sex: Sex
    public var diagnosis: String
    public var oncotreeCode: String?
    public var stageGroup: String?
    public var ecog: Int?
    public var status: CaseStatus
    public var missing: [MissingItem]
    public var findingCount: Int
    /// The finding with the strongest evidence, if any has evidence.
    public var topFinding: String?
    /// Alive, deceased or not recorded, with the date of death when recorded (lists say "deceased").
    public var vitalStatus: VitalStatus = .unknown
    public var deceasedOn: LocalDate? = nil
    /// Identifying: the values of the patient's identifiers (MRN and others), read only so that privacy mode and
    /// de-identified lists can tell a case id that holds one (`CaseIdShown`); never shown.
    public var identifiers: [String] = []

    public var life: LifeStatus { LifeStatus(birthDate: birthDate, vitalStatus: vitalStatus, deceasedOn: deceasedOn) }

    /// The identifier values as both stores' headline queries join them (unit separator, U+001F).
    static func identifiers(_ joined: String?) -> [String] {
        joined.map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
    }
    /// Age on `day`, or the age at death for a deceased patient (nil when it cannot be told).
    public func age(on day: LocalDate) -> Int? { life.age(on: day) }
}

/// A meeting as lists show it.
public struct MeetingSummary: Sendable, Hashable, Identifiable {
    public var id: String
    public var boardId: String
    public var boardName: String
    public var startsAt: Date
    public var status: MeetingStatus
    public var location: String?
    public var chair: String?
    public var caseCount: Int
}

/// One agenda slot with its case's headline.
public struct AgendaRow: Sendable, Hashable {
    public var item: AgendaItem
    public var headline: CaseHeadline
}

/// Everything the case screen shows, loaded in one read.
public struct CaseRecord: Sendable {
    public var record: Case
    public var matches: [TrialMatch]
    /// The trials the matches refer to, by id.
    public var trials: [String: Trial]
    /// Current version of each note, oldest first.
    public var notes: [Note]
    /// All decision records for the case, oldest first (amendments after what they amend).
    public var decisions: [Decision]
    public var history: [AuditEvent]
    /// Meetings whose agenda holds the case.
    public var meetings: [MeetingSummary]
    /// Stored matches computed on older case or trial data: kept apart so they are never shown as current.
    public var staleMatches: [TrialMatch] = []
    /// The case's findings counted by kind and filter state (all of them, even when `record.findings` is partial).
    public var findingCounts = FindingCounts()
    /// `record.findings` holds only the matching summary and the findings the record names (a big case, see
    /// `CaseFindings.summary`); the Molecular tab reads the list by page.
    public var findingsPartial = false

    /// The decision being worked on or in force: the latest record not superseded by a signed amendment
    /// (a draft amendment is current while it is being edited).
    public var currentDecision: Decision? {
        decisions.last { $0.status != .amended }
    }

    /// The signed decision in force, if any.
    public var finalDecision: Decision? {
        decisions.last { $0.status == .final }
    }
}

/// How much of a case's findings `caseRecord` reads: all, or for a big case only its summary (the case screen).
public enum CaseFindings: Sendable { case all, summary }

/// One full-text search result.
public struct SearchHit: Sendable, Hashable {
    /// "case", "findings", "note" or "trial".
    public var kind: String
    public var ref: String
    public var caseId: String?
    /// What the result is, in words: the patient's name, the diagnosis, "note by …", the trial's title.
    public var title: String
    /// A snippet with the matched words between « and ».
    public var snippet: String
}
