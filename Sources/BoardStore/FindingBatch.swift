import Foundation
import BoardModel

/// Findings from one sample of one file, to attach to a case that already exists (or arrives in the same import).
/// Finding ids are local keys ("7:140453136:A:T"); the store stores them as "<case id>/<key>" so re-importing the
/// same file updates the same rows.
public struct FindingBatch: Sendable {
    /// The case named on the command line; when nil the store looks the case up by `sample`.
    public var caseId: String?
    /// Sample name: matches a case id, or the specimen id (or report id) of one of a case's reports.
    public var sample: String?
    /// Where the findings came from; added to the case's reports when new.
    public var report: MolecularReport
    public var findings: [Finding]

    public init(caseId: String?, sample: String?, report: MolecularReport, findings: [Finding]) {
        self.caseId = caseId
        self.sample = sample
        self.report = report
        self.findings = findings
    }
}

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
