import BoardModel
import Foundation
import Testing

@testable import TrialMatching

/// One test per criterion kind: met, not met, and unknown because data is missing.
@Suite struct CriterionTests {
    let day = Fixtures.day

    func run(
        _ criteria: Criterion, _ record: Case, arms: [TrialArm] = [], eligibility: Eligibility = Eligibility(),
        status: RecruitmentStatus = .recruiting
    ) -> TrialMatch {
        let trial = Fixtures.trial(criteria, arms: arms, eligibility: eligibility, status: status)
        return MatchEngine(trials: [trial]).explain(record, trialId: trial.id, on: day, at: Fixtures.now)!
    }

    func snv(
        _ gene: String, _ change: String?, exon: String? = nil, consequence: String? = "missense_variant",
        classification: Classification = .oncogenic
    ) -> Finding {
        Finding(
            id: "\(gene)-\(change ?? "x")", kind: .snv, gene: gene, hgvsP: change, consequence: consequence, exon: exon,
            classification: classification)
    }

    @Test func exactProteinChange() {
        let c = Criterion.genomic(
            GenomicCriterion(hugoSymbol: "EGFR", variantCategory: "Mutation", proteinChange: "p.L858R"))
        #expect(run(c, Fixtures.makeCase(findings: [snv("EGFR", "p.L858R")])).status == .eligible)
        let other = run(c, Fixtures.makeCase(findings: [snv("EGFR", "p.T790M")]))
        #expect(other.status == .notEligible)
        #expect(other.outcomes.first?.detail == "none reported")
        // Three-letter spelling in the report is the same change.
        #expect(run(c, Fixtures.makeCase(findings: [snv("EGFR", "p.Leu858Arg")])).status == .eligible)
    }

    @Test func wildcardProteinChangeMatchesTheResidueOnly() {
        let c = Criterion.genomic(
            GenomicCriterion(hugoSymbol: "KRAS", variantCategory: "Mutation", wildcardProteinChange: "p.G12"))
        #expect(run(c, Fixtures.makeCase(findings: [snv("KRAS", "p.G12C")])).status == .eligible)
        #expect(run(c, Fixtures.makeCase(findings: [snv("KRAS", "p.G12D")])).status == .eligible)
        #expect(run(c, Fixtures.makeCase(findings: [snv("KRAS", "p.G120A")])).status == .notEligible)
        #expect(run(c, Fixtures.makeCase(findings: [snv("KRAS", "p.G13D")])).status == .notEligible)
    }

    @Test func negatedGeneMeansAbsent() {
        let c = Criterion.genomic(GenomicCriterion(hugoSymbol: "!KRAS", variantCategory: "Mutation"))
        let wildtype = run(c, Fixtures.makeCase(findings: [snv("TP53", "p.R175H")]))
        #expect(wildtype.status == .eligible)
        #expect(wildtype.outcomes.first?.criterion == "no KRAS mutation")
        let mutant = run(c, Fixtures.makeCase(findings: [snv("KRAS", "p.G12D")]))
        #expect(mutant.status == .notEligible)
        #expect(mutant.outcomes.first?.detail == "present: KRAS p.G12D")
        // No molecular results at all: absence cannot be claimed.
        let untested = run(c, Fixtures.makeCase(findings: []))
        #expect(untested.status == .possiblyEligible)
        #expect(untested.missingData == ["a molecular profile (NGS) covering KRAS"])
    }

    @Test func negatedClinicalValues() {
        let notLung = Criterion.clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "!Non-Small Cell Lung Cancer"))
        #expect(run(notLung, Fixtures.makeCase(code: "LUAD")).status == .notEligible)
        #expect(run(notLung, Fixtures.makeCase(code: "COAD")).status == .eligible)
        let naive = Criterion.clinical(ClinicalCriterion(priorTreatment: "!osimertinib"))
        #expect(run(naive, Fixtures.makeCase(drugs: [["carboplatin", "pemetrexed"]])).status == .eligible)
        let treated = run(naive, Fixtures.makeCase(drugs: [["Osimertinib"]]))
        #expect(treated.status == .notEligible)
        #expect(treated.outcomes.first?.detail == "received osimertinib")
        // No recorded lines: unknown, and the coordinator is told what to ask for.
        #expect(run(naive, Fixtures.makeCase(drugs: [])).missingData == ["prior lines of therapy"])
    }

    @Test func priorTreatmentByDrugClass() {
        let c = Criterion.clinical(ClinicalCriterion(priorTreatment: "platinum"))
        #expect(run(c, Fixtures.makeCase(drugs: [["oxaliplatin", "fluorouracil"]])).status == .eligible)
        #expect(run(c, Fixtures.makeCase(drugs: [["pembrolizumab"]])).status == .notEligible)
    }

    @Test func oncoTreeSubtreeAndSolidLiquid() {
        let nsclc = Criterion.clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "Non-Small Cell Lung Cancer"))
        #expect(run(nsclc, Fixtures.makeCase(code: "LUAD")).status == .eligible)
        #expect(run(nsclc, Fixtures.makeCase(code: "LUSC")).status == .eligible)
        #expect(run(nsclc, Fixtures.makeCase(code: "SCLC")).status == .notEligible)
        let byCode = Criterion.clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "COADREAD"))
        #expect(run(byCode, Fixtures.makeCase(code: "READ")).status == .eligible)
        let solid = Criterion.clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "_SOLID_"))
        #expect(run(solid, Fixtures.makeCase(code: "LUAD")).status == .eligible)
        #expect(run(solid, Fixtures.makeCase(code: "CML")).status == .notEligible)
        let liquid = Criterion.clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "_LIQUID_"))
        #expect(run(liquid, Fixtures.makeCase(code: "CML")).status == .eligible)
        #expect(run(liquid, Fixtures.makeCase(code: "LUAD")).status == .notEligible)
        let missing = run(nsclc, Fixtures.makeCase(code: nil))
        #expect(missing.status == .possiblyEligible)
        #expect(missing.missingData == ["the diagnosis as an OncoTree code"])
    }

    @Test func ageOnTheDayAndUnknownWithoutBirthDate() {
        let adult = Criterion.clinical(ClinicalCriterion(ageNumerical: ">=18"))
        // Born 2008-11-28: 17 on 2026-11-27, 18 the next day.
        let teen = Fixtures.makeCase(birth: LocalDate(year: 2008, month: 11, day: 28))
        #expect(run(adult, teen).status == .notEligible)
        let engine = MatchEngine(trials: [Fixtures.trial(adult)])
        #expect(
            engine.explain(teen, trialId: "NCT00000001", on: LocalDate(year: 2026, month: 11, day: 28))?.status
                == .eligible)
        let unknown = run(adult, Fixtures.makeCase(birth: nil))
        #expect(unknown.status == .possiblyEligible)
        #expect(unknown.missingData == ["date of birth"])
    }

    @Test func sexAndStructuredEligibility() {
        let e = Eligibility(minimumAge: 18, maximumAge: 75, sex: .female, diagnoses: ["BREAST"])
        #expect(run(.all([]), Fixtures.makeCase(code: "IDC", sex: .female), eligibility: e).status == .eligible)
        let male = run(.all([]), Fixtures.makeCase(code: "IDC", sex: .male), eligibility: e)
        #expect(male.status == .notEligible)
        #expect(male.outcomes.contains { $0.criterion == "sex female" && $0.outcome == .notMet })
        let old = run(
            .all([]), Fixtures.makeCase(code: "IDC", birth: LocalDate(year: 1940, month: 1, day: 1)), eligibility: e)
        #expect(old.outcomes.contains { $0.criterion == "age ≤75" && $0.outcome == .notMet })
    }

    @Test func ecogFromKarnofskyAndMissing() {
        let c = Criterion.clinical(ClinicalCriterion(ecog: "<=1"))
        #expect(run(c, Fixtures.makeCase(ecog: 1)).status == .eligible)
        #expect(run(c, Fixtures.makeCase(ecog: 2)).status == .notEligible)
        var kps = Fixtures.makeCase(ecog: nil)
        kps.performance = PerformanceStatus(karnofsky: 90)
        #expect(run(c, kps).status == .eligible)
        #expect(run(c, Fixtures.makeCase(ecog: nil)).missingData == ["ECOG performance status"])
    }

    @Test func tmbMsiAndMmr() {
        let tmb = Finding(id: "tmb", kind: .biomarker, biomarker: Biomarker(kind: .tmb, value: 12, unit: "mut/Mb"))
        let msiH = Finding(id: "msi", kind: .biomarker, biomarker: Biomarker(kind: .msi, value: 30, status: "MSI-H"))
        let dmmr = Finding(
            id: "mmr", kind: .biomarker,
            biomarker: Biomarker(kind: .other, name: "MMR (IHC)", status: "deficient (loss of MLH1/PMS2)"))
        let high = Criterion.clinical(ClinicalCriterion(tmbNumerical: ">=10"))
        #expect(run(high, Fixtures.makeCase(findings: [tmb])).status == .eligible)
        #expect(run(high, Fixtures.makeCase(findings: [msiH])).missingData == ["tumour mutational burden (mut/Mb)"])
        let ms = Criterion.genomic(GenomicCriterion(msStatus: "MSI-H"))
        #expect(run(ms, Fixtures.makeCase(findings: [msiH])).status == .eligible)
        #expect(run(ms, Fixtures.makeCase(findings: [dmmr])).status == .eligible)
        #expect(run(ms, Fixtures.makeCase(findings: [tmb])).status == .possiblyEligible)
        let mmr = Criterion.genomic(GenomicCriterion(mmrStatus: "Deficient"))
        #expect(run(mmr, Fixtures.makeCase(findings: [msiH])).status == .eligible)
        let mss = Criterion.genomic(GenomicCriterion(msStatus: "MSS"))
        #expect(run(mss, Fixtures.makeCase(findings: [msiH])).status == .notEligible)
    }

    @Test func receptorsFromBiomarkersAndAmplification() {
        let her2pos = Criterion.clinical(ClinicalCriterion(her2Status: "Positive"))
        let amp = Finding(
            id: "a", kind: .copyNumber, gene: "ERBB2", copyNumberCall: .amplification, classification: .oncogenic)
        #expect(run(her2pos, Fixtures.makeCase(findings: [amp])).status == .eligible)
        let low = Finding(
            id: "h", kind: .biomarker, biomarker: Biomarker(kind: .other, name: "HER2 (IHC)", status: "HER2-low (1+)"))
        #expect(run(her2pos, Fixtures.makeCase(findings: [low])).status == .notEligible)
        let er = Criterion.clinical(ClinicalCriterion(erStatus: "Positive"))
        let erPos = Finding(
            id: "e", kind: .biomarker,
            biomarker: Biomarker(kind: .other, name: "ER (IHC)", value: 90, status: "positive"))
        #expect(run(er, Fixtures.makeCase(findings: [erPos])).status == .eligible)
        #expect(run(er, Fixtures.makeCase(findings: [low])).missingData == ["ER status"])
    }

    @Test func variantClassificationExonCopyNumberFusionWildtype() {
        let del = Criterion.genomic(
            GenomicCriterion(
                hugoSymbol: "EGFR", variantCategory: "Mutation", variantClassification: "In_Frame_Del", exon: "19"))
        let ex19 = snv("EGFR", "p.E746_A750del", exon: "19", consequence: "inframe_deletion")
        #expect(run(del, Fixtures.makeCase(findings: [ex19])).status == .eligible)
        #expect(run(del, Fixtures.makeCase(findings: [snv("EGFR", "p.L858R", exon: "21")])).status == .notEligible)
        // The exon is not in the record: unknown, with what would settle it.
        let noExon = run(
            del, Fixtures.makeCase(findings: [snv("EGFR", "p.E746_A750del", consequence: "inframe_deletion")]))
        #expect(noExon.status == .possiblyEligible)
        #expect(noExon.missingData.first?.hasPrefix("exon, protein change or class of EGFR") == true)
        // A frameshift whose direction the record does not say satisfies Frame_Shift_Del.
        let fs = Criterion.genomic(
            GenomicCriterion(hugoSymbol: "ATM", variantCategory: "Mutation", variantClassification: "Frame_Shift_Del"))
        #expect(
            run(fs, Fixtures.makeCase(findings: [snv("ATM", "p.K1192fs", consequence: "frameshift_variant")])).status
                == .eligible)
        // CTML copy-number spellings.
        let amp = Criterion.genomic(
            GenomicCriterion(
                hugoSymbol: "CDK4", variantCategory: "Copy Number Variation", cnvCall: "High level amplification"))
        let cdk4 = Finding(
            id: "c", kind: .copyNumber, gene: "CDK4", copyNumberCall: .amplification, classification: .oncogenic)
        #expect(run(amp, Fixtures.makeCase(findings: [cdk4])).status == .eligible)
        let gain = Finding(id: "g", kind: .copyNumber, gene: "CDK4", copyNumberCall: .gain, classification: .oncogenic)
        #expect(run(amp, Fixtures.makeCase(findings: [gain])).status == .notEligible)
        // Fusion partner.
        let bcrAbl = Criterion.genomic(
            GenomicCriterion(
                hugoSymbol: "BCR", variantCategory: "Structural Variation", fusionPartnerHugoSymbol: "ABL1"))
        let fusion = Finding(
            id: "f", kind: .fusion, gene: "BCR", partners: ["BCR", "ABL1"], classification: .oncogenic)
        let other = Finding(id: "o", kind: .fusion, gene: "BCR", partners: ["BCR", "JAK2"], classification: .oncogenic)
        #expect(run(bcrAbl, Fixtures.makeCase(findings: [fusion])).status == .eligible)
        #expect(run(bcrAbl, Fixtures.makeCase(findings: [other])).status == .notEligible)
        // Wild-type.
        let wt = Criterion.genomic(GenomicCriterion(hugoSymbol: "TP53", wildtype: true))
        #expect(run(wt, Fixtures.makeCase(findings: [snv("KRAS", "p.G12D")])).status == .eligible)
        #expect(run(wt, Fixtures.makeCase(findings: [snv("TP53", "p.R175H")])).status == .notEligible)
    }

    @Test func aVariantOfUncertainSignificanceDoesNotMeetAGeneLevelCriterion() {
        // A tested tumour whose only PALB2 variant is a VUS has no PALB2 mutation a trial asks for (issue 14).
        let c = Criterion.genomic(GenomicCriterion(hugoSymbol: "PALB2", variantCategory: "Mutation"))
        let m = run(c, Fixtures.makeCase(findings: [snv("PALB2", "p.L939W", classification: .vus)]))
        #expect(m.status == .notEligible)
        #expect(m.outcomes.contains { $0.detail == "only a variant of uncertain significance: PALB2 p.L939W (VUS)" })
        // The exclusion of a PALB2 mutation stays open: the VUS may yet be reclassified.
        let excluded = Criterion.genomic(GenomicCriterion(hugoSymbol: "!PALB2", variantCategory: "Mutation"))
        #expect(
            run(excluded, Fixtures.makeCase(findings: [snv("PALB2", "p.L939W", classification: .vus)])).status
                == .possiblyEligible)
        // Benign findings do not count at all.
        #expect(
            run(c, Fixtures.makeCase(findings: [snv("PALB2", "p.L939W", classification: .benign)])).status
                == .notEligible)
    }

    @Test func andOrTrees() {
        let tree = Criterion.all([
            .clinical(ClinicalCriterion(ageNumerical: ">=18")),
            .any([
                .genomic(GenomicCriterion(hugoSymbol: "EGFR", variantCategory: "Mutation", exon: "19")),
                .genomic(GenomicCriterion(hugoSymbol: "EGFR", variantCategory: "Mutation", proteinChange: "p.L858R")),
            ]),
        ])
        let m = run(tree, Fixtures.makeCase(findings: [snv("EGFR", "p.L858R", exon: "21")]))
        #expect(m.status == .eligible)
        // Only the alternative that decided is explained.
        #expect(m.outcomes.map(\.criterion) == ["age ≥18", "EGFR p.L858R"])
        let none = run(tree, Fixtures.makeCase(findings: [snv("KRAS", "p.G12D")]))
        #expect(none.status == .notEligible)
        #expect(none.outcomes.last?.criterion == "one of: EGFR exon 19 mutation / EGFR p.L858R")
    }

    @Test func exclusionTextNamingThePatientsAlterationCountsAgainst() {
        let e = Eligibility(
            exclusionText:
                "Known BRAF V600 mutation. Prior treatment with any KRAS G12C inhibitor. Germline BRCA1/2 carriers may enrol."
        )
        let c = Criterion.clinical(ClinicalCriterion(ageNumerical: ">=18"))
        let braf = run(c, Fixtures.makeCase(findings: [snv("BRAF", "p.V600E")]), eligibility: e)
        #expect(braf.status == .notEligible)
        let line = braf.outcomes.first { $0.fromText }
        #expect(line?.criterion == "excluded if: BRAF V600*")
        #expect(line?.outcome == .notMet)
        // A KRAS G12C patient is not excluded by "KRAS G12C inhibitor" (a drug), nor a BRCA carrier by a permission.
        let kras = run(
            c,
            Fixtures.makeCase(findings: [
                snv("KRAS", "p.G12C"), snv("BRCA2", "p.S1982fs", consequence: "frameshift_variant"),
            ]), eligibility: e)
        #expect(kras.status == .eligible)
    }

    @Test func scoreRanksActionableGenomicAboveDiagnosisOnlyAndRecruitingAboveClosed() {
        let record = Fixtures.makeCase(code: "LUAD", findings: [snv("EGFR", "p.L858R")])
        let genomic = Fixtures.trial(
            .genomic(GenomicCriterion(hugoSymbol: "EGFR", variantCategory: "Mutation")), id: "NCT00000001")
        let diagnosis = Fixtures.trial(
            .clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "NSCLC")), id: "NCT00000002")
        let closed = Fixtures.trial(
            .genomic(GenomicCriterion(hugoSymbol: "EGFR", variantCategory: "Mutation")), status: .completed,
            id: "NCT00000003")
        let matches = MatchEngine(trials: [diagnosis, closed, genomic]).match(
            record, on: day, at: Fixtures.now, selection: .all)
        // The completed trial scores above the diagnosis-only one but takes no patients: it comes after every open
        // trial the case is eligible for, and says why.
        #expect(matches.map(\.trialId) == ["NCT00000001", "NCT00000002", "NCT00000003"])
        #expect(matches.map(\.notOpen) == [nil, nil, "completed"])
        #expect(matches.allSatisfy { $0.status == .eligible })
        #expect(score(of: matches, "NCT00000003") > score(of: matches, "NCT00000002"))
        let score = Dictionary(uniqueKeysWithValues: matches.map { ($0.trialId, $0.score) })
        #expect(score["NCT00000001"]! > score["NCT00000002"]!)
        #expect(score["NCT00000001"]! > score["NCT00000003"]!)
    }

    func score(of matches: [TrialMatch], _ id: String) -> Double { matches.first { $0.trialId == id }?.score ?? -1 }

    @Test func manyCasesInParallelGiveTheSameAsOneByOne() {
        let engine = Fixtures.engine
        let cases = Fixtures.sample.cases
        let together = engine.matchAll(cases, on: day, at: Fixtures.now)
        for (c, matches) in zip(cases, together) {
            #expect(matches == engine.match(c, on: day, at: Fixtures.now))
        }
    }

    /// Gene symbols compare through HGNC: a trial naming a previous or alias symbol matches a finding stored under
    /// the approved one (and the other way round); an ambiguous symbol matches only itself.
    @Test func genesCompareThroughHGNC() {
        let her2 = Criterion.genomic(GenomicCriterion(hugoSymbol: "HER2", variantCategory: "Mutation"))
        #expect(run(her2, Fixtures.makeCase(findings: [snv("ERBB2", "p.S310F")])).status == .eligible)
        let mll3 = Criterion.genomic(GenomicCriterion(hugoSymbol: "MLL3", variantCategory: "Mutation"))
        #expect(run(mll3, Fixtures.makeCase(findings: [snv("KMT2C", "p.R1000W")])).status == .eligible)
        // A finding kept under a previous symbol (a store filled before HGNC normalisation) still matches.
        let kmt2c = Criterion.genomic(GenomicCriterion(hugoSymbol: "KMT2C", variantCategory: "Mutation"))
        #expect(run(kmt2c, Fixtures.makeCase(findings: [snv("MLL3", "p.R1000W")])).status == .eligible)
        // NEU is an alias of ERBB2 and a previous symbol of NEU1: which gene is meant is unknown.
        let neu = Criterion.genomic(GenomicCriterion(hugoSymbol: "NEU", variantCategory: "Mutation"))
        #expect(run(neu, Fixtures.makeCase(findings: [snv("ERBB2", "p.S310F")])).status == .notEligible)
        #expect(GeneTable.canonical("neu") == "NEU" && GeneTable.canonical("her-2") == "ERBB2")
        #expect(GeneTable.canonical("c-Met") == "MET" && GeneTable.canonical("PD-L1") == "CD274")
    }
}
