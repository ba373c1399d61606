import BoardModel
import Foundation

/// The allele's shape, symbolic and breakend alleles, copy numbers, and breakend pairs joined by MATEID.
extension VCFRecordParser {
    enum AlleleShape { case bases, structural }

    /// Bases, or a symbolic or breakend allele; nil (counted as skipped with the reason) for no allele, a gVCF
    /// reference block, or anything else.
    mutating func alleleShape(_ altBytes: UnsafeBufferPointer<UInt8>) -> AlleleShape? {
        if altBytes.equals(".") || altBytes.equals("*") {
            skipped["ALT allele . or * (no alternate allele at this record)", default: 0] += 1
            return nil
        }
        if altBytes.equals("<NON_REF>") || altBytes.equals("<*>") {
            skipped["gVCF reference block (<NON_REF> or <*>)", default: 0] += 1
            return nil
        }
        let symbolic = altBytes.first == 0x3C
        let bracketed = altBytes.contains(0x5B) || altBytes.contains(0x5D)
        let singleBreakend =
            !symbolic && !bracketed && altBytes.count > 1 && (altBytes.first == 0x2E || altBytes.last == 0x2E)
        if symbolic || bracketed || singleBreakend { return .structural }
        guard Self.validBases(altBytes) else {
            skipped["ALT allele that is not bases, a symbolic allele or a breakend", default: 0] += 1
            return nil
        }
        return .bases
    }

    /// Symbolic, breakend and single-breakend alleles: type, end, length, partner and copy number.
    @discardableResult
    mutating func structural(_ f: inout Finding, alt: String, chrom: String, pos: Int, info: VCFInfo, allele: Int)
        -> VCFBreakend?
    {
        f.kind = .structural
        f.precise = info.imprecise ? false : info.precise ? true : nil
        f.mateId = info.mateId
        if let n = info.svlen, n.count >= allele {
            f.svLength = n[allele - 1]
        } else if let n = info.svlen, n.count == 1 {
            f.svLength = n[0]
        }
        if alt.hasPrefix("<") {
            let symbol = String(alt.dropFirst().prefix { $0 != ">" })
            let top = symbol.split(separator: ":").first.map(String.init) ?? symbol
            let type: StructuralVariantType?
            switch top.uppercased() {
            case "DEL": type = .deletion
            case "DUP": type = symbol.uppercased().contains("TANDEM") ? .tandemDuplication : .duplication
            case "INV": type = .inversion
            case "INS": type = .insertion
            case "CNV": type = .copyNumberVariation
            case "BND", "TRA": type = .translocation
            default:
                if top.uppercased().hasPrefix("CN"), let n = Double(top.dropFirst(2)) {
                    f.copyNumber = n
                    type = .copyNumberVariation
                } else {
                    type = Self.svType(info.svtype)
                }
            }
            f.svType = type ?? Self.svType(info.svtype) ?? .breakend
            f.end = info.end
            if let end = info.end, let t = f.svType,
                [.deletion, .duplication, .tandemDuplication, .inversion, .copyNumberVariation].contains(t)
            {
                f.svSize = end - pos
            }
            if let chr2 = info.chr2, chr2 != chrom {
                f.partnerChrom = chr2
                f.partnerPosition = info.end
                f.svType = .translocation
                f.svSize = nil
            } else if f.svType == .translocation, let chr2 = info.chr2 {
                f.partnerChrom = chr2
                f.partnerPosition = info.end
            }
            if f.copyNumber == nil { f.copyNumber = info.copyNumber }
            if let cn = f.copyNumber {
                typeCopyNumber(cn, &f)
            } else if f.svType == .copyNumberVariation {
                f.kind = .copyNumber
            }
            f.breakpoints = f.span
            return nil
        }
        guard let b = VCFBreakend(alt: alt, ref: f.ref ?? "") else {
            f.svType = .breakend
            return nil
        }
        let (type, size, length) = b.classify(chrom: chrom, pos: pos, inferred: info.inferred)
        f.svType = type
        f.svSize = size
        if f.svLength == nil { f.svLength = length }
        f.partnerChrom = b.partnerChrom
        f.partnerPosition = b.partnerPosition
        f.breakpoints = "\(chrom):\(pos) \(alt)"
        return b
    }

    /// Types a copy number by the board's rule; a deletion never becomes a gain, a duplication never a loss.
    mutating func typeCopyNumber(_ cn: Double, _ f: inout Finding) {
        copyNumbersTyped += 1
        guard let call = CopyNumberCall.classify(copyNumber: cn, ploidy: statedPloidy ?? 2) else {
            if f.svType == .copyNumberVariation { f.kind = .copyNumber }
            return
        }
        let loss = call == .homozygousDeletion || call == .heterozygousDeletion
        if f.svType == .deletion && !loss { return }
        if (f.svType == .duplication || f.svType == .tandemDuplication) && loss { return }
        f.kind = .copyNumber
        f.copyNumberCall = call
    }

    static func svType(_ text: String?) -> StructuralVariantType? {
        switch text?.uppercased() {
        case "DEL": .deletion
        case "DUP": .duplication
        case "DUP:TANDEM": .tandemDuplication
        case "INV": .inversion
        case "INS": .insertion
        case "CNV": .copyNumberVariation
        case "TRA": .translocation
        case "BND": .breakend
        default: nil
        }
    }

    /// Adds a finding to its slot, or holds a breakend until its mate (MATEID) arrives and joins them into one.
    mutating func add(_ finding: Finding, slot: Int, mate: String?, ownId: String?) throws {
        var finding = finding
        finding.gene = genes.symbol(finding.gene)
        finding.partners = genes.symbols(finding.partners)
        if finding.kind == .structural || finding.kind == .copyNumber, finding.svType != .singleBreakend, let mate,
            let ownId
        {
            if let held = waiting[mate], let i = held.firstIndex(where: { $0.slot == slot }) {
                var first = held[i].finding
                if first.gene == nil { first.gene = finding.gene }
                if let g1 = held[i].finding.gene, let g2 = finding.gene, g1 != g2 { first.partners = [g1, g2] }
                if first.partnerPosition == nil {
                    first.partnerChrom = finding.chrom
                    first.partnerPosition = finding.position
                }
                var rest = held
                rest.remove(at: i)
                waiting[mate] = rest.isEmpty ? nil : rest
                pairsJoined += 1
                made += 1
                slots[slot].findings.append(first)
                return
            }
            if waiting[ownId] == nil { waitingOrder.append(ownId) }
            waiting[ownId, default: []].append((slot, finding))
            return
        }
        made += 1
        slots[slot].findings.append(finding)
    }
}
