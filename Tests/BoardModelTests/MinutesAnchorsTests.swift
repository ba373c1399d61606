import Foundation
import Testing

@testable import BoardModel

/// The anchors minutes carry, read back as MinutesWriter writes them: a sign-off entry per signed decision
/// ("C · D vN (status): signed by …" and its SHA-256) and the audit chain head, at any width, in text or Markdown.
@Suite("Minutes anchors")
struct MinutesAnchorsTests {
    static let hash = "8b00489125af3a2ec9797213f9f556792a64f634f4908744ee91c217e383e182"
    static let other = "02619278f1e8cb6c06f310a2080c087a6d895d04a26388e67a630dd5b0fc5529"
    static let store = "0f3c9a1b0f3c9a1b0f3c9a1b0f3c9a1b"

    @Test func aSignOffWrappedInsideItsHashAndTheChainHeadReadBack() {
        let text = """
            Sign-off
            --------
            - C-0001 · D-C-0001-1 v2 (final): signed by Dr.
              Ana Ruiz, Thu 19 Nov 2026 17:20
              SHA-256 \(Self.hash.prefix(30))
              \(Self.hash.dropFirst(30))
            - C-0009 · D-C-0009-1 v1 (final): signed by Dr. Ana Ruiz, Thu 19 Nov 2026 17:21
              SHA-256 \(Self.other)

            Audit chain head: event 1234, store \(Self.store),
              hash \(Self.hash)
            """
        let signed = MinutesAnchors.signedDecisions(in: text)
        #expect(signed.map(\.caseId) == ["C-0001", "C-0009"], "the second case id does not take the first hash's end")
        #expect(signed.map(\.decisionId) == ["D-C-0001-1", "D-C-0009-1"])
        #expect(signed.map(\.version) == [2, 1] && signed.map(\.hash) == [Self.hash, Self.other])
        let head = MinutesAnchors.chainHead(in: text)
        #expect(head == MinutesAnchors.ChainHead(sequence: 1234, storeId: Self.store, hash: Self.hash))
    }

    @Test func markdownMarksAreNotPartOfWhatIsRead() {
        let text = """
            ## Sign-off

            - **C-0001** · `D-C-0001-1` v1 (final): signed by Dr. Ana Ruiz
            - SHA-256 `\(Self.hash)`

            **Audit chain head:** event 7, store \(Self.store), hash none
            """
        #expect(MinutesAnchors.signedDecisions(in: text).map(\.decisionId) == ["D-C-0001-1"])
        #expect(MinutesAnchors.chainHead(in: text)?.hash == "", "\"none\": a store without events")
    }

    @Test func onlyTheLastSignOffAndWellFormedEntriesCount() {
        let text = """
            Sign-off
            - C-0002 · D-C-0002-1 v1 (final): SHA-256 \(Self.other)
            Sign-off
            - C-0003 · D-C-0003-1 v99999999999999999999999 (final): SHA-256 \(Self.other)
            - C-0006 · D-C-0006-1 v3 (final): SHA-256 \(Self.hash)
            - C-0004 · D-C-0004-1 (final): SHA-256 \(Self.other)
            - C-0005 · D-C-0005-1 v3 (final): SHA-256 \(Self.hash.prefix(63))
            """
        // A version too large for a number, a missing version and a short hash are not entries.
        let signed = MinutesAnchors.signedDecisions(in: text)
        #expect(signed.map(\.caseId) == ["C-0006"] && signed.first?.hash == Self.hash)
        #expect(MinutesAnchors.chainHead(in: text) == nil)
        #expect(MinutesAnchors.signedDecisions(in: "no sign-off here") == [])
        #expect(MinutesAnchors.chainHead(in: "Audit chain head: event x, store \(Self.store), hash none") == nil)
    }
}
