import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// The words of an import's summary: plurals of every kind of record, and the one line about trial matching.
@Suite("Import summary wording")
struct ImportWordingTests {
    @Test func everyKindHasItsPlural() {
        var summary = ImportSummary()
        summary.note("evidence locus", .created)
        summary.note("evidence entry", .created)
        summary.note("case", .unchanged)
        let text = summary.description
        #expect(text.contains("evidence loci: 1 created"), "\(text)")
        #expect(text.contains("evidence entries: 1 created"), "\(text)")
        #expect(text.contains("cases: 0 created, 0 updated, 1 unchanged"), "\(text)")
        #expect(!text.contains("locuss") && !text.contains("locuses"), "\(text)")
    }

    @Test func matchingIsSaidOnceInPlainWordsOnlyWhenSomethingChanged() {
        #expect(ImportSummary.matchingLine(trials: 0, cases: 0, eligible: 0, possible: 0, casesUpdated: false) == nil)
        // New cases that match nothing had no matches before: nothing the board sees changed.
        #expect(ImportSummary.matchingLine(trials: 0, cases: 4, eligible: 0, possible: 0, casesUpdated: false) == nil)
        #expect(
            ImportSummary.matchingLine(trials: 0, cases: 1, eligible: 1, possible: 2, casesUpdated: false)
                == "Trial matches updated for 1 new or changed case: 1 eligible, 2 possibly eligible.")
        // An updated case may have lost a match: said even when nothing matches now.
        #expect(
            ImportSummary.matchingLine(trials: 2, cases: 3, eligible: 0, possible: 0, casesUpdated: true)
                == "Trial matches updated for 2 new or changed trials and 3 new or changed cases: 0 eligible, 0 possibly eligible."
        )
    }
}
