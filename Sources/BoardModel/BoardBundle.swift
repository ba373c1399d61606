import Foundation

/// The native, human-editable JSON layout of tumorboard ("tumorboard/1"): what SampleData/ is
/// written in and what `tumorboard import` reads natively. Every key but `format` is optional, so a
/// file may hold only trials, or only one case. See docs/native-format.md; BoardFormats reads and writes it.
public struct BoardBundle: Codable, Sendable, Hashable {
    public static let formatTag = "tumorboard/1"

    public var format: String
    public var boards: [Board]
    public var cases: [Case]
    public var trials: [Trial]
    public var meetings: [Meeting]
    public var notes: [Note]
    public var decisions: [Decision]
    /// What happened after the decisions (written after them, validated like `tumorboard outcome add`).
    public var outcomes: [CaseOutcome]

    public init(
        boards: [Board] = [], cases: [Case] = [], trials: [Trial] = [], meetings: [Meeting] = [],
        notes: [Note] = [], decisions: [Decision] = [], outcomes: [CaseOutcome] = []
    ) {
        self.format = Self.formatTag
        self.boards = boards
        self.cases = cases
        self.trials = trials
        self.meetings = meetings
        self.notes = notes
        self.decisions = decisions
        self.outcomes = outcomes
    }

    enum CodingKeys: String, CodingKey { case format, boards, cases, trials, meetings, notes, decisions, outcomes }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        guard format == Self.formatTag else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: c,
                debugDescription: "expected \"\(Self.formatTag)\", found \"\(format)\"")
        }
        boards = try c.decodeIfPresent([Board].self, forKey: .boards) ?? []
        cases = try c.decodeIfPresent([Case].self, forKey: .cases) ?? []
        trials = try c.decodeIfPresent([Trial].self, forKey: .trials) ?? []
        meetings = try c.decodeIfPresent([Meeting].self, forKey: .meetings) ?? []
        notes = try c.decodeIfPresent([Note].self, forKey: .notes) ?? []
        decisions = try c.decodeIfPresent([Decision].self, forKey: .decisions) ?? []
        outcomes = try c.decodeIfPresent([CaseOutcome].self, forKey: .outcomes) ?? []
    }

    /// Adds another bundle's records to this one.
    public mutating func merge(_ other: BoardBundle) {
        boards += other.boards
        cases += other.cases
        trials += other.trials
        meetings += other.meetings
        notes += other.notes
        decisions += other.decisions
        outcomes += other.outcomes
    }

    public var isEmpty: Bool {
        boards.isEmpty && cases.isEmpty && trials.isEmpty && meetings.isEmpty && notes.isEmpty && decisions.isEmpty
            && outcomes.isEmpty
    }
}
