import Foundation

/// Completes a typed name from a list (the board's rosters): names that start with what was typed, then names
/// with a later word that does, ignoring case and accents ("cal" finds "Inés Calderón", "ines" too).
enum NameCompletion {
    static func candidates(for typed: String, among names: [String]) -> [String] {
        let key = fold(typed.trimmingCharacters(in: .whitespaces))
        guard !key.isEmpty else { return names }
        let starts = names.filter { fold($0).hasPrefix(key) }
        let words = names.filter { name in
            !starts.contains(name) && fold(name).split(separator: " ").dropFirst().contains { $0.hasPrefix(key) }
        }
        return starts + words
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en"))
    }
}
