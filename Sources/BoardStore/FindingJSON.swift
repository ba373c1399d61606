import Foundation
import BoardModel

/// Writes a Finding's JSON body by hand, byte for byte as `Codec` (JSONEncoder, sorted keys, unescaped slashes)
/// would, because JSONEncoder is the bottleneck of VCF/MAF imports (≈5× slower than the rest of a row).
/// Findings with evidence or a biomarker, and numbers JSONEncoder might spell differently, go through `Codec`.
enum FindingJSON {
    static func encode(_ f: Finding) throws -> String {
        guard f.evidence.isEmpty, f.biomarker == nil, plain(f.vaf), plain(f.copyNumber) else { return try Codec.encode(f) }
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(0x7B) // {
        var first = true
        func key(_ k: StaticString) {
            if !first { out.append(0x2C) }
            first = false
            out.append(0x22)
            out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
            out.append(0x22)
            out.append(0x3A)
        }
        func string(_ k: StaticString, _ v: String?) {
            guard let v else { return }
            key(k)
            quote(v, into: &out)
        }
        func number(_ k: StaticString, _ v: String?) {
            guard let v else { return }
            key(k)
            out.append(contentsOf: v.utf8)
        }
        string("breakpoints", f.breakpoints)
        string("classification", f.classification?.rawValue)
        string("consequence", f.consequence)
        number("copyNumber", f.copyNumber.map(format))
        string("copyNumberCall", f.copyNumberCall?.rawValue)
        number("depth", f.depth.map { String($0) })
        key("evidence"); out.append(0x5B); out.append(0x5D)
        string("exon", f.exon)
        string("filter", f.filter)
        string("gene", f.gene)
        string("hgvsC", f.hgvsC)
        string("hgvsP", f.hgvsP)
        string("id", f.id)
        string("kind", f.kind.rawValue)
        string("origin", f.origin.rawValue)
        if let partners = f.partners {
            key("partners")
            out.append(0x5B)
            for (i, p) in partners.enumerated() {
                if i > 0 { out.append(0x2C) }
                quote(p, into: &out)
            }
            out.append(0x5D)
        }
        string("reportId", f.reportId)
        string("transcript", f.transcript)
        number("vaf", f.vaf.map(format))
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    /// Numbers whose JSONEncoder spelling is known to equal `format` (no exponent).
    static func plain(_ v: Double?) -> Bool {
        guard let v else { return true }
        return v.isFinite && (v == 0 || (abs(v) >= 1e-4 && abs(v) < 1e15))
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }

    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x08: out.append(0x5C); out.append(0x62)
            case 0x0C: out.append(0x5C); out.append(0x66)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
