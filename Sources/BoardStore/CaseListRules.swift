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

    /// What a row did to its case.
    enum CaseChange { case created, updated, unchanged }

    /// The row's case once the row applies: the case found (by id, else by MRN) updated with the row, else a new
    /// case with the row's id or the next free one. Refused when the row's identity conflicts with the case found, or
    /// when it cannot make one.
    static func resolve(
        _ item: CaseListItem, existing: Case?, patient: Patient?, file: String, nextId: () throws -> String
    ) throws -> (record: Case, change: CaseChange) {
        if var c = existing {
            if let problem = item.identityConflict(c) { throw StoreError.invalid("\(file): \(problem)") }
            let before = c
            item.update(&c)
            return (c, c != before ? .updated : .unchanged)
        }
        if let problem = item.cannotCreate { throw StoreError.invalid("\(file): \(problem)") }
        return (item.create(try item.caseId ?? nextId(), patient), .created)
    }

    /// A case already on the agenda: its slot with the row's presenter and planned minutes, nil when the row changes
    /// nothing (the caller writes the slot and audits `MeetingRules.slotText` before and after).
    static func changedSlot(_ slot: AgendaItem, _ item: CaseListItem) throws -> AgendaItem? {
        let changed = try self.slot(slot, item)
        return changed != slot ? changed : nil
    }

    /// The agenda position of a case the row adds: its planned minutes checked, a closed case refused.
    static func nextPosition(after position: Int, adding record: Case, _ item: CaseListItem, file: String) throws
        -> Int
    {
        if let minutes = item.plannedMinutes { try MeetingRules.checkPlannedMinutes(minutes) }
        if record.status == .closed {
            throw StoreError.invalid("\(file): case \(record.id) is closed; reopen it before adding it to an agenda")
        }
        return position + 1
    }
}

extension CaseListSummary {
    mutating func record(_ caseId: String, _ change: CaseListRules.CaseChange) {
        switch change {
        case .created: created.append(caseId)
        case .updated: updated.append(caseId)
        case .unchanged: unchanged.append(caseId)
        }
    }
}
