import BoardModel
import Foundation

/// Reads the sentences of a registry's eligibility text that a screener decides from the record besides
/// alterations and biomarkers (see `EligibilityText`): stage and extent ("metastatic", "Stage II or III",
/// "Stage I or IV … not eligible"), HER2 overexpression by IHC/ISH, prior therapy required ("must have had
/// prior trastuzumab-based therapy") or excluded ("Prior neratinib treatment is not permitted", "Previous
/// treatment with blinatumomab"), and lines of therapy for advanced disease ("a total of one line",
/// "up to 4 prior … treatments"). Every other sentence is sorted into "needs the chart" (labs, consent,
/// pregnancy, measurable disease, washouts: no record decides them; listed, never counted against the
/// verdict) or "not read" (it names something a record could decide, such as a biomarker or a prior
/// treatment, in words this reader does not follow: unknown, so the verdict stays "possibly eligible").
enum ScreenerText {
    enum Reading: Equatable {
        case stage(yes: UInt8, maybe: UInt8, label: String)
        case her2Positive
        case prior(names: [String], display: String, required: Bool)
        /// "progressing on osimertinib as the most recent prior therapy": the latest line holds one of these.
        case latest(names: [String], display: String)
        /// "Presence of minimal residual disease at a level of ≥ 10^-3".
        case mrd(atLeast: Double)
        /// "in complete hematological remission after at least 3 intense chemotherapy blocks".
        case remission(lines: Int)
        case lines(Comparison, label: String)
    }

    enum Kind: Equatable {
        case read([Reading])
        case chart, unread, ignore
    }

    /// Stage levels as bits: 1 << 1 = stage I … 1 << 4 = stage IV.
    static func bit(_ level: Int) -> UInt8 { UInt8(1) << UInt8(level) }

    static func read(_ sentence: String, section: EligibilityText.Section, alreadyRead: Bool) -> Kind {
        let lower = normalised(sentence)
        if lower.trimmingCharacters(in: .whitespaces).count < 4 { return .ignore }
        var found: [Reading] = []
        let window = timeWindow(lower)
        let permissive = isPermissive(lower)

        // Stage and extent.
        if !window, let s = stage(lower, section: section) { found.append(s) }
        // HER2 overexpression by IHC 3+ or ISH amplification.
        if section == .inclusion, !permissive, lower.contains("her2") || lower.contains("her-2"),
            lower.contains("overexpression") || lower.contains("ihc 3+") || lower.contains("gene-amplified")
                || lower.contains("amplification")
        {
            found.append(.her2Positive)
        }
        // Prior therapy.
        if !window, !permissive || negatedPermission(lower), !lower.contains("hypersensitiv"),
            !lower.contains("allerg"),
            !lower.contains("cumulative"), !lower.contains("eligib")
        {
            let names = alternatives(drugs(in: lower), in: lower)
            if !names.isEmpty {
                let excluded =
                    section == .exclusion || negatedPermission(lower) || lower.contains(" no prior ")
                    || lower.contains(" without prior ") || lower.contains("naive") || lower.contains("naïve")
                let latest = !excluded && lower.contains("most recent")
                for (display, list) in names
                where historyNear(lower, display) || (section == .exclusion && lower.hasPrefix(" prior ")) {
                    found.append(
                        latest
                            ? .latest(names: list, display: display)
                            : .prior(names: list, display: display, required: !excluded))
                }
            }
        }
        // Lines of therapy for advanced disease.
        if section == .inclusion, let l = lines(lower) { found.append(l) }
        if section == .inclusion, let m = mrd(lower) { found.append(m) }
        if section == .inclusion, let r = remission(lower) { found.append(r) }

        if !found.isEmpty { return .read(found) }
        if ecogMax(sentence) != nil { return .ignore }
        // Timing against the start of the study (washouts, "continuing on X until 2 weeks prior") is in the chart.
        if window && !permissive { return .chart }
        // A sentence that only permits ("… is allowed", "may be enrolled") restricts nobody.
        if permissive && !negatedPermission(lower) { return .ignore }
        if alreadyRead { return .ignore }
        return decidable(lower) ? .unread : .chart
    }

    // MARK: Pieces

    /// Lower case, one kind of hyphen, "anti- PD-1" closed up, padded with spaces for whole-word checks.
    static func normalised(_ sentence: String) -> String {
        " "
            + sentence.lowercased().replacingOccurrences(of: "\u{2010}", with: "-")
            .replacingOccurrences(of: "anti- ", with: "anti-")
            // "an EGFR TKI-sensitizing EGFR mutation" describes the mutation, not a drug given.
            .replacingOccurrences(of: "tki-sensitizing", with: "sensitizing")
            .replacingOccurrences(of: "tki-sensitising", with: "sensitising") + " "
    }

    /// Drugs named as alternatives ("after progression on osimertinib or nazartinib") are one requirement.
    static func alternatives(_ found: [(String, [String])], in s: String) -> [(String, [String])] {
        guard found.count >= 2 else { return found }
        var out: [(String, [String])] = [found[0]]
        for next in found.dropFirst() {
            let last = out[out.count - 1]
            if let a = s.range(of: last.0.lowercased().components(separatedBy: " ").last ?? last.0.lowercased()),
                let b = s.range(of: next.0.lowercased().components(separatedBy: " ").first ?? next.0.lowercased()),
                a.upperBound <= b.lowerBound
            {
                let gap = s[a.upperBound..<b.lowerBound]
                if gap.trimmingCharacters(in: .whitespaces) == "or" || gap == " and/or " {
                    out[out.count - 1] = (last.0 + " or " + next.0, last.1 + next.1)
                    continue
                }
            }
            out.append(next)
        }
        return out
    }

    /// A sentence that only says which tumours the trial takes ("histologically-proven incurable metastatic solid
    /// tumour, multiple myeloma or B cell non-Hodgkin lymphoma"): structured population criteria say the same.
    static func restatesPopulation(_ s: String) -> Bool {
        ["histolog", "cytolog"].contains { s.contains($0) }
            && ["tumour", "tumor", "malignan", "myeloma", "lymphoma", "leukemia", "leukaemia", "cancer"].contains {
                s.contains($0)
            }
    }

    /// A prior-therapy requirement as the sentence qualifies it: "for patients with NSCLC or HNSCC this must have
    /// included platinum" holds only for those diagnoses (any other diagnosis meets it); "or for whom no SOC
    /// EGFR-targeting TKI is available" makes a missing EGFR TKI a question for the chart, not a "not met".
    static func conditioned(
        _ node: Node, display: String, required: Bool, sentence s: String, compiler: inout CriterionCompiler
    ) -> Node {
        guard required else { return node }
        let key = display.lowercased().split(separator: " ").first.map(String.init) ?? display.lowercased()
        var result = node
        // The population clause that governs the drug: the last "patients with …" before it.
        if let drug = s.range(of: key) {
            let before = s[..<drug.lowerBound]
            if let w = before.range(of: "patients with ", options: .backwards) {
                let tail = before[w.upperBound...]
                if let end = [" this must", " must", " should"].compactMap({ tail.range(of: $0)?.lowerBound }).min() {
                    let names = tail[..<end].replacingOccurrences(of: " or ", with: ",")
                        .replacingOccurrences(of: " and ", with: ",").split(separator: ",")
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    let targets = names.map { DiagnosisTarget.resolve($0, tree: compiler.tree) }
                    let resolved = targets.allSatisfy {
                        if case .code = $0 { return true }
                        return false
                    }
                    if !names.isEmpty, resolved {
                        result = .any(
                            [.leaf(compiler.diagnosisLeaf(targets, negated: true)), result],
                            label: "text: prior \(display) (for " + names.joined(separator: " or ") + ")")
                    }
                }
            }
        }
        if let r = s.range(of: "for whom no "),
            let end = s[r.upperBound...].range(of: "available")?.lowerBound, s[r.upperBound..<end].contains(key)
        {
            result = .any(
                [
                    result,
                    .leaf(
                        compiler.leaf(
                            "text: \(display) not available to the patient",
                            .unsupported(missing: "whether \(display) is available to the patient"), fromText: true)),
                ], label: "text: prior \(display) (unless none is available)")
        }
        return result
    }

    /// Whether a drug is named as part of the patient's history: within a few words after "prior", "previous",
    /// "received", "treated with", "progressed on" and the like ("toxicity not related to atezolizumab" is not).
    static func historyNear(_ s: String, _ drug: String) -> Bool {
        let cues = [
            "prior", "previous", "previously", "received", "receive", "treated", "treatment", "therapy", "progressed",
            "progression",
            "had", "pretreated", "pre-treated", "exposure", "refractory", "progressing", "intolerance", "intolerant",
            "included",
        ]
        let words = s.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/") }).map(
            String.init)
        let key = drug.lowercased().split(separator: " ").first.map(String.init) ?? drug.lowercased()
        for (i, w) in words.enumerated() where w.hasPrefix(key) || key.hasPrefix(w) && w.count >= 5 {
            let before = words[max(0, i - 6)..<i]
            // "toxicity not related to atezolizumab" names no history; "intolerance to platinum" does.
            if before.contains(where: { b in cues.contains(b) }) && !before.contains("related")
                && !before.contains("due")
            {
                return true
            }
        }
        return false
    }

    /// The most an ECOG sentence allows ("ECOG 0 or 1", "0, 1, or 2", "≤ 2", "0-1"), or nil.
    static func ecogMax(_ sentence: String) -> Int? {
        let s = sentence.lowercased()
        guard let r = s.range(of: "ecog") ?? s.range(of: "performance status") ?? s.range(of: "zubrod") else {
            return nil
        }
        let tail = s[r.upperBound...].prefix(60)
        if let m = tail.range(of: #"(≤|<=|=<)\s*([0-4])"#, options: .regularExpression) {
            return Int(String(tail[m].last!))
        }
        let digits = tail.prefix { !".;".contains($0) }.compactMap { $0.wholeNumberValue }.filter { $0 <= 4 }
        return digits.count >= 2 ? digits.max() : nil
    }

    static func timeWindow(_ s: String) -> Bool {
        s.contains(" within ") || s.contains(" days prior") || s.contains(" weeks prior") || s.contains(" days before")
            || s.contains(" weeks before")
            || s.range(of: #"[≤<]\s*\d+\s*(days|weeks)"#, options: .regularExpression) != nil
            || s.contains("concurrent") || s.contains("currently receiving") || s.contains(" receiving ")
    }

    static func isPermissive(_ s: String) -> Bool {
        [" allowed", " permitted", " may ", " are eligible", " is eligible", "allowable", " acceptable", " need not "]
            .contains {
                s.contains($0)
            }
    }

    static func negatedPermission(_ s: String) -> Bool {
        s.contains("not permitted") || s.contains("not allowed") || s.contains("are not eligible")
            || s.contains("is not eligible")
            || s.contains("ineligible")
    }

    static let romans: [(String, Int)] = [("iv", 4), ("iii", 3), ("ii", 2), ("i", 1)]

    /// Whether a drug name is an anticancer agent by its INN stem, a named agent or a class member.
    static func isAnticancer(_ drug: String) -> Bool {
        let d = drug.lowercased()
        if namedDrugs.contains(d) || drugStems.contains(where: { d.hasSuffix($0) }) { return true }
        return DrugClass.members.values.contains { $0.contains(d) }
    }

    /// Stage levels a sentence names after the word "stage" ("Stage II … or Stage III", "Stage I or IV").
    static func stageLevels(_ s: String) -> [Int] {
        var levels: [Int] = []
        var rest = Substring(s)
        while let r = rest.range(of: "stage ") {
            rest = rest[r.upperBound...]
            // "stage ii or iii", "stage ii-iii", "stage iia"
            var chunk = rest.prefix(40)
            if let stop = chunk.firstIndex(where: { ",.;(".contains($0) }) { chunk = chunk[..<stop] }
            // Disease stages are written in Roman numerals; "Stage 1"/"Stage 2" in Arabic name parts of a study.
            let words = chunk.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" || $0 == "–" })
            if let first = words.first?.first, first.isNumber { continue }
            for (k, w) in words.enumerated() {
                let token = w.trimmingCharacters(in: CharacterSet(charactersIn: "abc"))
                if let level = romans.first(where: { $0.0 == token })?.1
                    ?? romans.first(where: {
                        w.hasPrefix($0.0) && w.count <= $0.0.count + 1
                            && w.dropFirst($0.0.count).allSatisfy { "abc".contains($0) }
                    })?.1
                {
                    if !levels.contains(level) { levels.append(level) }
                } else if k > 0 && !["or", "and", "to"].contains(String(w)) {
                    break
                } else if k == 0 {
                    break
                }
            }
        }
        return levels
    }

    static func stage(_ s: String, section: EligibilityText.Section) -> Reading? {
        // Stage words count only where the sentence speaks of the disease ("Stage 1 study treatments" is a part of the study).
        let aboutDisease =
            ["cancer", "carcinoma", "disease", "tumor", "tumour", "malignan", " mbc"].contains { s.contains($0) }
            && !s.contains("criteria")
        let levels = aboutDisease ? stageLevels(s).filter { (1...4).contains($0) } : []
        let metastatic =
            s.contains("metastatic") || s.contains(" mbc")
            || s.contains("metastases") && !s.contains("brain metastases")
                && !s.contains("cns metastases") && !s.contains("liver metastases")
        let locally = s.contains("locally advanced") || s.contains("inoperable") || s.contains("unresectable")
        let early = s.contains("early ") && (s.contains("breast cancer") || s.contains("stage"))
        if section == .exclusion || negatedPermission(s) {
            // "Patients with Stage I or IV breast cancer are not eligible."
            guard !levels.isEmpty, section == .exclusion || negatedPermission(s) else { return nil }
            var yes: UInt8 = 0
            for level in 1...4 where !levels.contains(level) { yes |= bit(level) }
            return .stage(
                yes: yes, maybe: 0, label: "excluded if: stage " + levels.map(roman).joined(separator: " or "))
        }
        if !levels.isEmpty && !s.contains("brain") && !s.contains("cns") {
            var yes: UInt8 = 0
            for level in levels { yes |= bit(level) }
            return .stage(
                yes: yes, maybe: 0,
                label: "stage " + levels.sorted().map(roman).joined(separator: " or ")
                    + (early ? " (early disease)" : ""))
        }
        if metastatic || locally {
            // Metastatic disease is stage IV; "locally advanced/inoperable" may be a stage III the record does not qualify.
            return .stage(
                yes: bit(4), maybe: locally ? bit(3) : 0,
                label: metastatic && locally
                    ? "metastatic or locally advanced (inoperable) disease"
                    : metastatic
                        ? "metastatic disease (stage IV)"
                        : "locally advanced (inoperable) or metastatic disease")
        }
        return nil
    }

    static func roman(_ level: Int) -> String { ["", "I", "II", "III", "IV"][level] }

    /// Named drugs and drug classes, with the names a treatment history is searched for.
    static func drugs(in sentence: String) -> [(String, [String])] {
        var s = sentence
        // "…, with the exception of capecitabine": what follows is allowed, not named.
        for phrase in ["with the exception of", "except ", "other than", "unless"] {
            if let r = s.range(of: phrase) { s = String(s[..<r.lowerBound]) }
        }
        var out: [(String, [String])] = []
        func add(_ display: String, _ names: [String]) {
            if !out.contains(where: { $0.0 == display }) { out.append((display, names)) }
        }
        for (phrase, display, names) in classPhrases where s.contains(phrase) { add(display, names) }
        let words = s.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
        for w in words {
            var word = String(w)
            for suffix in ["-based", "-containing", "-directed"] where word.hasSuffix(suffix) {
                word = String(word.dropLast(suffix.count))
            }
            guard word.count >= 7 else { continue }
            if drugStems.contains(where: { word.hasSuffix($0) }) || namedDrugs.contains(word) {
                if out.contains(where: { $0.1.contains(word) }) { continue }
                add(word, DrugClass.expand(word))
            }
        }
        return out
    }

    /// International nonproprietary name stems of anticancer drugs (WHO INN stem book).
    static let drugStems = [
        "mab", "tinib", "ciclib", "rafenib", "parib", "platin", "taxel", "rubicin", "lisib", "sertib", "metinib",
        "zomib", "degib", "tecan", "mustine", "citabine", "trexed", "lutamide", "rasib", "zolamide",
    ]
    static let namedDrugs: Set<String> = [
        "capecitabine", "eribulin", "tamoxifen", "letrozole", "anastrozole", "exemestane", "fulvestrant",
        "cyclophosphamide", "temozolomide", "vincristine", "etoposide", "ifosfamide", "fluorouracil",
        "neratinib", "everolimus", "ipatasertib", "cobimetinib", "lenalidomide", "ro6874281",
    ]
    static let classPhrases: [(String, String, [String])] = [
        ("cdk inhibitor", "CDK4/6 inhibitor", ["palbociclib", "ribociclib", "abemaciclib", "cdk"]),
        ("cdk4/6 inhibitor", "CDK4/6 inhibitor", ["palbociclib", "ribociclib", "abemaciclib", "cdk"]),
        ("egfr tki", "EGFR TKI", DrugClass.expand("egfr tki")),
        ("egfr tyrosine kinase inhibitor", "EGFR TKI", DrugClass.expand("egfr tki")),
        ("platinum", "platinum", DrugClass.expand("platinum")),
        ("anti-pd-1", "anti-PD-1", DrugClass.expand("anti-pd-1")),
        ("anti-pd-l1", "anti-PD-L1", DrugClass.expand("anti-pd-l1")),
        ("parp inhibitor", "PARP inhibitor", DrugClass.expand("parp inhibitor")),
        ("taxane", "taxane", DrugClass.expand("taxane")),
        ("anthracycline", "anthracycline", DrugClass.expand("anthracycline")),
        ("fluoropyrimidine", "fluoropyrimidine", DrugClass.expand("fluoropyrimidine")),
        ("allogeneic", "allogeneic transplant", ["allogeneic", "allo-hsct", "allo-sct", "allo hsct"]),
    ]

    /// "a total of one line of therapy", "up to 4 prior … treatments", "at least 2 prior lines", "≥ 2 prior lines".
    static func lines(_ s: String) -> Reading? {
        guard s.contains("line") || (s.contains("prior") && s.contains("treatments")) else { return nil }
        guard s.contains("metasta") || s.contains("advanced") || s.contains("prior") || s.contains("previous") else {
            return nil
        }
        let numbers: [String: Double] = [
            "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5,
        ]
        func number(after phrase: String) -> Double? {
            guard let r = s.range(of: phrase) else { return nil }
            let word = s[r.upperBound...].split(separator: " ").first.map(String.init) ?? ""
            return numbers[word]
        }
        if s.contains("treatment-naive") || s.contains("treatment naive"), let n = number(after: "or ") {
            return .lines(Comparison(op: .le, value: n), label: "prior lines for advanced disease ≤\(Int(n))")
        }
        if let n = number(after: "a total of ") ?? number(after: "exactly ") {
            return .lines(Comparison(op: .eq, value: n), label: "prior lines for advanced disease = \(Int(n))")
        }
        if let n = number(after: "up to ") ?? number(after: "no more than ") ?? number(after: "at most ") ?? number(
            after: "≤ ") ?? number(after: "≤")
        {
            return .lines(Comparison(op: .le, value: n), label: "prior lines for advanced disease ≤\(Int(n))")
        }
        if let n = number(after: "at least ") ?? number(after: "≥ ") ?? number(after: "≥")
            ?? number(after: "minimum of ")
        {
            return .lines(Comparison(op: .ge, value: n), label: "prior lines for advanced disease ≥\(Int(n))")
        }
        return nil
    }

    nonisolated(unsafe) static let mrdLevel = try! Regex(#"(≥|>=|>|of at least)\s*10\s*\^?\s*[-−⁻]\s*([0-9⁰¹²³⁴⁵⁶])"#)

    /// A minimal residual disease threshold: "minimal residual disease at a level of ≥ 10^-3" → 0.001.
    static func mrd(_ s: String) -> Reading? {
        guard s.contains("minimal residual disease") || s.contains(" mrd "), !s.contains("specimen"),
            let m = s.firstMatch(of: mrdLevel), let digit = m.output[2].substring?.first
        else { return nil }
        let superscripts: [Character: Int] = ["⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6]
        guard let exponent = digit.wholeNumberValue ?? superscripts[digit] else { return nil }
        return .mrd(atLeast: pow(10, -Double(exponent)))
    }

    /// "complete (hematological) remission after at least 3 … blocks/cycles/courses/lines" → 3.
    static func remission(_ s: String) -> Reading? {
        guard s.contains("complete"), s.contains("remission"), let r = s.range(of: "after at least ") else {
            return nil
        }
        let words = s[r.upperBound...].split(separator: " ").prefix(4).map(String.init)
        let numbers = ["1": 1, "2": 2, "3": 3, "4": 4, "one": 1, "two": 2, "three": 3, "four": 4]
        guard let n = words.first.flatMap({ numbers[$0] }),
            words.contains(where: { ["blocks", "cycles", "courses", "lines"].contains($0) })
        else { return nil }
        return .remission(lines: n)
    }

    /// Whether a sentence names something a structured record could decide (a biomarker, a gene, a prior
    /// treatment, a diagnosis or stage), as opposed to labs, consent or logistics.
    static func decidable(_ s: String) -> Bool {
        let chartWords = [
            "laborator", "neutrophil", "platelet", "hemoglobin", "haemoglobin", "bilirubin", "creatinine",
            "informed consent",
            "pregnan", "contracept", "measurable", "life expectancy", "swallow", "hepatitis", " hiv", "infection",
            "cardiac",
            "ejection fraction", "qtc", "specimen", "tissue", "biopsy", "surgery", "surgical", "radiotherapy",
            "radiation",
            "allerg", "hypersensitiv", "investigational", "cns ", "central nervous", "leptomening", "brain metast",
            "autoimmun", "transplant", "malignanc", "within ", "organ function", "comply", "compliance", "willing",
            "last dose", "resolution of", "recovered from", "side effects", "toxicit", "must be available",
            "source document", "soc therapy", "standard of care", "per local guidelines",
        ]
        if chartWords.contains(where: { s.contains($0) }) { return false }
        if s.contains("standard therapy") || s.contains("standard treatment") || s.contains("investigator") {
            return false
        }
        let decidableWords = [
            "positive", "negative", "mutation", "mutated", "amplif", "fusion", "rearrange", "express", "wild-type",
            "wildtype", " prior ", "previous", "received", "progress", "remission", "refractory", "relapsed",
            " lines", " line of", "histolog", "stage ",
        ]
        if decidableWords.contains(where: { s.contains($0) }) { return true }
        return false
    }
}
