import BoardModel
import Foundation

/// What evaluating a subtree learned besides met / not met / unknown: the facts the score ranks by.
/// The counts saturate at 255: the score reads them only as "any", at most 3 or at most 10, so the
/// result is the same as exact counting, in 7 bytes that the hot loop copies and merges cheaply.
struct Tally: Sendable {
    var genomicMet: UInt8 = 0
    var actionableMet: UInt8 = 0
    var textGenomicMet: UInt8 = 0
    var unknowns: UInt8 = 0
    /// Strongest evidence tier among matched alterations (1 best, 5 none).
    var bestTier: Int8 = 5
    var specificDiagnosis = false
    var solidDiagnosis = false

    @inline(__always)
    static func add(_ a: UInt8, _ b: UInt8) -> UInt8 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    @inline(__always)
    mutating func merge(_ other: Tally) {
        genomicMet = Self.add(genomicMet, other.genomicMet)
        actionableMet = Self.add(actionableMet, other.actionableMet)
        bestTier = min(bestTier, other.bestTier)
        textGenomicMet = Self.add(textGenomicMet, other.textGenomicMet)
        specificDiagnosis = specificDiagnosis || other.specificDiagnosis
        solidDiagnosis = solidDiagnosis || other.solidDiagnosis
        unknowns = Self.add(unknowns, other.unknowns)
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
    /// The diagnosis fits, but the record says the cancer is resolved, in remission or inactive.
    case diagnosisNotCurrent
    /// The record does not confirm the diagnosis (FHIR verificationStatus unconfirmed, provisional, differential).
    case diagnosisUnconfirmed
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

/// Evaluates leaves against a case index: outcome, tally and reason, without any text (the words are
/// put together only for the matches explained, see `ExplanationPlan`).
enum Evaluator {
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
        var v = verdict(of: leaf.test, c)
        // A genomic requirement read from free text counts apart from the structured ones (it is less certain).
        if leaf.fromText, v.tally.genomicMet > 0 {
            v.tally.textGenomicMet = v.tally.genomicMet
            v.tally.genomicMet = 0
            v.tally.actionableMet = 0
            v.tally.bestTier = 5
        }
        return v
    }

    /// One test on the case: met, not met, or unknown with why (no data, no treatment history, not supported).
    private static func verdict(of test: Test, _ c: CaseIndex) -> Verdict {
        switch test {
        case .age(let cmp):
            guard let age = c.age else {
                // A recorded age without a birth date (cBioPortal AGE, a phenopacket's age at last encounter) is
                // the age on a date not stated: the age now is at least that.
                guard let least = c.recordedAgeYears, let holds = cmp.holds(fromAtLeast: Double(least)) else {
                    return noData
                }
                return value(holds)
            }
            return value(cmp.holds(Double(age)))
        case .sex(let wanted):
            guard c.sex == .female || c.sex == .male else { return noData }
            return value(c.sex == wanted)
        case .diagnosis(let targets, let negated):
            return diagnosis(targets, negated: negated, c)
        case .ecog(let cmp):
            guard let ecog = c.ecog else { return noData }
            return value(cmp.holds(Double(ecog)))
        case .tmb(let cmp):
            guard let tmb = c.tmb else { return noData }
            return genomicCredit(value(cmp.holds(tmb)), when: cmp.op != .lt && cmp.op != .le)
        case .microsatellite(let high, let negated):
            return microsatellite(high: high, negated: negated, c)
        case .mmr(let deficient, let negated):
            return mmr(deficient: deficient, negated: negated, c)
        case .receptor(let receptor, let positive, let negated):
            let state = receptor == .er ? c.er : receptor == .pr ? c.pr : c.her2
            let adjusted: CaseIndex.Tri =
                state == .unknown ? .unknown : ((state == .positive) == positive ? .positive : .negative)
            return tri(adjusted, negated: negated)
        case .priorTreatment(let names, _, let negated):
            guard c.hasHistory else { return noHistory }
            let received = names.contains { n in
                c.drugs.contains { $0 == n || $0.contains(n) } || c.regimens.contains { $0.contains(n) }
            }
            return Verdict(outcome: received != negated ? .met : .notMet, reason: received ? .received : .notReceived)
        case .mrd(let cmp):
            guard let level = c.mrd else { return noData }
            return value(cmp.holds(level))
        case .remission(let n):
            return remission(afterLines: n, c)
        case .latestTreatment(let names, _):
            guard c.hasHistory else { return noHistory }
            let holds = names.contains { n in c.latestDrugs.contains { $0 == n || $0.contains(n) } }
            return Verdict(outcome: holds ? .met : .notMet, reason: holds ? .received : .notReceived)
        case .genomic(let test):
            return genomic(test, c)
        case .diseaseStatus(let statuses, let groups):
            return diseaseStatus(statuses, groups: groups, c)
        case .unsupported:
            return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .unsupported)
        case .stage(let yes, let maybe):
            guard c.stageLevel > 0 else { return noData }
            let b = UInt8(1) << c.stageLevel
            // A stage below IV with metastatic sites recorded contradicts itself: the chart settles it.
            if c.stageConflict { return noData }
            if yes & b != 0 { return value(true) }
            return maybe & b != 0 ? noData : value(false)
        case .alive:
            return value(!c.deceased)
        case .advancedLines(let cmp):
            guard c.hasHistory, let n = c.advancedLines else { return noHistory }
            return value(cmp.holds(Double(n)))
        }
    }

    private static let noHistory = Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .noHistory)

    /// A met biomarker requirement (TMB high, MSI-high, dMMR) counts as a met genomic and actionable criterion.
    private static func genomicCredit(_ verdict: Verdict, when applies: Bool) -> Verdict {
        guard verdict.outcome == .met, applies else { return verdict }
        var v = verdict
        v.tally.genomicMet = 1
        v.tally.actionableMet = 1
        return v
    }

    /// MSI-high (or stable): from the MSI result, else from the MMR status (deficient reads as MSI-high).
    private static func microsatellite(high: Bool, negated: Bool, _ c: CaseIndex) -> Verdict {
        let state: CaseIndex.Tri
        switch c.msi {
        case .high: state = high ? .positive : .negative
        case .stable, .low: state = high ? .negative : .positive
        case .unknown:
            state =
                c.mmrDeficient == .unknown
                ? .unknown : ((c.mmrDeficient == .positive) == high ? .positive : .negative)
        }
        return genomicCredit(tri(state, negated: negated), when: high && !negated)
    }

    /// MMR deficient (or proficient): from the MMR result, else from MSI (MSI-high reads as deficient).
    private static func mmr(deficient: Bool, negated: Bool, _ c: CaseIndex) -> Verdict {
        var state = c.mmrDeficient
        if state == .unknown, c.msi != .unknown { state = c.msi == .high ? .positive : .negative }
        if state != .unknown, !deficient { state = state == .positive ? .negative : .positive }
        return genomicCredit(tri(state, negated: negated), when: deficient && !negated)
    }

    /// In complete remission: the latest line's best response is CR after at least n lines with drugs.
    private static func remission(afterLines n: Int, _ c: CaseIndex) -> Verdict {
        guard c.hasHistory, let response = c.latestResponse else { return noHistory }
        if response != .cr { return value(false) }
        return c.drugLines >= n ? value(true) : noData
    }

    /// Disease-status requirements: groups of diagnoses ("Lymphoma, Non-Hodgkin", "Multiple Myeloma", "Advanced Solid
    /// Tumors") and advanced or metastatic disease.
    private static func diseaseStatus(_ statuses: [String], groups: [DiseaseGroup], _ c: CaseIndex) -> Verdict {
        // A diagnosis in none of the groups does not meet it; a haematological group is met by the diagnosis.
        if !groups.isEmpty, c.dxCode != nil, !c.dxChain.isEmpty {
            let fits = groups.filter { g in
                switch g.target {
                case .code(let code): c.dxChain.contains(code)
                case .solid: c.dxSolid
                case .liquid: c.dxLiquid
                case .unmapped: false
                }
            }
            if fits.isEmpty { return Verdict(outcome: .notMet, reason: .value) }
            if fits.contains(where: { !$0.advanced }) { return Verdict(outcome: .met, reason: .value) }
        }
        let wantsAdvanced = statuses.contains {
            $0.lowercased().contains("advanced") || $0.lowercased().contains("metasta")
        }
        // Advanced or metastatic: stage IV (or M1) meets it; stage I–II does not; stage III may be locally
        // advanced and a stage contradicted by recorded metastases needs the chart.
        guard wantsAdvanced else { return noData }
        if c.metastatic { return Verdict(outcome: .met, reason: .value) }
        if c.stageLevel == 1 || c.stageLevel == 2, !c.stageConflict { return Verdict(outcome: .notMet, reason: .value) }
        return noData
    }

    private static func diagnosis(_ targets: [DiagnosisTarget], negated: Bool, _ c: CaseIndex) -> Verdict {
        guard c.dxCode != nil, !c.dxChain.isEmpty else { return noData }
        var specific = false
        var solid = false
        var unmapped = false
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
        if c.dxUnconfirmed != nil {
            // Whether the criterion holds depends on a diagnosis the record only suspects: unknown either way.
            return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .diagnosisUnconfirmed)
        }
        var v = Verdict(outcome: within != negated ? .met : .notMet, reason: .value)
        if within && !negated {
            v.tally.specificDiagnosis = specific
            v.tally.solidDiagnosis = solid
            // A resolved or remitted cancer is never a silent current diagnosis: the criterion needs the chart.
            if c.dxNotCurrent != nil {
                v.outcome = .unknown
                v.tally.unknowns = 1
                v.reason = .diagnosisNotCurrent
            }
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
            if let p = a.protein {
                let same = p == protein || (t.proteinRange.map { ProteinChange.matchesRange(p, $0) } ?? false)
                if same == t.proteinNegated { return .no }
            } else {
                undecided = true
            }
        }
        if let wildcard = t.wildcard {
            if let p = a.protein {
                if ProteinChange.matchesWildcard(p, wildcard) == t.wildcardNegated { return .no }
            } else {
                undecided = true
            }
        }
        if let wanted = t.variantClass {
            if let vc = a.variantClass {
                if vc.satisfies(wanted) == t.variantClassNegated { return .no }
            } else {
                undecided = true
            }
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
        var hit = -1
        var undecided = -1
        var vus = -1
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
                    } else if significance == .unassessed && !t.isSpecific || significance == .overexpression {
                        if undecided < 0 { undecided = i }
                    } else if hit < 0
                        || (significance == .actionable
                            && (c.alterations[hit].significance != .actionable
                                || c.alterations[i].evidenceTier < c.alterations[hit].evidenceTier))
                    {
                        hit = i
                    }
                }
            }
        }
        if hit >= 0 {
            var v = Verdict(
                outcome: t.absent ? .notMet : .met, reason: t.absent ? .present : .found, alteration: Int32(hit))
            if !t.absent {
                v.tally.genomicMet = 1
                if c.alterations[hit].significance == .actionable { v.tally.actionableMet = 1 }
                v.tally.bestTier = Int8(c.alterations[hit].evidenceTier)
            }
            return v
        }
        if undecided >= 0 {
            return Verdict(
                outcome: .unknown, tally: Tally(unknowns: 1), reason: .undecided, alteration: Int32(undecided))
        }
        if vus >= 0 {
            // A variant of uncertain significance does not satisfy a requirement for an alteration of the gene (the
            // tumour was tested); it leaves an exclusion open.
            if !t.absent && c.hasMolecularData {
                return Verdict(outcome: .notMet, reason: .vusOnly, alteration: Int32(vus))
            }
            return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .vusOnly, alteration: Int32(vus))
        }
        if !c.hasMolecularData { return Verdict(outcome: .unknown, tally: Tally(unknowns: 1), reason: .noProfile) }
        return Verdict(outcome: t.absent ? .met : .notMet, reason: .noneReported)
    }
}
