import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// What the decision form edits, without drawing or keys: which decision this presentation of the case has, its
/// rows, the changes a row takes, validation, and who may sign. The screen (DecisionFormScreen) turns keys into
/// these operations; the view (DecisionFormView) draws the rows.
///
/// Each presentation of a case (its agenda entry on one meeting) has its own decision: a case presented again
/// opens a new decision for the new meeting, and the decisions of earlier presentations are shown as history.
@MainActor
final class DecisionFormModel {
    let caseId: String
    /// The meeting the form was opened from (nil: the case's open meeting, else its last one).
    let requestedMeetingId: String?
    var record: CaseRecord?
    var meeting: Meeting?
    var decision: Decision?
    /// The version in the store the form started from (nil: not saved yet).
    var savedCopy: Decision?
    /// A new decision as the form made it, so an untouched one closes without asking.
    var pristine: Decision?
    var problems: [DecisionProblem] = []
    var drafts: DraftKeeper?
    var restoredDraft: Decision?
    /// Set when the form reopened with a draft kept from before (the title says so).
    var restoredNotice: String?
    /// Signed decisions of the case's earlier presentations, oldest first.
    var earlier: [Decision] = []
    /// When each meeting of `earlier` was held.
    var meetingDates: [String: Date] = [:]
    /// Whether this terminal's login may sign, and why (nil until loaded or for a decision without a meeting).
    var signingRight: SigningRight?
    var signoffRequest: SignoffRequest?
    /// Names offered for completion in the dissent and attendance fields: every roster of the board.
    var boardRoster: [String] = []
    /// A scale chosen for a recommendation whose level is not chosen yet ("not set"), by recommendation index.
    var pendingScale: [Int: EvidenceScale] = [:]
    /// Width of the value column, set by the view before it lays out rows (wrapped rationale lines).
    var valueWidth = 60

    init(caseId: String, meetingId: String?, draft: Decision?) {
        self.caseId = caseId
        self.requestedMeetingId = meetingId
        self.restoredDraft = draft
    }

    var isReadOnly: Bool { (decision?.status ?? .draft) != .draft }
    var isDirty: Bool { decision != (savedCopy ?? pristine) }

    // MARK: Loading

    func reload(_ context: AppContext) throws {
        record = try context.caseRecord(id: caseId)
        guard let record else { return }
        let meetingId =
            requestedMeetingId ?? record.meetings.last(where: { $0.status != .closed })?.id ?? record.meetings.last?.id
        meeting = try meetingId.flatMap { try context.store.meeting(id: $0) }
        if decision == nil { try choose(record, meetingId: meetingId, context: context) }
        try refreshSignoff(context)
        loadHistory(record, context: context)
        chooseFindings()
        validate(forSigning: false)
    }

    /// The decision of this presentation: a kept draft, else the one recorded for this meeting, else a new one.
    private func choose(_ record: CaseRecord, meetingId: String?, context: AppContext) throws {
        if restoredDraft == nil, let kept = Self.keptDraft(caseId: caseId, record: record, context: context) {
            // "Later" at start (or a quit) kept this draft: reopening its form offers it again rather than a blank one.
            restoredDraft = kept.decision
            let age =
                DraftRecovery.describe(kept.draft, now: context.now).split(separator: ",").last.map {
                    $0.trimmingCharacters(in: .whitespaces)
                } ?? ""
            restoredNotice = "your unsaved draft (\(age)) restored; Esc saves or discards it"
        }
        if let draft = restoredDraft {
            decision = draft
            savedCopy = record.decisions.first { $0.id == draft.id }
        } else if let current = Self.presentationDecision(record, meetingId: meetingId) {
            decision = current
            savedCopy = current
        } else {
            var fresh = try context.store.newDecision(caseId: caseId, meetingId: meetingId, now: context.now)
            fresh.attendeesPresent = (meeting?.roster ?? []).filter { $0.present != false }.map(\.name)
            decision = fresh
            savedCopy = nil
            pristine = fresh
        }
        drafts = DraftKeeper(key: "decision:\(decision!.id)")
        if restoredDraft != nil { draftChanged() }
    }

    /// The decision in force for one presentation (its meeting's latest record not superseded), or, for a case
    /// decided outside any meeting, the case's current one.
    static func presentationDecision(_ record: CaseRecord, meetingId: String?) -> Decision? {
        guard let meetingId else { return record.currentDecision }
        return record.decisions.last { $0.meetingId == meetingId && $0.status != .amended }
    }

    /// Earlier presentations' signed decisions, and the names of the board's rosters for completion.
    private func loadHistory(_ record: CaseRecord, context: AppContext) {
        let thisMeeting = decision?.meetingId
        meetingDates = Dictionary(record.meetings.map { ($0.id, $0.startsAt) }, uniquingKeysWith: { a, _ in a })
        // Only presentations before this one: a later meeting's decision is not this one's history.
        let before = meeting?.startsAt ?? .distantFuture
        earlier = record.decisions.filter { d in
            d.status == .final && d.id != decision?.id && d.meetingId != thisMeeting
                && (d.meetingId.flatMap { meetingDates[$0] } ?? d.signedAt ?? d.recordedAt) < before
        }
        guard let boardId = meeting?.boardId else {
            boardRoster = (meeting?.roster ?? []).map(\.name)
            return
        }
        var names = Set((meeting?.roster ?? []).map(\.name))
        for summary in (try? context.store.allMeetings(boardId: boardId)) ?? [] {
            if let m = try? context.store.meeting(id: summary.id) { names.formUnion(m.roster.map(\.name)) }
        }
        names.formUnion((try? context.store.signoffSettings(boardId: boardId).logins.values).map(Array.init) ?? [])
        boardRoster = names.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending }
    }

    /// This user's kept draft of a decision on this case that still differs from what the store holds, newest first.
    static func keptDraft(caseId: String, record: CaseRecord, context: AppContext) -> (
        draft: Draft, decision: Decision
    )? {
        let drafts = ((try? context.store.drafts()) ?? []).filter { $0.key.hasPrefix("decision:") }.sorted {
            $0.updatedAt > $1.updatedAt
        }
        for draft in drafts {
            guard let d = try? NativeReader.decoder.decode(Decision.self, from: Data(draft.body.utf8)),
                d.caseId == caseId, d.status == .draft
            else { continue }
            if let stored = record.decisions.first(where: { $0.id == d.id }), stored == d || stored.status != .draft {
                continue
            }
            return (draft, d)
        }
        return nil
    }

    /// The findings a recommendation can rest on (ids, in evidence order) and where each sits in the case; set on
    /// reload. Past `findingChoiceLimit` findings (a whole exome) the form lists those with evidence or an
    /// oncogenic or pathogenic class, and any a recommendation already cites, rather than every row of the file.
    private(set) var findingChoices: [String] = []
    private(set) var findingIndex: [String: Int] = [:]
    static let findingChoiceLimit = 100

    private func chooseFindings() {
        let findings = record?.record.findings ?? []
        findingIndex = Dictionary(findings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var order = findings.evidenceOrder()
        if findings.count > Self.findingChoiceLimit {
            let cited = Set(decision?.recommendations.flatMap(\.findingIds) ?? [])
            let telling: Set<Classification> = [.oncogenic, .likelyOncogenic, .pathogenic, .likelyPathogenic]
            order = order.filter { i in
                let f = findings[i]
                return f.bestEvidence != nil || f.classification.map(telling.contains) == true || cited.contains(f.id)
            }
        }
        findingChoices = order.map { findings[$0].id }
    }

    func finding(_ id: String) -> Finding? { findingIndex[id].map { record!.record.findings[$0] } }

    // MARK: Rows

    /// One line of the form.
    enum Row: Hashable {
        case status, signer
        case earlier(String)
        case recommendation(Int)
        case kind(Int)
        case therapy(Int)
        case trial(Int)
        case finding(Int, String)
        case scale(Int)
        case level(Int)
        case priority(Int)
        case rationale(Int)
        /// A wrapped continuation line of a rationale, aligned under its first line.
        case rationaleMore(Int, Int)
        case addRecommendation
        case consensus
        case dissent(Int)
        case addDissent
        case attendee(String)
        case addPresent
        case followUpDate, followUpWeeks, represent
    }

    var rows: [Row] {
        guard let d = decision else { return [] }
        var rows: [Row] = [.status]
        if d.meetingId != nil { rows.append(.signer) }
        rows += earlier.map { .earlier($0.id) }
        for (i, rec) in d.recommendations.enumerated() {
            rows += [.recommendation(i), .kind(i), .therapy(i), .trial(i), .scale(i), .level(i), .priority(i)]
            rows.append(.rationale(i))
            let lines = rationaleLines(rec.rationale).count
            if lines > 1 { rows += (1..<lines).map { .rationaleMore(i, $0) } }
            rows += findingChoices.map { .finding(i, $0) }
        }
        if !isReadOnly { rows.append(.addRecommendation) }
        rows.append(.consensus)
        rows += d.dissent.indices.map(Row.dissent)
        if !isReadOnly { rows.append(.addDissent) }
        rows += attendeeNames.map { .attendee($0) }
        if !isReadOnly { rows.append(.addPresent) }
        rows += [.followUpDate, .followUpWeeks, .represent]
        return rows
    }

    /// The meeting's roster, then anyone recorded present who is not on it.
    var attendeeNames: [String] {
        let roster = (meeting?.roster ?? []).map(\.name)
        return roster + (decision?.attendeesPresent ?? []).filter { !roster.contains($0) }
    }

    /// A rationale as the lines it takes in the value column.
    func rationaleLines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [""] }
        return TextWrap.wrap(text, width: max(10, valueWidth))
    }

    func problem(for row: Row) -> String? {
        let field: String
        switch row {
        case .trial(let i): field = "recommendations[\(i)].trialId"
        case .level(let i), .scale(let i): field = "recommendations[\(i)].evidence"
        case .addRecommendation, .recommendation: field = "recommendations"
        case .consensus: field = "consensus"
        case .status: field = "signedBy"
        default: return nil
        }
        return problems.first { $0.field == field }?.message
    }

    func validate(forSigning: Bool) {
        guard var d = decision else { return }
        if forSigning { d.signedBy = meeting?.chair }
        problems = d.validationErrors(forSigning: forSigning, atSignOff: forSigning)
    }

    // MARK: Changes

    func update(_ change: (inout Decision) -> Void) {
        guard var d = decision, !isReadOnly else { return }
        change(&d)
        if d.followUp == FollowUp() { d.followUp = nil }
        decision = d
        draftChanged()
        validate(forSigning: false)
    }

    func draftChanged() {
        guard let d = decision, let body = try? String(decoding: NativeReader.encoder.encode(d), as: UTF8.self) else {
            return
        }
        drafts?.changed(body)
    }

    /// Takes the text typed into a row's field. Returns an error to show, if the text is refused.
    func commit(_ row: Row, text raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch row {
        case .therapy(let i):
            update {
                $0.recommendations[i].therapy = text.isEmpty ? nil : text
                $0.recommendations[i].drugs = text.split(whereSeparator: { $0 == "+" || $0 == "," }).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty }
            }
        case .trial(let i): update { $0.recommendations[i].trialId = text.isEmpty ? nil : text.uppercased() }
        case .rationale(let i), .rationaleMore(let i, _): update { $0.recommendations[i].rationale = text }
        case .followUpDate: if text.isEmpty { update { $0.followUp?.date = nil } }
        case .followUpWeeks:
            if text.isEmpty {
                update { $0.followUp?.intervalWeeks = nil }
            } else if let weeks = Int(text), (1...520).contains(weeks) {
                update {
                    $0.followUp = ($0.followUp ?? FollowUp())
                    $0.followUp?.intervalWeeks = weeks
                }
            } else {
                return "Follow-up interval: expected a number of weeks (1–520)"
            }
        case .represent:
            update {
                $0.followUp = ($0.followUp ?? FollowUp())
                $0.followUp?.represent = text.isEmpty ? nil : text
            }
        case .addPresent:
            guard !text.isEmpty else { return nil }
            update { if !$0.attendeesPresent.contains(text) { $0.attendeesPresent.append(text) } }
        default: break
        }
        return nil
    }

    func setFollowUpDate(_ date: LocalDate) {
        update {
            $0.followUp = ($0.followUp ?? FollowUp())
            $0.followUp?.date = date
        }
    }

    /// Steps a choice field through its values.
    func cycle(_ row: Row, by step: Int) {
        func next<T: Equatable>(_ values: [T], _ current: T) -> T {
            let i = values.firstIndex(of: current) ?? 0
            return values[(i + step + values.count) % values.count]
        }
        switch row {
        case .kind(let i):
            update { $0.recommendations[i].kind = next(RecommendationKind.allCases, $0.recommendations[i].kind) }
        case .scale(let i):
            // Choosing a scale leaves the level "not set": the strongest level is never picked for the board.
            let scales: [EvidenceScale?] = [nil] + EvidenceScale.allCases
            let scale = next(scales, scale(of: i))
            pendingScale[i] = scale
            update { $0.recommendations[i].evidence = nil }
        case .level(let i):
            guard let scale = scale(of: i) else { return }
            let codes: [String?] = [nil] + scale.levels.map(Optional.some)
            let code = next(codes, decision?.recommendations[i].evidence?.code)
            update { $0.recommendations[i].evidence = code.map { EvidenceLevel(scale: scale, code: $0) } }
        case .priority(let i):
            update { $0.recommendations[i].priority = next(Array(1...5), $0.recommendations[i].priority) }
        case .consensus: update { $0.consensus = next([nil] + Consensus.allCases.map(Optional.some), $0.consensus) }
        case .trial(let i):
            let order: [MatchStatus: Int] = [.eligible: 0, .possiblyEligible: 1, .notEligible: 2]
            let matches = (record?.matches ?? []).sorted {
                (order[$0.status]!, -$0.score) < (order[$1.status]!, -$1.score)
            }
            var candidates: [String?] = [nil]
            for m in matches where !candidates.contains(m.trialId) { candidates.append(m.trialId) }
            if let current = decision?.recommendations[i].trialId, !candidates.contains(current) {
                candidates.append(current)
            }
            update { $0.recommendations[i].trialId = next(candidates, $0.recommendations[i].trialId) }
        default: break
        }
    }

    /// The scale a recommendation's evidence is graded on: its level's, else one chosen with the level not set.
    func scale(of i: Int) -> EvidenceScale? {
        decision?.recommendations[i].evidence?.scale ?? pendingScale[i]
    }

    func toggle(_ row: Row) {
        switch row {
        case .finding(let i, let id):
            update { rec in
                if let at = rec.recommendations[i].findingIds.firstIndex(of: id) {
                    rec.recommendations[i].findingIds.remove(at: at)
                } else {
                    rec.recommendations[i].findingIds.append(id)
                }
            }
        case .attendee(let name):
            update { rec in
                if let at = rec.attendeesPresent.firstIndex(of: name) {
                    rec.attendeesPresent.remove(at: at)
                } else {
                    rec.attendeesPresent.append(name)
                }
            }
        default: break
        }
    }

    func addRecommendation() {
        update {
            $0.recommendations.append(Recommendation(kind: .targetedTherapy, priority: $0.recommendations.count + 1))
        }
    }

    func addDissent(name: String, reason: String) { update { $0.dissent.append(Dissent(name: name, reason: reason)) } }

    func remove(_ row: Row) {
        switch row {
        case .recommendation(let i), .kind(let i), .therapy(let i), .trial(let i), .scale(let i), .level(let i),
            .priority(let i), .rationale(let i), .rationaleMore(let i, _), .finding(let i, _):
            pendingScale = [:]
            update { $0.recommendations.remove(at: i) }
        case .dissent(let i): update { $0.dissent.remove(at: i) }
        default: break
        }
    }

    // MARK: Store

    /// Saves the draft; the store may answer with a conflict or the problems that stop it.
    func save(_ context: AppContext) throws -> Decision {
        guard let d = decision else { throw StoreError.invalid("no decision in the form") }
        let saved = try context.store.saveDecision(d, now: context.now)
        decision = saved
        savedCopy = saved
        drafts?.discard(context)
        // Another terminal's new decision took the id meanwhile and the store gave this one the next: later edits are
        // kept under the decision's own id, never under the other one's.
        if saved.id != d.id { drafts = DraftKeeper(key: "decision:\(saved.id)") }
        validate(forSigning: false)
        try refreshSignoff(context)
        return saved
    }

    func sign(_ context: AppContext) throws -> Decision {
        guard let d = decision else { throw StoreError.invalid("no decision in the form") }
        let signed = try context.store.signDecision(id: d.id, expectedVersion: d.version, now: context.now)
        decision = signed
        savedCopy = signed
        drafts?.discard(context)
        return signed
    }

    func requestSignoff(_ context: AppContext) throws -> SignoffRequest {
        guard let d = decision else { throw StoreError.invalid("no decision in the form") }
        let request = try context.store.requestSignoff(decisionId: d.id, expectedVersion: d.version, now: context.now)
        signoffRequest = request
        return request
    }

    func amend(reason: String, _ context: AppContext) throws -> Decision {
        guard let d = decision else { throw StoreError.invalid("no decision in the form") }
        let amendment = try context.store.amendDecision(id: d.id, reason: reason, now: context.now)
        decision = amendment
        savedCopy = amendment
        drafts = DraftKeeper(key: "decision:\(amendment.id)")
        try refreshSignoff(context)
        return amendment
    }

    private func refreshSignoff(_ context: AppContext) throws {
        guard let d = decision else { return }
        signingRight = try context.store.signingRight(for: d)
        signoffRequest = d.version > 0 ? try context.store.signoffRequest(decisionId: d.id) : nil
    }

    /// After a conflict: continue from their version, or put mine on top of it.
    func resolve(takeTheirs: Bool, conflict: DecisionConflict) {
        if takeTheirs {
            decision = conflict.theirs
            savedCopy = conflict.theirs
        } else {
            var mine = conflict.mine
            mine.version = conflict.theirs.version
            mine.status = .draft
            decision = mine
            savedCopy = conflict.theirs
        }
        draftChanged()
        validate(forSigning: false)
    }
}
