import Foundation

extension CaseOutcome {
    /// The event in one line without its date: "treatment started: pemigatinib; as recommended",
    /// "response: RECIST 1.1 PR", "toxicity (CTCAE ≥ 3): grade 3 Pneumonitis", then the remark; a retracted outcome
    /// says so first ("RETRACTED (wrong patient): …"). Never holds patient identifiers.
    public var summary: String {
        let text = event.summary(adding: [reason ?? ""])
        return retraction.map { "RETRACTED (\($0.reason)): " + text } ?? text
    }
}
