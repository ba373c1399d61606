import Foundation

extension Finding {
    /// Evidence about variants of a stated origin attached to a finding whose origin is unknown: "origin unknown:
    /// somatic evidence may not apply". CIViC states each item's variant origin (somatic or germline, civic-docs
    /// model/evidence/origin); a finding from a file that says neither tumour nor germline may be either, so the board
    /// must never read such evidence as if the variant were somatic (or germline). Nil when the origin is known or no
    /// evidence states one.
    /// Reports that disagree on the origin are said first ("origin unknown: the reports disagree: somatic (…),
    /// germline (…)").
    public var originCaution: String? {
        guard origin == .unknown else { return nil }
        let stated = VariantOrigin.allCases.filter { o in o != .unknown && evidence.contains { $0.origin == o } }
        let evidenceWords =
            stated.isEmpty ? nil : stated.map(\.rawValue).joined(separator: " and ") + " evidence may not apply"
        let said = [originDisagreement, evidenceWords].compactMap { $0 }
        return said.isEmpty ? nil : "origin unknown: " + said.joined(separator: "; ")
    }

    /// The same for one evidence item: "somatic evidence; this finding's origin is unknown, so it may not apply".
    public func originCaution(for entry: EvidenceEntry) -> String? {
        guard origin == .unknown, let o = entry.origin, o != .unknown else { return nil }
        return "\(o.rawValue) evidence; this finding's origin is unknown, so it may not apply"
    }
}
