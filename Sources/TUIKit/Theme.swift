import Foundation
import Yams

/// Maps every `StyleRole` to a `Style`; loaded from YAML files in Themes/ or built in code.
///
/// Roles a theme leaves out fall back to their monochrome attributes, so a partial user theme still
/// shows selection and levels distinctly. The bundled files cover every role the app registers (a test checks it).
public struct Theme: Hashable, Sendable {
    public var name: String
    public var summary: String?
    public var styles: [StyleRole: Style]

    public init(name: String, summary: String? = nil, styles: [StyleRole: Style]) {
        self.name = name
        self.summary = summary
        self.styles = styles
    }

    /// The style for `role`, falling back to the role's monochrome attributes when the theme omits it.
    public func style(for role: StyleRole) -> Style {
        styles[role] ?? role.monochrome
    }

    public subscript(role: StyleRole) -> Style { style(for: role) }

    /// Registered roles the theme does not define explicitly.
    public func missingRoles(of roles: StyleRoles) -> [StyleRole] { roles.all.filter { styles[$0] == nil } }

    /// The same theme with colours stripped (attributes kept).
    public var withoutColors: Theme {
        Theme(name: name, summary: summary, styles: styles.mapValues(\.withoutColors))
    }

    /// Whether the app should ignore colours: NO_COLOR present (any value), TERM unset, dumb or
    /// vt100/vt102/vt220, or a terminal without colours.
    public static func prefersMonochrome(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        terminalHasColors: Bool = true
    ) -> Bool {
        if environment["NO_COLOR"] != nil { return true }
        if !terminalHasColors { return true }
        return prefersMonochromeTerm(environment["TERM"])
    }

    /// True for TERM values that mean "no colour": unset, dumb, vt100/vt102/vt220.
    public static func prefersMonochromeTerm(_ term: String?) -> Bool {
        guard let term = term?.lowercased(), !term.isEmpty else { return true }
        return term == "dumb" || term.hasPrefix("vt100") || term.hasPrefix("vt102") || term.hasPrefix("vt220")
    }

    // MARK: Loading

    /// Reads and parses a YAML theme file whose keys are `roles`; errors name the file (as given), line and key.
    public static func load(path: String, roles: StyleRoles) throws -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(
                source: path,
                message:
                    "cannot read theme file (\(FileManager.default.fileExists(atPath: path) ? "not readable UTF-8" : "no such file"))"
            )
        }
        let fallbackName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(yaml: text, source: path, defaultName: fallbackName, roles: roles)
    }

    /// Parses theme YAML: `name`, optional `description`, and `styles: {role: {fg, bg, bold, underline, reverse, dim, italic}}`,
    /// where each role is one of `roles`.
    public static func parse(yaml: String, source: String, defaultName: String? = nil, roles: StyleRoles) throws
        -> Theme
    {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, source: source)
        } catch {
            throw ThemeError(source: source, message: "invalid YAML: \(error)")
        }
        guard let root else { throw ThemeError(source: source, message: "empty theme file (expected name and styles)") }
        guard let top = root.mapping else {
            throw ThemeError(
                source: source, line: root.mark?.line, message: "expected a mapping with keys name, description, styles"
            )
        }
        var name = defaultName ?? source
        var summary: String?
        var stylesNode: Node?
        let topKeys = ["name", "description", "styles"]
        for (k, v) in top {
            let key = k.string ?? ""
            switch key {
            case "name":
                guard let s = v.scalar?.string, !s.isEmpty else {
                    throw ThemeError(
                        source: source, line: v.mark?.line, keyPath: "name", message: "expected a non-empty string")
                }
                name = s
            case "description":
                summary = v.scalar?.string
            case "styles":
                stylesNode = v
            default:
                throw ThemeError(
                    source: source, line: k.mark?.line, keyPath: key,
                    message:
                        "unknown key \"\(key)\"\(suggestion(key, topKeys)) (expected one of \(topKeys.joined(separator: ", ")))"
                )
            }
        }
        guard let stylesNode else {
            throw ThemeError(
                source: source, keyPath: "styles", message: "missing (expected a mapping of role names to styles)")
        }
        guard let stylesMap = stylesNode.mapping else {
            throw ThemeError(
                source: source, line: stylesNode.mark?.line, keyPath: "styles",
                message: "expected a mapping of role names to styles")
        }
        var styles: [StyleRole: Style] = [:]
        let roleNames = roles.names
        for (k, v) in stylesMap {
            let roleName = k.string ?? ""
            guard let role = roles.role(named: roleName) else {
                throw ThemeError(
                    source: source, line: k.mark?.line, keyPath: "styles.\(roleName)",
                    message:
                        "unknown role \"\(roleName)\"\(suggestion(roleName, roleNames)) (expected one of \(roleNames.joined(separator: ", ")))"
                )
            }
            styles[role] = try parseStyle(v, path: "styles.\(roleName)", source: source)
        }
        return Theme(name: name, summary: summary, styles: styles)
    }

    static func parseStyle(_ node: Node, path: String, source: String) throws -> Style {
        if let s = node.scalar, s.string.isEmpty || s.string == "~" || s.string == "null" { return .plain }
        guard let map = node.mapping else {
            throw ThemeError(
                source: source, line: node.mark?.line, keyPath: path,
                message: "expected a mapping such as {fg: white, bg: blue, bold: true}")
        }
        var style = Style()
        let keys = ["fg", "bg"] + Style.attributeKeys
        for (k, v) in map {
            let key = k.string ?? ""
            let keyPath = "\(path).\(key)"
            switch key {
            case "fg", "bg":
                guard let text = v.scalar?.string, let color = Color.parse(text) else {
                    let shown = v.scalar?.string ?? "(not a scalar)"
                    throw ThemeError(
                        source: source, line: v.mark?.line, keyPath: keyPath,
                        message:
                            "unknown colour \"\(shown)\"\(suggestion(shown.lowercased(), Color.acceptedSpellings)) (expected one of \(Color.acceptedSpellings.joined(separator: ", ")))"
                    )
                }
                if key == "fg" { style.fg = color } else { style.bg = color }
            case "bold", "underline", "reverse", "dim", "italic":
                guard let b = v.scalar.flatMap({ Bool.construct(from: $0) }) else {
                    throw ThemeError(
                        source: source, line: v.mark?.line, keyPath: keyPath,
                        message: "expected true or false, got \"\(v.scalar?.string ?? "(not a scalar)")\"")
                }
                switch key {
                case "bold": style.bold = b
                case "underline": style.underline = b
                case "reverse": style.reverse = b
                case "dim": style.dim = b
                default: style.italic = b
                }
            default:
                throw ThemeError(
                    source: source, line: k.mark?.line, keyPath: keyPath,
                    message:
                        "unknown attribute \"\(key)\"\(suggestion(key, keys)) (expected one of \(keys.joined(separator: ", ")))"
                )
            }
        }
        return style
    }

    static func yamlError(_ error: YamlError, source: String) -> ThemeError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ThemeError(source: source, line: mark.line, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ThemeError(
                source: source, line: context.mark.line, message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return ThemeError(source: source, message: "invalid YAML: \(text)")
        }
    }

    /// " (did you mean "x"?)" when a candidate is within a small edit distance.
    static func suggestion(_ word: String, _ candidates: [String]) -> String {
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(word.lowercased(), c.lowercased())
            if d <= max(1, c.count / 3), d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best.map { ", did you mean \"\($0.0)\"?" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Optimal string alignment: an adjacent transposition ("blod" → "bold") counts as one edit.
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
