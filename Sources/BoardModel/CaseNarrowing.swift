import Foundation

/// Which cases can have a stored match against some trials, decided from `CaseFacts` alone. `admits` may say yes for a
/// case that turns out to match nothing; it never says no for a case that would have a match (eligible, possibly
/// eligible, or a near miss). Admitting more facts never admits fewer cases: more genes, no tumour profile, partners
/// or biomarkers can only add to what is admitted.
public protocol CaseNarrowing: Sendable {
    /// The gene spellings (as the store holds them) the trials' criteria can read.
    func genesOfInterest(_ spelling: String) -> Bool
    /// Whether a case with these facts can have a match.
    func admits(_ facts: CaseFacts) -> Bool
    /// Whether biomarker findings can make a case a near miss (so `CaseFacts.biomarkers` must be read).
    var readsBiomarkers: Bool { get }
}
