import BoardModel
import Foundation

/// The rules of a spreadsheet case list that do not depend on the backend (BoardStore+CaseList and its PostgreSQL
/// twin): what a row does to a slot already on the agenda, where rows that give a position go, the audited text of
/// an addition, and the id of a new case.
enum CaseListRules {
    /// A slot already on the agenda with the row's presenter and planned minutes (when the row gives them).
    static func slot(_ slot: AgendaItem, _ item: CaseListItem) throws -> AgendaItem {
        var changed = slot
        if let presenter = item.presenter { changed.presenter = presenter }
        if let minutes = item.plannedMinutes {
            try MeetingRules.checkPlannedMinutes(minutes)
            changed.plannedMinutes = minutes
        }
        return changed
    }

    /// The agenda's order once rows that give a position take it (a row numbered 1 goes first); the others keep
    /// their order around them.
    static func order(_ current: [String], placing placed: [(caseId: String, position: Int)]) -> [String] {
        let ids = Set(placed.map(\.caseId))
        var order = current.filter { !ids.contains($0) }
        for (caseId, wanted) in placed.sorted(by: { $0.position < $1.position }) {
            order.insert(caseId, at: min(max(0, wanted - 1), order.count))
        }
        return order
    }

    static func addedText(position: Int, file: String) -> String {
        "position \(position) (case list \((file as NSString).lastPathComponent))"
    }

    /// The next free "C-NNNN" id after the highest such id.
    static func nextCaseId(_ ids: [String], taken: (String) throws -> Bool) throws -> String {
        var n = (ids.compactMap { Int($0.dropFirst(2)) }.max() ?? 0) + 1
        while try taken(String(format: "C-%04d", n)) { n += 1 }
        return String(format: "C-%04d", n)
    }
}
