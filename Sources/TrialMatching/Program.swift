import BoardModel
import Foundation

/// A compiled tree flattened into postfix instructions over interned leaf ids, so that the hot loop
/// (millions of case × trial pairs) walks plain values and reads each leaf's verdict from a per-case cache (see `Plan`).
struct Program: Sendable {
    struct Instruction: Sendable {
        enum Op: UInt8, Sendable { case leaf, all, any }
        var op: Op
        /// The leaf id, or the number of children for `all` / `any`.
        var argument: Int32
    }

    let instructions: [Instruction]
    /// When the tree is a conjunction of leaves (the common case), their ids: evaluated without a stack.
    let conjunction: [Int32]?

    init(_ node: Node?) {
        var out: [Instruction] = []
        let normal = node.map(Self.spliced)
        if let normal { Self.flatten(normal, into: &out) }
        instructions = out
        switch normal {
        case .leaf(let leaf)?: conjunction = [Int32(leaf.id)]
        case .all(let nodes)?:
            let ids = nodes.compactMap {
                if case .leaf(let leaf) = $0 { return Int32(leaf.id) }
                return nil
            }
            conjunction = ids.count == nodes.count ? ids : nil
        default: conjunction = nil
        }
    }

    var isEmpty: Bool { instructions.isEmpty }

    /// Nested `all` nodes spliced into their parent (and of and is one and).
    private static func spliced(_ node: Node) -> Node {
        switch node {
        case .leaf: return node
        case .any(let nodes, let label): return .any(nodes.map(spliced), label: label)
        case .all(let nodes):
            var flat: [Node] = []
            for child in nodes.map(spliced) {
                if case .all(let inner) = child { flat += inner } else { flat.append(child) }
            }
            return .all(flat)
        }
    }

    private static func flatten(_ node: Node, into out: inout [Instruction]) {
        switch node {
        case .leaf(let leaf): out.append(Instruction(op: .leaf, argument: Int32(leaf.id)))
        case .all(let nodes):
            for n in nodes { flatten(n, into: &out) }
            out.append(Instruction(op: .all, argument: Int32(nodes.count)))
        case .any(let nodes, _):
            for n in nodes { flatten(n, into: &out) }
            out.append(Instruction(op: .any, argument: Int32(nodes.count)))
        }
    }
}
