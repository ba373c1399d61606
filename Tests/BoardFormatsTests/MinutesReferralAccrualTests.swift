import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// A referral in the minutes says when the trial takes no patients, from its status or, when its status reads open,
/// because every arm is closed to accrual (CTML `arm_suspended`; review 7 #13). One open arm keeps the status.
@Suite("Minutes: a referral to a trial whose arms are all closed")
struct MinutesReferralAccrualTests {
    static func writer(arms: [TrialArm], status: RecruitmentStatus = .recruiting) -> MinutesWriter {
        let trial = Trial(id: "11-111", title: "A CTML basket", phase: "Phase 2", status: status, arms: arms)
        let meeting = Meeting(id: "M-R", boardId: "b", startsAt: Date(timeIntervalSince1970: 0), agenda: [])
        return MinutesWriter(
            meeting: meeting, board: Board(id: "b", name: "Board"), cases: [], trials: [trial.id: trial])
    }

    static let referral = Recommendation(kind: .clinicalTrial, trialId: "11-111")

    @Test func everyArmClosedReadsNotOpen() {
        let closed = Self.writer(arms: [
            TrialArm(id: "A", name: "A", drugs: [], open: false), TrialArm(id: "B", name: "B", drugs: [], open: false),
        ])
        #expect(
            closed.recommendationText(Self.referral, { $0 }).hasSuffix(
                "(A CTML basket, Phase 2, not open: closed to accrual)"))
        let oneOpen = Self.writer(arms: [
            TrialArm(id: "A", name: "A", drugs: [], open: false), TrialArm(id: "B", name: "B", drugs: []),
        ])
        #expect(oneOpen.recommendationText(Self.referral, { $0 }).hasSuffix("(A CTML basket, Phase 2, recruiting)"))
        let noArms = Self.writer(arms: [])
        #expect(noArms.recommendationText(Self.referral, { $0 }).hasSuffix("(A CTML basket, Phase 2, recruiting)"))
        let suspended = Self.writer(arms: [TrialArm(id: "A", name: "A", drugs: [])], status: .suspended)
        #expect(suspended.recommendationText(Self.referral, { $0 }).contains("not open: suspended"))
    }
}
