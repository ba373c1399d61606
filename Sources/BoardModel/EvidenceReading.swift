import Foundation

/// What an evidence item says: about a drug (sensitivity, resistance, reduced sensitivity, adverse response)
/// or about the tumour or the person (diagnostic, prognostic, predisposing, oncogenic, functional).
/// Only supported sensitivity is a treatment option; everything else must never read as one.
public enum ClinicalSignificance: String, Codable, Sendable, CaseIterable {
    case sensitivity, resistance
    case reducedSensitivity = "reduced sensitivity"
    case adverseResponse = "adverse response"
    case diagnostic, prognostic, predisposing, oncogenic, functional, unknown

    /// Whether it argues against giving the drug.
    public var isAgainstDrug: Bool { self == .resistance || self == .reducedSensitivity || self == .adverseResponse }

    /// Whether it is about a drug at all.
    public var isAboutDrug: Bool { self == .sensitivity || isAgainstDrug }

    /// Reads a source's significance text (CIViC 2018 and later vocabularies, FHIR genomics-reporting
    /// therapeutic implications, OncoKB/report wording). Nil when the text says nothing recognisable.
    public static func reading(_ text: String) -> ClinicalSignificance? {
        let t = text.lowercased()
        if t.isEmpty || t == "n/a" || t == "na" { return nil }
        if t.contains("non-response") || t.contains("resist") || t.contains("no response")
            || t.contains("not responsive")
            || t.contains("lack of response")
        {
            return .resistance
        }
        if t.contains("reduced") || t.contains("decreased") || t.contains("diminished") { return .reducedSensitivity }
        if t.contains("adverse") || t.contains("toxicity") { return .adverseResponse }
        if t.contains("sensitiv") || t.contains("respons") || t.contains("increased efficacy") || t.contains("efficacy")
        {
            return .sensitivity
        }
        if t.contains("outcome") || t.contains("prognos") || t.contains("survival") { return .prognostic }
        if t.contains("pathogenic") || t.contains("predispos") || t.contains("benign")
            || t.contains("uncertain significance")
        {
            return .predisposing
        }
        if t.contains("oncogen") || t.contains("protective") { return .oncogenic }
        if t.contains("function") || t.contains("neomorphic") || t.contains("dominant negative") { return .functional }
        if t.contains("diagnos") { return .diagnostic }
        return nil
    }

    /// From an evidence type (CIViC: Predictive, Diagnostic, Prognostic, Predisposing, Oncogenic, Functional).
    static func ofType(_ type: String?) -> ClinicalSignificance? {
        switch type?.lowercased() {
        case "diagnostic"?: .diagnostic
        case "prognostic"?: .prognostic
        case "predisposing"?: .predisposing
        case "oncogenic"?: .oncogenic
        case "functional"?: .functional
        default: nil
        }
    }
}

extension EvidenceEntry {
    /// What this item says: resistance when the level says so (OncoKB R1/R2, NCT …R); prognostic or diagnostic
    /// for OncoKB Px/Dx levels; the evidence type when it is not about a drug (Diagnostic, Prognostic,
    /// Predisposing, Oncogenic, Functional); else the significance text ("Resistance", "Sensitivity/Response");
    /// else what the level implies alone (OncoKB 1–4, ESCAT I–IV, NCT m-levels); else unknown.
    public var clinicalSignificance: ClinicalSignificance {
        if level.isResistance { return .resistance }
        let implied = level.scale.implied(by: level.code)
        if implied == .prognostic || implied == .diagnostic { return implied! }
        if let byType = ClinicalSignificance.ofType(type) { return byType }
        if let text = significance, let read = ClinicalSignificance.reading(text) { return read }
        return implied ?? .unknown
    }

    /// False for CIViC "Does Not Support": the evidence argues against its own significance.
    public var supports: Bool {
        guard let d = direction?.lowercased().trimmingCharacters(in: .whitespaces) else { return true }
        return !(d.hasPrefix("does not") || d == "refutes" || d == "not supported")
    }

    /// A drug the board may consider for this finding: supported sensitivity with a named therapy.
    public var isTreatmentOption: Bool {
        supports && clinicalSignificance == .sensitivity
            && !(therapy ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// Supported evidence against a drug (resistance, reduced sensitivity, adverse response).
    public var isAgainstDrug: Bool { supports && clinicalSignificance.isAgainstDrug }

    /// The reading group: 0 treatment options, 1 against a drug, 2 other supported evidence, 3 "does not support",
    /// 4 direction unknown. Within a group the level's rank decides.
    public var readingGroup: Int {
        if isTreatmentOption { return 0 }
        if isAgainstDrug { return 1 }
        if !supports { return 3 }
        if clinicalSignificance == .unknown || clinicalSignificance == .sensitivity { return 4 }
        return 2
    }

    /// Rank for ordering findings: a treatment option ranks by its level; anything else after every option.
    public var rank: Int { isTreatmentOption ? level.rank : max(level.rank, 50) }

    /// The colour tier: the level's for a treatment option, 0 (resistance) against a drug, 5 otherwise.
    /// Colour only repeats what `phrase` says in words.
    public var displayTier: Int { isTreatmentOption ? level.tier : (isAgainstDrug ? 0 : 5) }

    /// The item in the board's words, direction first: "sensitivity to Osimertinib + Savolitinib, ESCAT II-B",
    /// "resistance to Osimertinib, CIViC B", "does not support resistance to Daunorubicin, CIViC B",
    /// "prognostic (Better Outcome), CIViC B".
    public var phrase: String { statement(withLevel: true) }

    /// `phrase` without the level: "resistance to Osimertinib".
    public func statement(withLevel: Bool) -> String {
        let kind = clinicalSignificance
        let drug = therapy.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        var what: String
        switch kind {
        case .sensitivity, .resistance, .reducedSensitivity, .adverseResponse:
            what = kind.rawValue + (drug.map { " to \($0)" } ?? "")
        case .unknown:
            what = drug.map { "\($0) (direction not stated)" } ?? (significance ?? "significance not stated")
        default:
            what = kind.rawValue
            if let s = significance, !s.isEmpty, s.lowercased() != kind.rawValue { what += " (\(s))" }
            if let drug { what += ", \(drug)" }
        }
        if !supports { what = "does not support " + what }
        return withLevel ? what + ", \(level)" : what
    }
}

extension Finding {
    /// Evidence in the order the board reads it: treatment options strongest first, then evidence against a drug,
    /// then other supported evidence, then "does not support", then items of unknown direction.
    public var evidenceInReadingOrder: [EvidenceEntry] {
        evidence.enumerated().sorted { a, b in
            (a.element.readingGroup, a.element.level.rank, a.offset) < (
                b.element.readingGroup, b.element.level.rank, b.offset
            )
        }.map(\.element)
    }

    /// The strongest treatment option, if any.
    public var bestTreatmentOption: EvidenceEntry? {
        evidence.filter(\.isTreatmentOption).min { $0.level.rank < $1.level.rank }
    }

    /// Rank for ordering findings (lower first): the strongest treatment option's level, else after every option.
    public var evidenceRank: Int { bestEvidence?.rank ?? 99 }

    /// The evidence a one-line summary shows, and how many items it leaves out: the strongest treatment
    /// option, then every item against a drug (up to `againstLimit`), else the first item in reading order.
    public func evidenceHeadline(againstLimit: Int = 3) -> (shown: [EvidenceEntry], more: Int) {
        var shown: [EvidenceEntry] = []
        let ordered = evidenceInReadingOrder
        if let option = ordered.first(where: \.isTreatmentOption) { shown.append(option) }
        shown += ordered.filter(\.isAgainstDrug).prefix(againstLimit)
        if shown.isEmpty, let first = ordered.first { shown.append(first) }
        return (shown, evidence.count - shown.count)
    }

    /// The drugs the evidence names, by direction, for a table cell: treatment options first as plain drug names,
    /// then "resistance: …", "reduced sensitivity: …", "adverse response: …"; a finding without drug evidence
    /// shows its first item's statement ("diagnostic (Positive)", "does not support resistance to Daunorubicin").
    public var drugEvidence: String {
        drugEvidenceParts.map { part in
            part.direction.map { "\($0.rawValue): " + part.drugs.joined(separator: "; ") }
                ?? part.drugs.joined(separator: "; ")
        }.joined(separator: " · ")
    }

    /// `drugEvidence` before it is joined, so a narrow cell can shorten the drugs and keep every direction: each part
    /// is the treatment options (direction nil), or the drugs of one direction against a drug, or (when no item is
    /// about a drug) the first item's statement alone.
    public var drugEvidenceParts: [(direction: ClinicalSignificance?, drugs: [String])] {
        guard !evidence.isEmpty else { return [] }
        let ordered = evidenceInReadingOrder
        func unique(_ items: [String]) -> [String] {
            var seen = Set<String>()
            return items.filter { seen.insert($0.lowercased()).inserted }
        }
        var parts: [(direction: ClinicalSignificance?, drugs: [String])] = []
        let options = unique(ordered.filter(\.isTreatmentOption).compactMap(\.therapy))
        if !options.isEmpty { parts.append((nil, options)) }
        for kind in [ClinicalSignificance.resistance, .reducedSensitivity, .adverseResponse] {
            let drugs = unique(
                ordered.filter { $0.isAgainstDrug && $0.clinicalSignificance == kind }.map {
                    $0.therapy ?? "drug not named"
                })
            if !drugs.isEmpty { parts.append((kind, drugs)) }
        }
        if parts.isEmpty, let first = ordered.first { parts.append((nil, [first.statement(withLevel: false)])) }
        return parts
    }

    /// The headline as text: "sensitivity to Osimertinib + Savolitinib, ESCAT II-B; resistance to Osimertinib,
    /// CIViC B; 1 more evidence item". Empty when the finding has no evidence.
    public var evidenceSummary: String {
        let (shown, more) = evidenceHeadline()
        var parts = shown.map(\.phrase)
        if more > 0 { parts.append("\(more) more evidence item\(more == 1 ? "" : "s")") }
        return parts.joined(separator: "; ")
    }
}

extension EvidenceEntry {
    /// The drugs of `therapy` as alternatives, each a set given together: "A + B" is one combination,
    /// "A, B" two alternatives, "A then B" one sequence (read as given together). Names are lower-cased.
    public var drugAlternatives: [Set<String>] {
        guard let therapy else { return [] }
        let text = therapy.replacingOccurrences(of: " (combination or alternatives not stated)", with: "")
        // "A, B" (not stated) and "A, B or C" (CIViC Substitutes) both list alternatives.
        return text.replacingOccurrences(of: " or ", with: ", ").components(separatedBy: ", ").map { alternative in
            Set(
                alternative.components(separatedBy: " + ").flatMap { $0.components(separatedBy: " then ") }
                    .map { DrugName.key($0) }.filter { !$0.isEmpty })
        }.filter { !$0.isEmpty }
    }
}

/// Drug names compared the way a board reads them: case, a bracketed note and a dose ("Alectinib 600 mg bid")
/// do not matter; the words before the first number are the name ("trastuzumab deruxtecan" stays two words).
public enum DrugName {
    public static func key(_ name: String) -> String {
        var n = name
        if let bracket = n.firstIndex(of: "(") { n = String(n[..<bracket]) }
        let words = n.split(separator: " ").prefix { !($0.first?.isNumber ?? false) }
        return words.joined(separator: " ").lowercased()
    }
}

extension Finding {
    /// Supported evidence against a drug that the given regimen contains: an item whose drugs (one of its
    /// alternatives, all of a combination) are all in `drugs`.
    public func evidenceAgainst(drugs: [String]) -> [EvidenceEntry] {
        guard !evidence.isEmpty else { return [] }
        let given = Set(drugs.map(DrugName.key).filter { !$0.isEmpty })
        guard !given.isEmpty else { return [] }
        return evidenceInReadingOrder.filter { e in
            e.isAgainstDrug && e.drugAlternatives.contains { $0.isSubset(of: given) }
        }
    }
}
