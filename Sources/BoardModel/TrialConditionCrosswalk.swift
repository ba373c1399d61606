import Foundation

/// Registry condition names and MeSH condition terms → OncoTree codes, so that a trial's listed conditions
/// decide the diagnosis criterion instead of leaving it "not mapped".
///
/// Sources: the bundled OncoTree release's own names and main types (CC BY 4.0), and a hand-written table of
/// common ClinicalTrials.gov condition spellings and MeSH descriptor names (NLM MeSH, public domain), each
/// mapped to the OncoTree node a screener would read it as: the most specific node that the name fully
/// covers, never a narrower one ("Breast Neoplasms" → BREAST, not IDC). A name that maps to nothing stays
/// unmapped and the criterion says "needs the chart".
public enum TrialConditionCrosswalk {
    /// Lower-cased condition or MeSH term → OncoTree code (or `_SOLID_` / `_LIQUID_`).
    static let table: [String: String] = [
        // Breast
        "breast neoplasms": "BREAST", "breast cancer": "BREAST", "breast carcinoma": "BREAST",
        "metastatic breast cancer": "BREAST",
        "triple negative breast neoplasms": "BREAST", "triple negative breast cancer": "BREAST",
        "her2-positive breast cancer": "BREAST",
        "breast neoplasms, male": "BREAST", "carcinoma, ductal, breast": "IDC", "invasive ductal carcinoma": "IDC",
        "carcinoma, lobular": "ILC", "invasive lobular carcinoma": "ILC", "inflammatory breast neoplasms": "BREAST",
        // Lung
        "lung neoplasms": "LUNG", "lung cancer": "LUNG", "carcinoma, non-small-cell lung": "NSCLC",
        "non-small cell lung cancer": "NSCLC",
        "non small cell lung cancer": "NSCLC", "nsclc": "NSCLC", "adenocarcinoma of lung": "LUAD",
        "lung adenocarcinoma": "LUAD",
        "small cell lung carcinoma": "SCLC", "small cell lung cancer": "SCLC",
        "squamous cell carcinoma of lung": "LUSC",
        "mesothelioma": "PLMESO", "mesothelioma, malignant": "PLMESO", "pleural mesothelioma": "PLMESO",
        // Digestive
        "colorectal neoplasms": "BOWEL", "colorectal cancer": "BOWEL", "colonic neoplasms": "BOWEL",
        "colon cancer": "BOWEL",
        "rectal neoplasms": "BOWEL", "rectal cancer": "BOWEL", "stomach neoplasms": "STOMACH",
        "gastric cancer": "STOMACH",
        "esophageal neoplasms": "STOMACH", "esophageal cancer": "STOMACH", "esophageal squamous cell carcinoma": "ESCC",
        "pancreatic neoplasms": "PANCREAS", "pancreatic cancer": "PANCREAS", "carcinoma, pancreatic ductal": "PAAD",
        "liver neoplasms": "LIVER", "carcinoma, hepatocellular": "HCC", "hepatocellular carcinoma": "HCC",
        "cholangiocarcinoma": "CHOL", "biliary tract neoplasms": "BILIARY_TRACT",
        "gastrointestinal stromal tumors": "GIST", "crc": "BOWEL", "esophageal scc": "ESCC",
        "oesophageal scc": "ESCC", "oesophageal squamous cell carcinoma": "ESCC",
        // Genitourinary and gynaecological
        "prostatic neoplasms": "PROSTATE", "prostate cancer": "PROSTATE",
        "prostatic neoplasms, castration-resistant": "PROSTATE",
        "urinary bladder neoplasms": "BLADDER", "bladder cancer": "BLADDER", "urothelial carcinoma": "BLADDER",
        "carcinoma, transitional cell": "BLADDER", "kidney neoplasms": "KIDNEY", "carcinoma, renal cell": "RCC",
        "renal cell carcinoma": "RCC", "ovarian neoplasms": "OVARY", "ovarian cancer": "OVARY",
        "carcinoma, ovarian epithelial": "OVARY",
        "fallopian tube neoplasms": "OVARY", "endometrial neoplasms": "UTERUS", "endometrial cancer": "UTERUS",
        "uterine neoplasms": "UTERUS", "uterine cervical neoplasms": "CERVIX", "cervical cancer": "CERVIX",
        "testicular neoplasms": "TESTIS",
        // Skin, head and neck, endocrine, CNS
        "melanoma": "MEL", "skin neoplasms": "SKIN", "uveal melanoma": "UM",
        "squamous cell carcinoma of head and neck": "HNSC",
        "head and neck neoplasms": "HEAD_NECK", "head and neck cancer": "HEAD_NECK",
        "head and neck squamous cell carcinoma": "HNSC", "hnscc": "HNSC",
        "thyroid neoplasms": "THYROID", "thyroid cancer": "THYROID", "glioblastoma": "GB", "brain neoplasms": "BRAIN",
        "glioma": "BRAIN", "neuroblastoma": "NBL", "retinoblastoma": "RBL", "wilms tumor": "WT",
        // Sarcoma
        "sarcoma": "SOFT_TISSUE", "soft tissue sarcoma": "SOFT_TISSUE", "osteosarcoma": "OS", "sarcoma, ewing": "ES",
        "leiomyosarcoma": "LMS",
        // Blood
        "precursor cell lymphoblastic leukemia-lymphoma": "LNM",
        "precursor b-cell lymphoblastic leukemia-lymphoma": "BLL",
        "b-cell acute lymphoblastic leukemia": "BLL", "b-cell acute lymphoblastic leukaemia": "BLL", "b-all": "BLL",
        "b-precursor acute lymphoblastic leukemia": "BLL", "acute lymphoblastic leukemia": "LNM",
        "t-cell acute lymphoblastic leukemia": "TLL",
        "leukemia, myeloid, acute": "AML", "acute myeloid leukemia": "AML",
        "leukemia, myelogenous, chronic, bcr-abl positive": "CML",
        "chronic myeloid leukemia": "CML", "leukemia, lymphocytic, chronic, b-cell": "CLLSLL",
        "chronic lymphocytic leukemia": "CLLSLL",
        "multiple myeloma": "PCM", "lymphoma, large b-cell, diffuse": "DLBCLNOS",
        "diffuse large b-cell lymphoma": "DLBCLNOS",
        "hodgkin disease": "HL", "hodgkin lymphoma": "HL", "lymphoma, non-hodgkin": "NHL",
        "non-hodgkin lymphoma": "NHL",
        "myelodysplastic syndromes": "MDS", "hematologic neoplasms": "_LIQUID_",
        // Any tumour
        "solid tumor": "_SOLID_", "solid tumors": "_SOLID_", "advanced solid tumors": "_SOLID_",
        "advanced solid tumor": "_SOLID_",
        "solid tumour": "_SOLID_", "solid tumours": "_SOLID_", "solid malignancy": "_SOLID_",
        "solid malignancies": "_SOLID_",
    ]

    /// Words that say how far or how often a cancer has gone, not what it is: dropped before looking up.
    static let extentWords = [
        "metastatic", "advanced", "locally advanced", "recurrent", "relapsed", "refractory", "unresectable",
        "inoperable", "early", "adult", "stage iv", "stage iii", "stage ii", "stage i", "newly diagnosed",
    ]

    /// The OncoTree code for a condition name, or nil when nothing maps.
    public static func code(for condition: String, tree: OncoTree = .bundled) -> String? {
        var name = condition.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { return nil }
        if let hit = lookup(name, tree) { return hit }
        // "Leukemia, Myeloid, Acute" is MeSH's inverted form of "Acute Myeloid Leukemia".
        if name.contains(", ") {
            let parts = name.components(separatedBy: ", ")
            if let hit = lookup(parts.reversed().joined(separator: " "), tree) { return hit }
        }
        var changed = true
        while changed {
            changed = false
            for word in extentWords where name.hasPrefix(word + " ") {
                name = String(name.dropFirst(word.count + 1))
                changed = true
            }
        }
        if let hit = lookup(name, tree) { return hit }
        for (plural, singular) in [
            ("neoplasms", "cancer"), ("neoplasm", "cancer"), ("tumors", "tumor"), ("tumours", "tumor"),
            ("cancers", "cancer"),
        ]
        where name.hasSuffix(plural) {
            if let hit = lookup(String(name.dropLast(plural.count)) + singular, tree) { return hit }
        }
        return nil
    }

    private static func lookup(_ name: String, _ tree: OncoTree) -> String? {
        if let code = table[name] { return code }
        if let code = tree.code(forName: name) { return code }
        if tree.node(name.uppercased()) != nil, name.count >= 2, name.count <= 10, !name.contains(" ") {
            return name.uppercased()
        }
        return nil
    }

    /// Receptor subtypes a condition name states ("Triple Negative Breast Cancer", "HER2-positive Breast
    /// Cancer"): each is a criterion of its own, as a screener reads it.
    public enum Subtype: Sendable, Hashable { case tripleNegative, her2Positive, her2Negative, hormoneReceptorPositive }

    public static func subtypes(of condition: String) -> [Subtype] {
        let n = condition.lowercased().replacingOccurrences(of: "-", with: " ")
        var out: [Subtype] = []
        if n.contains("triple negative") || n.contains("tnbc") { out.append(.tripleNegative) }
        if n.contains("her2 positive") || n.contains("her2+") { out.append(.her2Positive) }
        if n.contains("her2 negative") { out.append(.her2Negative) }
        if n.contains("hormone receptor positive") || n.contains("hr positive") || n.contains("hr+")
            || n.contains("estrogen receptor positive")
        {
            out.append(.hormoneReceptorPositive)
        }
        return out
    }
}
