import BoardModel
import Foundation

/// Small translation tables the case readers share: staging spellings, dates, and common cancer codes
/// (SNOMED CT, NCIt) to OncoTree. Deliberately short — names not in it fall back to OncoTree's own names.
enum ClinicalVocabulary {
    /// "2017-07-28T23:41:09-04:00" or "2017-07" → a date.
    static func date(_ text: String?) -> LocalDate? {
        guard let text, text.count >= 4 else { return nil }
        return LocalDate(String(text.prefix(10)))
    }

    /// "Stage 3A (qualifier value)", "3A", "IIIA", "Stage IV" → "IIIA" / "IV".
    static func stageGroup(_ raw: String) -> String {
        var text = raw.replacingOccurrences(of: "(qualifier value)", with: "")
            .replacingOccurrences(of: "American Joint Committee on Cancer", with: "")
            .trimmingCharacters(in: .whitespaces)
        for prefix in ["Stage ", "stage ", "AJCC stage "] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        for prefix in ["clinical stage group ", "pathological stage group "] where text.lowercased().hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        let romans = ["0": "0", "1": "I", "2": "II", "3": "III", "4": "IV"]
        if let first = text.first, let roman = romans[String(first)] { text = roman + text.dropFirst() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// "American Joint Committee on Cancer cT3 (qualifier value)", "cT3", "T3" → "T3"; nil if no category is found.
    static func tnmCategory(_ raw: String, letter: Character) -> String? { tnmParts(raw, letter: letter)?.category }

    /// The category and its prefix as written ("pT2b Stage Finding" → ("p", "T2b")): c clinical, p pathological,
    /// y after therapy, r recurrence, a autopsy. A category is the letter then X, is or a digit (AJCC 8), with
    /// optional sub-letters and a parenthesised suffix ("T1mi", "N1a", "M0(i+)"); "TNM" or "Tumor" is none.
    static func tnmParts(_ raw: String, letter: Character) -> (prefix: String, category: String)? {
        let cleaned = raw.replacingOccurrences(of: "(qualifier value)", with: "")
        let pattern = "^([ycpra]{0,3})(" + String(letter) + "(X|x|is|[0-4])[a-dA-Dmiu0-9]*(\\([^)]*\\))?)$"
        for word in cleaned.split(separator: " ").reversed() {
            let w = String(word)
            guard let match = w.range(of: pattern, options: .regularExpression), match == w.startIndex..<w.endIndex
            else { continue }
            let prefix = String(w.prefix { "ycpra".contains($0) })
            return (prefix, String(w.dropFirst(prefix.count)))
        }
        return nil
    }

    /// SNOMED CT and NCIt concepts boards meet often, to OncoTree codes.
    static let conceptToOncoTree: [String: String] = [
        "254837009": "BREAST", "372064008": "BREAST", "126906006": "PROSTATE", "399068003": "PROSTATE",
        "93974005": "PROSTATE",
        "363358000": "LUNG", "254637007": "NSCLC", "254632001": "SCLC", "363406005": "BOWEL", "93761005": "BOWEL",
        "363418001": "PANCREAS", "372003004": "PAAD", "363443007": "OVARY", "372244006": "MEL",
        "93655004": "BLADDER", "399326009": "BLCA", "363349007": "STOMACH", "363478007": "THYROID", "188340000": "AML",
        "C7541": "RBL", "C39853": "BLCA", "C4872": "BRCA", "C3058": "GB", "C3224": "MEL", "C2926": "NSCLC",
        "C4878": "LUAD",
    ]

    /// The OncoTree code for a coded concept or its words, when one is known.
    static func oncotree(codes: [String], text: String?) -> String? {
        let codings = codes.map {
            OncoTreeCrosswalk.Coding(
                system: $0.hasPrefix("C") && Int($0.dropFirst()) != nil ? "ncit" : "http://snomed.info/sct", code: $0)
        }
        if let mapped = OncoTreeCrosswalk.map(codings: codings, text: text) { return mapped.oncotree }
        for code in codes { if let hit = conceptToOncoTree[code] { return hit } }
        guard let text else { return nil }
        let cleaned = text.replacingOccurrences(of: "(disorder)", with: "").trimmingCharacters(in: .whitespaces)
        return OncoTree.bundled.code(forName: cleaned)
    }

    static func isCancer(_ text: String) -> Bool {
        let t = text.lowercased()
        return [
            "neoplasm", "carcinoma", "cancer", "tumor", "tumour", "malignan", "lymphoma", "leukemia", "leukaemia",
            "melanoma",
            "sarcoma", "glioma", "glioblastoma", "myeloma", "blastoma",
        ].contains { t.contains($0) }
            && !t.contains("screening") && !t.contains("benign")
    }

    /// Whether a text is an ISO 8601 duration ("P6M", "P70Y", "P8M2W", "P1DT2H").
    static func isISODuration(_ text: String) -> Bool {
        text.range(
            of: #"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"#,
            options: .regularExpression) != nil
    }

    /// Whether "YYYY-MM-DD…" (or a partial "YYYY-MM", "YYYY", which FHIR allows) names a day that exists: full
    /// dates go through ValidValues (no 31 February), partial ones need a real month.
    static func isRealDate(_ text: String) -> Bool {
        let head = text.prefix(10)
        if head.count == 10 { return ValidValues.startsWithRealDate(text) }
        let parts = head.split(separator: "-", omittingEmptySubsequences: false)
        guard parts[0].count == 4, Int(parts[0]) != nil else { return false }
        if parts.count == 1 { return true }
        return parts.count == 2 && Int(parts[1]).map { (1...12).contains($0) } == true
    }

    /// The site a metastasis concept names: "Secondary malignant neoplasm of bone" → "bone", "Metastasis to
    /// liver" → "liver"; "Metastasis from malignant tumor of prostate" names the primary, not a site → nil.
    static func metastasisSite(_ text: String) -> String? {
        let t = clean(text)
        let lower = t.lowercased()
        if lower.contains("metastasis from") || lower.contains("metastatic from") { return nil }
        for marker in [
            "secondary malignant neoplasm of ", "metastasis to ", "metastatic to ", "metastases to ",
            "secondary malignant tumor of ",
        ] {
            if let r = lower.range(of: marker) {
                let site = t[r.upperBound...].trimmingCharacters(in: .whitespaces)
                return site.isEmpty ? nil : site
            }
        }
        return nil
    }

    static func isMetastasis(_ text: String) -> Bool {
        let t = text.lowercased()
        return t.contains("metasta") || t.contains("secondary malignant")
    }

    /// "(disorder)"-style SNOMED suffixes removed for display.
    static func clean(_ text: String) -> String {
        var t = text
        for suffix in [" (disorder)", " (finding)", " (qualifier value)", " (procedure)", " (morphologic abnormality)"]
        where t.hasSuffix(suffix) {
            t = String(t.dropLast(suffix.count))
        }
        return t
    }
}

extension ClinicalVocabulary {
    /// Everyday condition names registries use, to OncoTree codes (OncoTree's own names are looked up first).
    static let commonNames: [String: String] = [
        "breast cancer": "BREAST", "lung cancer": "LUNG", "non-small cell lung cancer": "NSCLC", "nsclc": "NSCLC",
        "small cell lung cancer": "SCLC", "colorectal cancer": "BOWEL", "colon cancer": "BOWEL",
        "prostate cancer": "PROSTATE",
        "pancreatic cancer": "PANCREAS", "ovarian cancer": "OVARY", "melanoma": "MEL", "bladder cancer": "BLADDER",
        "gastric cancer": "STOMACH", "glioblastoma": "GB", "solid tumor": "_SOLID_", "solid tumors": "_SOLID_",
        "advanced solid tumors": "_SOLID_", "acute myeloid leukemia": "AML",
    ]
}
