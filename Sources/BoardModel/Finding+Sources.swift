import Foundation

extension Finding {
    /// This finding's own call, as one report's source.
    public var ownSource: FindingSource? {
        reportId.map {
            FindingSource(
                reportId: $0, vaf: vaf, vafSource: vafSource, depth: depth, altCount: altCount, refCount: refCount,
                filter: filter, genotype: genotype, origin: origin)
        }
    }

    /// "the reports disagree: somatic (maf:a.maf:S1), germline (vcf:g.vcf:S1)" when the reports that called this
    /// finding state different origins; nil otherwise.
    public var originDisagreement: String? {
        let stated = allSources.filter { $0.origin != nil && $0.origin != .unknown }
        guard Set(stated.compactMap(\.origin)).count > 1 else { return nil }
        return "the reports disagree: "
            + stated.compactMap { s in s.origin.map { "\($0.rawValue) (\(s.reportId))" } }.joined(separator: ", ")
    }

    /// The reports that called this finding: `sources`, else its own report alone.
    public var allSources: [FindingSource] { sources ?? ownSource.map { [$0] } ?? [] }

    /// The same variant called by another report of the same specimen (or the same report again), as one finding.
    ///
    /// The finding keeps its first report's annotation; a field that report left empty (gene, HGVS, transcript,
    /// consequence, class, an unknown origin) is filled from `other`, and evidence items `other` adds are kept. Read
    /// evidence stays per report in `sources`, never averaged: the top-level VAF and depth are the first report's,
    /// or those of the first report that measured them when it did not. When `other` is a new version of the first
    /// report itself, its content replaces the old and the other reports' calls stay.
    public func merged(with other: Finding) -> Finding {
        var list = allSources
        for s in other.allSources {
            if let i = list.firstIndex(where: { $0.reportId == s.reportId }) { list[i] = s } else { list.append(s) }
        }
        var out: Finding
        if other.reportId == reportId {
            out = other
            out.fillAnnotation(from: self)
        } else {
            out = self
            out.fillAnnotation(from: other)
        }
        out.id = id
        out.sources = list.count > 1 ? list : nil
        // Reports of one specimen that state different origins (a somatic caller and a germline one) leave the
        // origin unknown, with why (`originDisagreement`): the first report read never settles it.
        if out.originDisagreement != nil { out.origin = .unknown }
        if out.vaf == nil && out.depth == nil, let measured = list.first(where: { $0.vaf != nil || $0.depth != nil }) {
            out.vaf = measured.vaf
            out.vafSource = measured.vafSource
            out.depth = measured.depth
            out.altCount = measured.altCount
            out.refCount = measured.refCount
        }
        return out
    }

    /// Fills what this finding's report left empty from another report's call of the same variant.
    private mutating func fillAnnotation(from other: Finding) {
        func fill<T>(_ path: WritableKeyPath<Finding, T?>) {
            if self[keyPath: path] == nil { self[keyPath: path] = other[keyPath: path] }
        }
        fill(\.gene)
        fill(\.transcript)
        fill(\.hgvsC)
        if hgvsP == nil && hgvsPShort == nil {
            hgvsP = other.hgvsP
            hgvsPShort = other.hgvsPShort
            proteinDerivedFrom = other.proteinDerivedFrom
        }
        fill(\.hgvsG)
        fill(\.consequence)
        fill(\.exon)
        fill(\.classification)
        fill(\.end)
        fill(\.sourceId)
        fill(\.normalDepth)
        fill(\.normalAltCount)
        fill(\.normalVAF)
        if origin == .unknown { origin = other.origin }
        for e in other.evidence where !evidence.contains(e) { evidence.append(e) }
    }
}
