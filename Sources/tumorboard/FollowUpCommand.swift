import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard followup [--due-by DATE] [--json]`: the cases the board should look at again, and why; also sets
/// how long a recommended treatment may go without an outcome.
struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup", abstract: "List cases due for follow-up (and set the board's follow-up rules).",
        discussion: """
            A case is due when its signed decision's follow-up date has come and it is not on a later agenda, or \
            when a treatment was recommended and no outcome has been recorded for the board's set time (90 days \
            unless changed). It is overdue when due for longer than the board's grace period (28 days).
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Also list what comes due by this date (default: today).", valueName: "date"))
    var dueBy: String?
    @Flag(help: "Print the queue as JSON.") var json = false
    @Option(help: ArgumentHelp("Set the days after a decision by which an outcome is expected.", valueName: "days"))
    var setNoOutcomeDays: Int?
    @Option(help: ArgumentHelp("Set the days an item may stay due before it is overdue.", valueName: "days"))
    var setOverdueAfterDays: Int?

    func run() throws {
        let today = LocalDate(Date())
        var limit: LocalDate?
        if let dueBy {
            do { limit = try ValidValues.date(parsing: dueBy, field: "due-by date") } catch {
                throw CommandFailure(message: "--due-by: \(error.reason)")
            }
        }
        let changing = setNoOutcomeDays != nil || setOverdueAfterDays != nil
        let store = try global.openStore(as: (any OutcomeStore).self, readOnly: !changing)
        if changing {
            var rules = try store.followUpRules()
            rules.noOutcomeDays = setNoOutcomeDays ?? rules.noOutcomeDays
            rules.overdueAfterDays = setOverdueAfterDays ?? rules.overdueAfterDays
            try store.setFollowUpRules(rules, now: Date())
            print(
                "follow-up: outcome expected within \(rules.noOutcomeDays) days; overdue after \(rules.overdueAfterDays) days"
            )
        }
        let items = try store.followUpQueue(today: today, dueBy: limit)
        if json {
            let rows = items.map { FollowUpRow($0) }
            print(String(decoding: try NativeReader.encoder.encode(rows), as: UTF8.self))
            return
        }
        if changing && items.isEmpty { return }
        print(FollowUpItem.summary(items))
        for item in items {
            print("\(item.caseId)  \(item.status.rawValue) \(item.dueOn)  \(item.diagnosis) — \(item.reasonText)")
        }
    }
}

/// One queue item as JSON: flat fields a script can read. `reason` and `kind` are the first reason's (as before an
/// item could carry several); `reasons` lists them all.
struct FollowUpRow: Encodable {
    var caseId: String
    var decisionId: String
    var diagnosis: String
    var status: String
    var dueOn: LocalDate
    var reason: String
    var kind: String
    var reasons: [Reason]

    struct Reason: Encodable {
        var kind: String
        var text: String
    }

    init(_ item: FollowUpItem) {
        caseId = item.caseId
        decisionId = item.decisionId
        diagnosis = item.diagnosis
        status = item.status.rawValue
        dueOn = item.dueOn
        reasons = item.reasons.map { reason in
            switch reason {
            case .followUpDate: Reason(kind: "follow-up-date", text: reason.text)
            case .noOutcome: Reason(kind: "no-outcome", text: reason.text)
            }
        }
        reason = reasons[0].text
        kind = reasons[0].kind
    }
}
