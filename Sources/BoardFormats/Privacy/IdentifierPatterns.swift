import Foundation

/// General patterns for identifiers written in free text that no patient field lists: the HIPAA Safe Harbor
/// classes (45 CFR 164.514(b)(2)) that have a recognisable shape. Each pattern is narrow on purpose, so clinical
/// values survive: HGVS (c.1799T>A, p.V600E), percentages, doses, stage codes (T2N1M0), genomic positions
/// (chr7:55191822-55191900) and dates are not touched (birth and death dates are the Deidentifier's needles).
enum IdentifierPatterns {
    /// One compiled pattern with an optional check on what it found.
    struct Pattern: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe once built.
        let regex: NSRegularExpression
        /// Which capture group to replace (0: the whole match).
        let group: Int
        let accept: @Sendable (String) -> Bool

        init(
            _ pattern: String, options: NSRegularExpression.Options = [], group: Int = 0,
            accept: @escaping @Sendable (String) -> Bool = { _ in true }
        ) {
            // The patterns are constants of this file; a typo is a programming error caught by the tests.
            regex = try! NSRegularExpression(pattern: pattern, options: options)
            self.group = group
            self.accept = accept
        }

        func replace(in text: String, with replacement: String) -> String {
            let ns = text as NSString
            var result = ""
            var last = 0
            for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let r = m.range(at: group)
                guard r.location != NSNotFound, r.location >= last, accept(ns.substring(with: r)) else { continue }
                result += ns.substring(with: NSRange(location: last, length: r.location - last)) + replacement
                last = r.location + r.length
            }
            return result + ns.substring(from: last)
        }
    }

    static func digitCount(_ s: String) -> Int { s.filter { $0.isASCII && $0.isNumber }.count }

    /// True when the digit groups are whole dates one after another (yyyy-mm-dd or dd.mm.yyyy / mm/dd/yyyy).
    static func isDates(_ s: String) -> Bool {
        let groups = s.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).map(String.init)
        guard !groups.isEmpty, groups.count % 3 == 0 else { return false }
        return stride(from: 0, to: groups.count, by: 3).allSatisfy { i in
            let (a, b, c) = (groups[i], groups[i + 1], groups[i + 2])
            let small = { (x: String, y: String) in
                x.count <= 2 && y.count <= 2 && (Int(x) ?? 0) >= 1 && (Int(y) ?? 0) >= 1 && min(Int(x)!, Int(y)!) <= 12
                    && max(Int(x)!, Int(y)!) <= 31
            }
            return (a.count == 4 && small(b, c)) || (c.count == 4 && small(a, b))
        }
    }

    /// A postal code and town after a street address ("8001 Zürich", "CH-1003 Lausanne").
    private static let town = #"(?:,?\s+(?:[A-Z]{1,2}-)?\d{4,5}\s+\p{Lu}[\p{L}\-]+)?"#
    private static let streetSuffixes = #"(?:strasse|straße|str\.|gasse|weg|platz|allee)"#
    private static let streetWords =
        #"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Ln\.|Drive|Boulevard|Blvd\.|Court|Ct\.|Terrace|Crescent)"#

    static let all: [Pattern] = [
        // E-mail addresses.
        Pattern(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#),
        // International telephone numbers: "+41 79 555 12 34", "0041 44 255 11 11", "+41 (0)44 255 11 11".
        Pattern(
            #"(?<![\w.\-/+])(?:\+|00)\d{1,3}(?:[ .\-/]?\(0\))?(?:[ .\-/]?\d{1,4}){2,6}(?!\w)"#,
            accept: { digitCount($0) >= 8 }),
        // National telephone numbers with one separator throughout: "079 555 12 34", "044-255-11-11".
        Pattern(
            #"(?<![\w.\-/+])0\d{1,4}([ .\-/])\d{2,4}(?:\1\d{2,4}){1,3}(?!\w|[.\-/]\d)"#, accept: { digitCount($0) >= 9 }
        ),
        // North American style: "(415) 555-0134".
        Pattern(#"\(\d{3}\)\s?\d{3}[\-. ]\d{4}(?!\w)"#),
        // Social-security, insurance and account numbers in groups with one separator and nine or more digits:
        // "756.1234.5678.97", "123-45-6789". Dates have eight digits at most; two-group ranges are left alone.
        // A run of dates ("2021-03-01-2021-06-01") is a treatment period, not an identifier.
        Pattern(
            #"(?<![\w.\-/])\d{2,6}([.\-/])\d{2,6}(?:\1\d{1,6})+(?!\w|[.\-/]\d)"#,
            accept: { digitCount($0) >= 9 && !isDates($0) }),
        // Numbers named as an identifier: "insurance no. 80756 0001 234", "policy # A1234567", "SSN: 078051120".
        Pattern(
            #"\b(?:insurance|insured|policy|member|account|acct|SSN|social security|AHV|AVS|passport|licen[cs]e|certificate|beneficiary|health plan|Versicherten|Versicherung)(?:[\s\-]*(?:no\.?|nr\.?|number|num\.?|#|id))?\s*[:#]?\s*([A-Z0-9](?:[A-Z0-9.\-/]|\s(?=\d))*[A-Z0-9])"#,
            options: [.caseInsensitive], group: 1, accept: { digitCount($0) >= 4 }),
        // Street and house number: "Bahnhofstrasse 12a", "Rue de Lausanne 12", "221B Baker Street", "12, rue du Lac".
        Pattern(#"\b\p{Lu}[\p{L}\-]*"# + streetSuffixes + #"\s+\d{1,4}[a-zA-Z]?\b"# + town),
        Pattern(
            #"\b(?:Rue|Route|Chemin|Avenue|Av\.|Via|Viale|Piazza|Boulevard)\s+(?:[\p{L}'\-]+\s+){0,3}\d{1,4}[a-zA-Z]?\b"#
                + town),
        Pattern(#"\b\d{1,5}[a-zA-Z]?,?\s+(?:\p{Lu}[\p{L}'\-]*\s+){1,3}"# + streetWords + #"(?!\w)"# + town),
        Pattern(
            #"\b\d{1,4}[a-z]?,?\s+(?:rue|avenue|chemin|route|via)\s+(?:(?:de|du|des|la|le|l'|della|del)\s*)*\p{Lu}[\p{L}\-]*"#
                + town),
    ]

    /// The text with every pattern's finding replaced by "[removed]".
    static func scrub(_ text: String) -> String {
        all.reduce(text) { $1.replace(in: $0, with: "[removed]") }
    }

    /// The patient's initials where free text uses them for the patient: after a title or the given name
    /// ("Mr F.", "Frau F.", "Pat. F.", "George F."), and both together ("G.F.", "G. F."). Case-sensitive, so
    /// "e.g." is not taken for E. G.
    static func initials(given: String?, family: String?) -> Pattern? {
        guard let f = family?.first(where: \.isLetter), f.isUppercase else { return nil }
        let titles =
            #"(?:Mr|Mrs|Ms|Miss|Mx|Herr|Frau|Hr|Fr|Mme|Mlle|Monsieur|Madame|Sig|Sig\.ra|Signor|Signora|Pat|Pt|Patient|Patientin|patient|pt)\.?"#
        var alternatives = ["(?<=\\b" + titles + "\\s)" + "\(f)" + "\\.(?!\\p{L})"]
        if let g = given?.first(where: \.isLetter), g.isUppercase {
            alternatives.append("(?<![\\p{L}.])" + "\(g)" + "\\.\\s?" + "\(f)" + "\\.(?!\\p{L})")
        }
        if let given, given.count >= 2 {
            alternatives.append(
                "(?<=\\b" + NSRegularExpression.escapedPattern(for: given) + "\\s)" + "\(f)" + "\\.(?!\\p{L})")
        }
        return Pattern(alternatives.joined(separator: "|"))
    }
}
