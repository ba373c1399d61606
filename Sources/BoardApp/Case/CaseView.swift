import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// The case in tabs — Summary, Molecular, Trials, Notes, Decision, History, Outcomes, Precedents — as the meeting's right
/// pane and as a full screen. Holds only one case's data at a time.
@MainActor
final class CaseView {
    static let tabTitles = ["Summary", "Molecular", "Trials", "Notes", "Decision", "History", "Outcomes", "Precedents"]
    /// The titles of the tabs not shown when the full ones do not fit (an 80-column terminal): every tab stays
    /// named and clickable, its count kept, instead of all being cut to a letter or two.
    static let shortTitles = ["Sum", "Mol", "Trials", "Notes", "Dec", "Hist", "Outc", "Prec"]
    static let outcomesTab = 6
    static let precedentsTab = 7
    /// The Precedents tab's list: read when the tab is first drawn after a reload (two indexed look-ups and the kept
    /// precedents, ≤ 50 ms on a 100,000-case store), not on every reload of a pane showing another tab.
    private var precedentLines: [TextView.Line]?

    let caseId: String
    private(set) var record: CaseRecord?
    var tabs = TabBar(titles: CaseView.tabTitles)
    var text = TextView()
    var molecular = Table(columns: [])
    var trialList = ListView()
    /// The case's outcomes by date (the Outcomes tab), loaded with the case.
    private(set) var outcomes: [CaseOutcome] = []
    var outcomeList = ListView()
    var showWhy = true
    var kindFilter: FindingFilter = .all
    private var lastTabRect = Rect.zero
    private var lastBodyRect = Rect.zero
    /// Set once this view has computed the case's matches, so a case with none is not recomputed on every reload.
    private var matchedOnce = false
    /// The case's matches wait for the trials compiling in the background: the stored current ones are shown.
    private var matchesPending = false

    init(caseId: String, tab: Int = 0) {
        self.caseId = caseId
        tabs.select(tab)
    }

    func reload(_ context: AppContext) throws {
        record = try context.caseRecord(id: caseId, findings: .summary)
        matchesPending = false
        if let current = record, current.matches.isEmpty, current.staleMatches.isEmpty, !matchedOnce,
            try CaseMatches.matchedAlready(current, context: context)
        {
            matchedOnce = true
        }
        if let current = record, !current.staleMatches.isEmpty || (current.matches.isEmpty && !matchedOnce) {
            if let refreshed = try CaseMatches.refreshed(current, context: context) {
                record = refreshed
                matchedOnce = true
            } else {
                matchesPending = true
            }
        }
        trialList.setCount(sortedMatches.count)
        outcomes = record == nil ? [] : try context.store.outcomes(caseId: caseId)
        outcomeList.setCount(outcomes.count)
        precedentLines = nil
        store = context.store
        sortFindings()
    }

    /// The precedents as lines for `width` columns: summary sentences, the swimmer plot, then each precedent.
    private func precedents(_ context: AppContext, width: Int) -> [TextView.Line] {
        if let precedentLines { return precedentLines }
        let lines: [TextView.Line]
        do {
            let list = try context.store.precedents(for: caseId, limit: 10, tree: .bundled)
            lines = PrecedentText.lines(list, width: width, keepingPlotColumns: true).map { line in
                if line.hasPrefix("• ") { return .init(line, role: .highlight) }
                if line.first?.isNumber == true, line.contains(". ") { return .init(line, role: .title) }
                if line.hasPrefix("   why:") || line.hasPrefix("   outcomes") { return .init(line, role: .dim) }
                return .init(line)
            }
        } catch {
            lines = [.init("Precedents cannot be read: \(error)", role: .warning)]
        }
        precedentLines = lines
        return lines
    }

    /// The matches in ranking order: candidates on open arms, then on arms that take no patients, then not eligible.
    var sortedMatches: [TrialMatch] {
        let trials = record?.trials ?? [:]
        let order = { (m: TrialMatch) in m.status.rankingOrder(open: m.notOpen(in: trials[m.trialId]) == nil) }
        return (record?.matches ?? []).sorted {
            (order($0), -$0.score, $0.trialId) < (order($1), -$1.score, $1.trialId)
        }
    }

    func render(into canvas: inout Canvas, rect: Rect, context: AppContext, focused: Bool) {
        guard rect.height >= 2 else { return }
        guard let record else {
            canvas.put("No case \(caseId) in the store.", in: rect, role: .warning)
            return
        }
        let (bar, body) = rect.splitVertically(topHeight: 1)
        lastTabRect = bar
        lastBodyRect = body
        let active = tabs.active
        tabs = TabBar(titles: titles(width: bar.width, active: active, record: record), active: active)
        tabs.render(into: &canvas, rect: bar)
        switch active {
        case 1: renderMolecular(into: &canvas, rect: body, context: context, focused: focused)
        case 2: renderTrials(into: &canvas, rect: body, context: context, focused: focused)
        case Self.outcomesTab: renderOutcomes(into: &canvas, rect: body, context: context, focused: focused)
        default:
            let lines: [TextView.Line]
            switch active {
            case 0: lines = CaseText.summary(record, context: context)
            case 3: lines = CaseText.notes(record, context: context)
            case 4: lines = CaseText.decision(record, context: context)
            case Self.precedentsTab: lines = precedents(context, width: body.width)
            default: lines = CaseText.history(record, context: context)
            }
            if text.lines != lines { text.lines = lines }
            text.render(into: &canvas, rect: body)
        }
    }

    /// The tab titles with their counts; the tabs not shown take their short titles when the full ones do not fit.
    func titles(width: Int, active: Int, record: CaseRecord) -> [String] {
        var counts = Array(repeating: "", count: Self.tabTitles.count)
        counts[1] = " \(Self.findingTotal(record))"
        counts[2] = " \(record.matches.count { $0.status != .notEligible })"
        counts[3] = " \(record.notes.count)"
        counts[Self.outcomesTab] = " \(outcomes.count { !$0.isRetracted })"
        let full = zip(Self.tabTitles, counts).map { $0 + $1 }
        let needed = full.reduce(0) { $0 + TextWidth.displayWidth(of: $1) + 2 } + full.count - 1
        guard needed > width else { return full }
        return full.indices.map { $0 == active ? full[$0] : Self.shortTitles[$0] + counts[$0] }
    }

    // MARK: Molecular

    enum FindingFilter: CaseIterable {
        case all, variants, copyNumber, fusions, biomarkers
        var label: String {
            switch self {
            case .all: "all"
            case .variants: "SNV/indel"
            case .copyNumber: "CNV"
            case .fusions: "fusion/SV"
            case .biomarkers: "biomarkers"
            }
        }
        /// The kinds the filter lists (nil: every kind).
        var kinds: [FindingKind]? {
            switch self {
            case .all: nil
            case .variants: [.snv, .indel]
            case .copyNumber: [.copyNumber]
            case .fusions: [.fusion, .structural]
            case .biomarkers: [.biomarker]
            }
        }
        func accepts(_ kind: FindingKind) -> Bool {
            switch self {
            case .all: true
            case .variants: kind == .snv || kind == .indel
            case .copyNumber: kind == .copyNumber
            case .fusions: kind == .fusion || kind == .structural
            case .biomarkers: kind == .biomarker
            }
        }
    }

    /// The findings the Molecular tab lists (kind filter applied), strongest evidence first (`evidenceOrder`): indices
    /// into the case's findings, sorted on reload and on a filter change only, never per frame (a whole exome
    /// attached to a case is 200,000 rows).
    private var visible: [Int] = []
    /// A big case's list (`CaseRecord.findingsPartial`), read from the store by page; nil when the case is held whole.
    private var pager: FindingPager?

    /// All the case's findings, also when the record holds only its summary.
    static func findingTotal(_ record: CaseRecord) -> Int {
        record.findingsPartial ? record.findingCounts.total : record.record.findings.count
    }

    /// The store the pager reads (set on reload).
    private var store: (any CaseStore)?

    private func sortFindings() {
        if let record, let store, record.findingsPartial {
            let kinds = kindFilter.kinds
            pager = FindingPager(
                caseId: caseId, kinds: kinds, count: record.findingCounts.count(kinds: kinds), store: store)
            visible = []
            filteredCount = record.findingCounts.filtered(kinds: kinds)
            molecular.list.setCount(pager!.count)
            return
        }
        pager = nil
        let findings = record?.record.findings ?? []
        visible = findings.evidenceOrder().filter { kindFilter.accepts(findings[$0].kind) }
        filteredCount = visible.reduce(0) { $0 + (findings[$1].isFiltered ? 1 : 0) }
        molecular.list.setCount(visible.count)
    }

    /// Calls among `visible` that the caller's filters rejected, counted with the sort.
    private var filteredCount = 0

    private func visibleFinding(_ i: Int) -> Finding? {
        if let pager { return try? pager.finding(at: i) }
        guard let record, i >= 0, i < visible.count else { return nil }
        return record.record.findings[visible[i]]
    }

    private func renderMolecular(into canvas: inout Canvas, rect: Rect, context: AppContext, focused: Bool) {
        guard let record else { return }
        let (info, tableRect) = rect.splitVertically(topHeight: 1)
        // The rows to draw: the list's findings by index, from the record held whole or from the pager's window
        // around the rows on screen (the selection's page either side of the scroll offset).
        let listed: @Sendable (Int) -> Finding?
        let listCount: Int
        if let pager {
            let rows = max(1, tableRect.height)
            let at = molecular.list.selection
            let range = min(molecular.list.offset, at - rows)..<max(molecular.list.offset + rows, at + rows + 1)
            guard let (start, window) = try? pager.window(for: range) else {
                canvas.put("The findings cannot be read from the store.", in: rect, role: .warning)
                return
            }
            listed = { $0 >= start && $0 - start < window.count ? window[$0 - start].finding : nil }
            listCount = pager.count
        } else {
            let all = record.record.findings
            let order = visible
            listed = { all[order[$0]] }
            listCount = order.count
        }
        let filtered = filteredCount
        canvas.put(
            "Filter (f): \(kindFilter.label) · \(listCount) of \(Self.findingTotal(record)) · sorted by evidence"
                + (filtered > 0 ? " · \(filtered) filtered call\(filtered == 1 ? "" : "s") marked, listed last" : ""),
            in: info, role: .dim)
        var layout = MolecularTable(width: rect.width)
        if molecular.columns != layout.columns {
            let selection = molecular.list
            molecular = Table(columns: layout.columns)
            molecular.list = selection
        }
        layout.fit(molecular.columnWidths(totalWidth: tableRect.width))
        let code = record.record.diagnosis.oncotreeCode
        // Cells are made for the rows on screen only.
        let cells: @Sendable (Int) -> [Table.Cell] = { [layout] index in
            listed(index).map { layout.cells($0, diagnosis: code) } ?? []
        }
        molecular.setRows(count: listCount, cells: cells)
        molecular.render(into: &canvas, rect: tableRect, focused: focused)
    }

    // MARK: Trials

    /// The arm's name and the trial's title cut to share `room` columns: each keeps its full width when both fit;
    /// otherwise the arm gets at least half the room (the title the rest), and a title with under two columns left
    /// is left out rather than shown as a lone "…".
    static func armAndTitle(arm: String, title: String, room: Int) -> (String, String) {
        let room = max(0, room)
        let armWidth = displayWidth(of: arm)
        let titleWidth = displayWidth(of: title)
        if armWidth + titleWidth <= room { return (arm, title) }
        let armRoom = min(armWidth, max(room / 2, room - titleWidth))
        let titleRoom = room - armRoom
        return (
            TextWidth.truncate(arm, toWidth: armRoom),
            titleRoom >= 2 ? TextWidth.truncate(title, toWidth: titleRoom) : ""
        )
    }

    private func renderTrials(into canvas: inout Canvas, rect: Rect, context: AppContext, focused: Bool) {
        guard let record else { return }
        let matches = sortedMatches
        if matches.isEmpty {
            canvas.put(
                matchesPending
                    ? "Matching this case: the store's trials are still being compiled; the matches follow in a moment."
                    : "No trial matches for this case yet (run `tumorboard match`, or import trials).", in: rect,
                role: .dim)
            return
        }
        let listHeight = showWhy ? max(3, min(matches.count, rect.height / 2)) : rect.height
        let (top, bottom) = rect.splitVertically(topHeight: listHeight)
        trialList.render(into: &canvas, rect: top, focused: focused) { index, selected in
            let m = matches[index]
            let trial = record.trials[m.trialId]
            let role: StyleRole =
                selected
                ? .selection : (m.status == .eligible ? .met : (m.status == .possiblyEligible ? .unknown : .notMet))
            let mark = m.status == .eligible ? "✓" : (m.status == .possiblyEligible ? "?" : "✗")
            let lead = "\(mark) \(m.status.label.padding(toLength: 17, withPad: " ", startingAt: 0)) "
            // The recruitment status always shows: a long arm name and a long title share the room left beside
            // it (and the scroll bar's column) and are cut, never the status. An arm that takes no patients says
            // why instead ("not recruiting", "closed to accrual"), so a closed arm never reads as one to enter.
            let notOpen = m.notOpen(in: trial)
            let status = notOpen.map { "  " + $0 } ?? trial.map { "  " + $0.status.label } ?? ""
            let (arm, title) = Self.armAndTitle(
                arm: m.armId.map { " arm \($0)" } ?? "", title: trial?.shortTitle ?? trial?.title ?? "",
                room: top.width - 1 - displayWidth(of: lead) - displayWidth(of: "\(m.trialId)  ")
                    - displayWidth(of: status))
            let id = "\(m.trialId)\(arm)  "
            return [
                Span(lead, role: role),
                Span(id, role: selected ? .selection : .title),
                Span(title, role: selected ? .selection : .normal),
                Span(status, role: selected ? .selection : notOpen == nil ? .normal : .warning),
            ]
        }
        guard showWhy, bottom.height > 1, let index = trialList.selectedIndex, index < matches.count else { return }
        let match = matches[index]
        var lines: [TextView.Line] = [
            TextView.Line(
                "Why (w hides) — \(match.trialId), score \(String(format: "%.1f", match.score))"
                    + (context.store.isReadOnly ? "" : ""), role: .title)
        ]
        if let notOpen = match.notOpen(in: record.trials[match.trialId]) {
            lines.append(
                TextView.Line(
                    "Not open: \(notOpen). The case is matched on its criteria; it cannot be enrolled now.",
                    role: .warning))
        }
        for outcome in match.outcomes {
            let role: StyleRole = outcome.outcome == .met ? .met : (outcome.outcome == .notMet ? .notMet : .unknown)
            lines.append(
                TextView.Line(
                    "\(outcome.outcome.mark) \(outcome.criterion): \(outcome.detail)"
                        + (outcome.fromText ? " (from text)" : ""), role: role))
        }
        if !match.missingData.isEmpty {
            lines.append(
                TextView.Line("To settle the unknowns: " + match.dataToSettle.joined(separator: "; "), role: .warning))
        }
        var why = TextView(lines: lines)
        why.render(into: &canvas, rect: bottom.inset(top: 1))
        canvas.hLine(x: bottom.x, y: bottom.y, length: bottom.width)
    }

    // MARK: Outcomes

    private func renderOutcomes(into canvas: inout Canvas, rect: Rect, context: AppContext, focused: Bool) {
        guard let record else { return }
        let (info, listRect) = rect.splitVertically(topHeight: 1)
        let retracted = outcomes.filter(\.isRetracted).count
        canvas.put(
            outcomes.isEmpty
                ? "No outcome yet · o records one (treatment, response, toxicity, death…)"
                : "\(outcomes.count) outcome\(outcomes.count == 1 ? "" : "s") by date"
                    + (retracted > 0 ? " (\(retracted) retracted)" : "") + " · o new · Enter correct · R retract",
            in: info, role: .dim)
        let rows = outcomes
        let say = { (text: String) in context.masked(text, for: record.record.patient) }
        outcomeList.render(into: &canvas, rect: listRect, focused: focused) { index, selected in
            let o = rows[index]
            let role: StyleRole =
                switch o.kind {
                case _ where o.isRetracted: .dim
                case .progression, .death, .toxicity: .warning
                case .response where o.response.map(ResponseCriteria.isProgression) == true: .warning
                default: .normal
                }
            return [
                Span("\(o.date)  ", role: selected ? .selection : .title),
                Span(say(o.summary), role: selected ? .selection : role),
                Span(
                    "  \(o.id)" + (o.version > 1 ? " v\(o.version)" : "")
                        + (o.retraction.map { " retracted by \($0.retractedBy) on \(LocalDate($0.retractedAt))" } ?? ""),
                    role: selected ? .selection : .dim),
            ]
        }
    }

    /// The outcome selected on the Outcomes tab (nil on another tab).
    var selectedOutcome: CaseOutcome? {
        guard tabs.active == Self.outcomesTab, let i = outcomeList.selectedIndex, i < outcomes.count else { return nil }
        return outcomes[i]
    }

    // MARK: Recording

    /// What a new note is about: the selected finding on the Molecular tab, the selected trial on the Trials tab, else the case.
    func noteTarget() -> (target: NoteTarget, about: String) {
        var target = NoteTarget(caseId: caseId)
        var about = "case \(caseId)"
        if tabs.active == 1, let i = molecular.list.selectedIndex {
            if let f = visibleFinding(i) {
                target.findingId = f.id
                about = "\(f.label) (\(caseId))"
            }
        } else if tabs.active == 2, let i = trialList.selectedIndex {
            let matches = sortedMatches
            if i < matches.count {
                target.trialId = matches[i].trialId
                about = "trial \(matches[i].trialId) (\(caseId))"
            }
        }
        return (target, about)
    }

    /// The screens that record for this case, and the finding detail (Enter on a finding).
    func recording(_ action: AppAction, meetingId: String?) -> Navigation? {
        switch action {
        case .open where tabs.active == 1:
            guard let i = molecular.list.selectedIndex, let f = visibleFinding(i) else { return nil }
            return .push(FindingScreen(caseId: caseId, findingId: f.id))
        case .newNote:
            let (target, about) = noteTarget()
            return .push(NoteEditorScreen(target: target, about: about))
        case .editDecision:
            return .push(DecisionFormScreen(caseId: caseId, meetingId: meetingId))
        case .recordOutcome:
            return .push(OutcomeFormScreen(caseId: caseId))
        case .open where tabs.active == Self.outcomesTab:
            guard let outcome = selectedOutcome else { return nil }
            if let retraction = outcome.retraction {
                return .error("\(outcome.id) is retracted (\(retraction.reason)): record a new outcome instead (o).")
            }
            return .push(OutcomeFormScreen(caseId: caseId, existing: outcome))
        default:
            return nil
        }
    }

    // MARK: Input

    func perform(_ action: AppAction) -> Bool {
        switch action {
        case .nextTab:
            tabs.next()
            text.scrollToTop()
        case .previousTab:
            tabs.previous()
            text.scrollToTop()
        case .tab(let n) where n < Self.tabTitles.count:
            tabs.select(n)
            text.scrollToTop()
        case .filterKind where tabs.active == 1:
            let all = FindingFilter.allCases
            kindFilter = all[(all.firstIndex(of: kindFilter)! + 1) % all.count]
            sortFindings()
            molecular.list.home()
        case .explain where tabs.active == 2: showWhy.toggle()
        case .up, .down, .top, .bottom, .pageUp, .pageDown:
            switch tabs.active {
            case 1: return ListKeys.apply(action, to: &molecular.list)
            case 2: return ListKeys.apply(action, to: &trialList)
            case Self.outcomesTab: return ListKeys.apply(action, to: &outcomeList)
            default: return TextKeys.apply(action, to: &text, page: lastBodyRect.height - 1)
            }
        default: return false
        }
        return true
    }

    func click(_ event: MouseEvent) -> Bool {
        if lastTabRect.contains(x: event.x, y: event.y), event.isActivation,
            let tab = tabs.hitTest(x: event.x, y: event.y, in: lastTabRect)
        {
            tabs.select(tab)
            text.scrollToTop()
            return true
        }
        guard lastBodyRect.contains(x: event.x, y: event.y) else { return false }
        switch event.kind {
        case .wheelUp: return perform(.up) && perform(.up) && perform(.up)
        case .wheelDown: return perform(.down) && perform(.down) && perform(.down)
        default:
            if tabs.active == 2, let i = trialList.index(atRow: event.y - lastBodyRect.y) {
                trialList.select(i)
                return true
            }
            if tabs.active == 1, let i = molecular.rowIndex(x: event.x, y: event.y, in: lastBodyRect.inset(top: 1)) {
                molecular.list.select(i)
                return true
            }
            return false
        }
    }
}
