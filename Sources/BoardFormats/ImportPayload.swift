import Foundation
import BoardModel

/// Everything one or more files yielded: whole records (the bundle), findings that belong to a case
/// named elsewhere (VCF/MAF rows, FHIR variants without their Patient), knowledge to attach to findings
/// (CIViC), and what was left out and why. The store writes it all in one transaction.
public struct ImportPayload: Sendable {
    public var bundle: BoardBundle
    /// Cases that complete an existing record rather than replace it (cBioPortal clinical rows).
    public var partialCases: [Case]
    public var findingSets: [FindingSet]
    public var evidence: [EvidenceRecord]
    /// Reasons records or fields were left out, already counted ("12 Encounter resources: not used").
    public var skipped: [String]
    /// Things the user should know ("VCF: sample TUMOR taken as the tumour (NORMAL is the normal)").
    public var notes: [String]

    public init(bundle: BoardBundle = BoardBundle(), partialCases: [Case] = [], findingSets: [FindingSet] = [],
                evidence: [EvidenceRecord] = [], skipped: [String] = [], notes: [String] = []) {
        self.bundle = bundle
        self.partialCases = partialCases
        self.findingSets = findingSets
        self.evidence = evidence
        self.skipped = skipped
        self.notes = notes
    }

    public mutating func merge(_ other: ImportPayload) {
        bundle.merge(other.bundle)
        partialCases += other.partialCases
        findingSets += other.findingSets
        evidence += other.evidence
        skipped += other.skipped
        notes += other.notes
    }

    /// Number of records in the payload, for progress and the "nothing to import" check.
    public var recordCount: Int {
        let b = bundle
        return b.boards.count + b.cases.count + b.trials.count + b.meetings.count + b.notes.count + b.decisions.count
            + partialCases.count + findingSets.reduce(0) { $0 + $1.findings.count } + evidence.count
    }
}

/// Findings read from one sample of one file, waiting to be attached to a case.
/// Finding ids inside a set are local keys ("7:140453136:A:T"); the store prefixes the case id.
public struct FindingSet: Sendable {
    /// The case named with `--case`, when given.
    public var caseId: String?
    /// The sample as the file names it (VCF column, MAF Tumor_Sample_Barcode, FHIR subject id).
    public var sample: String?
    /// A report recording where the findings came from (file, assay, specimen).
    public var report: MolecularReport
    public var findings: [Finding]

    public init(caseId: String? = nil, sample: String?, report: MolecularReport, findings: [Finding]) {
        self.caseId = caseId
        self.sample = sample
        self.report = report
        self.findings = findings
    }
}

/// One knowledge-base statement about a gene and variant ("BRAF V600E"), to attach to matching findings.
public struct EvidenceRecord: Sendable, Hashable {
    public var gene: String
    /// The variant as the knowledge base names it: "V600E", "AMPLIFICATION", "EXON 19 DELETION", …
    public var variant: String
    public var entry: EvidenceEntry

    public init(gene: String, variant: String, entry: EvidenceEntry) {
        self.gene = gene
        self.variant = variant
        self.entry = entry
    }
}
