import BoardModel
import Foundation

/// The minutes of one meeting as plain text (wrapped by display width) or Markdown.
///
/// Input is plain model values, so this module needs no store: the caller loads the meeting and passes the
/// decision hashes it computed. Output is deterministic — the same values give the same bytes (no
/// "generated at"; everything sorted) — so minutes can be compared and archived. With `deidentify`, names,
/// MRNs and other identifiers, and birth dates are removed (pseudonym and age instead), also from free text.
public struct MinutesWriter {
    public var meeting: Meeting
    public var board: Board
    public var cases: [Case]
    public var notes: [Note]
    public var decisions: [Decision]
    /// SHA-256 of each decision's canonical JSON, by decision id.
    public var decisionHashes: [String: String]
    /// Trials recommended by the decisions, by id (for titles).
    public var trials: [String: Trial]
    public var deidentify: Bool
    /// Time zone for clock times (the board's local time); UTC by default.
    public var timeZone: TimeZone
    /// How many findings each case has when `cases` carry only the key ones (the store loads those for speed).
    public var findingCounts: [String: Int]
    /// The store's audit chain head when the minutes were written ("event N, store …, hash …"), printed so a
    /// copy of the minutes kept elsewhere anchors the chain (`tumorboard verify --against`); nil prints nothing.
    public var auditChainHead: String?
    /// Every finding of each case, not only the key ones (the cases must then carry all their findings).
    public var allFindings: Bool
    /// Signed decisions of the agenda's cases from earlier presentations, shown as history.
    public var earlierDecisions: [Decision]
    /// When the meetings of `earlierDecisions` were held, by meeting id.
    public var meetingDates: [String: Date]

    public init(
        meeting: Meeting, board: Board, cases: [Case], notes: [Note] = [], decisions: [Decision] = [],
        decisionHashes: [String: String] = [:], trials: [String: Trial] = [:], deidentify: Bool = false,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, findingCounts: [String: Int] = [:],
        auditChainHead: String? = nil, allFindings: Bool = false, earlierDecisions: [Decision] = [],
        meetingDates: [String: Date] = [:]
    ) {
        self.findingCounts = findingCounts
        self.auditChainHead = auditChainHead
        self.meeting = meeting
        self.board = board
        self.cases = cases
        self.notes = notes
        self.decisions = decisions
        self.decisionHashes = decisionHashes
        self.trials = trials
        self.deidentify = deidentify
        self.timeZone = timeZone
        self.allFindings = allFindings
        self.earlierDecisions = earlierDecisions
        self.meetingDates = meetingDates
    }

    public func render(format: ExportFormat = .text, width: Int = 80) -> String {
        document().render(format, width: width)
    }

    /// The minutes, section by section.
    func document() -> ExportDocument {
        var doc = ExportDocument()
        let clock = ExportClock(timeZone: timeZone)
        header(&doc, clock)
        attendees(&doc)
        let agenda = meeting.agenda.sorted { ($0.position, $0.caseId) < ($1.position, $1.caseId) }
        let decisionByCase = Dictionary(decisions.map { ($0.caseId, $0) }, uniquingKeysWith: { _, b in b })
        caseSummary(&doc, agenda)
        let byId = Dictionary(cases.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for item in agenda {
            guard let c = byId[item.caseId] else { continue }
            caseEntry(&doc, item, c, decision: decisionByCase[c.id], clock: clock)
        }
        deferredCases(&doc, agenda, byId)
        signOff(&doc, agenda, decisionByCase, clock)
        if let head = auditChainHead {
            doc.add(.blank)
            doc.add(.text("Audit chain head: \(head)", indent: 0))
        }
        doc.add(.blank)
        doc.add(.text("End of minutes for \(meeting.id).", indent: 0))
        return doc
    }

    // MARK: Sections

    /// Title, the de-identification notice, and the meeting's fields.
    func header(_ doc: inout ExportDocument, _ clock: ExportClock) {
        doc.add(.title("Minutes: \(board.name)"))
        if deidentify {
            doc.add(
                .text(
                    "DE-IDENTIFIED COPY: patient names, MRNs and other identifiers, and birth dates are removed; "
                        + "patients appear by pseudonym with age and sex.", indent: 0))
            doc.add(.blank)
        }
        doc.field("Meeting", meeting.id)
        doc.field("Date", when(clock))
        doc.field("Place", meeting.location)
        doc.field("Site", board.site)
        doc.field("Chair", meeting.chair)
        doc.field("Status", meeting.status.rawValue)
    }

    /// "Thu 10 Dec 2026 13:32–15:10 (Europe/Zurich; planned 15:00)": the real start when the meeting recorded one,
    /// the end (with its day when it differs), in the board's zone, named.
    func when(_ clock: ExportClock) -> String {
        let start = meeting.startedAt ?? meeting.startsAt
        var text = clock.dayAndTime(start)
        if let end = meeting.endedAt {
            text += "–" + (clock.localDate(end) == clock.localDate(start) ? clock.time(end) : clock.dayAndTime(end))
        }
        var notes = [clock.zoneName]
        if let started = meeting.startedAt, abs(started.timeIntervalSince(meeting.startsAt)) >= 60 {
            let same = clock.localDate(started) == clock.localDate(meeting.startsAt)
            notes.append("planned " + (same ? clock.time(meeting.startsAt) : clock.dayAndTime(meeting.startsAt)))
        }
        return text + " (" + notes.joined(separator: "; ") + ")"
    }

    /// Attendees by discipline, in the vocabulary's order; names sorted within a discipline.
    func attendees(_ doc: inout ExportDocument) {
        doc.add(.section("Attendees"))
        let present = meeting.roster.filter { $0.present != false }
        let absent = meeting.roster.filter { $0.present == false }
        for discipline in Discipline.allCases {
            let names = present.filter { $0.discipline == discipline }.map(\.name).sorted()
            guard !names.isEmpty else { continue }
            doc.field(
                discipline.label, names.map { $0 == meeting.chair ? "\($0) (chair)" : $0 }.joined(separator: ", "),
                labelWidth: 20)
        }
        if present.isEmpty { doc.add(.text("No attendance recorded.", indent: 0)) }
        if !absent.isEmpty {
            doc.field(
                "Absent",
                absent.sorted { $0.name < $1.name }.map { "\($0.name) (\($0.discipline.label))" }.joined(
                    separator: ", "), labelWidth: 20)
        }
    }

    /// "7 cases (6 discussed, 1 deferred); 88 min planned, 1 h 46 min spent".
    func caseSummary(_ doc: inout ExportDocument, _ agenda: [AgendaItem]) {
        let counts = Dictionary(grouping: agenda, by: \.outcome).mapValues(\.count)
        let planned = agenda.compactMap(\.plannedMinutes).reduce(0, +)
        let spent = agenda.compactMap(\.secondsSpent).reduce(0, +)
        var summary = "\(agenda.count) case\(agenda.count == 1 ? "" : "s")"
        let parts = AgendaOutcome.allCases.compactMap { o in counts[o].map { "\($0) \(o.rawValue)" } }
        if !parts.isEmpty { summary += " (" + parts.joined(separator: ", ") + ")" }
        if planned > 0 { summary += "; \(planned) min planned" }
        if spent > 0 { summary += ", \(Self.minutes(spent)) spent" }
        doc.add(.section("Cases"))
        doc.add(.text(summary, indent: 0))
    }

    /// One agenda item: the case's facts, its history, findings, discussion and decision.
    func caseEntry(
        _ doc: inout ExportDocument, _ item: AgendaItem, _ c: Case, decision: Decision?, clock: ExportClock
    ) {
        let say = scrubber(for: c.patient)
        let id = CaseIdShown.text(c, deidentified: deidentify)
        doc.add(.item("\(item.position). \(id) · \(patientLine(c.patient, on: clock.localDate(meeting.startsAt)))"))
        caseFacts(&doc, item, c, say)
        earlierDecisions(&doc, c, clock, say)
        findings(&doc, c, decision: decision)
        discussion(&doc, c, clock, say)
        if item.outcome == .deferred || item.outcome == .represent {
            doc.field(
                item.outcome == .deferred ? "Deferred" : "Re-present",
                item.deferReason.map(say) ?? "no reason recorded", indent: Self.indent)
        }
        if let decision {
            decisionBlock(&doc, decision, c, say)
        } else if item.outcome == .discussed || item.outcome == .pending {
            doc.field("Decision", "none recorded", indent: Self.indent)
        }
    }

    static let indent = 3

    func caseFacts(_ doc: inout ExportDocument, _ item: AgendaItem, _ c: Case, _ say: (String) -> String) {
        let ind = Self.indent
        doc.field(
            "Diagnosis",
            say(c.diagnosis.text) + (c.diagnosis.oncotreeCode.map { " [\($0)]" } ?? "")
                + (c.diagnosis.histology.map { "; \(say($0))" } ?? ""), indent: ind)
        if let status = c.diagnosis.statusPhrase(hideDates: deidentify) {
            doc.field("Disease status", status, indent: ind)
        }
        doc.field("Stage", c.stage?.summary ?? "—", indent: ind)
        if !c.metastaticSites.isEmpty {
            doc.field(
                "Metastases", c.metastaticSites.map { $0.summary(hideDates: deidentify) }.joined(separator: "; "),
                indent: ind)
        }
        if let perf = c.performance, !perf.summary.isEmpty { doc.field("Performance", perf.summary, indent: ind) }
        var slot = item.presenter ?? "—"
        if let minutes = item.plannedMinutes { slot += "; planned \(minutes) min" }
        if let seconds = item.secondsSpent { slot += "; spent \(Self.minutes(seconds))" }
        doc.field("Presenter", slot, indent: ind)
        doc.field("Outcome", item.outcome.rawValue, indent: ind)
        doc.field("Question", c.question.isEmpty ? "—" : say(c.question), indent: ind)
    }

    /// What the board decided at the case's earlier presentations: "Earlier decision (meeting of Thu 19 Nov 2026)".
    func earlierDecisions(_ doc: inout ExportDocument, _ c: Case, _ clock: ExportClock, _ say: (String) -> String) {
        for d in earlierDecisions where d.caseId == c.id {
            let day = d.meetingId.flatMap { meetingDates[$0] }.map { "meeting of \(clock.day($0))" }
            let label = "Earlier decision (" + (day ?? "outside a meeting") + ")"
            let recs = d.recommendations.sorted { $0.priority < $1.priority }.map { r in
                "\(r.priority). " + recommendationText(r, say)
            }
            var text = "\(d.id): " + (recs.isEmpty ? "no recommendation" : recs.joined(separator: "; "))
            if let by = d.signedBy { text += "; signed by \(by)" }
            doc.add(.labelled(label, text, indent: Self.indent))
        }
    }

    /// The key findings (or all of them on request), each with its evidence in words.
    func findings(_ doc: inout ExportDocument, _ c: Case, decision: Decision?) {
        let findings = keyFindings(c, decision: decision)
        guard !findings.shown.isEmpty else { return }
        doc.add(.label(allFindings ? "Findings" : "Key findings", indent: Self.indent))
        for f in findings.shown { doc.add(.bullet(f, indent: Self.indent + 2)) }
        if findings.more > 0 {
            doc.add(
                .bullet(
                    "\(findings.more) more finding\(findings.more == 1 ? "" : "s") not listed",
                    indent: Self.indent + 2))
        }
    }

    /// Notes linked to the meeting or written while it ran, oldest first.
    func discussion(_ doc: inout ExportDocument, _ c: Case, _ clock: ExportClock, _ say: (String) -> String) {
        let caseNotes = notes.filter { $0.target.caseId == c.id }.sorted {
            ($0.writtenAt, $0.id) < ($1.writtenAt, $1.id)
        }
        guard !caseNotes.isEmpty else { return }
        doc.add(.label("Discussion", indent: Self.indent))
        for note in caseNotes {
            var about = ""
            if let f = note.target.findingId {
                about = " on " + Self.flattened(c.findings.first { $0.id == f }?.label ?? f)
            }
            if let t = note.target.trialId { about = " on \(t)" }
            doc.add(
                .bullet(
                    "\(note.author)\(about) (\(clock.shortDayAndTime(note.writtenAt))): \(say(note.text))",
                    indent: Self.indent + 2))
        }
    }

    /// The recommendations with rationale and cautions, consensus, dissent, follow-up and the decision's record.
    func decisionBlock(_ doc: inout ExportDocument, _ d: Decision, _ c: Case, _ say: (String) -> String) {
        let ind = Self.indent
        let recs = d.recommendations.sorted { ($0.priority, $0.kind.rawValue) < ($1.priority, $1.kind.rawValue) }
        if recs.isEmpty {
            doc.field("Recommendations", "none recorded", indent: ind)
        } else {
            doc.add(.label("Recommendations", indent: ind))
        }
        for r in recs {
            let line = recommendationText(r, say) + " [evidence: \(r.evidence.map(\.description) ?? "not graded")]"
            doc.add(.numbered(r.priority, line, indent: ind + 2))
            if !r.rationale.isEmpty { doc.add(.labelled("Rationale", say(r.rationale), indent: ind + 5)) }
            for against in r.evidenceAgainst(in: c.findings) {
                doc.add(
                    .labelled(
                        "Caution", "\(against.entry.phrase) — \(Self.flattened(against.finding.label))", indent: ind + 5
                    ))
            }
        }
        doc.field("Consensus", consensusText(d), indent: ind)
        for dissent in d.dissent {
            doc.field("Dissent", "\(dissent.name): \(say(dissent.reason))", indent: ind)
        }
        if let f = d.followUp {
            var parts: [String] = []
            if let date = f.date { parts.append("on \(date)") }
            if let weeks = f.intervalWeeks { parts.append("in \(weeks) weeks") }
            var text = parts.joined(separator: ", ")
            if let what = f.represent { text += (text.isEmpty ? "" : ": ") + say(what) }
            doc.field("Follow-up", text.isEmpty ? "—" : text, indent: ind)
        }
        doc.field(
            "Decision",
            "\(d.id), version \(d.version), \(d.status.rawValue)" + (d.amends.map { ", amends \($0)" } ?? ""),
            indent: ind)
    }

    /// "unanimous"; a draft without one says "not recorded"; a signed decision without one (signed before the
    /// board required it) says what was recorded instead, never "not recorded" alone.
    func consensusText(_ d: Decision) -> String {
        if let consensus = d.consensus { return consensus.rawValue }
        guard d.status != .draft else { return "not recorded" }
        return d.dissent.isEmpty
            ? "not stated when signed; no dissent recorded"
            : "not stated when signed; \(d.dissent.count) dissent\(d.dissent.count == 1 ? "" : "s") recorded"
    }

    /// "Clinical trial: Osimertinib + savolitinib (MET-OSI-3) — trial NCT06530718 (Phase 3, recruiting)": the
    /// trial's short title only when the therapy does not already name it.
    func recommendationText(_ r: Recommendation, _ say: (String) -> String) -> String {
        var line = r.kind.label.capitalizedFirst
        let what = [
            r.therapy.map(say),
            r.drugs.isEmpty || r.therapy != nil ? nil : r.drugs.joined(separator: " + "),
        ].compactMap { $0 }
        if !what.isEmpty { line += ": " + what.joined(separator: ", ") }
        if let t = r.trialId {
            line += " — trial \(t)"
            if let trial = trials[t] {
                let name = trial.shortTitle ?? trial.title
                let named = what.contains { $0.localizedCaseInsensitiveContains(name) }
                // A trial that takes no patients says so: a referral to it cannot be an enrolment now. So does a
                // trial whose every arm is closed to accrual (CTML arm_suspended) while its status reads open.
                let everyArmClosed =
                    !trial.arms.isEmpty && trial.arms.allSatisfy { trial.accrual(of: $0).closedWords != nil }
                let status =
                    trial.status.isClosed
                    ? "not open: \(trial.status.closedWords)"
                    : everyArmClosed
                        ? "not open: closed to accrual"
                        : trial.status.rawValue.lowercased().replacingOccurrences(of: "_", with: " ")
                let parts = (named ? [] : [name]) + [trial.phase].compactMap { $0 } + [status]
                line += " (" + parts.joined(separator: ", ") + ")"
            }
        }
        return line
    }

    /// Cases deferred or to be re-presented, with the reason.
    func deferredCases(_ doc: inout ExportDocument, _ agenda: [AgendaItem], _ byId: [String: Case]) {
        let deferred = agenda.filter { $0.outcome == .deferred || $0.outcome == .represent }
        guard !deferred.isEmpty else { return }
        doc.add(.section("Deferred cases"))
        for item in deferred {
            guard let c = byId[item.caseId] else { continue }
            let who = deidentify ? c.patient.pseudonym : c.patient.name.display
            let reason = item.deferReason.map(scrubber(for: c.patient)) ?? "no reason recorded"
            doc.add(
                .bullet(
                    "\(c.id) \(who), agenda item \(item.position) (\(item.outcome.rawValue)): \(reason)", indent: 0))
        }
    }

    /// Who signed each decision (the person and their login, and who asked for the sign-off), with its hash.
    func signOff(
        _ doc: inout ExportDocument, _ agenda: [AgendaItem], _ decisionByCase: [String: Decision],
        _ clock: ExportClock
    ) {
        doc.add(.section("Sign-off"))
        let signed = agenda.compactMap { item in decisionByCase[item.caseId].map { (item, $0) } }
        if signed.isEmpty { doc.add(.text("No decisions recorded at this meeting.", indent: 0)) }
        for (item, d) in signed {
            var line = "\(item.caseId) · \(d.id) v\(d.version) (\(d.status.rawValue)): "
            if let by = d.signedBy, let at = d.signedAt {
                line += "signed by \(by)" + (d.signedByLogin.map { " (login \($0))" } ?? "")
                line += ", \(clock.dayAndTime(at))"
                if let asked = d.signoffRequestedBy { line += "; sign-off requested by \(asked)" }
            } else {
                line += "not signed"
            }
            doc.add(.bullet(line, indent: 0))
            if let hash = decisionHashes[d.id] { doc.add(.text("SHA-256 \(hash)", indent: 2)) }
        }
    }

    // MARK: Pieces

    /// The de-identifier for a patient's free text (identity when the copy is not de-identified).
    func scrubber(for patient: Patient) -> (String) -> String {
        guard deidentify else { return { $0 } }
        let scrub = Deidentifier(patient: patient)
        return { scrub.scrub($0) }
    }

    /// "Brückner, Heinz-Dieter (MRN-104677), born 1955-01-30, 71 y, male" or "PT-7QX3K2, 71 y, male".
    func patientLine(_ p: Patient, on day: LocalDate) -> String {
        let scrub = deidentify ? Deidentifier(patient: p) : nil
        let age = LifeStatus(p).phrase(on: day, hideDates: deidentify) { scrub?.scrub($0) ?? $0 }
        if deidentify { return "\(p.pseudonym), \(age), \(p.sex.rawValue)" }
        var parts = [p.name.display + (p.mrn.map { " (\($0))" } ?? "")]
        if let b = p.birthDate { parts.append("born \(b)") }
        parts += [age, p.sex.rawValue]
        return parts.joined(separator: ", ")
    }

    /// Findings the recommendations cite, then those with evidence, treatment options strongest first (at most
    /// eight); with `allFindings`, every finding in the same order. Each reads with its evidence in words,
    /// direction first: "MET amplification (CN 9) [sensitivity to Osimertinib + Savolitinib, ESCAT II-B;
    /// resistance to Osimertinib, CIViC B]".
    func keyFindings(_ c: Case, decision: Decision?) -> (shown: [String], more: Int) {
        let cited = Set(decision?.recommendations.flatMap(\.findingIds) ?? [])
        let key = c.findings.compactMap { f -> (Int, Int, String, Finding)? in
            guard allFindings || cited.contains(f.id) || !f.evidence.isEmpty else { return nil }
            return (cited.contains(f.id) ? 0 : 1, f.evidenceRank, f.id, f)
        }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
        let shown = key.prefix(allFindings ? key.count : 8).map { f -> String in
            var s = Self.flattened(f.label)
            if let vaf = f.vaf { s += String(format: ", VAF %.0f%%", vaf * 100) }
            if f.origin == .germline { s += ", germline" }
            s += f.evidence.isEmpty ? " [no evidence level]" : " [\(f.evidenceSummary)]"
            if let caution = f.originCaution { s += " (\(caution))" }
            return s
        }
        return (Array(shown), (findingCounts[c.id] ?? c.findings.count) - shown.count)
    }

    /// Parentheses inside parentheses read as a comma: "PD-L1 70 % (high (≥50%))" becomes "PD-L1 70 % (high, ≥50%)".
    static func flattened(_ text: String) -> String {
        guard text.contains("(") else { return text }
        var out = ""
        var depth = 0
        for ch in text {
            switch ch {
            case "(":
                if depth > 0 {
                    while out.last == " " { out.removeLast() }
                    out += ", "
                } else {
                    out.append(ch)
                }
                depth += 1
            case ")":
                depth = max(0, depth - 1)
                if depth == 0 { out.append(ch) }
            default: out.append(ch)
            }
        }
        return out
    }

    static func minutes(_ seconds: Int) -> String {
        let m = (seconds + 30) / 60
        return m < 60 ? "\(m) min" : "\(m / 60) h \(m % 60) min"
    }
}

/// Clock formats for exports, in a fixed English locale and a given zone.
struct ExportClock {
    let timeZone: TimeZone
    private let dayTime: DateFormatter
    private let dayOnly: DateFormatter
    private let clockOnly: DateFormatter
    private let short: DateFormatter

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        func make(_ format: String) -> DateFormatter { BoardTime.formatter(format, in: timeZone) }
        dayTime = make(BoardTime.dayAndTimePattern)
        dayOnly = make(BoardTime.dayPattern)
        clockOnly = make("HH:mm")
        short = make("d MMM HH:mm")
    }

    var zoneName: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }
    func dayAndTime(_ d: Date) -> String { dayTime.string(from: d) }
    func time(_ d: Date) -> String { clockOnly.string(from: d) }
    func day(_ d: Date) -> String { dayOnly.string(from: d) }
    func shortDayAndTime(_ d: Date) -> String { short.string(from: d) }

    func localDate(_ d: Date) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: d)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
