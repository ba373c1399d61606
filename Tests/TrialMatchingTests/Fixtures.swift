import BoardFormats
import BoardModel
import Foundation
import TestSupport
import TrialMatching

/// The sample board, a fixed day, and helpers shared by the matching tests.
enum Fixtures {
    /// The sample board's "today" (SampleData/check.py uses the same day).
    static let day = LocalDate(year: 2026, month: 11, day: 27)
    static let now = Date(timeIntervalSince1970: 1_795_770_000)

    static let sample: BoardBundle = {
        try! BoardReader.read(paths: try! Repository.sampleDataFiles())
    }()

    static let engine = MatchEngine(trials: sample.trials)

    static func sampleCase(_ id: String) -> Case { sample.cases.first { $0.id == id }! }

    static func match(_ caseId: String, _ trialId: String) -> TrialMatch {
        engine.explain(sampleCase(caseId), trialId: trialId, on: day, at: now)!
    }

    /// A minimal case for criterion tests.
    static func makeCase(
        code: String? = "LUAD", birth: LocalDate? = LocalDate(year: 1960, month: 1, day: 1), sex: Sex = .female,
        ecog: Int? = 1, drugs: [[String]] = [], findings: [Finding] = []
    ) -> Case {
        Case(
            id: "T-1",
            patient: Patient(id: "P-1", name: PersonName(given: "Test", family: "Case"), birthDate: birth, sex: sex),
            diagnosis: Diagnosis(oncotreeCode: code, text: "test diagnosis"),
            performance: ecog.map { PerformanceStatus(ecog: $0) },
            treatmentHistory: drugs.enumerated().map { TherapyLine(line: $0.offset + 1, drugs: $0.element) },
            findings: findings)
    }

    static func trial(
        _ criteria: Criterion?, arms: [TrialArm] = [], eligibility: Eligibility = Eligibility(),
        status: RecruitmentStatus = .recruiting, id: String = "NCT00000001"
    ) -> Trial {
        var e = eligibility
        e.criteria = criteria
        return Trial(id: id, title: "test trial", status: status, arms: arms, eligibility: e)
    }

    /// Describes a match on one line per outcome, for failure messages.
    static func describe(_ m: TrialMatch) -> String {
        "\(m.trialId) arm \(m.armId ?? "-") \(m.status.rawValue) \(m.score)\n"
            + m.outcomes.map {
                "  \($0.outcome.mark) \($0.criterion): \($0.detail)\($0.fromText ? " (from text)" : "")\($0.missing.map { " [missing: \($0)]" } ?? "")"
            }.joined(separator: "\n")
    }
}
