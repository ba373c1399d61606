import Foundation

/// Diagnosis codes and wordings to OncoTree codes of the bundled release, so that a FHIR Condition, a Phenopacket
/// disease or a registry condition lands on the same node. Sources (cited in README.md, "Reference data"):
/// - SNOMED CT International (concept ids of disorders and morphologic abnormalities, as used by mCODE and Synthea);
/// - ICD-10-CM 2024 chapter II (C00–D49) categories, by prefix; ICD-O-3.2 morphology codes with a topography;
/// - NCI Thesaurus (NCIt) neoplasm concepts, which OncoTree itself cross-references;
/// - the wording rules of OncoTree node names.
/// Rule (see realdata EXPECTED.md §1.9): the most specific node the record supports. A code or wording that names
/// only a site ("Malignant neoplasm of breast") maps to the tissue node (BREAST), never to a histology the record
/// does not state. Anything not covered stays unmapped, and the reader keeps the text and code and says so.
public enum OncoTreeCrosswalk {
    /// A concept id in a named system → OncoTree code. Keys: "SCT:<id>", "NCIT:<id>", "HP:<id>".
    static let concepts: [String: String] = [
        // SNOMED CT disorders: site only → tissue node.
        "SCT:254837009": "BREAST", "SCT:372064008": "BREAST", "SCT:353431000119107": "BREAST", "SCT:93796005": "BREAST",
        "SCT:126906006": "PROSTATE", "SCT:399068003": "PROSTATE", "SCT:93974005": "PROSTATE",
        "SCT:92691004": "PROSTATE",
        "SCT:363358000": "LUNG", "SCT:93880001": "LUNG",
        "SCT:363406005": "BOWEL", "SCT:93761005": "BOWEL", "SCT:109838007": "BOWEL", "SCT:363351006": "BOWEL",
        "SCT:363418001": "PANCREAS", "SCT:363443007": "OVARY", "SCT:363349007": "STOMACH", "SCT:363478007": "THYROID",
        "SCT:93655004": "BLADDER", "SCT:399326009": "BLADDER", "SCT:363518003": "KIDNEY",
        "SCT:363354003": "CERVIX", "SCT:363402007": "STOMACH",
        // SNOMED CT disorders that state the histology.
        "SCT:408643008": "IDC", "SCT:278054005": "ILC", "SCT:254637007": "NSCLC", "SCT:424132000": "NSCLC",
        "SCT:425048006": "NSCLC",
        "SCT:422968005": "NSCLC", "SCT:423121009": "NSCLC", "SCT:254632001": "SCLC", "SCT:372003004": "PAAD",
        "SCT:372244006": "MEL",
        "SCT:91861009": "AML", "SCT:92818009": "CML", "SCT:109989006": "PCM",
        // NCIt neoplasm concepts (Phenopackets, OncoTree cross-references).
        "NCIT:C7541": "RBL", "NCIT:C39853": "BLCA", "NCIT:C5596": "PRAD", "NCIT:C4872": "BRCA", "NCIT:C3058": "GB",
        "NCIT:C3224": "MEL",
        "NCIT:C2926": "NSCLC", "NCIT:C4878": "LUAD", "NCIT:C3493": "LUSC", "NCIT:C4917": "SCLC", "NCIT:C4194": "IDC",
        "NCIT:C7950": "ILC",
        "NCIT:C2955": "BOWEL", "NCIT:C4910": "BOWEL", "NCIT:C4863": "PROSTATE", "NCIT:C3512": "LUAD",
        "NCIT:C3174": "CML",
        "NCIT:C3242": "PCM", "NCIT:C3270": "NBL", "NCIT:C3267": "WT", "NCIT:C3222": "MBL",
        // HPO tumour terms that name a tumour type.
        "HP:0034402": "MRT", "HP:0009919": "RBL", "HP:0002885": "MBL", "HP:0002667": "WT", "HP:0003006": "NBL",
    ]

    /// ICD-10-CM category prefixes (longest match wins) → OncoTree. Site categories map to tissue nodes.
    static let icd10: [String: String] = [
        "C50": "BREAST", "C34": "LUNG", "C18": "BOWEL", "C19": "BOWEL", "C20": "BOWEL", "C61": "PROSTATE",
        "C25": "PANCREAS",
        "C56": "OVARY", "C43": "MEL", "C67": "BLADDER", "C16": "STOMACH", "C15": "STOMACH", "C73": "THYROID",
        "C71": "BRAIN",
        "C22.0": "HCC", "C22.1": "IHCH", "C64": "KIDNEY", "C53": "CERVIX", "C54": "UTERUS", "C62": "TESTIS",
        "C92.0": "AML",
        "C92.1": "CML", "C90.0": "PCM", "C91.1": "CLLSLL", "C69.2": "RBL", "C81": "HL",
    ]

    /// ICD-O-3 morphology (with behaviour) that names a tumour type on its own, or only with a topography (ICD-O site prefix).
    static let morphology: [String: String] = [
        "9440/3": "GB", "8720/3": "MEL", "9510/3": "RBL", "8963/3": "MRT", "9500/3": "NBL", "8960/3": "WT",
        "9470/3": "MBL",
        "8500/3@C50": "IDC", "8520/3@C50": "ILC", "8140/3@C34": "LUAD", "8070/3@C34": "LUSC", "8041/3@C34": "SCLC",
        "8140/3@C18": "COAD", "8140/3@C20": "READ", "8140/3@C61": "PRAD", "8140/3@C25": "PAAD", "8120/3@C67": "BLCA",
    ]

    /// SNOMED CT morphologic abnormalities (mCODE histology) with the tissue they are specific in.
    static let morphologyConcepts: [String: (tissue: String, code: String)] = [
        "82711006": ("BREAST", "IDC")
    ]

    /// Wordings, most specific first: every word group must occur in the lower-cased text.
    static let wordings: [(words: [[String]], code: String)] = [
        ([["duct carcinoma", "ductal carcinoma"], ["breast"]], "IDC"),
        ([["lobular carcinoma"], ["breast"]], "ILC"),
        ([["non-small cell", "non small cell", "nsclc"]], "NSCLC"),
        ([["small cell"], ["lung"]], "SCLC"),
        ([["adenocarcinoma"], ["lung"]], "LUAD"),
        ([["squamous cell carcinoma"], ["lung"]], "LUSC"),
        ([["adenocarcinoma"], ["prostate"]], "PRAD"),
        ([["adenocarcinoma"], ["colon"]], "COAD"),
        ([["adenocarcinoma"], ["rectum", "rectal"]], "READ"),
        ([["adenocarcinoma"], ["pancrea"]], "PAAD"),
        ([["urothelial carcinoma"]], "BLCA"),
        ([["glioblastoma"]], "GB"),
        ([["retinoblastoma"]], "RBL"),
        ([["rhabdoid"], ["kidney", "renal"]], "MRT"),
        ([["melanoma"]], "MEL"),
        ([["acute myeloid leukemia", "acute myeloid leukaemia"]], "AML"),
        ([["chronic myeloid leukemia", "chronic myelogenous leukemia"]], "CML"),
        ([["multiple myeloma", "plasma cell myeloma"]], "PCM"),
        // Site only: the tissue node.
        ([["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["breast"]], "BREAST"),
        (
            [
                ["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"],
                ["colon", "colorectal", "rectum", "rectal", "bowel"],
            ], "BOWEL"
        ),
        ([["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["lung", "bronchus"]], "LUNG"),
        ([["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["prostate"]], "PROSTATE"),
        (
            [["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["pancreas", "pancreatic"]],
            "PANCREAS"
        ),
        ([["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["ovary", "ovarian"]], "OVARY"),
        (
            [
                ["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"],
                ["stomach", "gastric", "esophag", "oesophag"],
            ], "STOMACH"
        ),
        ([["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["bladder"]], "BLADDER"),
        ([["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["kidney", "renal"]], "KIDNEY"),
        ([["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["thyroid"]], "THYROID"),
        ([["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["cervix", "cervical"]], "CERVIX"),
        (
            [
                ["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"],
                ["uterus", "uterine", "endometri"],
            ], "UTERUS"
        ),
        ([["malignant", "cancer", "carcinoma", "neoplasm", "tumor", "tumour"], ["liver", "hepat"]], "LIVER"),
    ]

    /// A coding as found in a record: the system URI (or prefix) and the code.
    public struct Coding: Sendable {
        public var system: String?
        public var code: String
        public init(system: String?, code: String) {
            self.system = system
            self.code = code
        }
    }

    /// How a diagnosis was mapped, for the record and the import notes.
    public struct Mapping: Sendable, Equatable {
        public var oncotree: String
        /// "SNOMED CT 408643008", "ICD-10-CM C50.912", "wording".
        public var via: String
    }

    /// The OncoTree code for a diagnosis, from its codes (preferred), its histology and site, or its wording.
    public static func map(codings: [Coding], text: String?, histology: [Coding] = [], histologyText: String? = nil)
        -> Mapping?
    {
        // A histology that is specific within the diagnosis' tissue refines it (breast + infiltrating duct carcinoma → IDC).
        let primary = codeMapping(codings)
        if let tissue = primary.map({ OncoTree.bundled.ancestors(of: $0.oncotree).last ?? $0.oncotree }) {
            for h in histology {
                if let (t, code) = morphologyConcepts[h.code], t == tissue {
                    return Mapping(oncotree: code, via: "SNOMED CT \(h.code) (histology)")
                }
            }
            if let words = histologyText, let hit = wording(words + " " + (text ?? "")),
                OncoTree.bundled.isWithin(hit, tissue), hit != tissue
            {
                return Mapping(oncotree: hit, via: "histology wording")
            }
        }
        if let primary { return primary }
        if let text {
            let cleaned = text.replacingOccurrences(of: "(disorder)", with: "").trimmingCharacters(in: .whitespaces)
            if let code = OncoTree.bundled.code(forName: cleaned) {
                return Mapping(oncotree: code, via: "OncoTree name")
            }
            if let code = wording(cleaned) { return Mapping(oncotree: code, via: "wording") }
        }
        return nil
    }

    static func codeMapping(_ codings: [Coding]) -> Mapping? {
        for c in codings {
            let system = (c.system ?? "").lowercased()
            let code = c.code.trimmingCharacters(in: .whitespaces)
            if system.contains("snomed"), let hit = concepts["SCT:" + code] {
                return Mapping(oncotree: hit, via: "SNOMED CT \(code)")
            }
            if system.contains("icd-10") || system.contains("icd10") {
                let upper = code.uppercased()
                if let key = icd10.keys.filter({ upper.hasPrefix($0) }).max(by: { $0.count < $1.count }) {
                    return Mapping(oncotree: icd10[key]!, via: "ICD-10-CM \(code)")
                }
            }
            if system.contains("icd-o") || system.contains("icdo") {
                if let hit = morphology[code] { return Mapping(oncotree: hit, via: "ICD-O-3 \(code)") }
            }
            // CURIEs ("NCIT:C7541", "HP:0034402") carry their system in the code.
            let curie = code.uppercased().hasPrefix("NCIT:") ? "NCIT:" + code.dropFirst(5) : code
            if let hit = concepts[curie] { return Mapping(oncotree: hit, via: curie) }
            if system.contains("ncit") || system.contains("thesaurus"), let hit = concepts["NCIT:" + code] {
                return Mapping(oncotree: hit, via: "NCIt \(code)")
            }
        }
        return nil
    }

    /// ICD-O-3 morphology with a topography ("8500/3", "C50.9") → OncoTree.
    public static func map(morphology code: String, topography: String?) -> String? {
        if let hit = morphology[code] { return hit }
        guard let site = topography?.uppercased().prefix(3) else { return nil }
        return morphology["\(code)@\(site)"]
    }

    static func wording(_ text: String) -> String? {
        let t = text.lowercased()
        if t.contains("benign") || t.contains("in situ") && !t.contains("invasive") && !t.contains("infiltrating") {
            return nil
        }
        for (groups, code) in wordings where groups.allSatisfy({ group in group.contains { t.contains($0) } }) {
            return code
        }
        return nil
    }
}
