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
    /// What the sample is, in the source's words (cBioPortal SAMPLE_DESCRIPTION or SAMPLE_DISPLAY_NAME).
    public var description: String?
    /// The sample's own OncoTree code (cBioPortal ONCOTREE_CODE, or a SAMPLE_DESCRIPTION that is an OncoTree name).
    public var oncotreeCode: String?
    /// The study's own sample columns the board has no field for (cBioPortal custom attributes); nil when none.
    public var attributes: [ClinicalAttribute]?

    public init(
        id: String? = nil, type: String? = nil, site: String? = nil, collectedOn: LocalDate? = nil,
        tumourPurity: Double? = nil, description: String? = nil, oncotreeCode: String? = nil,
        attributes: [ClinicalAttribute]? = nil
    ) {
        self.attributes = attributes
        self.id = id
        self.type = type
        self.site = site
        self.collectedOn = collectedOn
        self.tumourPurity = tumourPurity
        self.description = description
        self.oncotreeCode = oncotreeCode
    }

    /// "Embryonal Tumor [EMBT], tumour, site C72.9 : Central nervous system, purity 60%": what the sample is.
    public var summary: String {
        [
            description.map { d in d + (oncotreeCode.map { " [\($0)]" } ?? "") }
                ?? oncotreeCode.map { "[\($0)]" },
            type, site.map { "site \($0)" }, tumourPurity.map { "purity \(Int(($0 * 100).rounded()))%" },
        ].compactMap { $0 }.joined(separator: ", ")
    }
}
