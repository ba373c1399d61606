import Foundation
import BoardModel

/// What evaluating a subtree learned besides met / not met / unknown: the facts the score ranks by.
struct Tally: Sendable {
    var genomicMet: Int32 = 0
    var actionableMet: Int32 = 0
    var textGenomicMet: Int32 = 0
    var unknowns: Int32 = 0
    /// Strongest evidence tier among matched alterations (1 best, 5 none).
    var bestTier: Int8 = 5
    var specificDiagnosis = false
    var solidDiagnosis = false

    mutating func merge(_ other: Tally) {
        genomicMet += other.genomicMet
        actionableMet += other.actionableMet
        bestTier = min(bestTier, other.bestTier)
        textGenomicMet += other.textGenomicMet
        specificDiagnosis = specificDiagnosis || other.specificDiagnosis
        solidDiagnosis = solidDiagnosis || other.solidDiagnosis
        unknowns += other.unknowns
    }

    /// Worth showing even when not eligible: the patient's tumour type or an alteration was hit.
    var isRelevant: Bool { genomicMet > 0 || textGenomicMet > 0 || specificDiagnosis }
}

/// Why a leaf came out as it did; turned into words only when explaining.
enum Reason: UInt8 {
    /// The case's value for the field decided (age, sex, ECOG, …).
    case value
    /// The case lacks the value.
    case noData
    case unmappedDiagnosis
    case received, notReceived, noHistory
    /// Genomic: the alteration named was found / is present although excluded / none reported.
    case found, present, noneReported
    case undecided, vusOnly, noProfile
    case unsupported
}

/// A leaf's verdict without any text: cheap to compute for millions of pairs.
struct Verdict {
    var outcome: Outcome
    var tally = Tally()
    var reason: Reason
    /// The alteration that decided a genomic leaf, or -1.
    var alteration: Int32 = -1
}

/// Evaluates compiled trees against a case index, in a fast mode (outcome and tally only) and an
/// explaining mode (one `CriterionOutcome` per leaf that decided the result).
enum Evaluator {
    /// The outcome of a subtree from cached leaf verdicts (used when explaining `any` nodes).
    static func outcome(_ node: Node, _ c: CaseIndex, _ run: PlanRun) -> Outcome {
        switch node {
        case .leaf(let leaf): return run.verdict(leaf.id, c).outcome
        case .all(let nodes):
            var outcome = Outcome.met
            for child in nodes {
                let o = Self.outcome(child, c, run)
                if o == .notMet { return .notMet }
                if o == .unknown { outcome = .unknown }
            }
            return outcome
        case .any(let nodes, _):
            var outcome = Outcome.notMet
            for child in nodes {
                let o = Self.outcome(child, c, run)
                if o == .met { return .met }
                if o == .unknown { outcome = .unknown }
            }
            return outcome
        }
    }

    /// Appends the outcomes that decided `node`; returns its outcome.
    @discardableResult
    static func explain(_ node: Node, _ c: CaseIndex, _ run: PlanRun, into out: inout [CriterionOutcome]) -> Outcome {
        switch node {
        case .leaf(let leaf):
            let v = run.verdict(leaf.id, c)
            // CTML repeats conditions (age in every clinical node); say each once.
            if out.contains(where: { $0.criterion == leaf.label }) { return v.outcome }
            let (detail, missing) = describe(leaf, v, c)
            out.append(CriterionOutcome(criterion: leaf.label, outcome: v.outcome, detail: detail, fromText: leaf.fromText,
                                        missing: v.outcome == .unknown ? missing : nil))
            return v.outcome
        case .all(let nodes):
            var outcome = Outcome.met
            for child in nodes {
                let o = explain(child, c, run, into: &out)
                if o == .notMet { outcome = .notMet } else if o == .unknown && outcome == .met { outcome = .unknown }
            }
            return outcome
        case .any(let nodes, let label):
            let outcomes = nodes.map { outcome($0, c, run) }
            if let i = outcomes.firstIndex(of: .met) {
                return explain(nodes[i], c, run, into: &out)
            }
            if outcomes.contains(.unknown) {
                for (child, o) in zip(nodes, outcomes) where o == .unknown { explain(child, c, run, into: &out) }
                return .unknown
            }
            let fromText = node.leaves.contains { $0.fromText }
            out.append(CriterionOutcome(criterion: label, outcome: .notMet, detail: "none of these applies", fromText: fromText))
            return .notMet
        }
    }

    // MARK: Leaves

    private static func value(_ holds: Bool) -> Verdict { Verdict(outcome: holds ? .met : .notMet, reason: .value) }

    private static let noData = Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .noData)

    private static func tri(_ state: CaseIndex.Tri, negated: Bool) -> Verdict {
        switch state {
        case .unknown: noData
        case .positive: Verdict(outcome: negated ? .notMet : .met, reason: .value)
        case .negative: Verdict(outcome: negated ? .met : .notMet, reason: .value)
        }
    }

    static func verdict(_ leaf: Leaf, _ c: CaseIndex) -> Verdict {
        var v: Verdict
        switch leaf.test {
        case .age(let cmp):
            guard let age = c.age else { return noData }
            v = value(cmp.holds(Double(age)))
        case .sex(let wanted):
            guard c.sex == .female || c.sex == .male else { return noData }
            v = value(c.sex == wanted)
        case .diagnosis(let targets, let negated):
            v = diagnosis(targets, negated: negated, c)
        case .ecog(let cmp):
            guard let ecog = c.ecog else { return noData }
            v = value(cmp.holds(Double(ecog)))
        case .tmb(let cmp):
            guard let tmb = c.tmb else { return noData }
            v = value(cmp.holds(tmb))
            if v.outcome == .met && cmp.op != .lt && cmp.op != .le { v.tally.genomicMet = 1; v.tally.actionableMet = 1 }
        case .microsatellite(let high, let negated):
            let state: CaseIndex.Tri
            switch c.msi {
            case .high: state = high ? .positive : .negative
            case .stable, .low: state = high ? .negative : .positive
            case .unknown: state = c.mmrDeficient == .unknown ? .unknown : ((c.mmrDeficient == .positive) == high ? .positive : .negative)
            }
            v = tri(state, negated: negated)
            if v.outcome == .met && high && !negated { v.tally.genomicMet = 1; v.tally.actionableMet = 1 }
        case .mmr(let deficient, let negated):
            var state = c.mmrDeficient
            if state == .unknown, c.msi != .unknown { state = c.msi == .high ? .positive : .negative }
            if state != .unknown, !deficient { state = state == .positive ? .negative : .positive }
            v = tri(state, negated: negated)
            if v.outcome == .met && deficient && !negated { v.tally.genomicMet = 1; v.tally.actionableMet = 1 }
        case .receptor(let receptor, let positive, let negated):
            let state = receptor == .er ? c.er : receptor == .pr ? c.pr : c.her2
            let adjusted: CaseIndex.Tri = state == .unknown ? .unknown : ((state == .positive) == positive ? .positive : .negative)
            v = tri(adjusted, negated: negated)
        case .priorTreatment(let names, _, let negated):
            guard c.hasHistory else { return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .noHistory) }
            let received = names.contains { n in c.drugs.contains { $0 == n || $0.contains(n) } || c.regimens.contains { $0.contains(n) } }
            v = Verdict(outcome: received != negated ? .met : .notMet, reason: received ? .received : .notReceived)
        case .genomic(let test):
            v = genomic(test, c)
        case .diseaseStatus(let statuses):
            let wantsAdvanced = statuses.contains { $0.lowercased().contains("advanced") || $0.lowercased().contains("metasta") }
            guard wantsAdvanced, c.metastatic else { return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .noData) }
            v = Verdict(outcome: .met, reason: .value)
        case .unsupported:
            return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .unsupported)
        }
        if leaf.fromText, v.tally.genomicMet > 0 {
            v.tally.textGenomicMet = v.tally.genomicMet
            v.tally.genomicMet = 0
            v.tally.actionableMet = 0
            v.tally.bestTier = 5
        }
        return v
    }

    /// The words for a verdict: the case data that decided it, and what would settle it when unknown.
    static func describe(_ leaf: Leaf, _ v: Verdict, _ c: CaseIndex) -> (String, String?) {
        switch leaf.test {
        case .age: return (c.ageText, "date of birth")
        case .sex: return (c.sexText, "sex")
        case .diagnosis:
            return (c.dxText, v.reason == .unmappedDiagnosis ? "a trial diagnosis mapped to OncoTree" : "the diagnosis as an OncoTree code")
        case .ecog: return (c.ecogText, "ECOG performance status")
        case .tmb: return (c.tmbText, "tumour mutational burden (mut/Mb)")
        case .microsatellite, .mmr: return (c.msiText, "MSI or MMR status")
        case .receptor(let receptor, _, _):
            switch receptor {
            case .er: return (c.erText, "ER status")
            case .pr: return (c.prText, "PR status")
            case .her2: return (c.her2Text, "HER2 status")
            }
        case .priorTreatment:
            switch v.reason {
            case .received: return (leaf.receivedText, nil)
            case .notReceived: return (leaf.notReceivedText, nil)
            default: return ("no prior therapy recorded", "prior lines of therapy")
            }
        case .unsupported(let missing): return ("not recorded in a form matching can read", missing)
        case .diseaseStatus(let statuses): return (c.stageText, "disease status (" + statuses.joined(separator: " / ") + ")")
        case .genomic:
            let a: CaseIndex.Alteration? = v.alteration >= 0 ? c.alterations[Int(v.alteration)] : nil
            switch v.reason {
            case .found: return (a?.label ?? "", nil)
            case .present: return ("present: " + (a?.label ?? ""), nil)
            case .undecided:
                let label = a?.label ?? ""
                return (label + ": the record does not say enough to decide", "exon, protein change or class of " + label)
            case .vusOnly:
                let label = a?.label ?? ""
                return ("only a variant of uncertain significance: " + label, "the significance of " + label)
            case .noProfile: return ("no molecular results recorded", leaf.noProfileMissing)
            default: return ("none reported", nil)
            }
        }
    }

    private static func diagnosis(_ targets: [DiagnosisTarget], negated: Bool, _ c: CaseIndex) -> Verdict {
        guard c.dxCode != nil, !c.dxChain.isEmpty else { return noData }
        var specific = false, solid = false, unmapped = false
        for target in targets {
            switch target {
            case .code(let code): if c.dxChain.contains(code) { specific = true }
            case .solid: if c.dxSolid { solid = true }
            case .liquid: if c.dxLiquid { solid = true }
            case .unmapped: unmapped = true
            }
        }
        if !specific && !solid && unmapped {
            return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .unmappedDiagnosis)
        }
        let within = specific || solid
        var v = Verdict(outcome: within != negated ? .met : .notMet, reason: .value)
        if within && !negated {
            v.tally.specificDiagnosis = specific
            v.tally.solidDiagnosis = solid
        }
        return v
    }

    private enum FieldMatch { case yes, no, undecided }

    private static func fields(_ t: GenomicTest, _ a: CaseIndex.Alteration) -> FieldMatch {
        if let category = t.category, category != a.category { return .no }
        var undecided = false
        if let partner = t.partnerId {
            if a.geneIds.contains(partner) == t.partnerNegated { return .no }
        }
        if let protein = t.protein {
            if let p = a.protein { if (p == protein) == t.proteinNegated { return .no } } else { undecided = true }
        }
        if let wildcard = t.wildcard {
            if let p = a.protein { if ProteinChange.matchesWildcard(p, wildcard) == t.wildcardNegated { return .no } } else { undecided = true }
        }
        if let wanted = t.variantClass {
            if let vc = a.variantClass { if vc.satisfies(wanted) == t.variantClassNegated { return .no } } else { undecided = true }
        }
        if !t.exons.isEmpty {
            if let exon = a.exon { if t.exons.contains(exon) == t.exonNegated { return .no } } else { undecided = true }
        }
        if let cnv = t.cnv {
            if let call = a.cnv { if (call == cnv) == t.cnvNegated { return .no } } else { undecided = true }
        }
        return undecided ? .undecided : .yes
    }

    private static func genomic(_ t: GenomicTest, _ c: CaseIndex) -> Verdict {
        var hit = -1, undecided = -1, vus = -1
        for id in t.geneIds {
            guard let range = c.byGene[id] else { continue }
            for k in range {
                let i = c.geneOrder[k]
                switch fields(t, c.alterations[i]) {
                case .no: continue
                case .undecided: if undecided < 0 { undecided = i }
                case .yes:
                    let significance = c.alterations[i].significance
                    if significance == .vus && !t.isSpecific {
                        if vus < 0 { vus = i }
                    } else if hit < 0 || (significance == .actionable
                                          && (c.alterations[hit].significance != .actionable
                                              || c.alterations[i].evidenceTier < c.alterations[hit].evidenceTier)) {
                        hit = i
                    }
                }
            }
        }
        if hit >= 0 {
            var v = Verdict(outcome: t.absent ? .notMet : .met, reason: t.absent ? .present : .found, alteration: Int32(hit))
            if !t.absent {
                v.tally.genomicMet = 1
                if c.alterations[hit].significance == .actionable { v.tally.actionableMet = 1 }
                v.tally.bestTier = Int8(c.alterations[hit].evidenceTier)
            }
            return v
        }
        if undecided >= 0 { return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .undecided, alteration: Int32(undecided)) }
        if vus >= 0 { return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .vusOnly, alteration: Int32(vus)) }
        if !c.hasMolecularData { return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .noProfile) }
        return Verdict(outcome: t.absent ? .met : .notMet, reason: .noneReported)
    }
}
