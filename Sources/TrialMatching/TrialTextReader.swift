import BoardModel
import Foundation

/// Reads a trial's eligibility text into criteria as a screener would: performance status, the alterations
/// and biomarkers the text names (only where no structured criterion covers the same ground), condition
/// subtypes, and the sentences `ScreenerText` reads (stage, HER2, prior therapy, lines). Sentences no record
/// decides are collected in `chart` ("needs the chart": listed, never counted against the verdict).
struct TrialTextReader {
    /// What the structured criteria already cover: the text adds nothing on that ground.
    let hasGenomic: Bool
    let hasReceptor: Bool
    let hasERBB2: Bool
    let hasStage: Bool
    /// The structured criteria define the population (diagnosis or disease status): a sentence that only
    /// restates it ("histologically-proven incurable metastatic solid tumour, multiple myeloma or …") adds nothing.
    let hasPopulation: Bool
    let treeHasECOG: Bool
    /// The drugs of the trial's own arms that are one drug name ("prior study treatment" exclusions).
    let armDrugs: [String]
    /// Reading a later part of a study ("Inclusion criteria stage 2"): its sentences about the earlier part
    /// ("Patients randomly allocated to the control arm during Stage 1: …") require treatment in that part of
    /// this trial, which the record shows as a line of therapy naming the trial.
    var laterPart: (trialId: String, kind: String, earlier: Int)?
    /// Adopts the chart lines another reader (of a part of the same trial) collected.
    mutating func adoptChart(of other: TrialTextReader) {
        chart = other.chart
        said = other.said
    }

    /// The trial is for acute lymphoblastic leukaemia: there "eligibility for treatment with tyrosine-kinase
    /// inhibitors" means a Philadelphia-positive (BCR::ABL1) leukaemia, which the molecular record settles.
    var lymphoblastic = false
    /// Lines listed for the screener: needs the chart, or exclusions not read; each sentence once.
    private(set) var chart: [CriterionOutcome] = []
    private var said = Set<String>()

    init(treeLeaves: [Leaf], arms: [TrialArm]) {
        func has(_ test: (Test) -> Bool) -> Bool { treeLeaves.contains { test($0.test) } }
        hasGenomic = has {
            switch $0 {
            case .genomic, .microsatellite, .mmr, .tmb: true
            default: false
            }
        }
        treeHasECOG = has {
            if case .ecog = $0 { return true }
            return false
        }
        hasReceptor = has {
            if case .receptor = $0 { return true }
            return false
        }
        hasERBB2 = has {
            if case .genomic(let g) = $0 { return g.genes.contains("ERBB2") }
            return false
        }
        hasStage = has {
            if case .stage = $0 { return true }
            return false
        }
        hasPopulation = has {
            switch $0 {
            case .diseaseStatus: true
            default: false
            }
        }
        armDrugs = Array(
            Set(arms.flatMap(\.drugs).map { $0.lowercased() }.filter { !$0.contains(" ") && !$0.contains("(") }))
    }

    /// Every criterion a block of inclusion and exclusion text yields, in the order a screener lists them.
    mutating func read(
        inclusion: String, exclusion: String, conditions: [String] = [], compiler: inout CriterionCompiler
    ) -> [Node] {
        var nodes: [Node] = []
        let ecog = ecogNodes(inclusion, compiler: &compiler)
        nodes += ecog
        nodes += mentionNodes(
            inclusion: inclusion, exclusion: exclusion, hasECOG: treeHasECOG || !ecog.isEmpty, compiler: &compiler)
        if !hasReceptor { nodes += Self.subtypeNodes(conditions, compiler: &compiler) }
        nodes += sentenceNodes(inclusion: inclusion, exclusion: exclusion, compiler: &compiler)
        return nodes
    }

    // MARK: Performance status

    /// Inclusion text in parts (study stages, cohorts) with different ECOG limits: at or below the lowest
    /// limit is met, above the highest is not met, in between depends on the part (unknown).
    func ecogNodes(_ inclusion: String, compiler: inout CriterionCompiler) -> [Node] {
        guard !treeHasECOG else { return [] }
        let limits = Set(EligibilityText.sentences(inclusion).compactMap(ScreenerText.ecogMax))
        if limits.count >= 2, let low = limits.min(), let high = limits.max() {
            return [
                .any(
                    [
                        .leaf(
                            compiler.leaf(
                                "text: ECOG ≤\(low)", .ecog(Comparison(op: .le, value: Double(low))), fromText: true)),
                        .all([
                            .leaf(
                                compiler.leaf(
                                    "text: ECOG ≤\(high)", .ecog(Comparison(op: .le, value: Double(high))),
                                    fromText: true)),
                            .leaf(
                                compiler.leaf(
                                    "text: ECOG limit of the study part (≤\(low) or ≤\(high))",
                                    .unsupported(missing: "which part of the study the patient enters"),
                                    fromText: true)),
                        ]),
                    ],
                    label: "text: ECOG ≤\(low) (≤\(high) in another part of the study)")
            ]
        }
        if limits.count == 1, let only = limits.first {
            return [
                .leaf(
                    compiler.leaf(
                        "text: ECOG ≤\(only)", .ecog(Comparison(op: .le, value: Double(only))), fromText: true))
            ]
        }
        return []
    }

    // MARK: Alterations and biomarkers

    /// Inclusion mentions only where no structured criterion covers the same ground; exclusion mentions
    /// always (an excluded alteration the patient has counts against).
    func mentionNodes(inclusion: String, exclusion: String, hasECOG: Bool, compiler: inout CriterionCompiler)
        -> [Node]
    {
        var nodes: [Node] = []
        for clause in EligibilityText.clauses(inclusion, section: .inclusion) {
            let kept = clause.mentions.filter { mention in
                switch mention {
                case .alteration, .wildtype, .msiHigh, .microsatelliteStable, .tmb: !hasGenomic
                case .ecog: !hasECOG
                case .receptor(let name, _): !hasReceptor && !(name == "HER2" && hasERBB2)
                }
            }
            guard !kept.isEmpty else { continue }
            if let node = CompiledTrial.textNode(
                EligibilityText.Clause(
                    section: .inclusion, mentions: kept, anyOf: clause.anyOf,
                    negated: clause.negated, sentence: clause.sentence), compiler: &compiler)
            {
                nodes.append(node)
            }
        }
        for clause in EligibilityText.clauses(exclusion, section: .exclusion) {
            if let node = CompiledTrial.textNode(clause, compiler: &compiler) { nodes.append(node) }
        }
        return nodes
    }

    /// Condition names that state a receptor subtype ("Triple Negative Breast Cancer") are criteria of their own.
    static func subtypeNodes(_ conditions: [String], compiler: inout CriterionCompiler) -> [Node] {
        var subtypes: [TrialConditionCrosswalk.Subtype] = []
        for condition in conditions {
            for st in TrialConditionCrosswalk.subtypes(of: condition) where !subtypes.contains(st) {
                subtypes.append(st)
            }
        }
        var nodes: [Node] = []
        for st in subtypes {
            switch st {
            case .tripleNegative:
                for r in [Receptor.er, .pr, .her2] {
                    nodes.append(
                        .leaf(
                            compiler.leaf(
                                "condition triple-negative: \(r.rawValue) negative",
                                .receptor(r, positive: false, negated: false))))
                }
            case .her2Positive:
                nodes.append(
                    .leaf(
                        compiler.leaf(
                            "condition HER2-positive: HER2 positive", .receptor(.her2, positive: true, negated: false)))
                )
            case .her2Negative:
                nodes.append(
                    .leaf(
                        compiler.leaf(
                            "condition HER2-negative: HER2 negative", .receptor(.her2, positive: false, negated: false))
                    ))
            case .hormoneReceptorPositive:
                nodes.append(
                    .any(
                        [
                            .leaf(compiler.leaf("ER positive", .receptor(.er, positive: true, negated: false))),
                            .leaf(compiler.leaf("PR positive", .receptor(.pr, positive: true, negated: false))),
                        ],
                        label: "condition hormone-receptor-positive: ER or PR positive"))
            }
        }
        return nodes
    }

    // MARK: Sentences

    /// The screener's reading of the remaining sentences: stage, HER2 by IHC/ISH, prior therapy, lines; the
    /// rest either needs the chart (listed, not counted) or was not read (unknown, counted).
    mutating func sentenceNodes(inclusion: String, exclusion: String, compiler: inout CriterionCompiler) -> [Node] {
        // An exception to "prior study treatment" stated in any sentence holds for all of them.
        let studyExceptions = Set(
            EligibilityText.sentences(exclusion).map { $0.lowercased() }.flatMap { l -> [String] in
                guard let r = l.range(of: "exception of") ?? l.range(of: "except ") else { return [] }
                return armDrugs.filter { l[r.upperBound...].contains($0) }
            })
        var nodes: [Node] = []
        for (text, section) in [(inclusion, EligibilityText.Section.inclusion), (exclusion, .exclusion)] {
            for sentence in EligibilityText.sentences(text) {
                nodes += sentenceNodes(
                    sentence, section: section, studyExceptions: studyExceptions, compiler: &compiler)
            }
        }
        return nodes
    }

    private mutating func sentenceNodes(
        _ sentence: String, section: EligibilityText.Section, studyExceptions: Set<String>,
        compiler: inout CriterionCompiler
    ) -> [Node] {
        let lower = sentence.lowercased()
        if Self.isHeading(sentence, lower: lower) { return [] }
        if let node = earlierPartNode(lower, section: section, compiler: &compiler) { return [node] }
        if let node = philadelphiaNode(lower, section: section, compiler: &compiler) { return [node] }
        let alreadyRead = EligibilityText.clause(sentence, section: section) != nil
        var kind = ScreenerText.read(sentence, section: section, alreadyRead: alreadyRead)
        if let prior = studyTreatmentReading(lower, section: section, studyExceptions: studyExceptions) { kind = prior }
        // A sentence that restates the population the structured criteria define adds nothing to them.
        if hasPopulation, kind == .unread, ScreenerText.restatesPopulation(lower) { return [] }
        return nodes(kind, sentence: sentence, lower: lower, section: section, compiler: &compiler)
    }

    /// Headings ("Inclusion Criteria Stage 1", "Exclusion criteria:") are not criteria.
    private static func isHeading(_ sentence: String, lower: String) -> Bool {
        lower.hasPrefix("inclusion criteria") || lower.hasPrefix("exclusion criteria") || lower.hasSuffix("criteria")
            || lower.hasSuffix("criteria:") || lower.count < 4 || StudyParts.heading(sentence) != nil
    }

    /// In a later part of a trial, "during Phase 1" or "Phase 1 treatment" means treatment in that earlier part.
    private func earlierPartNode(_ lower: String, section: EligibilityText.Section, compiler: inout CriterionCompiler)
        -> Node?
    {
        guard let later = laterPart, section == .inclusion else { return nil }
        let earlier = "\(later.kind) \(later.earlier)"
        guard lower.contains("during " + earlier) || lower.contains(earlier + " treatment") else { return nil }
        let display = "treatment in \(later.kind.capitalized) \(later.earlier) of this trial (\(later.trialId))"
        return .leaf(
            compiler.leaf(
                "text: prior " + display,
                .priorTreatment(names: [later.trialId.lowercased()], display: display, negated: false),
                fromText: true))
    }

    /// A lymphoblastic leukaemia trial excluding patients eligible for a tyrosine-kinase inhibitor excludes the
    /// Philadelphia-positive: a BCR::ABL1 fusion.
    private func philadelphiaNode(_ lower: String, section: EligibilityText.Section, compiler: inout CriterionCompiler)
        -> Node?
    {
        guard lymphoblastic, section == .exclusion, lower.contains("eligib"),
            lower.contains("tyrosine-kinase inhibitor") || lower.contains("tyrosine kinase inhibitor")
        else { return nil }
        var t = GenomicTest()
        t.genes = ["ABL1"]
        t.geneIds = [compiler.genes.intern("ABL1")]
        t.partnerId = compiler.genes.intern("BCR")
        t.category = .structural
        t.absent = true
        return .leaf(
            compiler.leaf(
                "excluded if: BCR::ABL1 fusion (Philadelphia-positive: eligible for a tyrosine-kinase inhibitor)",
                .genomic(t), fromText: true))
    }

    /// "Prior treatment with any of the study treatments …": the drugs of the trial's own arms, less those the
    /// sentence (or the study) excepts; nil when the sentence is not such an exclusion or no drug is left.
    private func studyTreatmentReading(_ lower: String, section: EligibilityText.Section, studyExceptions: Set<String>)
        -> ScreenerText.Kind?
    {
        guard section == .exclusion, lower.contains("study treatment") || lower.contains("study drug"),
            lower.contains("prior") || lower.contains("previous"), !armDrugs.isEmpty
        else { return nil }
        let allowed =
            ScreenerText.drugs(in: lower.components(separatedBy: "exception of").dropFirst().joined()).flatMap(\.1)
            + (lower.range(of: "exception of").map { r in armDrugs.filter { lower[r.upperBound...].contains($0) } }
                ?? [])
        let names = Array(Set(armDrugs.filter { !allowed.contains($0) && !studyExceptions.contains($0) })).sorted()
        guard !names.isEmpty else { return nil }
        return .read([
            .prior(
                names: names,
                display: "a study treatment of this trial (" + names.joined(separator: ", ") + ")",
                required: false)
        ])
    }

    /// What a sentence read as `kind` adds: nodes to evaluate, or lines for the chart and the screener.
    private mutating func nodes(
        _ kind: ScreenerText.Kind, sentence: String, lower: String, section: EligibilityText.Section,
        compiler: inout CriterionCompiler
    ) -> [Node] {
        let shown = CompiledTrial.shorten(sentence)
        switch kind {
        case .ignore: return []
        case .chart:
            if said.insert(shown).inserted {
                chart.append(
                    CriterionOutcome(
                        criterion: (section == .exclusion ? "excluded if: " : "") + shown, outcome: .unknown,
                        detail: "needs the chart", fromText: true, missing: "the chart"))
            }
            return []
        case .unread where section == .exclusion:
            // An exclusion not read is listed for the screener to check; inclusion criteria not read count (below).
            if said.insert(shown).inserted {
                chart.append(
                    CriterionOutcome(
                        criterion: "excluded if: " + shown, outcome: .unknown,
                        detail: "not read by the matcher: check against the record", fromText: true,
                        missing: "a screener's reading of this exclusion"))
            }
            return []
        case .unread:
            guard said.insert(shown).inserted else { return [] }
            return [
                .leaf(
                    compiler.leaf(
                        "text not read: " + shown, .unsupported(missing: "a screener's reading of: " + shown),
                        fromText: true))
            ]
        case .read(let readings):
            return readings.compactMap { readingNode($0, section: section, sentence: lower, compiler: &compiler) }
        }
    }

    private func readingNode(
        _ r: ScreenerText.Reading, section: EligibilityText.Section, sentence: String,
        compiler: inout CriterionCompiler
    ) -> Node? {
        let prefix = section == .exclusion ? "excluded if: " : "text: "
        switch r {
        case .stage(let yes, let maybe, let label):
            if hasStage || hasPopulation { return nil }
            return .leaf(
                compiler.leaf(
                    (label.hasPrefix("excluded") ? "" : prefix) + label, .stage(yes: yes, maybe: maybe), fromText: true)
            )
        case .her2Positive:
            if hasReceptor || hasERBB2 { return nil }
            return .leaf(
                compiler.leaf(
                    "text: HER2 positive (IHC 3+ or ISH amplified)", .receptor(.her2, positive: true, negated: false),
                    fromText: true))
        case .prior(let names, let display, let required):
            let label = (required ? "text: prior " : "excluded if: prior ") + display
            let leaf = Node.leaf(
                compiler.leaf(
                    label, .priorTreatment(names: names, display: display, negated: !required), fromText: true))
            return ScreenerText.conditioned(
                leaf, display: display, required: required, sentence: sentence, compiler: &compiler)
        case .latest(let names, let display):
            return .leaf(
                compiler.leaf(
                    "text: most recent therapy " + display, .latestTreatment(names: names, display: display),
                    fromText: true))
        case .lines(let cmp, let label):
            return .leaf(compiler.leaf("text: " + label, .advancedLines(cmp), fromText: true))
        case .mrd(let level):
            let shown = level >= 0.01 ? "\(level)" : "10^\(Int(log10(level).rounded()))"
            return .leaf(
                compiler.leaf(
                    "text: minimal residual disease ≥ " + shown, .mrd(Comparison(op: .ge, value: level)), fromText: true
                ))
        case .remission(let n):
            return .leaf(
                compiler.leaf(
                    "text: complete remission after at least \(n) treatment blocks", .remission(lines: n),
                    fromText: true))
        }
    }
}
