import BoardModel
import Foundation

/// A stored trial as a coordinator reads it (`tumorboard trial ID`): title, status, phase, type, sponsor, each arm
/// with its drugs and whether it takes patients, conditions and their OncoTree codes, the structured limits, the
/// registry's eligibility text and, given by the caller, what the matcher compiled from it.
public struct TrialSummaryText {
    public var trial: Trial
    /// The matcher's reading of the eligibility, already as lines (TrialMatching's `CompiledEligibility`).
    public var compiled: [String]

    public init(trial: Trial, compiled: [String] = []) {
        self.trial = trial
        self.compiled = compiled
    }

    /// Whether an arm takes patients: its own accrual state and, for a registry arm, its trial's status.
    public static func isOpen(_ arm: TrialArm, of trial: Trial) -> Bool { trial.accrual(of: arm) == .open }

    /// An arm's accrual in words: "open", "closed: trial active not recruiting" (the trial's status first), "closed to
    /// accrual" (the arm's own), or "accrual unknown: trial status unknown".
    public static func accrualText(_ arm: TrialArm, of trial: Trial) -> String {
        switch trial.accrual(of: arm) {
        case .open: "open"
        case .unknown: "accrual unknown: trial status \(trial.status.label)"
        case .closed: trial.status.isClosed ? "closed: trial \(trial.status.label)" : "closed to accrual"
        }
    }

    public func render() -> String { lines().joined(separator: "\n") + "\n" }

    public func lines() -> [String] {
        let t = trial
        var out = ["\(t.id)  \(t.title)"]
        if let short = t.shortTitle, short != t.title { out.append("Short title:  \(short)") }
        out.append("Status:       \(t.status.label)")
        out.append("Phase:        \(t.phase ?? "not stated")")
        if let type = t.studyType { out.append("Study type:   \(type)") }
        if let sponsor = t.sponsor { out.append("Sponsor:      \(sponsor)") }
        for id in t.identifiers ?? [] {
            out.append("Identifier:   \(id.kind) \(id.value)" + (id.note.map { " (\($0))" } ?? ""))
        }
        if let r = t.registry {
            if let org = r.orgStudyId { out.append("Study id:     \(org) (sponsor's)") }
            if let brief = r.briefTitle, brief != t.title, brief != t.shortTitle {
                out.append("Brief title:  \(brief)")
            }
            if let facts = r.summary { out.append("Registry:     \(facts)") }
            if !r.keywords.isEmpty { out.append("Keywords:     \(r.keywords.joined(separator: "; "))") }
        }
        if let updated = t.lastUpdated { out.append("Last updated: \(updated) (registry)") }
        if let source = t.provenance?.file {
            out.append("Source:       \(URL(fileURLWithPath: source).lastPathComponent)")
        }
        out += [""] + arms()
        out += [""] + conditions()
        if !compiled.isEmpty {
            out += ["", "What the matcher checks (from the structured fields, the criteria tree and the text):"]
            out += compiled.map { "  " + $0 }
        }
        for (title, body) in [
            ("Inclusion criteria", t.eligibility.inclusionText), ("Exclusion criteria", t.eligibility.exclusionText),
        ] {
            guard let body, !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            out += ["", "\(title) (registry text):"]
            out += body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        return out
    }

    private func arms() -> [String] {
        guard !trial.arms.isEmpty else { return ["Arms: none stated"] }
        var out = ["Arms (\(trial.arms.count), \(trial.arms.filter { Self.isOpen($0, of: trial) }.count) open):"]
        for arm in trial.arms {
            let state = Self.accrualText(arm, of: trial)
            let name = arm.name.isEmpty || arm.name == arm.id ? "" : " \(arm.name)"
            out.append("  \(arm.id):\(name) (\(state))")
            out.append("    drugs: " + (arm.drugs.isEmpty ? "none stated" : arm.drugs.joined(separator: ", ")))
        }
        return out
    }

    private func conditions() -> [String] {
        let e = trial.eligibility
        var out: [String] = []
        out.append("Conditions:   " + (e.conditions.isEmpty ? "none stated" : e.conditions.joined(separator: "; ")))
        out.append("OncoTree:     " + (e.diagnoses.isEmpty ? "none" : e.diagnoses.joined(separator: ", ")))
        let age: String
        switch (e.minimumAge, e.maximumAge) {
        case (let min?, let max?): age = "\(min) to \(max) years"
        case (let min?, nil): age = "\(min) years or older"
        case (nil, let max?): age = "up to \(max) years"
        default: age = "no limit stated"
        }
        out.append("Age:          \(age)")
        out.append("Sex:          " + (e.sex.map { $0 == .unknown ? "all" : $0.rawValue } ?? "all"))
        return out
    }
}
