import Foundation

/// The OncoTree hierarchy of tumour types (bundled release, CC BY 4.0 MSK): names for codes, and
/// subtree tests so that a trial for NSCLC matches a LUAD case and `_SOLID_`/`_LIQUID_` mean what CTML says.
public struct OncoTree: Sendable {
    public struct Node: Sendable, Hashable {
        public let code: String
        public let parent: String?
        public let mainType: String
        public let tissue: String
        public let name: String
    }

    public let nodes: [String: Node]
    private let codeByName: [String: String]
    /// Codes retired before this release, to the current codes that took them over (history, revocations, precursors).
    private let successors: [String: [(code: String, how: String)]]

    /// What a code found in a file means in the bundled release.
    public enum Lookup: Sendable, Equatable {
        /// A current code (as the release spells it).
        case current(String)
        /// A retired code with one successor: `how` is the release's word (history = renamed, revocations, precursors).
        case retired(old: String, now: String, how: String)
        /// A retired code split into several: which one applies cannot be known from the code.
        case split(old: String, into: [String])
        case unknown(String)
    }

    /// The bundled release.
    public static let bundled = OncoTree(table: table, formerCodes: formerCodes)
    public static var release: String { releaseName }

    init(table: String, formerCodes: String) {
        var nodes: [String: Node] = [:]
        var byName: [String: String] = [:]
        for line in table.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5 else { continue }
            let node = Node(code: f[0], parent: f[1] == "TISSUE" ? nil : f[1], mainType: f[2], tissue: f[3], name: f[4])
            nodes[node.code] = node
            byName[node.name.lowercased()] = node.code
        }
        self.nodes = nodes
        self.codeByName = byName
        var successors: [String: [(code: String, how: String)]] = [:]
        for line in formerCodes.split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 3, nodes[f[0].uppercased()] == nil else { continue }  // a code still current stays itself
            successors[f[0].uppercased(), default: []].append((f[1], f[2]))
        }
        self.successors = successors
    }

    init(table: String) { self.init(table: table, formerCodes: "") }

    /// A code as written in a file, looked up in the release and its history.
    public func lookup(_ raw: String) -> Lookup {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if nodes[code] != nil { return .current(code) }
        guard let next = successors[code], !next.isEmpty else { return .unknown(raw) }
        let targets = Array(Set(next.map(\.code))).sorted()
        if targets.count == 1 { return .retired(old: code, now: targets[0], how: next[0].how) }
        return .split(old: code, into: targets)
    }

    public func node(_ code: String) -> Node? { nodes[code.uppercased()] }

    public func name(of code: String) -> String? { node(code)?.name }

    /// The code for a diagnosis name ("Lung Adenocarcinoma" → LUAD), case-insensitive.
    public func code(forName name: String) -> String? {
        codeByName[name.lowercased().trimmingCharacters(in: .whitespaces)]
    }

    /// The chain from a code up to its tissue root, the code itself first.
    public func ancestors(of code: String) -> [String] {
        var chain: [String] = []
        var current = node(code)
        while let n = current, !chain.contains(n.code) {
            chain.append(n.code)
            current = n.parent.flatMap { nodes[$0] }
        }
        return chain
    }

    /// Whether `code` is `ancestor` or lies below it. `_SOLID_` and `_LIQUID_` split by tissue (lymphoid and myeloid are liquid).
    public func isWithin(_ code: String, _ ancestor: String) -> Bool {
        switch ancestor.uppercased() {
        case "_SOLID_": return node(code).map { !isLiquid($0) } ?? false
        case "_LIQUID_": return node(code).map(isLiquid) ?? false
        default: return ancestors(of: code).contains(ancestor.uppercased())
        }
    }

    private func isLiquid(_ node: Node) -> Bool {
        node.tissue == "Lymphoid" || node.tissue == "Myeloid"
    }
}
