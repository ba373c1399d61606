import BoardModel
import Foundation

/// The INFO keys the reader uses, found in one pass over a record's INFO column.
struct VCFInfo {
    var annotations: [String: UnsafeBufferPointer<UInt8>] = [:]
    var annovar: [String: String] = [:]
    var somatic = false, imprecise = false, precise = false, inferred = false
    var svtype: String?
    var end: Int?
    var svlen: [Int]?
    var chr2: String?
    var mateId: String?
    var copyNumber: Double?
    var purpleAF: Double?
    var somaticStatus: Int?
    var tumourVAF: Double?
    var tumourDepth: Int?
    var hgvsPShort: String?

    init(_ info: UnsafeBufferPointer<UInt8>, parser: inout VCFRecordParser) {
        guard !info.equals(".") else { return }
        let vafKey = parser.tumourVAFKey
        let depthKey = parser.tumourDepthKey
        let keys = parser.annotationKeys
        let annovarSuffix = parser.annovarSuffix
        var result = self
        info.forEachField(separator: 0x3B) { item in
            let eq = item.firstIndex(of: 0x3D)
            let k = UnsafeBufferPointer(rebasing: item[0..<(eq ?? item.count)])
            let v = eq.map { UnsafeBufferPointer(rebasing: item[($0 + 1)...]) }
            switch k.count {
            case 0: return
            default: break
            }
            if eq == nil {
                if k.equals("SOMATIC") {
                    result.somatic = true
                } else if k.equals("IMPRECISE") {
                    result.imprecise = true
                } else if k.equals("PRECISE") {
                    result.precise = true
                } else if k.equals("INFERRED") {
                    result.inferred = true
                }
                return
            }
            guard let v else { return }
            if k.equals("SVTYPE") {
                result.svtype = v.string
            } else if k.equals("END") {
                result.end = v.int
            } else if k.equals("SVLEN") {
                result.svlen = v.fields(separator: 0x2C).compactMap { Int($0.string) }
            } else if k.equals("CHR2") {
                result.chr2 = v.string
            } else if k.equals("MATEID") {
                result.mateId = v.fields(separator: 0x2C).first?.string
            } else if k.equals("CN") {
                result.copyNumber = v.double
            } else if k.equals("PURPLE_AF") {
                result.purpleAF = v.fields(separator: 0x2C).first?.double
            } else if k.equals("SS") {
                result.somaticStatus = v.int
            } else if k.equals("HGVSp_short") {
                result.hgvsPShort = v.equals(".") ? nil : v.string
            } else {
                let key = k.string
                if keys.contains(key) {
                    result.annotations[key] = v
                } else if key == vafKey {
                    result.tumourVAF = v.fields(separator: 0x2C).first?.double
                } else if key == depthKey {
                    result.tumourDepth = v.fields(separator: 0x2C).first?.int
                } else if let s = annovarSuffix, key.hasSuffix("." + s) {
                    result.annovar[key] = v.string
                }
            }
        }
        self = result
    }
}
