import BoardModel
import Foundation

/// The cohorts a part of a study lists ("- Advanced HNSCC, after progression on … platinum-containing
/// combination chemotherapy", "- Group 5: Advanced KRAS G12C-mutant NSCLC, after …"): the patient must fit one
/// of them. Each cohort is read as a screener reads it: the tumour it names (through the condition crosswalk;
/// "other solid malignancy (excluding CRC)" is any solid tumour but colorectal), the extent ("Advanced"), the
/// genotype written before or after the tumour ("RAS/BRAF WT", "harboring an activating EGFR mutation"), a
/// qualifier the matcher cannot read ("with documented RTK dependency": unknown), and its sentences as any other
/// eligibility text (prior therapy, most recent therapy, conditions by diagnosis).
extension TrialTextReader {
    /// Words that open a cohort: its extent.
    static let extentWords = ["advanced", "metastatic", "locally advanced", "unresectable", "recurrent", "relapsed"]

    /// A part's criteria: its cohorts (any one of them) and its other requirements (all of them).
    /// `cohorts` says whether the part lists cohorts (the part then defines who the arm is for).
    mutating func partNodes(_ part: StudyParts.Part, readGenotype: Bool, compiler: inout CriterionCompiler)
        -> (nodes: [Node], cohorts: Bool)
    {
        guard part.named else {
            return (read(inclusion: part.inclusion, exclusion: part.exclusion, compiler: &compiler), false)
        }
        var cohorts: [(String, Node)] = []
        var rest: [String] = []
        for raw in part.inclusion.split(separator: "\n").map(String.init) {
            let line = raw.hasPrefix("- ") ? String(raw.dropFirst(2)) : raw
            let (group, body) = Self.groupPrefix(line)
            let lower = body.lowercased()
            if Self.extentWords.contains(where: { lower.hasPrefix($0) }) {
                cohorts.append(cohortNode(group: group, body, readGenotype: readGenotype, compiler: &compiler))
            } else {
                rest.append("- " + line)
            }
        }
        var nodes = read(inclusion: rest.joined(separator: "\n"), exclusion: part.exclusion, compiler: &compiler)
        if cohorts.count == 1 {
            nodes.insert(cohorts[0].1, at: 0)
        } else if cohorts.count > 1 {
            nodes.insert(
                .any(cohorts.map(\.1), label: "text: one of the cohorts: " + cohorts.map(\.0).joined(separator: " / ")),
                at: 0)
        }
        return (nodes, !cohorts.isEmpty)
    }

    /// "Group 3: Advanced …" → ("Group 3", "Advanced …").
    static func groupPrefix(_ line: String) -> (String?, String) {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard let colon = t.firstIndex(of: ":"), t.distance(from: t.startIndex, to: colon) <= 12 else {
            return (nil, t)
        }
        let head = t[..<colon]
        guard head.lowercased().hasPrefix("group") || head.lowercased().hasPrefix("cohort") else { return (nil, t) }
        return (String(head), String(t[t.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }

    nonisolated(unsafe) static let extentPattern = try! Regex(
        #"^(?:(?:locally\s+)?advanced|metastatic|unresectable|recurrent|relapsed)(?:\s*,?\s*(?:or|and)?\s*(?:(?:locally\s+)?advanced|metastatic|unresectable))*[\s,]+"#
    ).ignoresCase()
    nonisolated(unsafe) static let excludingPattern = try! Regex(#"\((?:excluding|except|other than|not)\s+([^)]+)\)"#)
        .ignoresCase()

    /// One cohort: its short title and the node of everything it requires.
    mutating func cohortNode(group: String?, _ body: String, readGenotype: Bool, compiler: inout CriterionCompiler)
        -> (String, Node)
    {
        let sentences = EligibilityText.sentences(body)
        let first = sentences.first ?? body
        var head = body.replacing(Self.extentPattern, with: "")
        // The title names the tumour and genotype, not the extent (every cohort is advanced).
        let title =
            (group.map { $0 + ": " } ?? "")
            + CompiledTrial.shorten(
                String(EligibilityText.removingParentheses(head).split(separator: ",").first ?? "")
                    .trimmingCharacters(in: .whitespaces))
        var nodes: [Node] = [
            .leaf(
                compiler.leaf(
                    "text: advanced disease", .stage(yes: ScreenerText.bit(4), maybe: ScreenerText.bit(3)),
                    fromText: true))
        ]
        // The tumour: the words after the genotype, before the first qualifier.
        let excluded = head.firstMatch(of: Self.excludingPattern).map { String($0.output[1].substring ?? "") }
        var qualifier: String?
        for marker in [
            "(", ",", " harboring ", " harbouring ", " after ", " progressing ", " who ", " with ", " that ",
        ] {
            if let r = head.range(of: marker) {
                if marker == " with " {
                    qualifier = String(head[r.upperBound...].prefix { $0 != "," && $0 != "(" && $0 != "." })
                }
                head = String(head[..<r.lowerBound])
            }
        }
        let words = head.split(separator: " ").map(String.init)
        let lastGenotype = words.lastIndex { w in
            !EligibilityText.geneWithSuffix(w).0.isEmpty
                || ["wt", "wild-type", "wildtype", "mutant", "mutated"].contains(
                    w.lowercased())
                || w.lowercased().hasSuffix("-mutant") || EligibilityText.proteinChange(w) != nil
        }
        let tumour = words.dropFirst(lastGenotype.map { $0 + 1 } ?? 0).filter { $0.lowercased() != "other" }
            .joined(separator: " ")
        if !tumour.isEmpty {
            let target = DiagnosisTarget.resolve(tumour, tree: compiler.tree)
            nodes.append(.leaf(compiler.diagnosisLeaf([target], negated: false)))
        }
        if let excluded {
            let targets = excluded.replacingOccurrences(of: " or ", with: ",").split(separator: ",")
                .map { DiagnosisTarget.resolve($0.trimmingCharacters(in: .whitespaces), tree: compiler.tree) }
            nodes.append(.leaf(compiler.diagnosisLeaf(targets, negated: true)))
        }
        if let qualifier, !qualifier.trimmingCharacters(in: .whitespaces).isEmpty {
            let shown = "with " + qualifier.trimmingCharacters(in: .whitespaces)
            nodes.append(
                .leaf(
                    compiler.leaf(
                        "text not read: " + shown, .unsupported(missing: "a screener's reading of: " + shown),
                        fromText: true)))
        }
        // The genotype, read even where the CTML tree has genomic criteria: the cohort stands on its own.
        if readGenotype, let clause = EligibilityText.clause(first, section: .inclusion) {
            let genomic = clause.mentions.filter {
                switch $0 {
                case .alteration, .wildtype, .msiHigh, .microsatelliteStable, .tmb: true
                default: false
                }
            }
            if !genomic.isEmpty,
                let node = CompiledTrial.textNode(
                    EligibilityText.Clause(
                        section: .inclusion, mentions: genomic, anyOf: clause.anyOf, negated: clause.negated,
                        sentence: clause.sentence), compiler: &compiler)
            {
                nodes.append(node)
            }
        }
        nodes += sentenceNodes(inclusion: body, exclusion: "", compiler: &compiler)
        return (title, .all(nodes))
    }
}
