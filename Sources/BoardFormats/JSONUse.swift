import Foundation

/// Records which scalar values of a JSON document a reader took, and which subtrees it skipped as a whole
/// (with a reason counted elsewhere), so that everything else can be listed as "not used" by field name.
/// One document, one reader, one thread: the lock only keeps the type honest about being shared.
final class JSONUse: @unchecked Sendable {
    private var taken: Set<String> = []
    private var skippedPrefixes: [String] = []
    private let lock = NSLock()

    func took(_ path: String) {
        lock.lock(); taken.insert(path); lock.unlock()
    }

    /// The whole subtree is accounted for (the resource was skipped with a reason, or read as a whole).
    func accounted(_ node: JSONNode) {
        lock.lock(); skippedPrefixes.append(node.path); lock.unlock()
    }

    /// Every scalar under `root` that was neither taken nor under an accounted subtree, counted by field name.
    /// `name` turns a path ("$.entry[3].resource.code.coding[0].system") into the name shown; by default the
    /// path without array positions ("$.entry.resource.code.coding.system").
    func unused(in root: JSONNode, name: (JSONNode) -> String = { JSONUse.plainName($0.path) }) -> [String: Int] {
        lock.lock(); defer { lock.unlock() }
        let prefixes = Set(skippedPrefixes)
        var counts: [String: Int] = [:]
        func walk(_ value: Any?, path: String, owner: JSONNode) {
            if prefixes.contains(path) { return }
            switch value {
            case let object as [String: Any]:
                for (key, child) in object { walk(child, path: path + "." + key, owner: owner) }
            case let list as [Any]:
                for (i, child) in list.enumerated() { walk(child, path: path + "[\(i)]", owner: owner) }
            case nil, is NSNull:
                return
            default:
                if taken.contains(path) { return }
                if let s = value as? String, s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
                counts[name(JSONNode(value, path: path)), default: 0] += 1
            }
        }
        walk(root.value, path: root.path, owner: root)
        return counts
    }

    /// "$.entry[3].resource.code.coding[0].system" → "entry.resource.code.coding.system".
    static func plainName(_ path: String) -> String {
        var out = ""
        var inIndex = false
        for ch in path {
            if ch == "[" { inIndex = true; continue }
            if ch == "]" { inIndex = false; continue }
            if !inIndex { out.append(ch) }
        }
        if out.hasPrefix("$.") { out.removeFirst(2) } else if out == "$" { out = "(document)" }
        return out
    }
}
