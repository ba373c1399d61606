import BoardModel
import Foundation
import Testing

@testable import TrialMatching

/// Matching a diagnosis the record does not confirm (FHIR R4 Condition.verificationStatus, value set
/// condition-ver-status: unconfirmed, with its children provisional and differential): every diagnosis criterion is
/// unknown, met or not, and the explanation asks for a confirmed diagnosis. Confirmed or unstated changes nothing.
@Suite("Matching an unconfirmed diagnosis")
struct DiagnosisVerificationTests {
    let status = DiagnosisStatusTests()

    @Test(arguments: ["provisional", "differential", "unconfirmed"])
    func anUnconfirmedDiagnosisLeavesDiagnosisCriteriaUnknown(verification: String) throws {
        var c = Fixtures.makeCase()
        c.diagnosis.verification = verification
        let m = try status.run(c)
        let outcome = try status.diagnosisOutcome(m)
        #expect(outcome.outcome == .unknown, "\(Fixtures.describe(m))")
        #expect(outcome.detail.contains(verification), "\(outcome.detail)")
        #expect(m.status != .eligible)
        #expect(m.missingData.contains { $0.contains("a confirmed diagnosis") }, "\(m.missingData)")
        // Outside the trial's diagnosis too: a suspected cancer settles nothing either way.
        #expect(try status.diagnosisOutcome(try status.run(c, code: "BRCA")).outcome == .unknown)
    }

    @Test func aConfirmedOrUnstatedDiagnosisIsUnchanged() throws {
        var confirmed = Fixtures.makeCase()
        confirmed.diagnosis.verification = "confirmed"
        #expect(try status.diagnosisOutcome(try status.run(confirmed)).outcome == .met)
        #expect(try status.diagnosisOutcome(try status.run(confirmed, code: "BRCA")).outcome == .notMet)
        let day = LocalDate("2026-01-01")!
        var provisional = Fixtures.makeCase()
        provisional.diagnosis.verification = "provisional"
        #expect(Fixtures.makeCase().fingerprint(on: day) == confirmed.fingerprint(on: day))
        #expect(Fixtures.makeCase().fingerprint(on: day) != provisional.fingerprint(on: day))
    }
}
