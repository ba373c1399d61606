import Foundation

/// A knowledge-base evidence entry about "gene variant", to add to every matching finding in the store.
public struct EvidenceAttachment: Sendable, Hashable {
    public var gene: String
    public var variant: String
    public var entry: EvidenceEntry

    public init(gene: String, variant: String, entry: EvidenceEntry) {
        self.gene = gene
        self.variant = variant
        self.entry = entry
    }
}
