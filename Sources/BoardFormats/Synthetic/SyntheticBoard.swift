import BoardModel
import Foundation

/// Deterministic synthetic boards for benchmarks and load tests (`tumorboard generate`): the same
/// seed gives the same cases, findings and trials. Distributions are rough but clinically shaped:
/// common diagnoses dominate, most findings are VUS, a few carry actionable evidence.
public struct SyntheticBoard {
    public var seed: UInt64
    public var findingsPerCase: Int

    public init(seed: UInt64, findingsPerCase: Int = 50) {
        self.seed = seed
        self.findingsPerCase = findingsPerCase
    }

    struct Diagnosis {
        let code: String
        let text: String
        let weight: Int
        let drivers: [(String, String, String)]
    }

    static let diagnoses: [Diagnosis] = [
        .init(
            code: "LUAD", text: "Lung adenocarcinoma", weight: 18,
            drivers: [
                ("EGFR", "p.L858R", "c.2573T>G"), ("KRAS", "p.G12C", "c.34G>T"), ("BRAF", "p.V600E", "c.1799T>A"),
            ]),
        .init(
            code: "LUSC", text: "Lung squamous cell carcinoma", weight: 6, drivers: [("PIK3CA", "p.E545K", "c.1633G>A")]
        ),
        .init(
            code: "COAD", text: "Colon adenocarcinoma", weight: 12,
            drivers: [("KRAS", "p.G12D", "c.35G>A"), ("BRAF", "p.V600E", "c.1799T>A")]),
        .init(
            code: "IDC", text: "Breast invasive ductal carcinoma", weight: 14,
            drivers: [("PIK3CA", "p.H1047R", "c.3140A>G"), ("ESR1", "p.D538G", "c.1613A>G")]),
        .init(code: "PAAD", text: "Pancreatic adenocarcinoma", weight: 7, drivers: [("KRAS", "p.G12D", "c.35G>A")]),
        .init(
            code: "SKCM", text: "Cutaneous melanoma", weight: 6,
            drivers: [("BRAF", "p.V600E", "c.1799T>A"), ("NRAS", "p.Q61R", "c.182A>G")]),
        .init(
            code: "IHCH", text: "Intrahepatic cholangiocarcinoma", weight: 3, drivers: [("IDH1", "p.R132C", "c.394C>T")]
        ),
        .init(
            code: "GIST", text: "Gastrointestinal stromal tumour", weight: 2,
            drivers: [("KIT", "p.W557_K558del", "c.1669_1674del")]),
        .init(code: "LMS", text: "Leiomyosarcoma", weight: 2, drivers: [("TP53", "p.R248Q", "c.743G>A")]),
        .init(
            code: "PANET", text: "Pancreatic neuroendocrine tumour", weight: 2,
            drivers: [("MEN1", "p.R98*", "c.292C>T")]),
        .init(code: "THYC", text: "Thymic carcinoma", weight: 1, drivers: [("KIT", "p.L576P", "c.1727T>C")]),
        .init(code: "PRAD", text: "Prostate adenocarcinoma", weight: 10, drivers: [("BRCA2", "p.K3326*", "c.9976A>T")]),
        .init(code: "GBM", text: "Glioblastoma", weight: 4, drivers: [("EGFR", "p.A289V", "c.866C>T")]),
        .init(
            code: "HGSOC", text: "High-grade serous ovarian cancer", weight: 5,
            drivers: [("BRCA1", "p.E1836fs", "c.5503del")]),
    ]

    static let genes = [
        "TP53", "APC", "PTEN", "ARID1A", "KMT2D", "ATM", "NF1", "RB1", "SMAD4", "CDKN2A", "FAT1", "NOTCH1",
        "LRP1B", "ERBB4", "FGFR3", "MET", "ALK", "ROS1", "RET", "NTRK1", "BRCA1", "BRCA2", "PALB2", "CHEK2",
        "STK11", "KEAP1", "SMARCA4", "CTNNB1", "SETD2", "BAP1", "PBRM1", "POLE", "MSH2", "MLH1", "JAK2",
    ]
    static let given = [
        "Ana", "José", "Zoë", "Søren", "Ngọc", "Aiko", "Olu", "Marta", "Jonas", "Fatima", "Lars", "Chloé", "Iván",
        "Mei",
    ]
    static let family = [
        "Núñez", "Lefèvre", "Østergaard", "Trần", "Tanaka", "Adeyemi", "Kowalska", "Schmidt", "Haddad", "Berg",
        "Dubois", "Petrov", "Li",
    ]
    static let amino = Array("ACDEFGHIKLMNPQRSTVWY")

    /// Case number `index` (0-based), the same for a given seed every time.
    public func makeCase(_ index: Int) -> Case {
        var rng = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let id = String(format: "G-%06d", index + 1)
        let dx = Self.pick(Self.diagnoses, weight: \.weight, rng: &rng)
        let patient = Patient(
            id: "GP-\(index + 1)", identifiers: [.init(kind: .mrn, value: "MRN-\(7_000_000 + index)")],
            name: PersonName(
                given: Self.given[Int(rng.next() % UInt64(Self.given.count))],
                family: Self.family[Int(rng.next() % UInt64(Self.family.count))]),
            birthDate: LocalDate(
                year: 1935 + Int(rng.next() % 60), month: 1 + Int(rng.next() % 12), day: 1 + Int(rng.next() % 28)),
            sex: rng.next() % 2 == 0 ? .female : .male)
        let stages = ["I", "IIA", "IIB", "IIIA", "IIIB", "IVA", "IVB"]
        let stage =
            rng.next() % 10 == 0
            ? nil
            : Stage(
                system: "AJCC 8", basis: "clinical", t: "T\(1 + rng.next() % 4)", n: "N\(rng.next() % 3)",
                m: rng.next() % 3 == 0 ? "M1" : "M0", group: stages[Int(rng.next() % UInt64(stages.count))])
        let ecog: Int? = rng.next() % 8 == 0 ? nil : Int(rng.next() % 3)
        var findings: [Finding] = []
        let driver = dx.drivers[Int(rng.next() % UInt64(dx.drivers.count))]
        findings.append(
            Finding(
                id: "\(id)-F01", kind: .snv, gene: driver.0, hgvsC: driver.2, hgvsP: driver.1,
                vaf: 0.1 + Double(rng.next() % 60) / 100,
                depth: 200 + Int(rng.next() % 800), classification: .oncogenic,
                evidence: [
                    EvidenceEntry(
                        source: "OncoKB",
                        level: EvidenceLevel(scale: .oncokb, code: ["1", "2", "3A", "3B", "4"][Int(rng.next() % 5)]),
                        type: "Predictive", significance: "Sensitivity/Response", disease: dx.text,
                        oncotreeCode: dx.code)
                ]))
        for n in 1..<max(1, findingsPerCase) {
            let gene = Self.genes[Int(rng.next() % UInt64(Self.genes.count))]
            let pos = 10 + Int(rng.next() % 1200)
            let from = Self.amino[Int(rng.next() % 20)]
            let to = Self.amino[Int(rng.next() % 20)]
            findings.append(
                Finding(
                    id: String(format: "\(id)-F%02d", n + 1), kind: .snv, gene: gene, hgvsC: "c.\(pos * 3 - 1)C>T",
                    hgvsP: "p.\(from)\(pos)\(to)", consequence: "missense_variant",
                    vaf: Double(rng.next() % 90 + 5) / 100,
                    depth: 100 + Int(rng.next() % 900), classification: .vus))
        }
        if rng.next() % 6 == 0 {
            findings.append(
                Finding(
                    id: "\(id)-TMB", kind: .biomarker,
                    biomarker: Biomarker(kind: .tmb, value: Double(rng.next() % 40), unit: "mut/Mb")))
        }
        let statuses: [CaseStatus] = [.new, .ready, .discussed, .closed, .deferred]
        return Case(
            id: id, patient: patient,
            diagnosis: .init(oncotreeCode: dx.code, text: dx.text, histology: "adenocarcinoma"),
            stage: stage, performance: ecog.map { PerformanceStatus(ecog: $0) },
            treatmentHistory: rng.next() % 2 == 0
                ? [TherapyLine(line: 1, drugs: ["carboplatin", "paclitaxel"], bestResponse: .pr)] : [],
            question: "Next line of therapy after progression?",
            consent: Consent(research: true, trials: rng.next() % 5 != 0),
            status: statuses[Int(rng.next() % UInt64(statuses.count))], findings: findings)
    }

    /// Trial number `index`, with a genomic and a clinical criterion.
    public func makeTrial(_ index: Int) -> Trial {
        var rng = SplitMix64(seed: seed ^ (0xABCDEF &+ UInt64(index)))
        let dx = Self.pick(Self.diagnoses, weight: \.weight, rng: &rng)
        let driver = dx.drivers[Int(rng.next() % UInt64(dx.drivers.count))]
        let basket = rng.next() % 3 == 0
        let criteria: Criterion = .all([
            .clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: basket ? "_SOLID_" : dx.code, ageNumerical: ">=18")),
            .genomic(
                rng.next() % 2 == 0
                    ? GenomicCriterion(hugoSymbol: driver.0, variantCategory: "Mutation", proteinChange: driver.1)
                    : GenomicCriterion(
                        hugoSymbol: driver.0, variantCategory: "Mutation",
                        wildcardProteinChange: String(driver.1.dropLast()))),
        ])
        let statuses: [RecruitmentStatus] = [.recruiting, .recruiting, .recruiting, .activeNotRecruiting, .completed]
        // Real trials rarely share programs: vary the age limit, the arms (one to three, each its own genotype),
        // and carry registry-style free text the matcher reads (ECOG, stage, prior therapy, lines, chart items).
        var arms = [TrialArm(id: "A", name: "Arm A", drugs: ["investigational agent \(index)"], criteria: criteria)]
        for extra in 0..<Int(rng.next() % 3) {
            let other = dx.drivers[Int(rng.next() % UInt64(dx.drivers.count))]
            arms.append(
                TrialArm(
                    id: ["B", "C"][extra], name: "Arm \(["B", "C"][extra])",
                    drugs: ["investigational agent \(index)\(["b", "c"][extra])"],
                    open: rng.next() % 4 != 0,
                    criteria: .genomic(
                        GenomicCriterion(
                            hugoSymbol: other.0, variantCategory: "Mutation",
                            wildcardProteinChange: String(other.1.dropLast())))))
        }
        func pick(_ pool: [String]) -> String { pool[Int(rng.next() % UInt64(pool.count))] }
        let inclusion = [
            pick([
                "* ECOG performance status 0-1", "* ECOG performance status 0, 1 or 2", "* ECOG ≤ 2",
                "* Karnofsky performance status ≥ 70%",
            ]),
            pick([
                "* Metastatic or locally advanced unresectable disease",
                "* Histologically confirmed metastatic disease (stage IV)",
                "* Stage III or IV disease not amenable to curative treatment",
            ]),
            pick([
                "* Progression after at least 1 prior line of systemic therapy for advanced disease",
                "* Up to 3 prior lines for metastatic disease",
                "* Measurable disease per RECIST v1.1",
            ]),
            pick([
                "* Adequate bone marrow, liver and renal function", "* Absolute neutrophil count ≥ 1.5 × 10^9/L",
                "* Life expectancy ≥ 12 weeks",
            ]),
        ].joined(separator: "\n")
        let exclusion = [
            pick([
                "* Prior treatment with \(pick(["osimertinib", "sotorasib", "trastuzumab", "pembrolizumab", "olaparib", "palbociclib"]))",
                "* Previous therapy with any \(driver.0) inhibitor", "* Prior allogeneic stem cell transplant",
            ]),
            pick([
                "* Symptomatic brain metastases", "* Pregnant or breast-feeding", "* QTc > 470 ms",
                "* Active hepatitis B or C infection",
            ]),
        ].joined(separator: "\n")
        let minimumAge = [18, 18, 18, 12, 16, 21][Int(rng.next() % 6)]
        return Trial(
            id: String(format: "NCT9%07d", index),
            title: "\(driver.0)-directed therapy in \(basket ? "solid tumours" : dx.text) (synthetic \(index))",
            phase: ["Phase 1", "Phase 2", "Phase 3"][Int(rng.next() % 3)], status: statuses[Int(rng.next() % 5)],
            sponsor: "Synthetic Oncology Group",
            arms: arms,
            eligibility: Eligibility(
                minimumAge: minimumAge, diagnoses: [basket ? "_SOLID_" : dx.code],
                inclusionText: inclusion, exclusionText: exclusion))
    }

    static func pick<T>(_ items: [T], weight: KeyPath<T, Int>, rng: inout SplitMix64) -> T {
        let total = items.reduce(0) { $0 + $1[keyPath: weight] }
        var roll = Int(rng.next() % UInt64(total))
        for item in items {
            roll -= item[keyPath: weight]
            if roll < 0 { return item }
        }
        return items[items.count - 1]
    }
}

/// A small, fast, seedable generator (Steele et al.'s SplitMix64), so synthetic data is reproducible across platforms.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
