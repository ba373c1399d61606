import BoardModel
import Foundation
import GRDB

/// Writes and reads a finding as the `finding` table keeps it: the columns it is looked up and listed by (case,
/// id, kind, gene, label, rank, report) and a JSON body of everything else. The body leaves out what the columns
/// hold and what the decoder fills in anyway (empty evidence, somatic origin), so a whole-exome import writes a
/// third fewer bytes. It is written by hand, byte for byte as `Codec` (sorted keys, unescaped slashes) would,
/// because JSONEncoder is the bottleneck of VCF/MAF imports; evidence, biomarkers and numbers JSONEncoder might
/// spell differently are written by `Codec` in place.
enum FindingJSON {
    /// The body of a finding.
    static func body(_ f: Finding) throws -> [UInt8] {
        var w = BodyWriter()
        // Members in sorted key order, as Codec writes them.
        w.string("alt", f.alt)
        w.integer("altCount", f.altCount)
        try w.coded("biomarker", f.biomarker)
        w.string("breakpoints", f.breakpoints)
        w.string("chrom", f.chrom)
        w.string("classification", f.classification?.rawValue)
        w.string("consequence", f.consequence)
        try w.number("copyNumber", f.copyNumber)
        w.string("copyNumberCall", f.copyNumberCall?.rawValue)
        w.integer("depth", f.depth)
        w.integer("end", f.end)
        if !f.evidence.isEmpty { try w.coded("evidence", f.evidence) }
        w.string("exon", f.exon)
        w.string("filter", f.filter)
        w.string("genotype", f.genotype)
        w.string("hgvsC", f.hgvsC)
        w.string("hgvsG", f.hgvsG)
        w.string("hgvsP", f.hgvsP)
        w.string("hgvsPShort", f.hgvsPShort)
        w.string("mateId", f.mateId)
        w.integer("normalAltCount", f.normalAltCount)
        w.integer("normalDepth", f.normalDepth)
        try w.number("normalVAF", f.normalVAF)
        if f.origin != .somatic { w.string("origin", f.origin.rawValue) }
        w.string("partnerChrom", f.partnerChrom)
        w.integer("partnerPosition", f.partnerPosition)
        w.strings("partners", f.partners)
        w.integer("position", f.position)
        w.bool("precise", f.precise)
        w.string("proteinDerivedFrom", f.proteinDerivedFrom)
        try w.number("qual", f.qual)
        w.string("ref", f.ref)
        w.integer("refCount", f.refCount)
        w.string("sampleFilter", f.sampleFilter)
        w.string("sourceId", f.sourceId)
        if let sources = f.sources, !sources.isEmpty { try w.coded("sources", sources) }
        w.integer("svLength", f.svLength)
        w.integer("svSize", f.svSize)
        w.string("svType", f.svType?.rawValue)
        w.string("transcript", f.transcript)
        try w.number("vaf", f.vaf)
        w.string("vafSource", f.vafSource)
        return w.closed()
    }

    /// A body as it is written: `{`, the members in the order given (a value that is nil is left out), `}`.
    struct BodyWriter {
        var out: [UInt8] = []
        var first = true

        init() {
            out.reserveCapacity(256)
            out.append(0x7B)  // {
        }

        mutating func key(_ k: StaticString) {
            if !first { out.append(0x2C) }
            first = false
            out.append(0x22)
            out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
            out.append(0x22)
            out.append(0x3A)
        }

        /// A member when it has a value: its key, then the value as `write` spells it.
        mutating func member<Value>(
            _ k: StaticString, _ v: Value?, _ write: (inout [UInt8], Value) throws -> Void
        ) rethrows {
            guard let v else { return }
            key(k)
            try write(&out, v)
        }

        mutating func string(_ k: StaticString, _ v: String?) {
            member(k, v) { FindingJSON.quote($1, into: &$0) }
        }

        /// A number as JSONEncoder spells it: plain when `format` is known to agree, else through `Codec`.
        mutating func number(_ k: StaticString, _ v: Double?) throws {
            try member(k, v) { out, v in
                if FindingJSON.plain(v) {
                    out.append(contentsOf: FindingJSON.format(v).utf8)
                } else {
                    out.append(contentsOf: try Codec.encode(v).utf8)
                }
            }
        }

        mutating func coded<T: Encodable>(_ k: StaticString, _ v: T?) throws {
            try member(k, v) { $0.append(contentsOf: try Codec.encode($1).utf8) }
        }

        mutating func integer(_ k: StaticString, _ v: Int?) {
            member(k, v) { $0.append(contentsOf: String($1).utf8) }
        }

        mutating func strings(_ k: StaticString, _ v: [String]?) {
            member(k, v) { out, list in
                out.append(0x5B)
                for (i, s) in list.enumerated() {
                    if i > 0 { out.append(0x2C) }
                    FindingJSON.quote(s, into: &out)
                }
                out.append(0x5D)
            }
        }

        mutating func bool(_ k: StaticString, _ v: Bool?) {
            member(k, v) { $0.append(contentsOf: ($1 ? "true" : "false").utf8) }
        }

        mutating func closed() -> [UInt8] {
            out.append(0x7D)  // }
            return out
        }
    }

    static func bodyText(_ f: Finding) throws -> String { String(decoding: try body(f), as: UTF8.self) }

    /// The finding a row holds: the body with the column values put back.
    static func decode(id: String, kind: String, gene: String?, reportId: String?, body: String) throws -> Finding {
        if let f = FindingBodyReader.read(id: id, kind: kind, gene: gene, reportId: reportId, body: body) { return f }
        return try decodeWithFoundation(id: id, kind: kind, gene: gene, reportId: reportId, body: body)
    }

    /// JSONDecoder's reading, for every body (the fast reader's fallback, and its reference in tests).
    static func decodeWithFoundation(id: String, kind: String, gene: String?, reportId: String?, body: String) throws
        -> Finding
    {
        var out: [UInt8] = []
        out.reserveCapacity(body.utf8.count + id.utf8.count + 64)
        out.append(contentsOf: "{\"id\":".utf8)
        quote(id, into: &out)
        out.append(contentsOf: ",\"kind\":".utf8)
        quote(kind, into: &out)
        if let gene {
            out.append(contentsOf: ",\"gene\":".utf8)
            quote(gene, into: &out)
        }
        if let reportId {
            out.append(contentsOf: ",\"reportId\":".utf8)
            quote(reportId, into: &out)
        }
        let rest = body.utf8.dropFirst()  // after "{"
        if rest.first != 0x7D { out.append(0x2C) }
        out.append(contentsOf: rest)
        return try Codec.decoder.decode(Finding.self, from: Data(out))
    }

    /// Numbers whose JSONEncoder spelling is known to equal `format` (no exponent).
    static func plain(_ v: Double) -> Bool {
        v.isFinite && (v == 0 || (abs(v) >= 1e-4 && abs(v) < 1e15))
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }

    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            // Most values need no escaping: copy them whole.
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                out.append(contentsOf: bytes)
                return
            }
            for b in bytes {
                switch b {
                case 0x22:
                    out.append(0x5C)
                    out.append(0x22)
                case 0x5C:
                    out.append(0x5C)
                    out.append(0x5C)
                case 0x0A:
                    out.append(0x5C)
                    out.append(0x6E)
                case 0x0D:
                    out.append(0x5C)
                    out.append(0x72)
                case 0x09:
                    out.append(0x5C)
                    out.append(0x74)
                case 0x08:
                    out.append(0x5C)
                    out.append(0x62)
                case 0x0C:
                    out.append(0x5C)
                    out.append(0x66)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                default: out.append(b)
                }
            }
        }
        out.append(0x22)
    }
}

extension BoardStore {
    /// The label of a case's finding with the strongest evidence (the first of equals in the case's order), if any.
    static func topFinding(_ db: Database, caseId: String) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT label FROM finding WHERE case_id = ? AND best_rank < 99 ORDER BY best_rank, position LIMIT 1
                    """), arguments: [caseId])
    }

    /// A case's findings in their order (the order of the files and records they came from).
    static func findings(_ db: Database, caseId: String) throws -> [Finding] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = ? ORDER BY position"),
            arguments: [caseId]
        ).map { try $0.finding() }
    }
}

extension Row {
    /// The finding of a row that has the columns id, kind, gene, report_id and body.
    func finding() throws -> Finding {
        try FindingJSON.decode(
            id: self["id"], kind: self["kind"], gene: self["gene"], reportId: self["report_id"], body: self["body"])
    }
}
