import Foundation

/// Read counts, VAF and depth of one sample column, by the caller's own convention (EXPECTED.md §1.4), with the
/// field it came from: FORMAT AF (MuTect2), AD (Number=R: alt/sum; VarScan's Number=1 AD with RD), Strelka
/// tier-1 base counts or TIR/TAR, DELLY RV/RR (precise) or DV/DR (imprecise), FREQ in percent. Depth is the
/// sample's DP, else the sum of AD. A genotype is never turned into a VAF.
struct VCFSampleEvidence {
    var vaf: Double?
    var depth: Int?
    var altCount: Int?
    var refCount: Int?
    var source: String?
    var genotype: String?
    var sampleFilter: String?
    /// FORMAT CN (sample copy number), and SS (MuSE/VarScan somatic status: 1 germline, 2 somatic).
    var copyNumber: Double?
    var somaticStatus: Int?
    /// GRIDSS fragment support (VF, or BVF for single breakends).
    var support: Int?

    /// Indices of the FORMAT keys the reader uses, worked out once per distinct FORMAT string.
    struct Layout {
        var gt = -1, ad = -1, dp = -1, af = -1, ft = -1, cn = -1, rd = -1, freq = -1, vf = -1, bvf = -1
        var dv = -1, dr = -1, rv = -1, rr = -1, tir = -1, tar = -1, ss = -1, au = -1, cu = -1, gu = -1, tu = -1
        var adIsAltOnly = false
        var keys: [String] = []
        static let used: Set<String> = [
            "GT", "AD", "DP", "AF", "FT", "CN", "RD", "FREQ", "VF", "BVF", "DV", "DR", "RV", "RR", "TIR", "TAR",
            "SS", "AU", "CU", "GU", "TU",
        ]

        init() {}

        init(_ format: UnsafeBufferPointer<UInt8>, header: VCFHeader) {
            keys = format.fields(separator: 0x3A).map(\.string)
            func column(_ k: String) -> Int { keys.firstIndex(of: k) ?? -1 }
            gt = column("GT")
            ad = column("AD")
            dp = column("DP")
            ft = column("FT")
            cn = column("CN")
            rd = column("RD")
            freq = column("FREQ")
            vf = column("VF")
            bvf = column("BVF")
            dv = column("DV")
            dr = column("DR")
            rv = column("RV")
            rr = column("RR")
            tir = column("TIR")
            tar = column("TAR")
            ss = column("SS")
            au = column("AU")
            cu = column("CU")
            gu = column("GU")
            tu = column("TU")
            // FORMAT AF is the sample's allele fraction (MuTect2, VarDict, LoFreq) unless declared otherwise.
            if let d = header.formats["AF"], d.description.lowercased().contains("population") {
                af = -1
            } else {
                af = column("AF")
            }
            adIsAltOnly = header.formats["AD"]?.number == "1" && rd >= 0
        }
    }

    init() {}

    /// The evidence of `values` (one sample's fields) for ALT allele `allele` (1-based).
    init(
        _ values: [UnsafeBufferPointer<UInt8>], _ l: Layout, allele: Int, ref: UnsafeBufferPointer<UInt8>,
        alt: UnsafeBufferPointer<UInt8>,
        indel: Bool, precise: Bool?, singleBreakend: Bool = false
    ) {
        func value(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
            guard i >= 0, i < values.count, !values[i].isEmpty, !values[i].equals(".") else { return nil }
            return values[i]
        }
        func list(_ i: Int) -> [Double?]? {
            guard let v = value(i) else { return nil }
            return v.fields(separator: 0x2C).map { $0.equals(".") ? nil : $0.double }
        }
        func first(_ i: Int) -> Double? { list(i)?.first ?? nil }
        if let gt = value(l.gt), !Self.isNoCall(gt) { genotype = gt.string }
        if let ft = value(l.ft), !ft.equals("PASS") { sampleFilter = ft.string }
        copyNumber = value(l.cn)?.double
        somaticStatus = value(l.ss)?.int
        // GRIDSS: a single breakend's support is BVF (its VF counts only breakpoint pairs).
        support = singleBreakend ? value(l.bvf)?.int ?? value(l.vf)?.int : value(l.vf)?.int ?? value(l.bvf)?.int
        let dp = value(l.dp).flatMap { $0.int }
        depth = dp
        // Allele counts.
        if l.adIsAltOnly, let a = first(l.ad), let r = first(l.rd) {
            altCount = Int(a)
            refCount = Int(r)
            if a + r > 0 {
                vaf = a / (a + r)
                source = "FORMAT AD/(AD+RD)"
            }
        } else if let ad = list(l.ad), ad.count > allele, let a = ad[allele] {
            altCount = Int(a)
            refCount = ad[0].map { Int($0) }
            let total = ad.compactMap { $0 }.reduce(0, +)
            if depth == nil { depth = Int(total) }
            if total > 0 {
                vaf = a / total
                source = "FORMAT AD"
            }
        }
        if let af = list(l.af), af.count >= allele, let v = af[allele - 1], v.isFinite, v >= 0, v <= 1 {
            vaf = v
            source = "FORMAT AF"
        }
        if vaf == nil, let f = value(l.freq) {
            var text = f.string
            let percent = text.hasSuffix("%")
            if percent { text.removeLast() }
            if let v = Double(text) {
                vaf = percent || v > 1 ? v / 100 : v
                source = "FORMAT FREQ" + (percent ? " (percent)" : "")
            }
        }
        if vaf == nil && !indel && alt.count == 1 && ref.count == 1 {
            // Strelka SNVs: tier-1 counts of the REF and ALT bases ({REF}U, {ALT}U).
            func tier1(_ base: UInt8) -> Double? {
                switch base | 0x20 {
                case 0x61: first(l.au)
                case 0x63: first(l.cu)
                case 0x67: first(l.gu)
                case 0x74: first(l.tu)
                default: nil
                }
            }
            if let a = tier1(alt[0]), let r = tier1(ref[0]) {
                altCount = Int(a)
                refCount = Int(r)
                vaf = a + r > 0 ? a / (a + r) : nil
                source = "Strelka tier-1 counts"
            }
        }
        if vaf == nil, let a = first(l.tir), let r = first(l.tar) {
            altCount = Int(a)
            refCount = Int(r)
            vaf = a + r > 0 ? a / (a + r) : nil
            source = "Strelka tier-1 TIR/TAR"
        }
        if vaf == nil {
            // DELLY: junction reads when the breakpoints are precise, read pairs otherwise.
            let (alt, ref, name) =
                precise == true
                ? (first(l.rv), first(l.rr), "DELLY RV/(RR+RV)") : (first(l.dv), first(l.dr), "DELLY DV/(DR+DV)")
            if let a = alt, let r = ref {
                altCount = Int(a)
                refCount = Int(r)
                vaf = a + r > 0 ? a / (a + r) : nil
                source = name
            }
        }
        if vaf == nil && altCount == nil, let s = support { altCount = s }
    }

    /// "./.", ".|.", "." — no call.
    static func isNoCall(_ gt: UnsafeBufferPointer<UInt8>) -> Bool {
        !gt.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The ALT alleles a genotype carries as a bit set (bit n = allele n); nil when there is no call.
    static func carried(_ gt: String?) -> UInt64? {
        guard let gt else { return nil }
        var mask: UInt64 = 0
        var called = false
        for part in gt.split(whereSeparator: { $0 == "/" || $0 == "|" }) {
            guard let n = Int(part) else { continue }
            called = true
            if n > 0 { mask |= n < 64 ? 1 << UInt64(n) : 1 << 63 }
        }
        return called ? mask : nil
    }
}
