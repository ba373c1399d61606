import BoardModel
import Foundation

/// Records which scalar values of a JSON document a reader took, and which subtrees it skipped as a whole
/// (with a reason counted elsewhere), so that everything else can be listed as "not used" by field name.
/// One document, one reader, one thread: the lock only keeps the type honest about being shared.
final class JSONUse: @unchecked Sendable {
    private var taken: Set<String> = []
    private var skippedPrefixes: [String] = []
    private let lock = NSLock()

    func took(_ path: String) {
        lock.lock()
        taken.insert(path)
        lock.unlock()
    }

    /// The whole subtree is accounted for (the resource was skipped with a reason, or read as a whole).
    func accounted(_ node: JSONNode) {
        lock.lock()
        skippedPrefixes.append(node.path)
        lock.unlock()
    }

    /// Every scalar under `root`, counted by field name as used (taken), not used, or inside a record skipped as a
    /// whole. `name` turns a path ("$.entry[3].resource.code.coding[0].system") into the name shown; by default
    /// the path without array positions ("entry.resource.code.coding.system"). Empty strings are no value.
    func census(in root: JSONNode, name: (JSONNode) -> String = { JSONUse.plainName($0.path) })
        -> (used: [String: Int], unused: [String: Int], skipped: [String: Int])
    {
        lock.lock()
        defer { lock.unlock() }
        let prefixes = Set(skippedPrefixes)
        var used: [String: Int] = [:]
        var unused: [String: Int] = [:]
        var skipped: [String: Int] = [:]
        func walk(_ value: Any?, path: String, inSkipped: Bool) {
            let inSkipped = inSkipped || prefixes.contains(path)
            switch value {
            case let object as [String: Any]:
                for (key, child) in object { walk(child, path: path + "." + key, inSkipped: inSkipped) }
            case let list as [Any]:
                for (i, child) in list.enumerated() { walk(child, path: path + "[\(i)]", inSkipped: inSkipped) }
            case nil, is NSNull:
                return
            default:
                if let s = value as? String, s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
                let field = name(JSONNode(value, path: path))
                if taken.contains(path) {
                    used[field, default: 0] += 1
                } else if inSkipped {
                    skipped[field, default: 0] += 1
                } else {
                    unused[field, default: 0] += 1
                }
            }
        }
        walk(root.value, path: root.path, inSkipped: false)
        return (used, unused, skipped)
    }

    /// Fills an account's field counts from the census of the document.
    func fill(
        _ account: inout ImportAccount, root: JSONNode, name: (JSONNode) -> String = { JSONUse.plainName($0.path) }
    ) {
        let c = census(in: root, name: name)
        account.usedFields = c.used
        account.unusedFields = c.unused
        account.fieldsOfSkippedRecords = c.skipped
    }

    /// "$.entry[3].resource.code.coding[0].system" → "entry.resource.code.coding.system".
    static func plainName(_ path: String) -> String {
        var out = ""
        var inIndex = false
        for ch in path {
            if ch == "[" {
                inIndex = true
                continue
            }
            if ch == "]" {
                inIndex = false
                continue
            }
            if !inIndex { out.append(ch) }
        }
        if out.hasPrefix("$.") { out.removeFirst(2) } else if out == "$" { out = "(document)" }
        return out
    }
}
