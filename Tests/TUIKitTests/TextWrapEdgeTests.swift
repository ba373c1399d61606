import Testing

@testable import TextLayout

/// The one wrapping routine (`TextWrap.fill`) at its edges: long words, wide characters, empty lines, leads.
@Suite struct TextWrapEdgeTests {
    func fill(_ text: Substring, width: Int, first: String = "", rest: String = "") -> [String] {
        TextWrap.fill(
            text, first: TextWrap.LineStart(lead: first, width: width),
            rest: TextWrap.LineStart(lead: rest, width: width))
    }

    @Test func longWordStartsOnItsOwnLineAndBreaksWhereTheLineEnds() {
        #expect(TextWrap.wrap("ab abcdefghijkl", width: 5) == ["ab", "abcde", "fghij", "kl"])
        #expect(TextWrap.wrap("abcdefghij", width: 5) == ["abcde", "fghij"])
        // A word of exactly the width is not broken.
        #expect(TextWrap.wrap("abcde fg", width: 5) == ["abcde", "fg"])
    }

    @Test func wideCharactersAreNeverSplit() {
        // 肺 and 癌 take two columns: five columns hold two of them, never two and a half.
        #expect(TextWrap.wrap("肺癌肺癌肺", width: 5) == ["肺癌", "肺癌", "肺"])
        #expect(TextWrap.wrap("a 肺癌", width: 4) == ["a", "肺癌"])
        // A line narrower than one wide character still shows it whole, alone.
        #expect(TextWrap.wrap("肺癌", width: 1) == ["肺", "癌"])
        // Emoji with the presentation selector is two columns; a combining accent none.
        #expect(TextWrap.wrap("❤\u{FE0F}❤\u{FE0F}", width: 3) == ["❤\u{FE0F}", "❤\u{FE0F}"])
        #expect(TextWrap.wrap("e\u{301}e\u{301}e\u{301}", width: 3) == ["e\u{301}e\u{301}e\u{301}"])
    }

    @Test func emptyLinesStayAndBlankLinesAreEmpty() {
        #expect(TextWrap.wrap("", width: 10) == [""])
        #expect(TextWrap.wrap("a\n\nb", width: 10) == ["a", "", "b"])
        #expect(TextWrap.wrap("a\n   \nb", width: 10) == ["a", "", "b"])
        #expect(TextWrap.wrap("a\r\nb\n", width: 10) == ["a", "b", ""])
    }

    @Test func spacesCollapseAndNeverTrail() {
        #expect(TextWrap.wrap("a    b   ", width: 10) == ["a b"])
        #expect(TextWrap.wrap("one two", width: 4) == ["one", "two"])
        #expect(fill("", width: 10, first: "- ") == ["-"])
        #expect(fill("   ", width: 10, first: "  ", rest: "  ") == [""])
    }

    @Test func leadsStartTheFirstAndLaterLines() {
        #expect(fill("one two three", width: 9, first: "- ", rest: "  ") == ["- one two", "  three"])
        // A broken word continues after the later lines' lead, within the width.
        #expect(fill("abcdefghij", width: 6, first: "> ", rest: "  ") == ["> abcd", "  efgh", "  ij"])
    }

    @Test func screenIndentationAndTabs() {
        #expect(TextWrap.wrap("    deep text here", width: 10) == ["    deep", "text here"])
        // Indentation as wide as the line is dropped rather than leaving no room.
        #expect(TextWrap.wrap("      ab", width: 6) == ["ab"])
        #expect(TextWrap.wrap("\tx", width: 10) == ["    x"])
    }

    @Test func hangingIndentWrapsUnderTheValue() {
        #expect(
            TextWrap.wrap("Drugs: osimertinib and carboplatin pemetrexed", width: 24, hangingIndent: 7) == [
                "Drugs: osimertinib and", "       carboplatin", "       pemetrexed",
            ])
        // Too little room for the value: plain wrapping.
        #expect(TextWrap.wrap("Drugs: a b c d e f", width: 12, hangingIndent: 7) == ["Drugs: a b c", "d e f"])
    }

    @Test func widthCountsPrintableASCIIFast() {
        #expect(TextWidth.displayWidth(of: "plain text") == 10)
        #expect(TextWidth.displayWidth(of: "a\u{7}b") == 2)
        #expect(TextWidth.displayWidth(of: "肺a"[...]) == 3)
    }
}
