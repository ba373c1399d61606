import Foundation

/// The anchors exported minutes carry, read back from text or Markdown at any width: the audit chain head and each
/// signed decision's SHA-256. Wrapping may break a line anywhere, even inside a hash, so white space and Markdown
/// marks are dropped before reading. `tumorboard verify --against FILE` reads whatever file it is handed, so each
/// step is linear in the file's length: an earlier regular expression took minutes on a long run of letters.
public enum MinutesAnchors {
    /// "Audit chain head: event 1234, store 0f3c…, hash 9a1b…" (hash "none" for a store without events).
    public struct ChainHead: Sendable, Hashable {
        public var sequence: Int64
        public var storeId: String
        public var hash: String
    }

    /// One sign-off entry: "C-0001 · D-C-0001-1 v2 (final): signed by … SHA-256 8b00…".
    public struct SignedDecision: Sendable, Hashable {
        public var caseId: String
        public var decisionId: String
        public var version: Int
        public var hash: String
    }

    /// The head after the last "Audit chain head" label; nil when there is none or it does not read.
    public static func chainHead(in text: String) -> ChainHead? {
        guard let start = text.range(of: "Audit chain head", options: .backwards) else { return nil }
        let squeezed = String(String.UnicodeScalarView(squeeze(text[start.upperBound...], marks: "*_`|>")))
        guard let match = squeezed.prefixMatch(of: /:?event(\d+),store([0-9a-f]{32}),hash([0-9a-f]{64}|none)/),
            let sequence = Int64(match.1)
        else { return nil }
        return ChainHead(sequence: sequence, storeId: String(match.2), hash: match.3 == "none" ? "" : String(match.3))
    }

    /// The entries between the last "Sign-off" label and the chain head (or the end), in order.
    public static func signedDecisions(in text: String) -> [SignedDecision] {
        guard let start = text.range(of: "Sign-off", options: .backwards) else { return [] }
        let end =
            text.range(of: "Audit chain head", range: start.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        let s = squeeze(text[start.upperBound..<end], marks: "*_`|>\\")
        var found: [SignedDecision] = []
        var from = 0  // where the next entry may begin: after the last one read
        var dot = s.firstIndex(of: "·")
        while let p = dot {
            let next = s[(p + 1)...].firstIndex(of: "·") ?? s.count
            if let (entry, end) = entry(s, dot: p, from: from, upTo: next) {
                if let entry { found.append(entry) }
                from = end
            }
            dot = next < s.count ? next : nil
        }
        return found
    }

    /// The text's Unicode scalars without white space and the given marks.
    static func squeeze(_ text: Substring, marks: String) -> [Unicode.Scalar] {
        let dropped = Set(marks.unicodeScalars)
        let space = CharacterSet.whitespacesAndNewlines
        return text.unicodeScalars.filter { c in
            // ASCII answered here: CharacterSet's lookup costs microseconds a scalar on Linux.
            let white = c.isASCII ? c == " " || (0x09...0x0D).contains(c.value) : space.contains(c)
            return !white && !dropped.contains(c)
        }
    }

    /// The entry around the "·" at `dot`: case id (letters, digits, "." and "-", from a letter or digit, not before
    /// `from`), then the shortest decision id followed by "v<number>(<status>):", then the first "SHA-256" and 64
    /// lower-case hex digits before the next "·" (`limit`). Returns where the entry ends, and the entry unless its
    /// version number does not fit; nil when there is no entry at this dot.
    static func entry(_ s: [Unicode.Scalar], dot p: Int, from: Int, upTo limit: Int) -> (SignedDecision?, Int)? {
        var a = p
        while a > from && isIdentifier(s[a - 1]) { a -= 1 }
        while a < p && !isLetterOrDigit(s[a]) { a += 1 }
        guard a < p, p + 1 < limit, isIdentifier(s[p + 1]) else { return nil }
        var d = p + 2  // the decision id is s[p+1..<d]
        var tail: (version: String, end: Int)?
        while d < limit {
            if let found = versionAndStatus(s, at: d, limit: limit) {
                tail = found
                break
            }
            guard isIdentifier(s[d]) else { break }
            d += 1
        }
        guard let tail else { return nil }
        let sha = Array("SHA-256".unicodeScalars)
        var t = tail.end
        while t + sha.count + 64 <= limit {
            if s[t] == "S", Array(s[t..<(t + sha.count)]) == sha,
                s[(t + sha.count)..<(t + sha.count + 64)].allSatisfy(isHex)
            {
                let hash = String(String.UnicodeScalarView(s[(t + sha.count)..<(t + sha.count + 64)]))
                let entry = Int(tail.version).map {
                    SignedDecision(
                        caseId: String(String.UnicodeScalarView(s[a..<p])),
                        decisionId: String(String.UnicodeScalarView(s[(p + 1)..<d])), version: $0, hash: hash)
                }
                return (entry, t + sha.count + 64)
            }
            t += 1
        }
        return nil
    }

    /// "v<digits>(<lower-case letters>):" at `i`: the digits and the index after the colon.
    static func versionAndStatus(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> (version: String, end: Int)? {
        guard i < limit, s[i] == "v" else { return nil }
        var j = i + 1
        while j < limit && s[j].properties.numericType == .decimal { j += 1 }
        guard j > i + 1, j < limit, s[j] == "(" else { return nil }
        var k = j + 1
        while k < limit && ("a"..."z").contains(s[k]) { k += 1 }
        guard k > j + 1, k + 1 < limit, s[k] == ")", s[k + 1] == ":" else { return nil }
        return (String(String.UnicodeScalarView(s[(i + 1)..<j])), k + 2)
    }

    static func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    static func isIdentifier(_ c: Unicode.Scalar) -> Bool { isLetterOrDigit(c) || c == "." || c == "-" }

    static func isHex(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) || ("a"..."f").contains(c) }
}
