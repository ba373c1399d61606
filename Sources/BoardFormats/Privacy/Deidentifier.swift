import BoardModel
import Foundation

/// Removes one patient's identifiers from free text (questions, notes, treatment histories, rationales, dissent,
/// deferral reasons, imported text). It is the one de-identifier: privacy mode on screen, `show --deidentify`,
/// `export case --deidentify` and de-identified minutes all use it, so they mask the same things.
///
/// Replaced: the full name in its spellings and every name part of two or more letters (by the pseudonym);
/// every identifier value, and its digits alone when it has five or more ("MRN-300002" and "300002"); the birth
/// and death dates as ISO, d.m.yyyy, dd.mm.yyyy, dd.mm.yy, dd/mm/yyyy and mm/dd/yyyy (by "[removed]"). Matching
/// ignores case and accents and takes whole words only, so "Katz" does not hit "Katzen".
///
/// Also replaced, by general patterns (`IdentifierPatterns`) after the HIPAA Safe Harbor identifier classes
/// (45 CFR 164.514(b)(2)): telephone and fax numbers, e-mail addresses, street addresses with a house number
/// (with a following postal code and town), social-security, insurance, account and licence numbers, and the
/// patient's initials after a title or the given name ("Mr F.", "Frau M. F.", "G.F."). Clinical values are left
/// alone: HGVS (c.1799T>A), percentages, doses, stage codes, genomic positions and dates other than birth and death.
public struct Deidentifier: Sendable {
    public let pseudonym: String
    /// (needle, replacement), longest needles first so the full name wins over its parts.
    private let needles: [(String, String)]
    /// The patient's initials in the forms free text uses ("Mr F.", "G. F."), as a pattern.
    private let initials: IdentifierPatterns.Pattern?

    public init(patient: Patient) {
        pseudonym = patient.pseudonym
        var list: [(String, String)] = []
        // A placeholder the program wrote for an unstated name is no name (review of new-user run 5, #1).
        let names =
            patient.name.isPlaceholder
            ? []
            : [
                patient.name.text, patient.name.display, patient.name.family, patient.name.given,
                [patient.name.given, patient.name.family].compactMap { $0 }.joined(separator: " "),
            ]
            .compactMap { $0 }.filter { $0.count >= 2 }
        for name in names {
            list.append((name, patient.pseudonym))
            // Each word of a multi-word name as well ("Heinz-Dieter", "de Vries").
            for part in name.split(whereSeparator: { $0 == " " || $0 == "," }) where part.count >= 2 {
                list.append((String(part), patient.pseudonym))
                // And each half of a hyphenated name ("Heinz" of "Heinz-Dieter").
                for piece in part.split(separator: "-") where piece.count >= 2 && piece.count < part.count {
                    list.append((String(piece), patient.pseudonym))
                }
            }
        }
        for id in patient.identifiers where !id.value.isEmpty {
            list.append((id.value, "[removed]"))
            let digits = id.value.split(whereSeparator: { !$0.isNumber }).map(String.init).filter { $0.count >= 5 }
            for run in digits where run != id.value { list.append((run, "[removed]")) }
        }
        for b in [patient.birthDate, patient.deceasedOn].compactMap({ $0 }) {
            let spellings = [
                b.description,
                String(format: "%02d.%02d.%04d", b.day, b.month, b.year),
                String(format: "%d.%d.%04d", b.day, b.month, b.year),
                String(format: "%02d.%02d.%02d", b.day, b.month, b.year % 100),
                String(format: "%02d/%02d/%04d", b.month, b.day, b.year),
                String(format: "%02d/%02d/%04d", b.day, b.month, b.year),
                String(format: "%d/%d/%04d", b.month, b.day, b.year),
                String(format: "%d/%d/%04d", b.day, b.month, b.year),
            ]
            for spelling in spellings { list.append((spelling, "[removed]")) }
        }
        initials = IdentifierPatterns.initials(given: patient.name.given, family: patient.name.family)
        var seen = Set<String>()
        needles = list.filter { seen.insert($0.0.lowercased()).inserted }.sorted {
            $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0 < $1.0
        }
    }

    /// The text with every identifier replaced (whole words only for names, so "Katz" does not hit "Katzen").
    public func scrub(_ text: String) -> String {
        // Patterns first, so an e-mail address holding the name goes whole rather than leaving its domain.
        var result = IdentifierPatterns.scrub(text)
        if let initials { result = initials.replace(in: result, with: pseudonym) }
        for (needle, replacement) in needles {
            result = Self.replace(needle, in: result, with: replacement)
        }
        return result
    }

    /// The text with its calendar dates and times ("2020-03-20", "2020-03-20T10:15:00Z") replaced by "[date
    /// removed]": when an observation was made dates the patient's care, which de-identified output leaves out (as
    /// `show --json` does); ages ("at age P6M") stay.
    public static func withoutDates(_ text: String) -> String {
        text.replacing(
            #/\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/#, with: "[date removed]")
    }

    private static func replace(_ needle: String, in text: String, with replacement: String) -> String {
        var result = ""
        var rest = text[...]
        while let range = rest.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) {
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : nil
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            let boundary =
                !(before?.isLetter ?? false || before?.isNumber ?? false)
                && !(after?.isLetter ?? false || after?.isNumber ?? false)
            if boundary {
                result += rest[..<range.lowerBound] + replacement
            } else {
                result += rest[..<range.upperBound]
            }
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
