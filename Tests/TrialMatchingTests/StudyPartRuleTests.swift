import BoardModel
import Foundation
import Testing

@testable import BoardFormats
@testable import TrialMatching

/// Parts and cohorts of a study, each rule with the protocol sentences it was written from: the registry headings
/// of MORPHEUS-TNBC (NCT03424005) and the CTML `prior_treatment_requirements` of TNO155 (CTNO155X2101).
@Suite struct StudyPartRuleTests {
    static let day = LocalDate(year: 2026, month: 12, day: 1)

    func nsclc(_ findings: [Finding], drugs: [[String]], code: String = "LUAD") -> Case {
        var c = Fixtures.makeCase(code: code, drugs: drugs, findings: findings)
        c.stage = Stage(group: "IV")
        for i in c.treatmentHistory.indices { c.treatmentHistory[i].setting = "metastatic" }
        return c
    }

    static let panel = Finding(id: "tp53", kind: .snv, gene: "TP53", hgvsP: "p.R273H", classification: .oncogenic)

    func status(_ trial: Trial, _ record: Case, arm: String) -> MatchStatus? {
        MatchEngine(trials: [trial]).matchEveryArm(record, on: Self.day).first { $0.armId == arm }?.status
    }

    @Test func registryHeadingsSplitTheTextByStageOfTheStudy() {
        // "Inclusion Criteria Stage 1 … Inclusion criteria stage 2 …"; "Participants who progressed on treatment may
        // have the option of receiving Atezolizumab + Chemo" names the Stage 2 arm.
        let inclusion = """
            Inclusion Criteria Stage 1
            -  ECOG Performance Status of 0 or 1
            Inclusion criteria stage 2
            -  ECOG Performance Status of 0, 1, or 2
            -  Patients randomly allocated to the control arm during Stage 1: ability to initiate Stage 2 treatment within 3 months after experiencing unacceptable toxicity
            """
        let arms = [
            TrialArm(
                id: "Capecitabine", name: "Capecitabine",
                description:
                    "Participants who progressed on treatment may have the option of receiving Atezolizumab + Chemo, provided they meet the eligibility criteria"
            ),
            TrialArm(id: "Atezolizumab + Chemo", name: "Atezolizumab + Chemo (Gemcitabine + Carboplatin or Eribulin)"),
        ]
        let parts = StudyParts(
            inclusion: inclusion, exclusion: "for Stage 1\n- Prior treatment with capecitabine", arms: arms)
        #expect(parts.parts.map(\.key) == ["stage 1", "stage 2"])
        #expect(parts.partOfArm == ["Capecitabine": 0, "Atezolizumab + Chemo": 1])
        #expect(parts.parts[0].exclusion.contains("capecitabine"))

        let trial = Trial(
            id: "NCT03424005", title: "MORPHEUS", status: .recruiting, arms: arms,
            eligibility: Eligibility(inclusionText: inclusion))
        var record = Fixtures.makeCase(code: "IDC", ecog: 2, drugs: [["carboplatin", "gemcitabine"]])
        // ECOG 2: the Stage 1 limit (0 or 1) is not met; Stage 2 admits it, but only after Stage 1 of this trial.
        #expect(status(trial, record, arm: "Capecitabine") == .notEligible)
        #expect(status(trial, record, arm: "Atezolizumab + Chemo") == .notEligible)
        record.treatmentHistory.append(
            TherapyLine(
                line: 2, regimen: "MORPHEUS-TNBC (NCT03424005) Stage 1, randomised to atezolizumab + ipatasertib",
                drugs: ["atezolizumab", "ipatasertib"]))
        #expect(status(trial, record, arm: "Atezolizumab + Chemo") == .eligible)
    }

    /// The escalation part of CTNO155X2101's `prior_treatment_requirements`, shortened to three of its cohorts.
    static let escalation = """
        - ECOG (Eastern cooperative oncology group) performance status <=2.
        - Dose escalation part for single agent TNO155: - Advanced NSCLC harboring an activating EGFR mutation (e.g., exon 19 deletion, L858R, exon 20 insertion/duplication), after progression on one or more SOC EGFR TKI (e.g., gefitinib, erlotinib, afatinib, osimertinib), per local SOC guidelines, or for whom no SOC EGFR-targeting TKI is available, and progression on or after, or intolerance to, platinum-containing combination chemotherapy. EGFR TKI therapy need not be the most recent prior therapy. - Advanced HNSCC, after progression on or after, or intolerance to, SOC therapy per local guidelines, including platinum-containing combination chemotherapy. This need not be the most recent prior regimen. - Advanced KRAS G12-mutant NSCLC, after progression on or after, or intolerance to, SOC per local guidelines including platinum-containing combination chemotherapy. This need not be the most recent prior regimen.
        """

    func escalationTrial() -> Trial {
        // MatchMiner's tree ORs "any NSCLC" with a genotype list; the text names the cohorts.
        let tree = Criterion.any([
            .clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "Non-Small Cell Lung Cancer", ageNumerical: ">=18")),
            .genomic(GenomicCriterion(hugoSymbol: "KRAS", variantCategory: "Mutation", proteinChange: "p.G12C")),
        ])
        return Trial(
            id: "CTNO155X2101", title: "TNO155", status: .recruiting,
            arms: [
                TrialArm(
                    id: "1/Single Agent TNO155 Dose Escalation", name: "Single Agent TNO155 Dose Escalation",
                    criteria: tree)
            ],
            eligibility: Eligibility(minimumAge: 18, inclusionText: Self.escalation))
    }

    @Test func aPartsCohortsDecideTheArmOverAnOrTree() {
        let arm = "1/Single Agent TNO155 Dose Escalation"
        let trial = escalationTrial()
        let parts = StudyParts(inclusion: Self.escalation, exclusion: "", arms: trial.arms)
        #expect(parts.parts.map(\.key) == ["dose escalation single agent tno155"])
        let g12c = Finding(id: "k", kind: .snv, gene: "KRAS", hgvsP: "p.G12C", classification: .oncogenic)
        let g13d = Finding(id: "k", kind: .snv, gene: "KRAS", hgvsP: "p.G13D", classification: .oncogenic)
        let l858r = Finding(id: "e", kind: .snv, gene: "EGFR", hgvsP: "p.L858R", classification: .oncogenic)
        // KRAS G12C NSCLC after platinum: the KRAS G12-mutant cohort.
        #expect(status(trial, nsclc([g12c], drugs: [["carboplatin", "pemetrexed"]]), arm: arm) == .eligible)
        // KRAS G13D is not a G12 mutation, and no EGFR mutation: no cohort, although the tree admits any NSCLC.
        #expect(status(trial, nsclc([g13d], drugs: [["carboplatin", "pemetrexed"]]), arm: arm) == .notEligible)
        // EGFR L858R on osimertinib without platinum: the EGFR cohort also needs platinum-containing chemotherapy.
        #expect(status(trial, nsclc([l858r], drugs: [["osimertinib"]]), arm: arm) == .notEligible)
        #expect(status(trial, nsclc([l858r], drugs: [["osimertinib"], ["carboplatin"]]), arm: arm) == .eligible)
        // "or for whom no SOC EGFR-targeting TKI is available": platinum without a TKI leaves the question open.
        #expect(status(trial, nsclc([l858r], drugs: [["carboplatin"]]), arm: arm) == .possiblyEligible)
        // HNSCC after platinum: a cohort the tree leaves out.
        #expect(status(trial, nsclc([Self.panel], drugs: [["cisplatin"]], code: "HNSC"), arm: arm) == .eligible)
    }

    @Test func priorTherapyRequiredForSomeDiagnosesOnly() {
        // "Patients with NSCLC or HNSCC must have progressed on or after, or been intolerant to,
        // platinum-containing combination therapy".
        guard
            case .read(let r) = ScreenerText.read(
                "Patients with NSCLC or HNSCC must have progressed on or after, or been intolerant to, platinum-containing combination therapy",
                section: .inclusion, alreadyRead: false), case .prior(_, let display, true) = r.first
        else {
            Issue.record("no prior therapy read")
            return
        }
        var compiler = CriterionCompiler(genes: GeneTable(), tree: .bundled)
        let node = ScreenerText.conditioned(
            .leaf(
                compiler.leaf(
                    "text: prior platinum", .priorTreatment(names: ["platinum"], display: display, negated: false))),
            display: display, required: true,
            sentence: ScreenerText.normalised("Patients with NSCLC or HNSCC must have progressed on platinum"),
            compiler: &compiler)
        guard case .any(let options, _) = node, case .leaf(let dx) = options.first,
            case .diagnosis(let targets, true) = dx.test
        else {
            Issue.record("not conditioned on the diagnosis")
            return
        }
        #expect(targets == [.code("NSCLC"), .code("HNSC")])
    }

    @Test func mostRecentTherapyIsTheLatestLine() {
        // "progressing on osimertinib as the most recent prior therapy".
        guard
            case .read(let r) = ScreenerText.read(
                "Advanced NSCLC harboring an EGFR TKI-sensitizing EGFR mutation, progressing on osimertinib as the most recent prior therapy",
                section: .inclusion, alreadyRead: true), case .latest(let names, _) = r.first
        else {
            Issue.record("no most recent therapy read")
            return
        }
        #expect(names.contains("osimertinib"))
        let trial = Trial(
            id: "NCT09999995", title: "latest", status: .recruiting, arms: [TrialArm(id: "A", name: "Arm A")],
            eligibility: Eligibility(inclusionText: "- Progressing on osimertinib as the most recent prior therapy"))
        let engine = MatchEngine(trials: [trial])
        let after = Fixtures.makeCase(drugs: [["osimertinib"], ["carboplatin", "pemetrexed"]])
        let on = Fixtures.makeCase(drugs: [["carboplatin"], ["osimertinib"]])
        #expect(engine.match(after, on: Self.day, selection: .all).first?.status == .notEligible)
        #expect(engine.match(on, on: Self.day, selection: .all).first?.status == .eligible)
    }

    @Test func mutantWrittenWithTheChange() {
        // "Advanced KRAS G12-mutant NSCLC", "Advanced KRAS G12C-mutant NSCLC".
        let clause = EligibilityText.clause("Advanced KRAS G12-mutant NSCLC", section: .inclusion)
        guard case .alteration(let genes, let alternatives) = clause?.mentions.first else {
            Issue.record("no alteration read")
            return
        }
        #expect(genes == ["KRAS"] && alternatives.first?.wildcard == "G12")
        let exact = EligibilityText.clause("Advanced KRAS G12C-mutant NSCLC", section: .inclusion)
        guard case .alteration(_, let alts) = exact?.mentions.first else {
            Issue.record("no alteration read")
            return
        }
        #expect(alts.first?.protein == "G12C")
    }

    @Test func ctmlPriorTreatmentRequirementsAreTheTrialsText() throws {
        let json = """
            {"protocol_no": "33-333", "prior_treatment_requirements": ["ECOG performance status <=2.", "Requirement 2"],
             "treatment_list": {"step": [{"arm": [{"arm_code": "A"}]}]}}
            """
        let payload = try CTMLReader.read(data: Data(json.utf8), file: "t.json")
        #expect(
            payload.bundle.trials.first?.eligibility.inclusionText == "- ECOG performance status <=2.\n- Requirement 2")
    }
}

/// Leukaemia criteria of BLAST (NCT01207388) and variant quality and disease groups of CAPTUR (NCT03297606), each
/// with the sentence it was written from.
@Suite struct HaematologyAndVariantRuleTests {
    static let day = LocalDate(year: 2026, month: 12, day: 1)

    func ball(mrd: Double?, fusion: (String, [String])?, responses: [Response?]) -> Case {
        var findings: [Finding] = []
        if let fusion {
            findings.append(
                Finding(id: "fx", kind: .fusion, gene: fusion.0, partners: fusion.1, classification: .oncogenic))
        }
        if let mrd {
            findings.append(
                Finding(
                    id: "mrd", kind: .biomarker,
                    biomarker: Biomarker(
                        kind: .other, name: "MRD (IG/TR qPCR, bone marrow)", value: mrd, status: "positive")))
        }
        var c = Fixtures.makeCase(code: "BLL", ecog: 0, findings: findings)
        c.treatmentHistory = responses.enumerated().map {
            TherapyLine(line: $0.offset + 1, setting: "induction", drugs: ["vincristine"], bestResponse: $0.element)
        }
        return c
    }

    static let blast = Trial(
        id: "NCT01207388", title: "BLAST", status: .completed, arms: [TrialArm(id: "A", name: "Arm A")],
        eligibility: Eligibility(
            minimumAge: 18, conditions: ["B-cell Acute Lymphoblastic Leukemia"],
            inclusionText: """
                - Patients with B-precursor ALL in complete hematological remission after at least 3 intense chemotherapy blocks
                - Presence of minimal residual disease at a level of ≥ 10^-3
                """,
            exclusionText: "- Eligibility for treatment with tyrosine-kinase inhibitors (TKI)"))

    func status(_ c: Case) -> MatchStatus? {
        MatchEngine(trials: [Self.blast]).match(c, on: Self.day, selection: .all).first?.status
    }

    @Test func remissionMinimalResidualDiseaseAndPhiladelphiaStatus() {
        guard
            case .read(let r) = ScreenerText.read(
                "Presence of minimal residual disease at a level of ≥ 10^-3", section: .inclusion, alreadyRead: false),
            case .mrd(let level) = r.first
        else {
            Issue.record("no MRD level read")
            return
        }
        #expect(abs(level - 0.001) < 1e-12)
        let etv6 = ("ETV6", ["ETV6", "RUNX1"])
        // Ph-negative (ETV6::RUNX1), MRD 2×10^-3, CR after three blocks: eligible.
        #expect(status(ball(mrd: 0.002, fusion: etv6, responses: [.cr, .cr, .cr])) == .eligible)
        // MRD below the level.
        #expect(status(ball(mrd: 0.0001, fusion: etv6, responses: [.cr, .cr, .cr])) == .notEligible)
        // Not in remission after the latest block.
        #expect(status(ball(mrd: 0.002, fusion: etv6, responses: [.cr, .cr, .pr])) == .notEligible)
        // BCR::ABL1: eligible for a tyrosine-kinase inhibitor, so excluded.
        #expect(
            status(ball(mrd: 0.002, fusion: ("ABL1", ["BCR", "ABL1"]), responses: [.cr, .cr, .cr])) == .notEligible)
        // No molecular result: Philadelphia status unknown.
        #expect(status(ball(mrd: nil, fusion: nil, responses: [.cr, .cr, .cr])) == .possiblyEligible)
    }

    @Test func aVariantOfUncertainSignificanceDoesNotMeetAnAlterationRequirement() {
        // CAPTUR Group 7: "BRCA1/2 … mutation"; the record's only BRCA2 variant is a VUS.
        let trial = Fixtures.trial(.genomic(GenomicCriterion(hugoSymbol: "BRCA2", variantCategory: "Mutation")))
        let vus = Finding(id: "v", kind: .snv, gene: "BRCA2", hgvsP: "p.K2729N", classification: .vus)
        let m = MatchEngine(trials: [trial]).match(Fixtures.makeCase(findings: [vus]), on: Self.day, selection: .all)
            .first
        #expect(m?.status == .notEligible)
        #expect(m?.outcomes.contains { $0.detail.hasPrefix("only a variant of uncertain significance") } == true)
    }

    @Test func diseaseStatusGroupsAreDiagnoses() {
        // CAPTUR: disease_status ["Lymphoma, Non-Hodgkin", "Multiple Myeloma", "Advanced Solid Tumors"].
        let trial = Fixtures.trial(
            .clinical(
                ClinicalCriterion(diseaseStatus: ["Lymphoma, Non-Hodgkin", "Multiple Myeloma", "Advanced Solid Tumors"])
            ))
        let engine = MatchEngine(trials: [trial])
        #expect(
            engine.match(Fixtures.makeCase(code: "BLL"), on: Self.day, selection: .all).first?.status == .notEligible)
        #expect(engine.match(Fixtures.makeCase(code: "PCM"), on: Self.day, selection: .all).first?.status == .eligible)
        var lung = Fixtures.makeCase(code: "LUAD")
        #expect(engine.match(lung, on: Self.day, selection: .all).first?.status == .possiblyEligible)
        lung.stage = Stage(group: "IV")
        #expect(engine.match(lung, on: Self.day, selection: .all).first?.status == .eligible)
    }
}
