import BoardModel
import Foundation

/// Everything one or more files yielded: whole records (the bundle), findings that belong to a case
/// named elsewhere (VCF/MAF rows, FHIR variants without their Patient), knowledge to attach to findings
/// (CIViC), and what was left out and why. The store writes it all in one transaction.
public struct ImportPayload: Sendable {
    public var bundle: BoardBundle
    /// Cases that complete an existing record rather than replace it (cBioPortal clinical rows).
    public var partialCases: [Case]
    /// Events for cases that must already exist (cBioPortal timeline rows): added to them, never creating a case.
    public var caseAdditions: [Case] = []
    public var findingSets: [FindingBatch]
    /// VCF and MAF files not yet parsed: the store parses them on a second thread while it writes.
    public var findingStreams: [FindingStream]
    public var evidence: [EvidenceAttachment]
    /// Where knowledge-base variants lie (CIViC coordinates), so evidence also reaches findings by position.
    public var evidenceLoci: [EvidenceLocus] = []
    /// Reasons records or fields were left out, already counted ("12 Encounter resources: not used").
    public var skipped: [String]
    /// Things the user should know ("VCF: sample TUMOR taken as the tumour (NORMAL is the normal)").
    public var notes: [String]
    /// Per file: records read and skipped, invalid values, fields not used (streamed lab files add theirs when parsed).
    public var accounts: [ImportAccount] = []

    public init(
        bundle: BoardBundle = BoardBundle(), partialCases: [Case] = [], findingSets: [FindingBatch] = [],
        findingStreams: [FindingStream] = [], evidence: [EvidenceAttachment] = [], skipped: [String] = [],
        notes: [String] = []
    ) {
        self.bundle = bundle
        self.partialCases = partialCases
        self.findingSets = findingSets
        self.findingStreams = findingStreams
        self.evidence = evidence
        self.skipped = skipped
        self.notes = notes
    }

    public mutating func merge(_ other: ImportPayload) {
        bundle.merge(other.bundle)
        partialCases += other.partialCases
        caseAdditions += other.caseAdditions
        findingSets += other.findingSets
        findingStreams += other.findingStreams
        evidence += other.evidence
        evidenceLoci += other.evidenceLoci
        skipped += other.skipped
        notes += other.notes
        accounts += other.accounts
    }

    /// Number of records in the payload, for progress and the "nothing to import" check.
    public var recordCount: Int {
        let b = bundle
        return b.boards.count + b.cases.count + b.trials.count + b.meetings.count + b.notes.count + b.decisions.count
            + partialCases.count + caseAdditions.count + findingSets.reduce(0) { $0 + $1.findings.count }
            + evidence.count + evidenceLoci.count
    }
}
