import Foundation

/// Gene symbols as HGNC approves them, and the HGNC ids of genes boards meet most, so that a record giving only
/// "HGNC:11389" shows STK11 — and a display name such as "Cyclin D1" is never taken for a symbol.
/// Source: HGNC (HUGO Gene Nomenclature Committee, genenames.org), CC0; an excerpt, cited in README.md.
public enum GeneSymbols {
    /// HGNC id → approved symbol (excerpt: common cancer genes). Ids not listed stay unresolved, never guessed.
    public static let byHGNCId: [String: String] = [
        "HGNC:1097": "BRAF", "HGNC:11389": "STK11", "HGNC:9884": "RB1", "HGNC:11103": "SMARCB1", "HGNC:3688": "FGFR1",
        "HGNC:3689": "FGFR2", "HGNC:3690": "FGFR3", "HGNC:3236": "EGFR", "HGNC:6407": "KRAS", "HGNC:7989": "NRAS",
        "HGNC:11998": "TP53", "HGNC:8975": "PIK3CA", "HGNC:1100": "BRCA1", "HGNC:1101": "BRCA2", "HGNC:427": "ALK",
        "HGNC:3430": "ERBB2", "HGNC:6192": "JAK2", "HGNC:6342": "KIT", "HGNC:9588": "PTEN", "HGNC:7029": "MET",
        "HGNC:5382": "IDH1", "HGNC:5383": "IDH2", "HGNC:9967": "RET", "HGNC:10261": "ROS1", "HGNC:583": "APC",
        "HGNC:1787": "CDKN2A",
    ]

    /// Whether a text has the shape of an approved symbol (upper-case letters and digits, maybe a hyphen or
    /// "orf"; "C1orf112", "HLA-A", "TP53"), as opposed to a name ("Cyclin D1", "tumor protein p53").
    public static func looksLikeSymbol(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter, first.isUppercase, text.count <= 20, !text.contains(" ") else {
            return false
        }
        if text.hasPrefix("HGNC:") { return false }
        let allowed = text.replacingOccurrences(of: "orf", with: "")
        return allowed.allSatisfy {
            ($0.isLetter && $0.isUppercase) || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "."
        }
    }

    /// The symbol among a coding's code and display: a symbol-shaped code, else a symbol-shaped display, else the
    /// symbol of a known HGNC id. Returns the HGNC id too when one is given.
    public static func symbol(code: String?, display: String?, text: String? = nil) -> (
        symbol: String?, hgncId: String?
    ) {
        let hgnc = [code, display].compactMap { $0 }.first { $0.uppercased().hasPrefix("HGNC:") }.map {
            "HGNC:" + $0.dropFirst(5)
        }
        if let code, looksLikeSymbol(code) { return (code, hgnc) }
        if let display, looksLikeSymbol(display) { return (display, hgnc) }
        if let hgnc, let known = byHGNCId[hgnc] { return (known, hgnc) }
        if let text, looksLikeSymbol(text) { return (text, hgnc) }
        return (nil, hgnc)
    }
}
