import BoardModel

/// The gene symbols of a trial's genomic criteria (`hugo_symbol`, `fusion_partner_hugo_symbol`) read through the
/// bundled HGNC release like the genes of a lab file, so that a trial naming "MLL3" or "HER2" is compared with
/// findings stored as KMT2C or ERBB2; an ambiguous symbol ("NEU": ERBB2 or NEU1) stays as written. A leading `!`
/// (CTML negation) is kept.
extension Criterion {
    func readingGenes(_ genes: inout GeneNaming) -> Criterion {
        switch self {
        case .all(let list): return .all(list.map { $0.readingGenes(&genes) })
        case .any(let list): return .any(list.map { $0.readingGenes(&genes) })
        case .clinical: return self
        case .genomic(var node):
            node.hugoSymbol = node.hugoSymbol.map { Self.symbol($0, &genes) }
            node.fusionPartnerHugoSymbol = node.fusionPartnerHugoSymbol.map { Self.symbol($0, &genes) }
            return .genomic(node)
        }
    }

    private static func symbol(_ written: String, _ genes: inout GeneNaming) -> String {
        let negated = written.hasPrefix("!")
        let body = negated ? String(written.dropFirst()) : written
        return (negated ? "!" : "") + (genes.symbol(body) ?? body)
    }
}
