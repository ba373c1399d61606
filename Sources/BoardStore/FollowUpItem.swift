import BoardModel
import Foundation

/// A case the board should look at again, and why: its signed decision's follow-up date has come, or a treatment
/// was recommended and no outcome has been recorded for longer than the board allows (or both: one item per case,
/// every reason listed).
public struct FollowUpItem: Sendable, Hashable, Codable {
    public var caseId: String
    public var decisionId: String
    /// The diagnosis in words, for lists (never the patient's name).
    public var diagnosis: String
    /// Every reason the case is back, the one that came due first first.
    public var reasons: [FollowUpReason]
    /// When the case became (or becomes) due: its first reason's day.
    public var dueOn: LocalDate
    public var status: FollowUpStatus

    public init(
        caseId: String, decisionId: String, diagnosis: String, reasons: [FollowUpReason], dueOn: LocalDate,
        status: FollowUpStatus
    ) {
        self.caseId = caseId
        self.decisionId = decisionId
        self.diagnosis = diagnosis
        self.reasons = reasons
        self.dueOn = dueOn
        self.status = status
    }

    /// The reason that came due first.
    public var reason: FollowUpReason { reasons[0] }

    /// Every reason in words, joined: "follow-up date 2026-12-10; bring: CT abdomen · treatment recommended on …".
    public var reasonText: String { reasons.map(\.text).joined(separator: " · ") }
}

/// Why a case is back in the queue.
public enum FollowUpReason: Sendable, Hashable, Codable {
    /// The decision's follow-up date has come; `represent` is what the board asked to bring.
    case followUpDate(LocalDate, represent: String?)
    /// A treatment was recommended on `decidedOn` and no outcome has been recorded since, for `days` days or more.
    case noOutcome(decidedOn: LocalDate, days: Int)

    /// The reason in words, as the Home screen, the Prepare screen and `tumorboard followup` say it.
    public var text: String {
        switch self {
        case .followUpDate(let date, let represent):
            "follow-up date \(date)" + (represent.map { "; bring: \($0)" } ?? "")
        case .noOutcome(let decidedOn, let days):
            "treatment recommended on \(decidedOn), no outcome recorded within \(days) days"
        }
    }
}

/// Where an item stands on the day asked about.
public enum FollowUpStatus: String, Sendable, Hashable, Codable {
    /// Becomes due after today, by the `--due-by` date asked for.
    case upcoming
    case due
    /// Due for longer than the board's grace period.
    case overdue
}

/// The board's follow-up settings (kept in the store; `tumorboard followup --set-…` changes them).
public struct FollowUpRules: Sendable, Hashable {
    /// Days after a decision recommending treatment by which an outcome is expected.
    public var noOutcomeDays: Int
    /// Days an item may stay due before it counts as overdue.
    public var overdueAfterDays: Int

    public static let standard = FollowUpRules(noOutcomeDays: 90, overdueAfterDays: 28)
    public static let dayRange = 1...3650

    public init(noOutcomeDays: Int, overdueAfterDays: Int) {
        self.noOutcomeDays = noOutcomeDays
        self.overdueAfterDays = overdueAfterDays
    }

    /// The settings as the store keeps them: key → days.
    var settings: [(key: String, days: Int)] {
        [("followup.no-outcome-days", noOutcomeDays), ("followup.overdue-after-days", overdueAfterDays)]
    }

    /// Refuses settings outside 1–3650 days.
    static func check(_ rules: FollowUpRules) throws {
        for (name, days) in [("no-outcome days", rules.noOutcomeDays), ("overdue-after days", rules.overdueAfterDays)]
        where !dayRange.contains(days) {
            throw StoreError.invalid("\(name): expected 1–3650 days, got \(days)")
        }
    }
}

extension FollowUpItem {
    /// "Follow-up: 4 due, 1 overdue" (and ", 2 upcoming" when asked ahead): the Home screen's and the command's line.
    /// The counts are apart: an overdue item is not counted among the due ones.
    public static func summary(_ items: [FollowUpItem]) -> String {
        let due = items.filter { $0.status == .due }.count
        let overdue = items.filter { $0.status == .overdue }.count
        let upcoming = items.filter { $0.status == .upcoming }.count
        return "Follow-up: \(due) due, \(overdue) overdue" + (upcoming > 0 ? ", \(upcoming) upcoming" : "")
    }
}
