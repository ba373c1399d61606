/// How a gene symbol found in a file stands against the bundled HGNC release: already approved, the previous or
/// alias symbol of exactly one approved gene (read as that gene), or not settled — ambiguous between several genes,
/// withdrawn without replacement, or unknown. An unsettled symbol is kept as written and named in the import
/// account with its candidates; it is never replaced by a guess.
public struct GeneSymbolReading: Sendable, Equatable {
    public enum Standing: String, Sendable, Equatable {
        /// The approved symbol (perhaps written in another case: "c9orf72" → "C9orf72").
        case approved
        /// A previous symbol of exactly one approved gene ("MLL3" → "KMT2C").
        case previousSymbol
        /// An alias symbol of exactly one approved gene.
        case aliasSymbol
        /// A withdrawn symbol whose entry names exactly one replacement.
        case withdrawnReplaced
        /// Previous, alias or withdrawn symbol of several approved genes: which one the file meant is unknown.
        case ambiguous
        /// A withdrawn entry with no replacement.
        case withdrawn
        /// Not a symbol of the bundled HGNC release.
        case unknown
    }

    /// The text as the file gave it.
    public let written: String
    public let standing: Standing
    /// The approved symbol when settled (approved, previous, alias, withdrawn-replaced); nil otherwise.
    public let approved: String?
    /// HGNC id of the approved gene ("HGNC:7133") when settled.
    public let hgncId: String?
    /// HGNC locus type of the approved gene ("gene with protein product", "pseudogene"…) when settled.
    public let locusType: String?
    /// For an ambiguous symbol, the approved symbols it may stand for, sorted.
    public let candidates: [String]

    public init(
        written: String, standing: Standing, approved: String? = nil, hgncId: String? = nil, locusType: String? = nil,
        candidates: [String] = []
    ) {
        self.written = written
        self.standing = standing
        self.approved = approved
        self.hgncId = hgncId
        self.locusType = locusType
        self.candidates = candidates
    }

    /// What a finding stores: the approved symbol when settled, else the text as written.
    public var stored: String { approved ?? written }

    /// One line for the import account, or nil when the file wrote the approved symbol exactly.
    public var note: String? {
        switch standing {
        case .approved:
            return approved == written ? nil : "gene \(written) read as \(stored) (approved symbol in another case)"
        case .previousSymbol: return "gene \(written) read as \(stored) (previous HGNC symbol)"
        case .aliasSymbol: return "gene \(written) read as \(stored) (HGNC alias symbol)"
        case .withdrawnReplaced: return "gene \(written) read as \(stored) (withdrawn HGNC symbol, replaced)"
        case .ambiguous:
            return "gene \(written) kept as written: ambiguous, HGNC candidates \(candidates.joined(separator: ", "))"
        case .withdrawn: return "gene \(written) kept as written: HGNC entry withdrawn without replacement"
        case .unknown: return "gene \(written) kept as written: not an HGNC symbol"
        }
    }
}
