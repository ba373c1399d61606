import Foundation

/// A file the board cannot use, with where and what was expected: one line for the user.
/// Messages never quote identifying values (names, MRNs, birth dates) — only paths and positions.
public struct ImportError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// "$.cases[3].diagnosis.text" or "line 12, column 4".
    public var location: String?
    public var message: String

    public init(file: String, location: String? = nil, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String {
        [file, location, message].compactMap { $0 }.joined(separator: ": ")
    }
}
