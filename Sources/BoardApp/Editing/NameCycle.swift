import Foundation

/// Tab completion of a person's name in a bottom-line prompt: the letters typed before the first Tab pick the names
/// `NameCompletion` offers (accents and case ignored, a later word counts); each further Tab shows the next one.
/// Typing starts afresh.
struct NameCycle {
    /// What was typed when completion began (nil before the first Tab).
    private(set) var typed: String?
    private(set) var matches: [String] = []
    private var index = -1

    /// The next name to show, or nil when none matches what was typed.
    mutating func next(typed text: String, names: [String]) -> String? {
        if typed == nil || !matches.contains(text) {
            typed = text
            var seen = Set<String>()
            matches = NameCompletion.candidates(for: text, among: names).filter { seen.insert($0).inserted }
            index = -1
        }
        guard !matches.isEmpty else { return nil }
        index = (index + 1) % matches.count
        return matches[index]
    }
}
