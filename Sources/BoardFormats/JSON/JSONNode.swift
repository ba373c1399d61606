import Foundation

/// A parsed JSON (or YAML) value that knows its path ("$.entry[3].resource.code"), so readers of loosely
/// structured formats (FHIR, Phenopackets, ClinicalTrials.gov, CTML) can say exactly where a problem is.
struct JSONNode {
    let value: Any?
    let path: String
    /// When set, every scalar a reader takes is recorded, so the fields nobody read can be listed (JSONUse).
    let use: JSONUse?

    init(_ value: Any?, path: String = "$", use: JSONUse? = nil) {
        self.value = value is NSNull ? nil : value
        self.path = path
        self.use = use
    }

    /// The same document, recording what is read from it.
    func tracked(by use: JSONUse) -> JSONNode { JSONNode(value, path: path, use: use) }

    /// Parses JSON text with located syntax and UTF-8 errors.
    static func parse(_ data: Data, file: String) throws -> JSONNode {
        guard String(data: data, encoding: .utf8) != nil else {
            throw ImportError(
                file: file, location: JSONPosition.firstInvalidUTF8(in: data),
                message: "invalid UTF-8; expected UTF-8 JSON")
        }
        do {
            return JSONNode(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        } catch {
            let syntax = JSONPosition.syntaxError(in: data)
            throw ImportError(
                file: file, location: syntax?.location, message: "not valid JSON (\(syntax?.message ?? "syntax error"))"
            )
        }
    }

    subscript(key: String) -> JSONNode {
        JSONNode((value as? [String: Any])?[key], path: path + "." + key, use: use)
    }

    var exists: Bool { value != nil }
    var object: [String: Any]? { value as? [String: Any] }
    var keys: [String] { object.map { Array($0.keys) } ?? [] }

    /// Elements of an array; a single object counts as a one-element list (YAML and FHIR both do that).
    var array: [JSONNode] {
        if let list = value as? [Any] {
            return list.enumerated().map { JSONNode($1, path: path + "[\($0)]", use: use) }
        }
        if value is [String: Any] { return [self] }
        return []
    }

    var string: String? {
        use?.took(path)
        switch value {
        case let s as String:
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        case let b as Bool where type(of: value!) == Bool.self:
            return b ? "true" : "false"
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            if n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e15 { return String(Int(n.doubleValue)) }
            return n.stringValue
        default: return nil
        }
    }

    var double: Double? {
        use?.took(path)
        if let n = value as? NSNumber { return n.doubleValue }
        if let s = value as? String { return Double(s.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    var int: Int? {
        if let d = double, d == d.rounded(), abs(d) < 1e15 { return Int(d) }
        return nil
    }

    var bool: Bool? {
        use?.took(path)
        if let n = value as? NSNumber { return n.boolValue }
        switch string?.lowercased() {
        case "true", "yes", "y": return true
        case "false", "no", "n": return false
        default: return nil
        }
    }

    func requireString(_ file: String, expected: String) throws -> String {
        guard let s = string else {
            throw ImportError(
                file: file, location: path, message: exists ? "expected \(expected) as a string" : "missing \(expected)"
            )
        }
        return s
    }
}
