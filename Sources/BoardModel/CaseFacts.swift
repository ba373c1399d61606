import Foundation

/// The few facts about a case that say whether a trial could match it at all, read from a store's indexes without
/// reading the case: its OncoTree code, which of the genes a trial names its findings carry, and whether it may lack
/// a tumour profile. Adding one trial to a big board re-matches only the cases whose facts a `CaseNarrowing` admits.
public struct CaseFacts: Sendable, Hashable {
    public var oncotreeCode: String?
    /// The gene spellings of its findings, of those the narrowing asked about (`CaseNarrowing.genesOfInterest`).
    public var genes: Set<String>
    /// The case certainly has a tumour profile (`Finding.establishesTumourProfile`); false when it has none or the
    /// store cannot tell cheaply (false admits more cases, never fewer).
    public var tumourProfile: Bool
    /// A finding names fusion partners (their genes are read as the finding's genes).
    public var partners: Bool
    /// The case has a biomarker finding (TMB, MSI, MMR, receptors…).
    public var biomarkers: Bool

    public init(
        oncotreeCode: String?, genes: Set<String> = [], tumourProfile: Bool = true, partners: Bool = false,
        biomarkers: Bool = false
    ) {
        self.oncotreeCode = oncotreeCode
        self.genes = genes
        self.tumourProfile = tumourProfile
        self.partners = partners
        self.biomarkers = biomarkers
    }

    /// The facts of a record held whole (what a store without indexes for them reads).
    public init(of record: Case, genesOfInterest: (String) -> Bool) {
        self.init(
            oncotreeCode: record.diagnosis.oncotreeCode,
            genes: Set(record.findings.compactMap(\.gene).filter(genesOfInterest)),
            tumourProfile: record.findings.contains(where: \.establishesTumourProfile),
            partners: record.findings.contains { $0.partners != nil },
            biomarkers: record.findings.contains { $0.kind == .biomarker })
    }
}
