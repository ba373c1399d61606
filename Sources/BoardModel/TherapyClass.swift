import Foundation

/// The class a cancer drug belongs to by its target, as a board says it ("FGFR inhibitor", "PD-1/PD-L1
/// inhibitor"): the WHO ATC L01E subgroups (protein kinase inhibitors by target: L01EA BCR-ABL … L01EN FGFR),
/// L01FF (PD-1/PD-L1) and L01XK (PARP), ATC/DDD Index 2024; drugs ATC files under "other" (L01EX, L01XX) are
/// named by their target as their labels state (NTRK, MET, RET, KRAS G12C, IDH). Used to say what precedents
/// recommended ("5 recommended FGFR inhibitor"); a drug not listed has no class and is named itself.
public enum TherapyClass {
    static let byDrug: [String: String] = {
        let classes: [(String, [String])] = [
            ("BCR-ABL/KIT inhibitor", ["imatinib", "dasatinib", "nilotinib", "bosutinib", "ponatinib", "asciminib"]),
            ("EGFR inhibitor", ["gefitinib", "erlotinib", "afatinib", "osimertinib", "dacomitinib", "mobocertinib"]),
            ("BRAF inhibitor", ["vemurafenib", "dabrafenib", "encorafenib"]),
            ("ALK inhibitor", ["crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib"]),
            ("MEK inhibitor", ["trametinib", "cobimetinib", "binimetinib", "selumetinib"]),
            ("CDK4/6 inhibitor", ["palbociclib", "ribociclib", "abemaciclib"]),
            ("mTOR inhibitor", ["everolimus", "temsirolimus"]),
            (
                "HER2 inhibitor",
                [
                    "lapatinib", "neratinib", "tucatinib", "trastuzumab", "pertuzumab", "trastuzumab deruxtecan",
                    "trastuzumab emtansine",
                ]
            ),
            ("JAK inhibitor", ["ruxolitinib", "fedratinib", "pacritinib", "momelotinib"]),
            ("BTK inhibitor", ["ibrutinib", "acalabrutinib", "zanubrutinib", "pirtobrutinib"]),
            (
                "PI3K/AKT inhibitor",
                ["idelalisib", "copanlisib", "duvelisib", "alpelisib", "inavolisib", "capivasertib"]
            ),
            ("FGFR inhibitor", ["erdafitinib", "pemigatinib", "futibatinib", "infigratinib"]),
            ("NTRK inhibitor", ["larotrectinib", "entrectinib", "repotrectinib"]),
            ("MET inhibitor", ["capmatinib", "tepotinib", "savolitinib"]),
            ("RET inhibitor", ["selpercatinib", "pralsetinib"]),
            ("KIT/PDGFRA inhibitor", ["avapritinib", "ripretinib"]),
            ("KRAS G12C inhibitor", ["sotorasib", "adagrasib"]),
            ("IDH inhibitor", ["ivosidenib", "olutasidenib", "enasidenib", "vorasidenib"]),
            ("PARP inhibitor", ["olaparib", "niraparib", "rucaparib", "talazoparib"]),
            (
                "PD-1/PD-L1 inhibitor",
                [
                    "nivolumab", "pembrolizumab", "cemiplimab", "dostarlimab", "atezolizumab", "durvalumab", "avelumab",
                    "tislelizumab",
                ]
            ),
            ("CTLA-4 inhibitor", ["ipilimumab", "tremelimumab"]),
            (
                "multikinase (VEGFR) inhibitor",
                [
                    "sunitinib", "sorafenib", "pazopanib", "regorafenib", "lenvatinib", "cabozantinib", "axitinib",
                    "vandetanib",
                ]
            ),
        ]
        var map: [String: String] = [:]
        for (name, drugs) in classes { for drug in drugs { map[drug] = name } }
        return map
    }()

    /// The class of one drug (by its ingredient name, case-insensitive), or nil.
    public static func of(drug: String) -> String? {
        byDrug[drug.lowercased().trimmingCharacters(in: .whitespaces)]
    }

    /// What a recommendation recommends, in a few words: "clinical trial", "FGFR inhibitor",
    /// "PD-1/PD-L1 inhibitor + CTLA-4 inhibitor", else the therapy as written ("FOLFOX") or the kind.
    public static func gist(of rec: Recommendation) -> String {
        if rec.kind == .clinicalTrial { return "clinical trial" }
        let classes = rec.drugNames.compactMap(of(drug:)).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        if !classes.isEmpty { return classes.joined(separator: " + ") }
        return rec.therapy ?? rec.kind.label
    }
}
