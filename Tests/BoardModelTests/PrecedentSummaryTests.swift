import Foundation
import Testing

@testable import BoardModel

/// The summary above the precedent list, checked against figures worked out by hand from the outcomes below
/// (days from the decision; a course's days count from its treatment start; a month is 30.44 days).
@Suite("Precedent summary")
struct PrecedentSummaryTests {
    static let target = PrecedentProfile(
        caseId: "NOW", oncotreeCode: "IHCH", stageGroup: "IV", priorLines: 1,
        alterations: [Alteration(gene: "FGFR2", alterationClass: .fusion, change: "FGFR2::BICC1")])

    static func precedent(
        _ id: String, code: String = "IHCH", fusion: Bool = true, recommends: Recommendation,
        _ outcomes: [TimedOutcome]
    ) -> Precedent {
        let profile = PrecedentProfile(
            caseId: id, oncotreeCode: code, stageGroup: "IV", priorLines: 1,
            alterations: fusion ? [Alteration(gene: "FGFR2", alterationClass: .fusion, change: "FGFR2::AHCYL1")] : [])
        return Precedent(
            caseId: id, institution: nil, diagnosis: "Intrahepatic cholangiocarcinoma", oncotreeCode: code,
            stageGroup: "IV", priorLines: 1, similarity: Similarity.of(profile, to: target), decisionId: "D-\(id)",
            recommendations: [recommends], signedBy: "Dr. Chen", decidedAt: nil, outcomes: outcomes)
    }

    static let fgfr = Recommendation(kind: .targetedTherapy, therapy: "pemigatinib", drugs: ["pemigatinib"])
    static let trial = Recommendation(kind: .clinicalTrial, trialId: "NCT04093362")

    /// P1: start day 10, PR day 66, progression day 223, stopped day 230 → 220 days (7.23 months), best PR.
    /// P2: start day 0, SD day 56, PR day 112, still on treatment → 112 days (3.68 months), best PR, ongoing.
    /// P3: start day 20, PD day 76, stopped day 90 → 70 days (2.30 months), best PD.
    /// P4: treatment not started (trial recommended) → no time on treatment.
    /// P5: start day 0, died day 300 without a stop → 300 days (9.86 months), no response assessed.
    /// P6: same diagnosis without the fusion → its own group.
    static let precedents: [Precedent] = [
        precedent(
            "P1", recommends: fgfr,
            [
                TimedOutcome(day: 10, kind: .treatmentStarted, regimen: "pemigatinib"),
                TimedOutcome(day: 66, kind: .response, criteria: .recist, response: "PR"),
                TimedOutcome(day: 223, kind: .progression),
                TimedOutcome(day: 230, kind: .treatmentStopped, stopReason: .progression),
            ]),
        precedent(
            "P2", recommends: fgfr,
            [
                TimedOutcome(day: 0, kind: .treatmentStarted, regimen: "pemigatinib"),
                TimedOutcome(day: 56, kind: .response, criteria: .recist, response: "SD"),
                TimedOutcome(day: 112, kind: .response, criteria: .recist, response: "PR"),
            ]),
        precedent(
            "P3", recommends: fgfr,
            [
                TimedOutcome(day: 20, kind: .treatmentStarted, regimen: "pemigatinib"),
                TimedOutcome(day: 76, kind: .response, criteria: .recist, response: "PD"),
                TimedOutcome(day: 90, kind: .treatmentStopped, stopReason: .progression),
            ]),
        precedent("P4", recommends: trial, [TimedOutcome(day: 14, kind: .treatmentNotStarted)]),
        precedent(
            "P5", recommends: fgfr,
            [
                TimedOutcome(day: 0, kind: .treatmentStarted, regimen: "pemigatinib"),
                TimedOutcome(day: 300, kind: .death),
            ]),
        precedent("P6", fusion: false, recommends: trial, []),
    ]

    @Test func coursesAsWorkedOutByHand() {
        let courses = Self.precedents.map(\.course)
        #expect(courses[0]?.daysOnTreatment == 220 && courses[0]?.bestResponse == "PR")
        #expect(courses[0]?.progressionDay == 213 && courses[0]?.stopDay == 220 && courses[0]?.ongoing == false)
        #expect(courses[1]?.daysOnTreatment == 112 && courses[1]?.bestResponse == "PR" && courses[1]?.ongoing == true)
        #expect(
            courses[2]?.daysOnTreatment == 70 && courses[2]?.bestResponse == "PD" && courses[2]?.progressionDay == 56)
        #expect(courses[3]?.daysOnTreatment == nil && courses[3]?.notStarted == true)
        #expect(courses[4]?.daysOnTreatment == 300 && courses[4]?.deathDay == 300 && courses[4]?.ongoing == false)
        #expect(courses[5] == nil)
    }

    @Test func groupsMediansAndSentences() throws {
        let groups = PrecedentGroup.groups(Self.precedents)
        #expect(groups.map(\.title) == ["FGFR2 fusion, IHCH", "IHCH"])
        let fusion = groups[0]
        #expect(fusion.caseIds == ["P1", "P2", "P3", "P4", "P5"])
        // Months on treatment, sorted: 70, 112, 220, 300 days / 30.44 → 2.30, 3.68, 7.23, 9.86; the median of four
        // is the mean of the middle two: (112 + 220) / 2 / 30.44 = 5.453… months.
        let median = try #require(fusion.medianMonthsOnTreatment)
        #expect(abs(median - 166.0 / 30.44) < 1e-9)
        #expect(fusion.treated == 4 && fusion.ongoing == 1)
        #expect(
            fusion.recommended == [.init(label: "FGFR inhibitor", count: 4), .init(label: "clinical trial", count: 1)])
        #expect(fusion.bestResponses == [.init(label: "PR", count: 2), .init(label: "PD", count: 1)])
        #expect(
            fusion.sentence
                == "5 earlier cases with FGFR2 fusion, IHCH: 4 recommended FGFR inhibitor, 1 clinical trial; best response PR 2, PD 1; median time on treatment 5.5 months (4 treated, 1 ongoing)"
        )
        #expect(
            groups[1].sentence
                == "1 earlier case with IHCH: 1 recommended clinical trial; no treatment outcome recorded")
        // An odd count takes the middle value: without P5, 112 days → 3.7 months.
        let three = PrecedentGroup.groups(Array(Self.precedents.prefix(4)))[0]
        #expect(three.medianMonthsOnTreatment.map { abs($0 - 112.0 / 30.44) < 1e-9 } == true)
        #expect(three.sentence.hasSuffix("median time on treatment 3.7 months (3 treated, 1 ongoing)"))
    }

    /// A treatment started with nothing recorded since has no time on treatment yet: not zero months in the median.
    @Test func aTreatmentJustStartedIsNotZeroMonths() throws {
        let started = Self.precedent(
            "P7", recommends: Self.fgfr, [TimedOutcome(day: 30, kind: .treatmentStarted, regimen: "pemigatinib")])
        #expect(started.course?.daysOnTreatment == nil && started.course?.ongoing == true)
        let alone = PrecedentGroup.groups([started])[0]
        #expect(alone.medianMonthsOnTreatment == nil && alone.treated == 0 && alone.justStarted == 1)
        #expect(
            alone.sentence
                == "1 earlier case with FGFR2 fusion, IHCH: 1 recommended FGFR inhibitor; 1 started with nothing recorded since"
        )
        let with = PrecedentGroup.groups(Array(Self.precedents.prefix(5)) + [started])[0]
        #expect(with.medianMonthsOnTreatment.map { abs($0 - 166.0 / 30.44) < 1e-9 } == true, "the median is unchanged")
        #expect(with.sentence.hasSuffix("(4 treated, 1 ongoing); 1 started with nothing recorded since"))
    }
}
