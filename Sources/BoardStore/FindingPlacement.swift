import BoardModel
import Foundation

/// Where a lab file's finding goes when its case already holds a finding of that id (the same variant) from a
/// report, the same on every backend. Two reports of one specimen make one finding with both sources
/// (`Finding.merged(with:)`); another specimen of the case (a recurrence, a metastasis) or another genome build
/// keeps a finding of its own.
enum FindingPlacement: Equatable {
    /// A new version of the stored finding's only report: the row is replaced.
    case replace
    /// Another report of the same specimen, or a new version of one of a merged finding's reports.
    case merge
    /// Another specimen or build: the row id with this suffix ("@TCGA-A1-A0SB-02").
    case ownRow(String)

    /// The rule. A report naming no specimen is taken to be about the specimen of the case's finding (as a lab
    /// file imported with --case is); a report naming no genome build agrees with any build, since its coordinates
    /// and alleles are the same as written.
    static func decide(storedReport: String?, storedHasSources: Bool, incoming: MolecularReport, in record: Case)
        -> FindingPlacement
    {
        guard let storedReport else { return .replace }
        if storedReport == incoming.id { return storedHasSources ? .merge : .replace }
        let stored = record.reports.first { $0.id == storedReport }
        if let a = stored?.specimen?.id, let b = incoming.specimen?.id, !SampleBarcode.sameSpecimen(a, b) {
            return .ownRow("@" + specimenKey(b))
        }
        if let a = stored?.genomeBuild, let b = incoming.genomeBuild, a != b { return .ownRow("@" + b) }
        return .merge
    }

    /// The specimen part of a row id: a TCGA/TARGET barcode's sample with its vial when written
    /// ("TCGA-A1-A0SB-02A" for every aliquot of that vial), so that aliquots of one specimen meet in one row and are
    /// merged (review 7 #6); any other sample name as written.
    static func specimenKey(_ specimen: String) -> String {
        guard let barcode = SampleBarcode(specimen) else { return specimen }
        return barcode.vial ?? barcode.sample ?? barcode.participant
    }

    /// A finding merged on the writing thread, made ready as `FindingWriter.prepare` makes a file's rows.
    static func prepared(_ f: Finding, key: String) throws -> FindingWriter.Prepared {
        try FindingWriter.Prepared(f, key: key, links: 0)
    }

    /// Whether a stored body holds several reports' calls (a merged finding).
    static func hasSources(_ body: some Collection<UInt8>) -> Bool {
        let needle = Array("\"sources\":".utf8)
        let bytes = Array(body)
        guard bytes.count >= needle.count else { return false }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
