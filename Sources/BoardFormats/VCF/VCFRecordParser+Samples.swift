import BoardModel
import Foundation

/// Per sample column: whether it carries the allele, its genotype, depth and VAF, the slot a germline finding
/// goes to, and the finding's origin.
extension VCFRecordParser {
    /// Whether a sample column carries the allele by its genotype; a column with no call is left out (counted)
    /// when the file is jointly called.
    mutating func carries(_ e: VCFSampleEvidence, allele: Int, jointCall: Bool, layout: VCFSampleEvidence.Layout)
        -> Bool
    {
        if let gt = e.genotype, let carried = VCFSampleEvidence.carried(gt) {
            if !(allele >= 63 || carried & (1 << UInt64(allele)) != 0) {
                skipped["ALT allele not carried by the sample's genotype (GT)", default: 0] += 1
                return false
            }
        } else if jointCall && layout.gt >= 0 {
            skipped["sample without a genotype call (GT ./.) at the record", default: 0] += 1
            return false
        }
        return true
    }

    /// The sample's genotype, filter, VAF, depth and read counts; the tumour's VAF and depth from INFO when it
    /// declares them (PURPLE's purity-adjusted AF for the tumour or an unnamed column); copy number from FORMAT;
    /// the matched normal's depth and VAF.
    mutating func sampleValues(
        _ finding: inout Finding, _ e: VCFSampleEvidence, normal: VCFSampleEvidence?, info: VCFInfo,
        tumourColumn: Bool, isTumour: Bool
    ) {
        finding.genotype = e.genotype
        finding.sampleFilter = e.sampleFilter
        finding.vaf = e.vaf
        finding.depth = e.depth
        finding.altCount = e.altCount
        finding.refCount = e.refCount
        finding.vafSource = e.source
        if let v = info.tumourVAF, isTumour {
            finding.vaf = v
            finding.vafSource = "INFO \(tumourVAFKey!)"
        }
        if let d = info.tumourDepth, isTumour { finding.depth = d }
        if let af = info.purpleAF, tumourColumn {
            finding.vaf = af
            finding.vafSource = "INFO PURPLE_AF (purity-adjusted)"
        }
        if finding.kind == .copyNumber || finding.svType != nil, finding.copyNumber == nil, let cn = e.copyNumber {
            finding.copyNumber = cn
            typeCopyNumber(cn, &finding)
        }
        if let n = normal {
            finding.normalDepth = n.depth
            finding.normalAltCount = n.altCount
            finding.normalVAF = n.vaf
        }
    }

    /// The twin slot of a tumour slot for its germline findings, made when the first one is found.
    mutating func germlineSlot(of slot: Int, normal: Int) -> Int {
        if let twin = germlineTwin[slot] { return twin }
        let name = samples[normal]
        slots.append((nil, name, roles?.normalBarcode ?? name, []))
        let twin = slots.count - 1
        germlineTwin[slot] = twin
        attachAs[twin] = slots[slot].specimen ?? slots[slot].name
        return twin
    }

    /// Somatic or germline only from explicit statements (EXPECTED.md §1.5); otherwise unknown.
    func origin(
        allele: Int, info: VCFInfo, sample: VCFSampleEvidence, normal: VCFSampleEvidence?, roles: VCFSampleRoles
    ) -> VariantOrigin {
        if roles.germlineDesign != nil { return .germline }
        if let ss = sample.somaticStatus ?? info.somaticStatus, roles.somaticDesign != nil || info.somaticStatus != nil
        {
            if ss == 2 { return .somatic }
            if ss == 1 { return .germline }
        }
        // The matched normal carries the allele: inherited.
        if let gt = normal?.genotype, let carried = VCFSampleEvidence.carried(gt), allele < 63,
            carried & (1 << UInt64(allele)) != 0
        {
            return .germline
        }
        if info.somatic { return .somatic }
        if roles.somaticDesign != nil && roles.tumour != nil { return .somatic }
        return .unknown
    }
}
