import Foundation

/// A tumour board (Thoracic, GI, Molecular…): a standing group that meets on a schedule.
public struct Board: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var site: String?

    public init(id: String, name: String, site: String? = nil) {
        self.id = id
        self.name = name
        self.site = site
    }
}

/// One sitting of a board: who came, what was on the agenda, how it went.
public struct Meeting: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var boardId: String
    public var startsAt: Date
    /// When the meeting was really started (meeting mode's start), as opposed to the planned `startsAt`.
    public var startedAt: Date?
    public var endedAt: Date?
    public var location: String?
    public var chair: String?
    @Defaulted<[Attendee]> public var roster: [Attendee]
    @Defaulted<[AgendaItem]> public var agenda: [AgendaItem]
    @Defaulted<MeetingStatus> public var status: MeetingStatus

    public init(
        id: String, boardId: String, startsAt: Date, startedAt: Date? = nil, endedAt: Date? = nil,
        location: String? = nil, chair: String? = nil, roster: [Attendee] = [], agenda: [AgendaItem] = [],
        status: MeetingStatus = .planned
    ) {
        self.id = id
        self.boardId = boardId
        self.startsAt = startsAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.location = location
        self.chair = chair
        self.roster = roster
        self.agenda = agenda
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id, boardId, startsAt, startedAt, endedAt, location, chair, roster, agenda, status
    }
}

public enum MeetingStatus: String, Codable, Sendable, CaseIterable {
    case planned
    case inProgress = "in-progress"
    case closed
}

/// A member of the roster.
public struct Attendee: Codable, Sendable, Hashable {
    public var name: String
    public var discipline: Discipline
    public var present: Bool?

    public init(name: String, discipline: Discipline, present: Bool? = nil) {
        self.name = name
        self.discipline = discipline
        self.present = present
    }
}

/// The specialties a multidisciplinary board brings together.
public enum Discipline: String, Codable, Sendable, CaseIterable {
    case medicalOncology = "medical-oncology"
    case radiationOncology = "radiation-oncology"
    case surgery, pathology, radiology
    case genetics
    case nuclearMedicine = "nuclear-medicine"
    case nursing, coordinator, haematology
    case molecularBiology = "molecular-biology"
    case palliativeCare = "palliative-care"
    case other

    public var label: String {
        rawValue.replacingOccurrences(of: "-", with: " ").capitalized(with: Locale(identifier: "en"))
    }
}

/// A case's slot on a meeting's agenda.
public struct AgendaItem: Codable, Sendable, Hashable {
    public var caseId: String
    public var position: Int
    public var presenter: String?
    public var plannedMinutes: Int?
    @Defaulted<AgendaOutcome> public var outcome: AgendaOutcome
    public var deferReason: String?
    /// Seconds spent on the case during the meeting.
    public var secondsSpent: Int?

    public init(
        caseId: String, position: Int, presenter: String? = nil, plannedMinutes: Int? = nil,
        outcome: AgendaOutcome = .pending, deferReason: String? = nil, secondsSpent: Int? = nil
    ) {
        self.caseId = caseId
        self.position = position
        self.presenter = presenter
        self.plannedMinutes = plannedMinutes
        self.outcome = outcome
        self.deferReason = deferReason
        self.secondsSpent = secondsSpent
    }

    enum CodingKeys: String, CodingKey {
        case caseId, position, presenter, plannedMinutes, outcome, deferReason, secondsSpent
    }
}

public enum AgendaOutcome: String, Codable, Sendable, CaseIterable {
    case pending, discussed, deferred
    case represent = "re-present"
}
