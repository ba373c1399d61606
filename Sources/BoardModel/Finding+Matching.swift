import Foundation

/// Which findings trial matching reads. A whole exome attached to a case is hundreds of thousands of rows, most of
/// them without a gene (a sites-only VCF): matching reads none of those but for one fact, that the case has a tumour
/// profile at all. The store keeps the rows matching reads in an index of their own (migration v10), so a big case is
/// matched from its summary, never from a scan of all its findings; this is the same rule for a record held whole.
extension Finding {
    /// Matching reads the finding: a biomarker, or an alteration that names a gene or fusion partners.
    public var isReadByMatching: Bool { kind == .biomarker || gene != nil || partners != nil }

    /// The finding says the case has a tumour molecular profile, the only ground on which the absence of an
    /// alteration can be read: a somatic (or unknown-origin) variant, copy-number or structural call, or a TMB/MSI
    /// result. Receptor IHC, germline-only results and file references are not tumour profiles.
    public var establishesTumourProfile: Bool {
        if kind == .biomarker { return biomarker?.kind == .tmb || biomarker?.kind == .msi }
        return origin != .germline
    }
}

extension Array where Element == Finding {
    /// The findings matching reads (`isReadByMatching`), in the case's order; when none of them establishes a tumour
    /// profile but another finding does, the first such finding by id (UTF-8 order, as the store's primary key) is
    /// appended as the profile's witness. Matching this summary gives exactly the matches of the whole list.
    public func matchingSummary() -> [Finding] {
        if allSatisfy(\.isReadByMatching) { return self }
        let read = filter(\.isReadByMatching)
        if read.contains(where: \.establishesTumourProfile) { return read }
        var witness: Finding?
        for f in self where !f.isReadByMatching && f.establishesTumourProfile {
            if let w = witness, !f.id.utf8.lexicographicallyPrecedes(w.id.utf8) { continue }
            witness = f
        }
        return read + (witness.map { [$0] } ?? [])
    }
}
