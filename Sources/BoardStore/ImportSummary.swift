import BoardModel
import Foundation

/// What an import did (or, in a dry run, would do), per kind of record.
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    public struct Counts: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public init() {}
        public var total: Int { created + updated + unchanged }
    }

    public var counts: [String: Counts] = [:]
    /// Records left out, with why ("finding C-1/F9: no gene").
    public var skipped: [String] = []
    /// Things the user should know that were learnt while writing (a streamed file's tumour sample, say).
    public var notes: [String] = []
    /// Per input file: what was read, skipped, refused and not used (see ImportAccount).
    public var accounts: [ImportAccount] = []
    /// Cases this import created or changed (their record, findings or findings' evidence), so trial matching
    /// looks again at these cases only.
    public var changedCases: Set<String> = []
    /// Trials this import created or changed, so every case is matched again against these trials only.
    public var changedTrials: Set<String> = []

    public init() {}

    /// Records this import created ("kind id"): one that a later file of the same import completes still counts
    /// once, as created ("cases: 842 created", not "842 created, 842 updated" for patients then their samples).
    var createdHere: Set<String> = []

    /// Counts a case or trial and remembers it when it was created or changed.
    mutating func note(_ kind: String, _ change: Change, id: String) {
        let key = kind + " " + id
        if change == .created { createdHere.insert(key) }
        if change != .created, createdHere.contains(key) {
            if change == .updated, kind == "case" { changedCases.insert(id) }
            if change == .updated, kind == "trial" { changedTrials.insert(id) }
            return
        }
        note(kind, change)
        guard change != .unchanged else { return }
        if kind == "case" { changedCases.insert(id) }
        if kind == "trial" { changedTrials.insert(id) }
    }

    /// Whether a trial read from a file may replace the stored version (TrialRevision): an older registry version is
    /// not applied and is listed as skipped with both dates; a same-date version with other content is applied and
    /// said in a note.
    mutating func admit(_ trial: Trial, over stored: Trial?) -> Bool {
        let revision = TrialRevision.compare(stored: stored, file: trial)
        let remark = revision.remark(trialId: trial.id, file: trial.provenance?.file)
        if case .older = revision {
            skipped.append(remark ?? "trial \(trial.id): older than the stored record")
            return false
        }
        if let remark { notes.append(remark) }
        return true
    }

    mutating func note(_ kind: String, _ change: Change) {
        var c = counts[kind, default: Counts()]
        switch change {
        case .created: c.created += 1
        case .updated: c.updated += 1
        case .unchanged: c.unchanged += 1
        }
        counts[kind] = c
    }

    public mutating func merge(_ other: ImportSummary) {
        for (kind, c) in other.counts {
            var mine = counts[kind, default: Counts()]
            mine.created += c.created
            mine.updated += c.updated
            mine.unchanged += c.unchanged
            counts[kind] = mine
        }
        skipped += other.skipped
        notes += other.notes
        accounts += other.accounts
        changedCases.formUnion(other.changedCases)
        changedTrials.formUnion(other.changedTrials)
        createdHere.formUnion(other.createdHere)
    }

    enum Change { case created, updated, unchanged }

    /// The plural of a kind of record: "evidence entries", "evidence loci", "cases".
    static func plural(_ kind: String) -> String {
        if kind.hasSuffix("locus") { return kind.dropLast(2) + "i" }
        if kind.hasSuffix("y") { return kind.dropLast() + "ies" }
        return kind + "s"
    }

    /// "cases: 24 created, 0 updated, 0 unchanged; trials: …"
    public var description: String {
        let order = ["board", "case", "finding", "trial", "meeting", "agenda item", "note", "decision"]
        let kinds = counts.keys.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
        var lines = kinds.map { kind -> String in
            let c = counts[kind]!
            return "\(Self.plural(kind)): \(c.created) created, \(c.updated) updated, \(c.unchanged) unchanged"
        }
        if !skipped.isEmpty {
            lines.append(
                "skipped \(skipped.count): " + skipped.prefix(5).joined(separator: "; ")
                    + (skipped.count > 5 ? "; …" : ""))
        }
        return lines.joined(separator: "\n")
    }

    /// The one line an import says about trial matching after it, in plain words: "Trial matches updated for 3 new
    /// or changed cases: 1 eligible, 2 possibly eligible." Nil when nothing the board sees changed: only new cases
    /// (which had no matches before) and none of them matches a trial.
    public static func matchingLine(trials: Int, cases: Int, eligible: Int, possible: Int, casesUpdated: Bool)
        -> String?
    {
        guard trials > 0 || cases > 0 else { return nil }
        if trials == 0 && !casesUpdated && eligible + possible == 0 { return nil }
        let what = [
            trials > 0 ? "\(trials) new or changed trial\(trials == 1 ? "" : "s")" : nil,
            cases > 0 ? "\(cases) new or changed case\(cases == 1 ? "" : "s")" : nil,
        ].compactMap { $0 }.joined(separator: " and ")
        return "Trial matches updated for \(what): \(eligible) eligible, \(possible) possibly eligible."
    }
}
