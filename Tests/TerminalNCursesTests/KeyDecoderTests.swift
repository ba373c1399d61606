import TUIKit
import Testing

@testable import TerminalNCurses

/// Feeds a script of raw curses input to the decoder; nil in the script is a timeout.
func decode(_ script: [RawInput?], codes: [Int32: Key] = [:]) -> [Key?] {
    var items = script
    var decoder = KeyDecoder(
        read: { _ in items.isEmpty ? nil : items.removeFirst() },
        mapCode: { codes[$0] })
    var out: [Key?] = []
    var guardCount = 0
    while !items.isEmpty, guardCount < 100 {
        out.append(decoder.next(timeoutMilliseconds: 0))
        guardCount += 1
    }
    return out
}

func chars(_ s: String) -> [RawInput?] { s.unicodeScalars.map { .char($0.value) } }

@Suite struct KeyDecoderTests {
    @Test func plainAndControlCharacters() {
        #expect(decode(chars("aé肺")) == [.char("a"), .char("é"), .char("肺")])
        #expect(
            decode([.char(1), .char(19), .char(9), .char(13), .char(127), .char(8)])
                == [.ctrl("a"), .ctrl("s"), .tab, .enter, .backspace, .backspace])
    }

    @Test func escapeAloneVersusAlt() {
        #expect(decode([.char(27), nil]) == [.escape])
        #expect(decode([.char(27), .char(0x78)]) == [.alt("x")])
        #expect(decode([.char(27), .char(27), nil]) == [.escape, .escape])
    }

    @Test func leftoverSequences() {
        #expect(decode([.char(27)] + chars("[A")) == [.up])
        #expect(decode([.char(27)] + chars("OP")) == [.function(1)])
        #expect(decode([.char(27)] + chars("[5~")) == [.pageUp])
        // Unknown CSI is swallowed, not typed.
        #expect(decode([.char(27)] + chars("[?99x") + chars("a")) == [nil, .char("a")])
    }

    @Test func bracketedPasteIsOneEvent() {
        let script: [RawInput?] =
            [.char(27)] + chars("[200~") + chars("EGFR p.L858R\r\n肺癌\rx") + [.char(27)] + chars("[201~") + chars("q")
        #expect(decode(script) == [.paste("EGFR p.L858R\n肺癌\nx"), .char("q")])
    }

    @Test func pasteKeepsBlankLinesAndEscapes() {
        let script: [RawInput?] =
            [.char(27)] + chars("[200~a\n\nb") + [.char(27)] + chars("[1m") + [.char(27)] + chars("[201~")
        #expect(decode(script) == [.paste("a\n\nb\u{1B}[1m")])
    }

    @Test func keyCodesGoThroughMapper() {
        #expect(decode([.code(259), .code(999)], codes: [259: .up]) == [.up, nil])
    }
}
