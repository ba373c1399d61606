import Foundation

/// A lab's molecular report on one specimen: the source of a case's findings.
public struct MolecularReport: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var lab: String?
    /// Assay or panel ("FoundationOne CDx", "TSO500", "WES").
    public var assay: String?
    public var reportedOn: LocalDate?
    public var specimen: Specimen?
    /// Reference genome the report's coordinates are on ("GRCh37", "GRCh38", "NCBI36"), when the file says.
    public var genomeBuild: String?

    public init(
        id: String, lab: String? = nil, assay: String? = nil, reportedOn: LocalDate? = nil, specimen: Specimen? = nil,
        genomeBuild: String? = nil
    ) {
        self.id = id
        self.lab = lab
        self.assay = assay
        self.reportedOn = reportedOn
        self.specimen = specimen
        self.genomeBuild = genomeBuild
    }
}

/// The tissue or fluid a report was run on.
public struct Specimen: Codable, Sendable, Hashable {
    public var id: String?
    public var type: String?
    public var site: String?
    public var collectedOn: LocalDate?
    /// Tumour cell fraction, 0…1.
    public var tumourPurity: Double?

    public init(
        id: String? = nil, type: String? = nil, site: String? = nil, collectedOn: LocalDate? = nil,
        tumourPurity: Double? = nil
    ) {
        self.id = id
        self.type = type
        self.site = site
        self.collectedOn = collectedOn
        self.tumourPurity = tumourPurity
    }
}
