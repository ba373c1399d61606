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

    /// A string member; false for a key or a value this reader does not know.
    static func set(text v: String, for k: String, in f: inout Finding) -> Bool {
        switch k {
        case "breakpoints": f.breakpoints = v
        case "consequence": f.consequence = v
        case "exon": f.exon = v
        case "filter": f.filter = v
        case "hgvsC": f.hgvsC = v
        case "hgvsP": f.hgvsP = v
        case "transcript": f.transcript = v
        case "classification":
            guard let c = Classification(rawValue: v) else { return false }
            f.classification = c
        case "copyNumberCall":
            guard let c = CopyNumberCall(rawValue: v) else { return false }
            f.copyNumberCall = c
        case "origin":
            guard let o = VariantOrigin(rawValue: v) else { return false }
            f.origin = o
        case "alt": f.alt = v
        case "chrom": f.chrom = v
        case "genotype": f.genotype = v
        case "hgvsPShort": f.hgvsPShort = v
        case "mateId": f.mateId = v
        case "partnerChrom": f.partnerChrom = v
        case "proteinDerivedFrom": f.proteinDerivedFrom = v
        case "ref": f.ref = v
        case "sampleFilter": f.sampleFilter = v
        case "sourceId": f.sourceId = v
        case "svType":
            guard let t = StructuralVariantType(rawValue: v) else { return false }
            f.svType = t
        case "vafSource": f.vafSource = v
        default: return false
        }
        return true
    }

    /// A number member; false for a key this reader does not know or a number of the wrong kind.
    static func set(number v: Substring, for k: String, in f: inout Finding) -> Bool {
        switch k {
        case "vaf", "copyNumber", "normalVAF", "qual":
            guard let d = Double(v) else { return false }
            switch k {
            case "vaf": f.vaf = d
            case "copyNumber": f.copyNumber = d
            case "normalVAF": f.normalVAF = d
            default: f.qual = d
            }
        case "depth", "altCount", "refCount", "normalDepth", "normalAltCount", "end", "position", "svLength",
            "svSize", "partnerPosition":
            guard let d = Int(v) else { return false }
            switch k {
            case "depth": f.depth = d
            case "altCount": f.altCount = d
            case "refCount": f.refCount = d
            case "normalDepth": f.normalDepth = d
            case "normalAltCount": f.normalAltCount = d
            case "end": f.end = d
            case "position": f.position = d
            case "svLength": f.svLength = d
            case "svSize": f.svSize = d
            default: f.partnerPosition = d
            }
        default: return false
        }
        return true
    }
}
