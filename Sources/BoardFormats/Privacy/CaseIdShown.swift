import BoardModel
import Foundation

/// How a case id is shown in de-identified output and privacy mode. Case ids are often taken from a source's own id,
/// and some of those carry the patient's name (FHIR Patient.id "cancer-patient-jenny-m", Synthea "Brady998_…"). An id
/// that may carry a name is replaced by the pseudonym; an opaque id ("C-0001", "TCGA-A2-A04P", "MEV-12", "HCC1395")
/// is kept, so de-identified lists and minutes still name their cases.
///
/// May carry a name: a run of three or more letters with a lower-case letter in it (ids that spell words), or any
/// name part of the patient (two letters or more) inside the id, whatever its case. May identify: any of the
/// patient's identifiers (an MRN of four characters or more) inside the id, as when a source's Patient.id is the MRN.
public enum CaseIdShown {
    public static func mayCarryName(_ id: String, names: [String] = [], identifiers: [String] = []) -> Bool {
        let folded = id.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        for value in identifiers {
            let v = value.trimmingCharacters(in: .whitespaces)
                .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            if v.count >= 4 && folded.contains(v) { return true }
        }
        var run = ""
        for ch in id + " " {
            if ch.isLetter {
                run.append(ch)
                continue
            }
            if run.count >= 3 && run.contains(where: \.isLowercase) { return true }
            run = ""
        }
        for name in names {
            for part in name.split(whereSeparator: { !$0.isLetter }) where part.count >= 2 {
                let p = String(part).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                if Self.containsWord(p, in: folded) { return true }
            }
        }
        return false
    }

    /// The id, or the pseudonym when the output is de-identified and the id may carry a name.
    public static func text(
        _ id: String, pseudonym: String, names: [String] = [], identifiers: [String] = [], deidentified: Bool
    ) -> String {
        deidentified && mayCarryName(id, names: names, identifiers: identifiers) ? pseudonym : id
    }

    /// A case's id, or its pseudonym when de-identified and the id may carry the patient's name or identifiers.
    public static func text(_ c: Case, deidentified: Bool) -> String {
        text(
            c.id, pseudonym: c.patient.pseudonym, names: names(of: c.patient),
            identifiers: identifiers(of: c.patient), deidentified: deidentified)
    }

    /// Whether the case's id may carry its patient's name or one of the patient's identifiers.
    public static func mayIdentify(_ c: Case) -> Bool {
        mayCarryName(c.id, names: names(of: c.patient), identifiers: identifiers(of: c.patient))
    }

    /// The patient's name parts the id is checked against.
    public static func names(of p: Patient) -> [String] {
        p.name.isPlaceholder ? [] : [p.name.display, p.name.given, p.name.family].compactMap { $0 }
    }

    /// A list's patient name as a name to check the id against: none for a placeholder ("(unnamed)").
    public static func names(listed name: String) -> [String] {
        PersonName(text: name).isPlaceholder ? [] : [name]
    }

    /// The values of the patient's identifiers (MRN, national, lab and others) the id is checked against.
    public static func identifiers(of p: Patient) -> [String] {
        p.identifiers.map(\.value)
    }

    /// Whether `word` stands in `text` between non-letters (so the name part "Li" does not hit "TCGA-LIVER").
    static func containsWord(_ word: String, in text: String) -> Bool {
        var rest = text[...]
        while let r = rest.range(of: word) {
            let before = r.lowerBound > rest.startIndex ? rest[rest.index(before: r.lowerBound)] : nil
            let after = r.upperBound < rest.endIndex ? rest[r.upperBound] : nil
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            rest = rest[r.upperBound...]
        }
        return false
    }
}
