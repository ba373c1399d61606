import Foundation

/// The result of `tumorboard verify`: SQLite's integrity check, the audit chain, and whether every decision's
/// stored text is what its last audit event recorded.
public struct VerificationReport: Sendable {
    public var integrity: [String]
    public var chain: ChainReport
    /// Decisions whose stored text differs from their last recorded event (or that have no event), one line each.
    public var decisionProblems: [String]
    /// How many decisions were checked, and how many of them are signed.
    public var decisionsChecked = 0
    public var signedDecisions = 0

    public var auditEventsChecked: Int { chain.checked }
    public var firstBrokenLink: String? { chain.firstBreak }

    /// Everything was checked and holds.
    public var isOK: Bool { problems.isEmpty }

    /// Every problem, one line each: damage, a broken chain, altered decisions, keys this terminal lacks.
    public var problems: [String] {
        var lines: [String] = []
        if integrity != ["ok"] { lines.append("integrity: " + integrity.joined(separator: "; ")) }
        if let broken = chain.firstBreak { lines.append("audit chain broken: " + broken) }
        for missing in chain.missingKeys {
            lines.append(
                "audit key epoch \(missing.epoch) (events from \(missing.keyedFrom)) not found"
                    + (missing.keyFile.map { " at \($0)" } ?? "") + ": those events cannot be checked")
        }
        lines += decisionProblems
        return lines
    }
}
