import BoardModel
import Foundation

/// What the matcher made of one trial's eligibility, for a coordinator to check it (`tumorboard trial ID`): each
/// criterion it checks as a tree (the trial's own, then each arm's, open or not), whether the criterion was read from
/// the registry's free text, and the lines it does not evaluate (criteria that need the chart).
public struct CompiledEligibility: Codable, Sendable, Hashable {
    /// One node of a criterion tree, in reading order: "all of"/"one of" groups and the criteria under them.
    public struct Line: Codable, Sendable, Hashable {
        /// Nesting below the part (0 = top).
        public var depth: Int
        public var text: String
        /// Read from the registry's free text rather than structured fields or a curated tree.
        public var fromText: Bool

        public init(depth: Int, text: String, fromText: Bool) {
            self.depth = depth
            self.text = text
            self.fromText = fromText
        }
    }

    public struct Arm: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var criteria: [Line]
        /// Why the arm takes no patients now ("not recruiting", "suspended"); nil when open or unknown. It is
        /// evaluated all the same, and its matches say so.
        public var notOpen: String?
    }

    /// Criteria every patient must meet, whatever the arm.
    public var trial: [Line]
    /// Every arm, each with the criteria of its own and its accrual.
    public var arms: [Arm]
    /// What is never evaluated against a case's data, with why (criteria that need the chart).
    public var notEvaluated: [String]

    init(_ compiled: CompiledTrial) {
        trial = Self.lines(compiled.base, depth: 0, dropArmPrefix: nil)
        arms = compiled.arms.map { arm in
            Arm(
                id: arm.id, title: arm.title,
                criteria: arm.node.map { Self.lines($0, depth: 0, dropArmPrefix: "arm \(arm.id): ") } ?? [],
                notOpen: arm.notOpen)
        }
        notEvaluated = compiled.notEvaluatedLines.map { line in
            line.detail.isEmpty ? line.criterion : "\(line.criterion): \(line.detail)"
        }
    }

    /// The reading as text: the trial's criteria, each arm's (one that takes no patients says why: "— not
    /// recruiting, evaluated all the same"), then what is not evaluated; a criterion read from the registry's free
    /// text is marked "(from the text)".
    public var textLines: [String] {
        func show(_ lines: [Line]) -> [String] {
            lines.map {
                String(repeating: "  ", count: $0.depth + 1) + $0.text + ($0.fromText ? "  (from the text)" : "")
            }
        }
        var out = ["Every patient:"] + (trial.isEmpty ? ["  nothing to check"] : show(trial))
        for arm in arms {
            let accrual = arm.notOpen.map { " — \($0), evaluated all the same" } ?? ""
            out.append("\(arm.title.prefix(1).uppercased() + arm.title.dropFirst())\(accrual):")
            out += arm.criteria.isEmpty ? ["  nothing of its own"] : show(arm.criteria)
        }
        if !notEvaluated.isEmpty { out += ["Not evaluated:"] + notEvaluated.map { "  " + $0 } }
        return out
    }

    /// The tree flattened: a group of one is its member, a top-level "all of" is its members (the part is already
    /// "all of" these), arm labels lose the "arm X: " their part's heading says.
    static func lines(_ node: Node, depth: Int, dropArmPrefix prefix: String?) -> [Line] {
        switch node {
        case .leaf(let leaf):
            return [Line(depth: depth, text: strip(leaf.label, prefix), fromText: leaf.fromText)]
        case .all(let nodes):
            if depth == 0 || nodes.count == 1 {
                return nodes.flatMap { lines($0, depth: depth, dropArmPrefix: prefix) }
            }
            let head = Line(
                depth: depth, text: "all of:", fromText: nodes.allSatisfy { $0.leaves.allSatisfy(\.fromText) })
            return [head] + nodes.flatMap { lines($0, depth: depth + 1, dropArmPrefix: prefix) }
        case .any(let nodes, let label):
            if nodes.count == 1 { return lines(nodes[0], depth: depth, dropArmPrefix: prefix) }
            // A summary that only lists the members ("one of: A / B") is said by the members below it.
            let text = strip(label, prefix)
            let head = Line(
                depth: depth, text: text.hasPrefix("one of: ") ? "one of:" : text,
                fromText: nodes.contains { $0.leaves.contains(where: \.fromText) })
            return [head] + nodes.flatMap { lines($0, depth: depth + 1, dropArmPrefix: prefix) }
        }
    }

    private static func strip(_ label: String, _ prefix: String?) -> String {
        guard let prefix, label.hasPrefix(prefix) else { return label }
        return String(label.dropFirst(prefix.count))
    }
}

extension MatchEngine {
    /// What the matcher compiled from a stored trial's eligibility; nil for a trial id the engine does not hold.
    public func compiledEligibility(trialId: String) -> CompiledEligibility? {
        byId[trialId].map { CompiledEligibility(compiled[$0]) }
    }
}
