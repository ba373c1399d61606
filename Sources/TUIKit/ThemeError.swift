/// A problem in a theme file, phrased for the person who edits it: file, line, key path, what was expected.
///
/// `description` is one line such as
/// `Themes/x.yaml:7: styles.selection.fg: unknown colour "purpel" (expected one of default, black, …)`.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// File path (or the `source` name given to `Theme.parse`).
    public var source: String
    /// 1-based line in the file, when the YAML parser knows it.
    public var line: Int?
    /// Dotted key path such as `styles.selection.fg`; nil for whole-file problems.
    public var keyPath: String?
    public var message: String

    public init(source: String, line: Int? = nil, keyPath: String? = nil, message: String) {
        self.source = source
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        var s = source
        if let line { s += ":\(line)" }
        if let keyPath { s += ": \(keyPath)" }
        return s + ": " + message
    }
}
