import Foundation
import BoardModel

/// Removes one patient's identifiers from free text (notes, questions, rationales) for de-identified exports:
/// every name part, the full name, every identifier value and the birth date (ISO and d.m.yyyy / m/d/yyyy
/// spellings) are replaced by the patient's pseudonym or "[removed]". Matching ignores case and accents.
struct Deidentifier {
    let pseudonym: String
    /// (needle, replacement), longest needles first so the full name wins over its parts.
    private let needles: [(String, String)]

    init(patient: Patient) {
        pseudonym = patient.pseudonym
        var list: [(String, String)] = []
        let names = [patient.name.text, patient.name.display, patient.name.family, patient.name.given,
                     [patient.name.given, patient.name.family].compactMap { $0 }.joined(separator: " ")]
            .compactMap { $0 }.filter { $0.count >= 2 && $0 != "(unnamed)" }
        for name in names {
            list.append((name, patient.pseudonym))
            // Each word of a multi-word name as well ("Heinz-Dieter", "de Vries").
            for part in name.split(whereSeparator: { $0 == " " || $0 == "," }) where part.count >= 2 {
                list.append((String(part), patient.pseudonym))
            }
        }
        for id in patient.identifiers where !id.value.isEmpty { list.append((id.value, "[removed]")) }
        if let b = patient.birthDate {
            for spelling in [b.description, String(format: "%02d.%02d.%04d", b.day, b.month, b.year), String(format: "%d.%d.%04d", b.day, b.month, b.year),
                             String(format: "%02d/%02d/%04d", b.month, b.day, b.year), String(format: "%02d/%02d/%04d", b.day, b.month, b.year)] {
                list.append((spelling, "[removed]"))
            }
        }
        var seen = Set<String>()
        needles = list.filter { seen.insert($0.0.lowercased()).inserted }.sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0 < $1.0 }
    }

    /// The text with every identifier replaced (whole words only for names, so "Katz" does not hit "Katzen").
    func scrub(_ text: String) -> String {
        var result = text
        for (needle, replacement) in needles {
            result = Self.replace(needle, in: result, with: replacement)
        }
        return result
    }

    private static func replace(_ needle: String, in text: String, with replacement: String) -> String {
        var result = ""
        var rest = text[...]
        while let range = rest.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) {
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : nil
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            let boundary = !(before?.isLetter ?? false || before?.isNumber ?? false) && !(after?.isLetter ?? false || after?.isNumber ?? false)
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
