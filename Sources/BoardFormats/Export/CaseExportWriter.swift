import BoardModel
import Foundation

/// A per-case summary for the patient's chart (`tumorboard export case`): the case as presented, the
/// meetings it was on with their outcomes, the notes, and the decision in force with its sign-off and hash.
/// Deterministic for the same input and `asOf` day; `deidentify` works as in the minutes.
public struct CaseExportWriter {
    public var record: Case
    public var notes: [Note]
    public var decision: Decision?
    public var decisionHash: String?
    /// The meetings whose agenda held the case, with their boards' names by board id.
    public var meetings: [Meeting]
    public var boardNames: [String: String]
    public var trials: [String: Trial]
    /// The day ages are computed on.
    public var asOf: LocalDate
    public var deidentify: Bool
    public var timeZone: TimeZone

    public init(
        record: Case, notes: [Note] = [], decision: Decision? = nil, decisionHash: String? = nil,
        meetings: [Meeting] = [],
        boardNames: [String: String] = [:], trials: [String: Trial] = [:], asOf: LocalDate, deidentify: Bool = false,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.record = record
        self.notes = notes
        self.decision = decision
        self.decisionHash = decisionHash
        self.meetings = meetings
        self.boardNames = boardNames
        self.trials = trials
        self.asOf = asOf
        self.deidentify = deidentify
        self.timeZone = timeZone
    }

    public func render(format: ExportFormat = .text, width: Int = 80) -> String {
        var doc = ExportDocument()
        let clock = ExportClock(timeZone: timeZone)
        let scrub = deidentify ? Deidentifier(patient: record.patient) : nil
        let say = { (text: String) in scrub?.scrub(text) ?? text }
        // Reuse the minutes' patient line and finding selection so both documents agree.
        let minutes = MinutesWriter(
            meeting: Meeting(id: "", boardId: "", startsAt: Date(timeIntervalSince1970: 0)),
            board: Board(id: "", name: ""), cases: [], deidentify: deidentify, timeZone: timeZone)
        presentation(into: &doc, minutes: minutes, say: say)
        treatmentHistory(into: &doc, say: say)
        keyFindings(into: &doc, minutes: minutes)
        meetingsAndNotes(into: &doc, clock: clock, say: say)
        decisionSection(into: &doc, clock: clock, say: say)
        return doc.render(format, width: width)
    }

    /// The title, the de-identification notice, and the case as presented.
    func presentation(into doc: inout ExportDocument, minutes: MinutesWriter, say: (String) -> String) {
        let c = record
        doc.add(.title("Tumour board summary: case \(CaseIdShown.text(c, deidentified: deidentify))"))
        if deidentify {
            doc.add(
                .text(
                    "DE-IDENTIFIED COPY: patient names, MRNs and other identifiers, and birth dates are removed.",
                    indent: 0))
            doc.add(.blank)
        }
        doc.field("Patient", minutes.patientLine(c.patient, on: asOf))
        doc.field("Diagnosis", say(c.diagnosis.text) + (c.diagnosis.oncotreeCode.map { " [\($0)]" } ?? ""))
        doc.field("Disease status", c.diagnosis.statusPhrase(hideDates: deidentify))
        doc.field("Histology", c.diagnosis.histology.map(say))
        doc.field("Stage", c.stage?.summary ?? "—")
        if !c.metastaticSites.isEmpty {
            doc.field("Metastases", c.metastaticSites.map { $0.summary(hideDates: deidentify) }.joined(separator: "; "))
        }
        if let perf = c.performance, !perf.summary.isEmpty { doc.field("Performance", perf.summary) }
        doc.field("Referred by", c.referringClinician)
        doc.field("Question", c.question.isEmpty ? "—" : say(c.question))
        doc.field("Status", c.status.rawValue)
    }

    /// The treatment lines given so far.
    func treatmentHistory(into doc: inout ExportDocument, say: (String) -> String) {
        let c = record
        if !c.treatmentHistory.isEmpty {
            doc.add(.section("Treatment history"))
            for line in TherapyLine.ordered(c.treatmentHistory) {
                let drugs = line.drugs.isEmpty ? say(line.regimen ?? "—") : line.drugs.joined(separator: " + ")
                var text = (line.line.map { "Line \($0)" } ?? "Treatment (line not stated)") + ": \(drugs)"
                if let setting = line.setting { text += " (\(say(setting)))" }
                if let r = line.bestResponse { text += ", best response \(r.rawValue)" }
                if let why = line.stopReason { text += ", stopped: \(say(why))" }
                doc.add(.bullet(text, indent: 0))
            }
        }
    }

    /// The findings the minutes would list for this case.
    func keyFindings(into doc: inout ExportDocument, minutes: MinutesWriter) {
        let c = record
        let findings = minutes.keyFindings(c, decision: decision)
        if !findings.shown.isEmpty {
            doc.add(.section("Key findings"))
            for f in findings.shown { doc.add(.bullet(f, indent: 0)) }
            if findings.more > 0 {
                doc.add(.bullet("\(findings.more) more finding\(findings.more == 1 ? "" : "s") not listed", indent: 0))
            }
        }
    }

    /// The meetings the case was on, with their outcomes, and the notes on it.
    func meetingsAndNotes(into doc: inout ExportDocument, clock: ExportClock, say: (String) -> String) {
        let c = record
        if !meetings.isEmpty {
            doc.add(.section("Board meetings"))
            for m in meetings.sorted(by: { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }) {
                let item = m.agenda.first { $0.caseId == c.id }
                var text =
                    "\(clock.dayAndTime(m.startsAt)) \(boardNames[m.boardId] ?? m.boardId) (\(m.id)): \(item?.outcome.rawValue ?? "—")"
                if let reason = item?.deferReason { text += ": \(say(reason))" }
                doc.add(.bullet(text, indent: 0))
            }
        }
        let caseNotes = notes.filter { $0.target.caseId == c.id }.sorted {
            ($0.writtenAt, $0.id) < ($1.writtenAt, $1.id)
        }
        if !caseNotes.isEmpty {
            doc.add(.section("Notes"))
            for note in caseNotes {
                doc.add(
                    .bullet("\(note.author) (\(clock.shortDayAndTime(note.writtenAt))): \(say(note.text))", indent: 0))
            }
        }
    }

    /// The decision in force: recommendations, consensus, dissent, follow-up and its sign-off with the hash.
    func decisionSection(into doc: inout ExportDocument, clock: ExportClock, say: (String) -> String) {
        let c = record
        doc.add(.section("Decision"))
        if let d = decision {
            for r in d.recommendations.sorted(by: { ($0.priority, $0.kind.rawValue) < ($1.priority, $1.kind.rawValue) })
            {
                var line = r.kind.label.capitalizedFirst
                if let therapy = r.therapy { line += ": \(say(therapy))" }
                if let t = r.trialId {
                    line += " — trial \(t)" + (trials[t].map { " (\($0.shortTitle ?? $0.title))" } ?? "")
                }
                line += " [evidence: \(r.evidence.map(\.description) ?? "not graded")]"
                doc.add(.numbered(r.priority, line, indent: 0))
                if !r.rationale.isEmpty { doc.add(.text("Rationale: " + say(r.rationale), indent: 3)) }
                for against in r.evidenceAgainst(in: c.findings) {
                    doc.add(.text("Caution: \(against.entry.phrase) (\(against.finding.label))", indent: 3))
                }
            }
            doc.field("Consensus", d.consensus?.rawValue ?? "not recorded")
            for dissent in d.dissent { doc.field("Dissent", "\(dissent.name): \(say(dissent.reason))") }
            if let f = d.followUp {
                let text = [f.date.map { "on \($0)" }, f.intervalWeeks.map { "in \($0) weeks" }].compactMap { $0 }
                    .joined(separator: ", ")
                doc.field(
                    "Follow-up", [text, f.represent.map(say) ?? ""].filter { !$0.isEmpty }.joined(separator: ": "))
            }
            doc.field(
                "Decision",
                "\(d.id), version \(d.version), \(d.status.rawValue)" + (d.meetingId.map { ", meeting \($0)" } ?? ""))
            if let by = d.signedBy, let at = d.signedAt {
                doc.field("Signed", "\(by), \(clock.dayAndTime(at)) (\(clock.zoneName))")
            }
            doc.field("SHA-256", decisionHash)
        } else {
            doc.add(.text("No decision recorded.", indent: 0))
        }
    }
}
