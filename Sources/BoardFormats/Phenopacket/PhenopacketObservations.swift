import BoardModel
import Foundation

/// Phenopackets v2 phenotypic features and measurements as the case keeps them: one line each, in the file's
/// words with their terms, so that nothing the file states about the patient is dropped. They are shown, never read
/// as a diagnosis, a stage or a biomarker ("Stage 3 chronic kidney disease" is a phenotype, not a cancer stage).
enum PhenopacketObservations {
    /// "Dysuria (HP:0100518), severe (HP:0012828)", "Leukocoria (HP:0000555), Left (HP:0012835), onset at age P4M";
    /// an excluded feature is
    /// "excluded: Diabetes mellitus (HP:…)".
    static func phenotypes(_ features: JSONNode) -> [String] {
        features.array.compactMap { f -> String? in
            guard let type = term(f["type"]) else { return nil }
            var parts = [type]
            if let severity = term(f["severity"]) {
                parts.append(severity.prefix(1).lowercased() + severity.dropFirst())
            }
            parts += f["modifiers"].array.compactMap(term)
            if let onset = time(f["onset"]) { parts.append("onset \(onset)") }
            if let resolution = time(f["resolution"]) { parts.append("resolved \(resolution)") }
            let line = parts.joined(separator: ", ")
            return f["excluded"].bool == true ? "excluded: " + line : line
        }
    }

    /// "Left eye Intraocular pressure (LOINC:79893-4) 25 millimetres of mercury (reference 10–21), at age P6M";
    /// `of` names the biosample a biosample's measurement was made on.
    static func measurements(_ list: JSONNode, of sample: String? = nil) -> [String] {
        list.array.compactMap { m in
            guard let assay = term(m["assay"]) else { return nil }
            var text = assay + (sample.map { " of \($0)" } ?? "")
            let q = m["value"]["quantity"]
            if let value = q["value"].double {
                text += " " + number(value) + (unit(q["unit"]).map { " \($0)" } ?? "")
                if let low = q["referenceRange"]["low"].double, let high = q["referenceRange"]["high"].double {
                    text += " (reference \(number(low))–\(number(high)))"
                }
            } else if let coded = term(m["value"]["ontologyClass"]) {
                text += " " + coded
            } else if m["complexValue"].exists {
                let parts = m["complexValue"]["typedQuantities"].array.compactMap { t -> String? in
                    guard let v = t["quantity"]["value"].double else { return nil }
                    let unit = t["quantity"]["unit"]["label"].string ?? ""
                    return [t["type"]["label"].string, number(v), unit].compactMap { $0 }.joined(separator: " ")
                }
                text += " " + parts.joined(separator: ", ")
            }
            if let when = time(m["timeObserved"]) { text += ", " + when }
            return text
        }
    }

    /// A unit: its UCUM code ("mm[Hg]"), else "label (id)" ("Thousand Cells (NCIT:C67245)").
    static func unit(_ node: JSONNode) -> String? {
        if let id = node["id"].string, id.hasPrefix("UCUM:") {
            use(node["label"])
            return String(id.dropFirst(5))
        }
        return term(node)
    }

    /// The label of a unit given by its UCUM code says the same thing: counted as read.
    static func use(_ node: JSONNode) { _ = node.string }

    /// "Label (ID)" of an OntologyClass, the label trimmed ("Fever " is "Fever").
    static func term(_ node: JSONNode) -> String? {
        let label = node["label"].string?.trimmingCharacters(in: .whitespaces)
        let id = node["id"].string
        switch (label, id) {
        case (let l?, let i?): return "\(l) (\(i))"
        case (let l?, nil): return l
        case (nil, let i?): return i
        default: return nil
        }
    }

    /// A TimeElement in words: "at age P6M", "2020-03-20", "2019-09-01 – 2020-03-01", "age P7M – P8M", a label.
    static func time(_ t: JSONNode) -> String? {
        if let age = t["age"]["iso8601duration"].string { return "at age \(age)" }
        if let start = t["ageRange"]["start"]["iso8601duration"].string {
            return "at age \(start)" + (t["ageRange"]["end"]["iso8601duration"].string.map { " – \($0)" } ?? "")
        }
        if let stamp = t["timestamp"].string { return day(stamp) }
        if let start = t["interval"]["start"].string {
            return day(start) + (t["interval"]["end"].string.map { " – " + day($0) } ?? "")
        }
        if let label = t["ontologyClass"]["label"].string { return label }
        if let gestational = t["gestationalAge"]["weeks"].int { return "gestational week \(gestational)" }
        return nil
    }

    static func day(_ stamp: String) -> String { ClinicalVocabulary.date(stamp)?.description ?? stamp }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
