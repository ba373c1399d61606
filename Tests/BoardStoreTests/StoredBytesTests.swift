import BoardFormats
import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardStore

/// The exact bytes the store writes for the sample board's records. Signed decisions are hashed over these bytes and
/// the audit chain over the bodies, so a change to how the model encodes (a renamed key, a default written or left
/// out, a property wrapper) must not move a byte: each record's SHA-256 is compared with the golden list.
@Suite("Stored bytes")
struct StoredBytesTests {
    static let golden = Repository.path("Tests/BoardStoreTests/Golden")

    @Test func sampleRecordsEncodeToTheSameBytes() throws {
        let bundle = try BoardReader.read(paths: try Repository.sampleDataFiles())
        var lines: [String] = []
        func add(_ kind: String, _ id: String, _ value: some Encodable) throws {
            lines.append("\(kind) \(id) \(Digest.sha256(try Codec.encode(value)))")
        }
        for b in bundle.boards { try add("board", b.id, b) }
        for c in bundle.cases { try add("case", c.id, c) }
        for t in bundle.trials { try add("trial", t.id, t) }
        for m in bundle.meetings { try add("meeting", m.id, m) }
        for n in bundle.notes { try add("note", n.id, n) }
        for d in bundle.decisions {
            try add("decision", d.id, d)
            lines.append("decision-hash \(d.id) \(try BoardStore.decisionHash(d))")
        }
        for o in bundle.outcomes { try add("outcome", o.id, o) }
        #expect(bundle.decisions.count > 5 && bundle.cases.count > 10)
        Snapshot.expect(lines.joined(separator: "\n") + "\n", named: "sample-record-digests.txt", in: Self.golden)
    }

    /// Keys older files leave out decode to the same defaults as before: the native layout stays readable.
    @Test func missingKeysTakeTheirDefaults() throws {
        let meeting = try Codec.decode(Meeting.self, from: #"{"id":"M","boardId":"b","startsAt":0}"#)
        #expect(meeting.roster.isEmpty && meeting.agenda.isEmpty && meeting.status == .planned)
        let item = try Codec.decode(AgendaItem.self, from: #"{"caseId":"C","position":1}"#)
        #expect(item.outcome == .pending)
        let decision = try Codec.decode(
            Decision.self, from: #"{"id":"D","caseId":"C","recordedBy":"x","recordedAt":0}"#)
        #expect(decision.version == 1 && decision.status == .draft && decision.recommendations.isEmpty)
        #expect(decision.dissent.isEmpty && decision.attendeesPresent.isEmpty)
        let rec = try Codec.decode(Recommendation.self, from: #"{"kind":"targeted-therapy"}"#)
        #expect(rec.drugs.isEmpty && rec.findingIds.isEmpty && rec.priority == 1 && rec.rationale == "")
        let trial = try Codec.decode(Trial.self, from: #"{"id":"T","title":"t"}"#)
        #expect(
            trial.status == .unknown && trial.sites.isEmpty && trial.arms.isEmpty && trial.eligibility == Eligibility())
        let arm = try Codec.decode(TrialArm.self, from: #"{"id":"A","name":"a"}"#)
        #expect(arm.drugs.isEmpty && arm.open)
        let eligibility = try Codec.decode(Eligibility.self, from: "{}")
        #expect(eligibility.diagnoses.isEmpty && eligibility.conditions.isEmpty)
        let finding = try Codec.decode(Finding.self, from: #"{"id":"F","kind":"snv"}"#)
        #expect(finding.origin == .somatic && finding.evidence.isEmpty)
        let outcome = try Codec.decode(CaseOutcome.self, from: #"{"kind":"death","date":"2026-01-02"}"#)
        #expect(outcome.id == "" && outcome.caseId == "" && outcome.drugs.isEmpty && outcome.version == 0)
        #expect(outcome.recordedBy == "" && outcome.recordedAt == Date(timeIntervalSince1970: 0))
    }
}
