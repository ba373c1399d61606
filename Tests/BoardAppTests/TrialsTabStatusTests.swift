import BoardModel
import BoardStore
import Foundation
import TUIKit
import Testing

@testable import BoardApp

/// The Trials tab always shows a trial's recruitment status: a long title is cut to the room beside it, so recruiting
/// and not recruiting trials can be told apart at 80 and at 120 columns.
@MainActor
@Suite("Trials tab shows the status beside long titles")
struct TrialsTabStatusTests {
    @Test(arguments: [80, 120])
    func statusShowsBesideALongTitle(width: Int) throws {
        let store = try SampleBoard.store()
        let title =
            "A Phase Ib/II, Open-Label, Multicenter, Randomized Umbrella Study Evaluating the Efficacy and Safety of "
            + "Multiple Immunotherapy-Based Treatment Combinations in Patients With Metastatic Triple-Negative Breast Cancer"
        let trial = Trial(
            id: "NCT09999999", title: title, status: .activeNotRecruiting,
            arms: [TrialArm(id: "A", name: "A", drugs: ["X"])])
        _ = try store.importBundle(BoardBundle(trials: [trial]), now: SampleBoard.now)
        try store.saveMatches(
            caseId: "C-0009",
            [
                TrialMatch(
                    caseId: "C-0009", trialId: trial.id, armId: "A", outcomes: [], status: .possiblyEligible,
                    score: 999, computedAt: SampleBoard.now, dataFingerprint: "-")
            ])
        let (app, _) = try SampleBoard.app(width: width, height: 24, store: store)
        app.run(.openCase("C-0009"))
        app.handle(.char("3"))
        let row = try #require(
            app.frame().textDump().split(separator: "\n").first { $0.contains("NCT09999999") })
        // A match on an arm that takes no patients says why, in the registry's words, in place of the status.
        #expect(row.contains("  not recruiting"), "\(row)")
        #expect(row.contains("…"), "the title is cut, not the status: \(row)")
    }

    /// A long arm name (CT.gov arms are often whole regimens) is cut with the title; the status stays whole.
    @Test(arguments: [80, 120])
    func statusShowsBesideALongArmName(width: Int) throws {
        let store = try SampleBoard.store()
        let arm = "Arm B: Atezolizumab + Nab-Paclitaxel + Carboplatin followed by Atezolizumab maintenance"
        let trial = Trial(
            id: "NCT09999998", title: "Umbrella Study of Immunotherapy Combinations in Breast Cancer",
            status: .activeNotRecruiting, arms: [TrialArm(id: arm, name: arm, drugs: ["X"])])
        _ = try store.importBundle(BoardBundle(trials: [trial]), now: SampleBoard.now)
        try store.saveMatches(
            caseId: "C-0009",
            [
                TrialMatch(
                    caseId: "C-0009", trialId: trial.id, armId: arm, outcomes: [], status: .possiblyEligible,
                    score: 999, computedAt: SampleBoard.now, dataFingerprint: "-")
            ])
        let (app, _) = try SampleBoard.app(width: width, height: 24, store: store)
        app.run(.openCase("C-0009"))
        app.handle(.char("3"))
        let row = try #require(
            app.frame().textDump().split(separator: "\n").first { $0.contains("NCT09999998") })
        #expect(row.contains("  not recruiting"), "\(row)")
        #expect(row.contains("arm Arm"), "\(row)")
    }

    /// An arm closed on its own (CTML `arm_suspended`) in a recruiting trial says so; an open arm shows the trial's
    /// status; a match on an open arm is listed before one on an arm that takes no patients.
    @Test func aClosedArmOfARecruitingTrialSaysClosedToAccrual() throws {
        let store = try SampleBoard.store()
        let closed = Trial(
            id: "NCT09999996", title: "Basket closed", status: .recruiting,
            arms: [TrialArm(id: "A", name: "A", open: false)])
        let open = Trial(
            id: "NCT09999997", title: "Basket open", status: .recruiting, arms: [TrialArm(id: "B", name: "B")])
        _ = try store.importBundle(BoardBundle(trials: [closed, open]), now: SampleBoard.now)
        let (app, _) = try SampleBoard.app(width: 120, height: 60, store: store)
        app.run(.openCase("C-0009"))
        app.handle(.char("3"))
        let rows = app.frame().textDump().split(separator: "\n")
        let openRow = try #require(rows.firstIndex { $0.contains("NCT09999997") }, "\(rows)")
        let closedRow = try #require(rows.firstIndex { $0.contains("NCT09999996") }, "\(rows)")
        #expect(rows[openRow].contains("arm B") && rows[openRow].contains("  recruiting"), "\(rows[openRow])")
        #expect(
            rows[closedRow].contains("arm A") && rows[closedRow].contains("closed to accrual"), "\(rows[closedRow])")
        #expect(openRow < closedRow)
    }

    @Test func armAndTitleShareTheRoom() {
        #expect(CaseView.armAndTitle(arm: " arm A", title: "Short", room: 40) == (" arm A", "Short"))
        let (arm, title) = CaseView.armAndTitle(
            arm: " arm " + String(repeating: "x", count: 60), title: "T" + String(repeating: "t", count: 60), room: 30)
        #expect(displayWidth(of: arm) + displayWidth(of: title) <= 30)
        #expect(arm.hasSuffix("…") && title.hasSuffix("…"))
        #expect(CaseView.armAndTitle(arm: " arm long name", title: "Title", room: 2).1 == "")
    }

    /// The trial screen says each arm's accrual in `trial ID`'s words (review 7, repetition): the trial's status
    /// first, an arm closed on its own, or an unknown status, never "(trial unknown)".
    @Test func theTrialScreenSaysEachArmsAccrualAsTrialIDDoes() {
        func arms(_ status: RecruitmentStatus) -> [String] {
            let trial = Trial(
                id: "NCT0", title: "T", status: status,
                arms: [TrialArm(id: "A", name: "A", drugs: []), TrialArm(id: "B", name: "B", drugs: [], open: false)])
            return TrialScreen.lines(trial).map(\.text).filter { $0.hasPrefix("Arm ") }
        }
        #expect(arms(.recruiting) == ["Arm A: A", "Arm B: B (closed to accrual)"])
        #expect(arms(.activeNotRecruiting).allSatisfy { $0.hasSuffix("(closed: trial active not recruiting)") })
        #expect(arms(.unknown).first == "Arm A: A (accrual unknown: trial status unknown)")
    }
}
