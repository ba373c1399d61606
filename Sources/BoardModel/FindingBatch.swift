import Foundation

/// Findings from one sample of one file, to attach to a case that already exists (or arrives in the same import).
/// Readers (BoardFormats) produce them and the store (BoardStore) attaches them: one type for both sides.
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
    /// When no case matches `sample`, make one for it (a MAF's Tumor_Sample_Barcode is a specimen of its own case)
    /// instead of leaving the findings out.
    public var createsCase: Bool = false

    /// Reports the VCF and MAF readers mint ("vcf:<file>:<sample>", "maf:<file>:<sample>"): their findings were
    /// attached from lab files, so re-importing the case's own record (FHIR, Phenopacket, native) keeps them.
    public static let labFileReportPrefixes = ["vcf:", "maf:"]

    /// Reports the FHIR reader mints for Observations whose Patient is not in the file ("fhir:<file>:<subject>"):
    /// additions to a clinical record, which never make a case (see the README's "patient not in the store" rule).
    public static func isClinicalRecordReport(_ id: String?) -> Bool { id?.hasPrefix("fhir:") == true }

    public static func isLabFileReport(_ id: String?) -> Bool {
        guard let id else { return false }
        return labFileReportPrefixes.contains { id.hasPrefix($0) }
    }

    public init(caseId: String?, sample: String?, report: MolecularReport, findings: [Finding]) {
        self.caseId = caseId
        self.sample = sample
        self.report = report
        self.findings = findings
    }
}
