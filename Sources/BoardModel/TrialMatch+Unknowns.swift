import Foundation

extension TrialMatch {
    /// `missingData` as the board reads it: each item once, in first-mentioned order (several criteria often
    /// wait on the same test, and "EGFR; EGFR; EGFR" reads like three tests).
    public var dataToSettle: [String] {
        var seen = Set<String>()
        return missingData.filter { seen.insert($0.trimmingCharacters(in: .whitespaces).lowercased()).inserted }
    }
}
