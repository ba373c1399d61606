import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// MatchMiner's API adds a `_summary` to every trial it loads (matchminer-api `build_trial_elasticsearch_fields`);
/// its `status` is a list of facets `{value, id}` derived from the protocol's `status` (and the institution's site
/// status). Exported trials keep it, sometimes without the top-level `status`: it is then the trial's accrual status,
/// read as the protocol's own would be.
@Suite("CTML _summary.status")
struct CTMLSummaryStatusTests {
    static func trial(_ extra: String) throws -> (Trial, ImportPayload) {
        let json = """
            {"protocol_no": "12-345", "long_title": "T", \(extra)
             "treatment_list": {"step": [{"step_code": "1", "arm": [{"arm_code": "A", "arm_suspended": "N"}]}]}}
            """
        let payload = try CTMLReader.read(data: Data(json.utf8), file: "s.json")
        return (try #require(payload.bundle.trials.first), payload)
    }

    @Test func theSummaryStatusIsTheTrialsWhenTheProtocolStatesNone() throws {
        let (open, payload) = try Self.trial(
            #""_summary": {"status": [{"value": "Open to Accrual", "id": [1, 2]}], "genes": ["EGFR"]},"#)
        #expect(open.status == .recruiting && open.arms.allSatisfy(\.open))
        let account = try #require(payload.accounts.first)
        #expect(account.usedFields["_summary.status"] == 1 && account.unusedFields["_summary.genes"] == 1)
        #expect(account.unusedFields["_summary"] == nil)

        let (closed, _) = try Self.trial(#""_summary": {"status": [{"value": "CLOSED TO ACCRUAL", "id": [1]}]},"#)
        #expect(closed.status == .activeNotRecruiting)
        #expect(closed.arms.allSatisfy { !$0.open }, "a trial closed to accrual takes no patients on any arm")
        // Plain text, as some exports flatten it.
        #expect(try Self.trial(#""_summary": {"status": "Suspended"},"#).0.status == .suspended)
    }

    @Test func theProtocolsOwnStatusWinsAndADisagreementIsSaid() throws {
        let (trial, payload) = try Self.trial(
            #""status": "Closed to Accrual", "_summary": {"status": [{"value": "Open to Accrual", "id": [1]}]},"#)
        #expect(trial.status == .activeNotRecruiting)
        #expect(payload.notes.contains { $0.contains("disagree") && $0.contains("12-345") })
        let (agreeing, quiet) = try Self.trial(
            #""status": "Open to Accrual", "_summary": {"status": [{"value": "OPEN TO ACCRUAL", "id": [1]}]},"#)
        #expect(agreeing.status == .recruiting && !quiet.notes.contains { $0.contains("disagree") })
    }

    @Test func anUnknownSummaryStatusIsReportedWhereItIs() throws {
        let (trial, payload) = try Self.trial(#""_summary": {"status": [{"value": "Whatever", "id": [1]}]},"#)
        #expect(trial.status == .unknown)
        let invalid = try #require(payload.accounts.first?.invalid.first)
        #expect(invalid.field == "_summary.status" && invalid.found == "Whatever")
        #expect(invalid.location == "$._summary.status[0].value")
    }
}
