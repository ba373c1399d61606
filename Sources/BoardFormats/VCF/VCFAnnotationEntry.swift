import Foundation

/// One annotation entry (a transcript's fields of CSQ, ANN, BCSQ or EFF) kept as its bytes. Every entry of a record
/// is scored on the line's bytes; only the best so far is copied here, and strings are made only for the fields the
/// finding takes from it, by the same rules as the text path (`VCFRecordParser.fill(_:entry:layout:)` on strings).
struct AnnotationEntry {
    private var bytes: [UInt8] = []
    private var ranges: [Range<Int>] = []

    init(_ parts: [UnsafeBufferPointer<UInt8>]) {
        var total = 0
        for p in parts { total += p.count }
        bytes.reserveCapacity(total)
        ranges.reserveCapacity(parts.count)
        for p in parts {
            let start = bytes.count
            bytes.append(contentsOf: p)
            ranges.append(start..<bytes.count)
        }
    }

    /// Plain ASCII: byte rules and the text rules agree (no grapheme can join a separator to the next character).
    var isASCII: Bool { bytes.allSatisfy { $0 < 0x80 } }

    /// Every field as a string, for the text path.
    var strings: [String] { ranges.map { String(decoding: bytes[$0], as: UTF8.self) } }

    /// Field `i` when the entry has it and it is neither empty nor ".".
    private func field(_ i: Int) -> ArraySlice<UInt8>? {
        guard i >= 0, i < ranges.count else { return nil }
        let f = bytes[ranges[i]]
        guard !f.isEmpty, !(f.count == 1 && f.first == 0x2E) else { return nil }
        return f
    }

    func text(_ i: Int) -> String? { field(i).map { String(decoding: $0, as: UTF8.self) } }

    /// The field with one byte replaced by another (VEP joins consequences with "&", the store with ",").
    func text(_ i: Int, replacing old: UInt8, with new: UInt8) -> String? {
        guard let f = field(i) else { return nil }
        guard f.contains(old) else { return String(decoding: f, as: UTF8.self) }
        return String(decoding: f.map { $0 == old ? new : $0 }, as: UTF8.self)
    }

    /// An HGVS field without its sequence id ("ENST…:c.35G>T" → "c.35G>T", `VCFAnnotationText.withoutSequence`); one
    /// with VEP's percent escapes goes through the text rules.
    func hgvs(_ i: Int) -> String? {
        guard let f = field(i) else { return nil }
        if f.contains(0x25) {  // "%"
            return VCFAnnotationText.withoutSequence(VCFAnnotationText.decodeVEP(String(decoding: f, as: UTF8.self)))
        }
        guard let colon = f.firstIndex(of: 0x3A) else { return String(decoding: f, as: UTF8.self) }
        let rest = f[(colon + 1)...]
        // c. p. n. g. m. r.
        if rest.count >= 2, rest[rest.startIndex + 1] == 0x2E,
            [0x63, 0x70, 0x6E, 0x67, 0x6D, 0x72].contains(rest[rest.startIndex])
        {
            return String(decoding: rest, as: UTF8.self)
        }
        return String(decoding: f, as: UTF8.self)
    }
}
