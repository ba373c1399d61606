import BoardFormats
import TUIKit
import Testing

/// Exported plain text wraps with the screens' routine: the same lines for plain prose, plus its own prefixes.
@Suite struct PlainTextWrapTests {
    static let prose =
        "Osimertinib 80 mg daily; re-stage with CT after 8 weeks. 肺癌 EGFR-L858R-T790M-C797S compound mutation."

    @Test(arguments: [8, 10, 17, 40, 80])
    func proseWrapsAsOnScreen(width: Int) {
        #expect(PlainTextLayout.wrap(Self.prose, width: width) == TextWrap.wrap(Self.prose, width: width))
    }

    @Test func prefixesTabsAndParagraphs() {
        #expect(
            PlainTextLayout.wrap("one two three", width: 9, firstPrefix: "- ", restPrefix: "  ") == [
                "- one two", "  three",
            ])
        // A later paragraph starts after the rest prefix; an empty one is an empty line.
        #expect(PlainTextLayout.wrap("a\n\nb", width: 10, firstPrefix: "- ", restPrefix: "  ") == ["- a", "", "  b"])
        // A tab is one space in exported text.
        #expect(PlainTextLayout.wrap("a\tb", width: 10) == ["a b"])
        // A prefix wider than the page still leaves eight columns for text.
        #expect(PlainTextLayout.wrap("abc def", width: 4, firstPrefix: "1234567890") == ["1234567890abc def"])
        #expect(PlainTextLayout.width(of: "肺a") == 3)
        #expect(PlainTextLayout.pad("肺", to: 4) == "肺  ")
    }
}
