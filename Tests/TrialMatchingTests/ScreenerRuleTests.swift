import BoardModel
import Foundation
import Testing

@testable import BoardFormats
@testable import TrialMatching

/// The screener's rules, each with the registry sentence it was written from (ClinicalTrials.gov records of
/// PALLAS NCT02513394, MORPHEUS-TNBC NCT03424005, BLAST NCT01207388, NCT03377387; CTML as MatchMiner reads it).
@Suite struct ScreenerRuleTests {
    func read(_ s: String, _ section: EligibilityText.Section = .inclusion) -> ScreenerText.Kind {
        ScreenerText.read(s, section: section, alreadyRead: false)
    }

    @Test func stageRequiredAndExcluded() {
        let ii = ScreenerText.bit(2)
        let iii = ScreenerText.bit(3)
        guard
            case .read(let r) = read(
                "Pre- and postmenopausal women or men with Stage II (Stage IIA limited to max. 1000 patients) or Stage III early invasive breast cancer"
            ),
            case .stage(let yes, _, _) = r.first
        else {
            Issue.record("no stage read")
            return
        }
        #expect(yes == ii | iii)
        guard case .read(let x) = read("Patients with Stage I or IV breast cancer are not eligible.", .exclusion),
            case .stage(let allowed, _, _) = x.first
        else {
            Issue.record("no stage exclusion read")
            return
        }
        #expect(allowed == ii | iii)
        // "Stage 1" in Arabic numerals is a part of the study, not a disease stage.
        #expect(
            ScreenerText.stageLevels(
                "patients randomly allocated to an experimental arm during stage 1: disease progression") == [])
        guard case .read(let m) = read("Histologically confirmed MBC, current stage IV."),
            case .stage(let iv, _, _) = m.first
        else {
            Issue.record("no metastatic stage read")
            return
        }
        #expect(iv == ScreenerText.bit(4))
        // Inoperable locally advanced disease may be a stage III the record does not qualify: unknown, not met.
        guard case .read(let la) = read("Metastatic or inoperable locally advanced, histologically documented TNBC"),
            case .stage(let y, let maybe, _) = la.first
        else {
            Issue.record("no extent read")
            return
        }
        #expect(y == ScreenerText.bit(4) && maybe == iii)
    }

    @Test func priorTherapyRequiredAndExcluded() {
        #expect(
            read("Patients must have had prior trastuzumab-based therapy.")
                == .read([.prior(names: DrugClass.expand("trastuzumab"), display: "trastuzumab", required: true)]))
        #expect(
            read("Prior neratinib treatment is not permitted.")
                == .read([.prior(names: DrugClass.expand("neratinib"), display: "neratinib", required: false)]))
        #expect(
            read("Previous treatment with blinatumomab", .exclusion)
                == .read([.prior(names: DrugClass.expand("blinatumomab"), display: "blinatumomab", required: false)]))
        guard case .read(let cdk) = read("Prior therapy with any CDK inhibitor.", .exclusion),
            case .prior(let names, _, false) = cdk.first
        else {
            Issue.record("no CDK inhibitor exclusion")
            return
        }
        #expect(names.contains("palbociclib") && names.contains("ribociclib"))
        // A drug named for another reason is no history: toxicity "not related to atezolizumab", a permission, a washout.
        #expect(
            read(
                "Patients randomly allocated to an experimental arm during Stage 1: ability to initiate Stage 2 treatment within 3 months after experiencing unacceptable toxicity not related to atezolizumab"
            ) != .read([.prior(names: DrugClass.expand("atezolizumab"), display: "atezolizumab", required: true)]))
        #expect(
            read("Prior capecitabine is allowed, if not combined with neratinib.") == .ignore
                || read("Prior capecitabine is allowed, if not combined with neratinib.") == .unread)
        // "with the exception of capecitabine": the exception is not named as excluded.
        #expect(
            ScreenerText.drugs(
                in:
                    "prior treatment with any of the stage 1 protocol-specified study treatments, with the exception of capecitabine"
            ).isEmpty)
    }

    @Test func linesAndPerformanceStatus() {
        guard
            case .read(let r) = read(
                "Radiologic/objective evidence of recurrence or disease progression after chemotherapy for a total of one line of therapy for inoperable locally advanced or metastatic breast cancer"
            ),
            let lines = r.first(where: {
                if case .lines = $0 { return true }
                return false
            }), case .lines(let cmp, _) = lines
        else {
            Issue.record("no lines read")
            return
        }
        #expect(cmp == Comparison(op: .eq, value: 1))
        #expect(ScreenerText.ecogMax("ECOG Performance Status of 0, 1, or 2") == 2)
        #expect(ScreenerText.ecogMax("Eastern Cooperative Oncology Group (ECOG) status of 0 to 1") == 1)
        #expect(ScreenerText.ecogMax("ECOG performance status =< 1") == 1)
    }

    @Test func chartOrNotRead() {
        #expect(read("Absolute neutrophil count ≥ 1,500/µL") == .chart)
        #expect(read("Measurable disease (at least one target lesion)") == .chart)
        // Something a record could decide, in words this reader does not follow, is "not read" (it counts).
        #expect(read("CLDN18.2 expression in at least 40% of tumour cells") == .unread)
    }

    @Test func conditionsMapThroughTheCrosswalk() {
        #expect(TrialConditionCrosswalk.code(for: "B-cell Acute Lymphoblastic Leukemia") == "BLL")
        #expect(TrialConditionCrosswalk.code(for: "Triple Negative Breast Cancer") == "BREAST")
        #expect(TrialConditionCrosswalk.subtypes(of: "Triple Negative Breast Cancer") == [.tripleNegative])
        #expect(TrialConditionCrosswalk.code(for: "Leukemia, Myeloid, Acute") == "AML")
        #expect(TrialConditionCrosswalk.code(for: "Breast Neoplasms") == "BREAST")
        #expect(TrialConditionCrosswalk.code(for: "Metastatic Non-Small Cell Lung Cancer") == "NSCLC")
        #expect(TrialConditionCrosswalk.code(for: "Healthy Volunteers") == nil)
        // Listed conditions first; the broader MeSH terms only when none maps.
        #expect(TrialText.oncotreeCodes(["Triple Negative Breast Cancer"], mesh: ["Leukemia"]) == ["BREAST"])
        #expect(TrialText.oncotreeCodes(["Some Rare Thing"], mesh: ["Breast Neoplasms"]) == ["BREAST"])
    }

    @Test func proteinRangeIsAnExonWideChange() {
        let exon19 = ProteinChange.range("729_761del")!
        #expect(ProteinChange.matchesRange("E746_A750del", exon19))
        #expect(ProteinChange.matchesRange("L747_P753delinsS", exon19))
        #expect(!ProteinChange.matchesRange("L858R", exon19))
        #expect(!ProteinChange.matchesRange("A767_V769dup", exon19))
        #expect(ProteinChange.range("L858R") == nil)
    }

    @Test func negatedValueMakesTheWholeGenomicNodeAnExclusion() {
        var compiler = CriterionCompiler(genes: GeneTable(), tree: .bundled)
        let leaves = compiler.genomic(
            GenomicCriterion(hugoSymbol: "NRAS", variantCategory: "!Mutation", proteinChange: "p.G12D"))
        guard case .genomic(let t) = leaves.first?.test else {
            Issue.record("no genomic leaf")
            return
        }
        #expect(t.absent && !t.proteinNegated && t.protein == "G12D")
    }

    @Test func ctmlTopLevelArrayIsReadTrialByTrial() throws {
        let json = """
            [{"protocol_no": "11-111", "treatment_list": {"step": [{"arm": [{"arm_code": "A", "match": [{"genomic": {"hugo_symbol": "NRAS", "variant_category": "!Mutation", "molecular_function": "Activating"}}]}]}]}},
             {"protocol_no": "22-222", "treatment_list": {"step": [{"arm": [{"arm_code": "B"}]}]}}]
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ctml-list-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let payload = try BoardReader.payload(path: file.path)
        #expect(payload.bundle.trials.map(\.id) == ["11-111", "22-222"])
        #expect(payload.skipped.contains { $0.contains("trial 11-111") && $0.contains("molecular_function") })
    }
}

/// What the record says about the patient beyond the tumour: death, and metastases recorded beside a stage.
@Suite struct PatientStateTests {
    @Test func aDeceasedPatientIsNeverACandidate() {
        let trial = Trial(
            id: "NCT09999993", title: "Any adult", status: .recruiting, arms: [TrialArm(id: "A", name: "Arm A")],
            eligibility: Eligibility(minimumAge: 18))
        let engine = MatchEngine(trials: [trial])
        var record = Fixtures.makeCase()
        #expect(engine.match(record, on: Fixtures.day, selection: .all).first?.status == .eligible)
        record.patient.vitalStatus = .deceased
        record.patient.deceasedOn = LocalDate(year: 2026, month: 10, day: 2)
        let m = engine.match(record, on: Fixtures.day, selection: .all).first
        #expect(m?.status == .notEligible)
        #expect(
            m?.outcomes.contains {
                $0.criterion == "patient alive" && $0.outcome == .notMet && $0.detail == "deceased on 2026-10-02"
            } == true)
    }

    @Test func metastasesBesideALowerStageLeaveTheStageOpen() {
        // "Patients with Stage I or IV breast cancer are not eligible." against stage IIIA with metastatic sites recorded.
        let trial = Trial(
            id: "NCT09999994", title: "Early", status: .recruiting, arms: [TrialArm(id: "A", name: "Arm A")],
            eligibility: Eligibility(
                diagnoses: ["BREAST"], exclusionText: "* Patients with Stage I or IV breast cancer are not eligible."))
        let engine = MatchEngine(trials: [trial])
        var record = Fixtures.makeCase(code: "IDC")
        record.stage = Stage(group: "IIIA")
        #expect(engine.match(record, on: Fixtures.day, selection: .all).first?.status == .eligible)
        record.metastaticSites = [MetastaticSite(site: "liver")]
        let m = engine.match(record, on: Fixtures.day, selection: .all).first
        #expect(m?.status == .possiblyEligible)
        #expect(m?.outcomes.contains { $0.criterion == "excluded if: stage I or IV" && $0.outcome == .unknown } == true)
    }
}
