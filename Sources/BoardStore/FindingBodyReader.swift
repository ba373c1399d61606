import BoardModel
import Foundation

/// Reads the common finding body — flat string and number members, as VCF and MAF rows are — without
/// JSONDecoder, which costs about 15 µs a finding: opening a case with a whole exome attached must not take
/// seconds. Anything else (evidence, a biomarker, partners, an escaped string, a member it does not know)
/// returns nil and the caller decodes with JSONDecoder, so both always agree.
enum FindingBodyReader {
    static func read(id: String, kind: String, gene: String?, reportId: String?, body: String) -> Finding? {
        guard let kind = FindingKind(rawValue: kind) else { return nil }
        var f = Finding(id: id, reportId: reportId, kind: kind, gene: gene)
        var body = body
        let ok = body.withUTF8 { bytes -> Bool in
            var c = Cursor(bytes: bytes)
            return c.members(into: &f)
        }
        return ok ? f : nil
    }

    /// A position in the body's bytes and the few JSON pieces a flat finding body has.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var n: Int { bytes.count }

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// `{ "key": value, … }` and nothing after it; false for anything this reader does not take.
        mutating func members(into f: inout Finding) -> Bool {
            skipSpace()
            guard i < n, bytes[i] == 0x7B else { return false }
            i += 1
            skipSpace()
            if i < n, bytes[i] == 0x7D { return true }
            while true {
                guard member(into: &f) else { return false }
                skipSpace()
                guard i < n else { return false }
                if bytes[i] == 0x2C {
                    i += 1
                    continue
                }
                if bytes[i] == 0x7D {
                    i += 1
                    break
                }
                return false
            }
            skipSpace()
            return i == n
        }

        /// One `"key": value` pair: a string, true/false (only `precise`) or a number.
        mutating func member(into f: inout Finding) -> Bool {
            skipSpace()
            guard let key = string() else { return false }
            skipSpace()
            guard i < n, bytes[i] == 0x3A else { return false }
            i += 1
            skipSpace()
            guard i < n else { return false }
            let k = String(decoding: key, as: UTF8.self)
            if bytes[i] == 0x22 {
                guard let v = text() else { return false }
                return FindingBodyReader.set(text: v, for: k, in: &f)
            }
            if bytes[i] == 0x74 || bytes[i] == 0x66 {  // true / false
                let isTrue = bytes[i] == 0x74
                let word = isTrue ? 4 : 5
                guard k == "precise", i + word <= n else { return false }
                i += word
                f.precise = isTrue
                return true
            }
            guard let v = number() else { return false }
            return FindingBodyReader.set(number: v, for: k, in: &f)
        }

        mutating func skipSpace() {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        /// A string without escapes, as a slice of the body.
        mutating func string() -> UnsafeBufferPointer<UInt8>? {
            guard i < n, bytes[i] == 0x22 else { return nil }
            let start = i + 1
            var j = start
            while j < n, bytes[j] != 0x22 {
                if bytes[j] == 0x5C { return nil }
                j += 1
            }
            guard j < n else { return nil }
            i = j + 1
            return UnsafeBufferPointer(rebasing: bytes[start..<j])
        }

        mutating func number() -> Substring? {
            let start = i
            while i < n,
                (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == 0x2D || bytes[i] == 0x2B || bytes[i] == 0x2E
                    || bytes[i] == 0x65 || bytes[i] == 0x45
            {
                i += 1
            }
            return i > start ? Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self) : nil
        }

        mutating func text() -> String? { string().map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The string members a flat body holds, by key.
    static let textMembers: [String: WritableKeyPath<Finding, String?> & Sendable] = [
        "alt": \.alt, "breakpoints": \.breakpoints, "chrom": \.chrom, "consequence": \.consequence, "exon": \.exon,
        "filter": \.filter, "genotype": \.genotype, "hgvsC": \.hgvsC, "hgvsG": \.hgvsG, "hgvsP": \.hgvsP,
        "hgvsPShort": \.hgvsPShort,
        "mateId": \.mateId, "partnerChrom": \.partnerChrom, "proteinDerivedFrom": \.proteinDerivedFrom, "ref": \.ref,
        "sampleFilter": \.sampleFilter, "sourceId": \.sourceId, "transcript": \.transcript, "vafSource": \.vafSource,
    ]

    /// The real-number members, by key.
    static let realMembers: [String: WritableKeyPath<Finding, Double?> & Sendable] = [
        "vaf": \.vaf, "copyNumber": \.copyNumber, "normalVAF": \.normalVAF, "qual": \.qual,
    ]

    /// The whole-number members, by key.
    static let wholeMembers: [String: WritableKeyPath<Finding, Int?> & Sendable] = [
        "depth": \.depth, "altCount": \.altCount, "refCount": \.refCount, "normalDepth": \.normalDepth,
        "normalAltCount": \.normalAltCount, "end": \.end, "position": \.position, "svLength": \.svLength,
        "svSize": \.svSize, "partnerPosition": \.partnerPosition,
    ]

    /// A string member; false for a key or a value this reader does not know.
    static func set(text v: String, for k: String, in f: inout Finding) -> Bool {
        if let member = textMembers[k] {
            f[keyPath: member] = v
            return true
        }
        switch k {
        case "classification": return set(Classification(rawValue: v), \.classification, in: &f)
        case "copyNumberCall": return set(CopyNumberCall(rawValue: v), \.copyNumberCall, in: &f)
        case "svType": return set(StructuralVariantType(rawValue: v), \.svType, in: &f)
        case "origin":
            guard let o = VariantOrigin(rawValue: v) else { return false }
            f.origin = o
            return true
        default: return false
        }
    }

    /// A coded member: false when the code is not one of the type's.
    static func set<Code>(_ code: Code?, _ member: WritableKeyPath<Finding, Code?>, in f: inout Finding) -> Bool {
        guard let code else { return false }
        f[keyPath: member] = code
        return true
    }

    /// A number member; false for a key this reader does not know or a number of the wrong kind.
    static func set(number v: Substring, for k: String, in f: inout Finding) -> Bool {
        if let member = realMembers[k] { return set(Double(v), member, in: &f) }
        if let member = wholeMembers[k] { return set(Int(v), member, in: &f) }
        return false
    }
}
