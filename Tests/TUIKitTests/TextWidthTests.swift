import Testing

@testable import TUIKit

@Suite struct TextWidthTests {
    @Test func asciiAndAccents() {
        #expect(displayWidth(of: "abc") == 3)
        #expect(displayWidth(of: "Müller") == 6)
        // Decomposed é (e + U+0301) is one grapheme of one column.
        #expect(displayWidth(of: "Ame\u{301}lie") == 6)
        #expect(displayWidth(of: "") == 0)
    }

    @Test func cjkIsTwoColumns() {
        #expect(displayWidth(of: "肺癌") == 4)
        #expect(displayWidth(of: "한국어") == 6)
        #expect(displayWidth(of: "ｆｕｌｌ") == 8)
        #expect(displayWidth(of: "カルテ") == 6)
    }

    @Test func emojiAndZeroWidth() {
        #expect(displayWidth(of: "🧬") == 2)
        #expect(displayWidth(of: "👩‍⚕️") == 2)  // ZWJ sequence
        #expect(displayWidth(of: "🇩🇪") == 2)  // flag
        #expect(displayWidth(of: "❤️") == 2)  // VS16 makes it wide
        #expect(displayWidth(of: "❤") == 1)
        #expect(displayWidth(of: "a\u{200B}b") == 2)  // zero width space
        #expect(TextWidth.width(of: Character("\u{0301}")) == 0)
    }

    @Test func truncateKeepsWideCharsWhole() {
        #expect(truncate("Adenocarcinoma", toWidth: 8) == "Adenoca…")
        #expect(truncate("short", toWidth: 8) == "short")
        #expect(truncate("肺癌の症例", toWidth: 6) == "肺癌…")  // 4 + 1, the next CJK would overflow
        #expect(TextWidth.displayWidth(of: truncate("肺癌の症例", toWidth: 6)) <= 6)
        #expect(truncate("e\u{301}e\u{301}e\u{301}", toWidth: 2) == "e\u{301}…")
        #expect(truncate("abc", toWidth: 0) == "")
        #expect(truncate("abc", toWidth: 1) == "…")
    }

    @Test func fitPadsByDisplayWidth() {
        #expect(TextWidth.fit("肺", width: 4) == "肺  ")
        #expect(TextWidth.fit("ab", width: 4, alignment: .right) == "  ab")
        #expect(TextWidth.fit("ab", width: 5, alignment: .center) == " ab  ")
    }
}

@Suite struct WrapTests {
    @Test func wrapsWordsByWidth() {
        #expect(wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
    }

    @Test func keepsExplicitNewlinesAndEmptyLines() {
        #expect(wrap("a\n\nb", width: 10) == ["a", "", "b"])
    }

    @Test func hardBreaksLongWords() {
        #expect(wrap("EGFR-L858R-T790M", width: 6) == ["EGFR-L", "858R-T", "790M"])
    }

    @Test func wrapsCJKByColumns() {
        let lines = wrap("肺癌肺癌肺癌", width: 5)
        #expect(lines == ["肺癌", "肺癌", "肺癌"])
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 5 })
    }

    @Test func accentsCountOneColumn() {
        #expect(wrap("Ame\u{301}lie Müller", width: 6) == ["Ame\u{301}lie", "Müller"])
    }

    @Test func keepsIndentation() {
        #expect(wrap("  - item one two", width: 10) == ["  - item", "one two"])
    }
}
