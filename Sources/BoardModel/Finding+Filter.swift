import Foundation

/// A call the caller's own filters rejected (VCF FILTER or the sample's FT not PASS, MAF FILTER) is kept but must
/// never read like a passing call: lists mark it in words and put it after the passing calls.
extension Finding {
    /// The caller's reasons, FILTER first then the sample's FT; empty for a passing (or unfiltered) call.
    public var filterReasons: [String] {
        [filter, sampleFilter].compactMap { $0 }
            .flatMap {
                $0.split(whereSeparator: { $0 == ";" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }
            }
            .filter { !$0.isEmpty && $0 != "PASS" && $0 != "." }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// True when the caller did not pass the call.
    public var isFiltered: Bool { !filterReasons.isEmpty }

    /// "filtered: PON, LowQual", or nil for a passing call.
    public var filterMark: String? { isFiltered ? "filtered: " + filterReasons.joined(separator: ", ") : nil }
}
