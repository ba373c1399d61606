import BoardModel

/// The Molecular tab's Class cell when the column is narrow: the standard abbreviations instead of a cut word
/// ("pathoge…"): P, LP, VUS, LB, B of the ACMG/AMP germline guideline (Richards et al. 2015) and O, LO of the
/// ClinGen/CGC/VICC oncogenicity standard (Horak et al. 2022), which uses VUS, LB and B the same way.
enum ClassificationCell {
    /// Width of the narrow column: the header "Class" and the longest abbreviation fit.
    static let narrowWidth = 5

    static func abbreviation(_ c: Classification) -> String {
        switch c {
        case .oncogenic: "O"
        case .likelyOncogenic: "LO"
        case .pathogenic: "P"
        case .likelyPathogenic: "LP"
        case .vus: "VUS"
        case .likelyBenign: "LB"
        case .benign: "B"
        }
    }

    /// The full label when it fits the column, else the abbreviation.
    static func text(_ c: Classification?, width: Int) -> String {
        guard let c else { return "" }
        return c.label.count <= width ? c.label : abbreviation(c)
    }
}
