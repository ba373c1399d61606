import BoardModel
import Foundation

/// The parse state of one VCF: the header, the samples read, their unsent findings, breakends waiting for their
/// mate, and the account of what was read, skipped and not used.
struct VCFRecordParser {
    let file: String
    let options: VCFReader.Options
    let chunkSize: Int
    var header = VCFHeader()
    var samples: [String] = []
    var roles: VCFSampleRoles?
    var sawColumns = false
    var layouts: [String: VCFAnnotationLayout] = [:]
    /// INFO key of the annotation used, in order of preference among those declared.
    var annotationKeys: [String] = []
    var annovarSuffix: String?
    var knowledgeBase: String?
    var tumourVAFKey: String?
    var tumourDepthKey: String?
    /// Per sample read: its batch name and unsent findings.
    var slots: [(column: Int?, name: String?, specimen: String?, findings: [Finding])] = []
    /// A tumour slot's germline twin: findings the matched normal carries are the normal specimen's, reported under
    /// its own report (specimen = the normal), while they still belong to the tumour sample's case.
    var germlineTwin: [Int: Int] = [:]
    /// The sample a twin slot's findings attach by (its tumour's).
    var attachAs: [Int: String] = [:]
    var formatCache: (bytes: [UInt8], layout: VCFSampleEvidence.Layout) = ([], VCFSampleEvidence.Layout())
    /// Breakends waiting for their mate, by their own ID: the findings made for each slot.
    var waiting: [String: [(slot: Int, finding: Finding)]] = [:]
    var waitingOrder: [String] = []
    /// Duplicate detection within one position (files are sorted; the store catches the rest by key).
    var lastLocus: [UInt8] = []
    var keysAtLocus: Set<String> = []
    // The account.
    var records = 0, alleles = 0, made = 0, pairsJoined = 0
    /// Copy numbers typed into deep deletion, loss, gain or amplification, and against which ploidy.
    var copyNumbersTyped = 0
    /// The ploidy the header states (read once the header ends), nil when it states none.
    var statedPloidy: Double?
    var skipped: [String: Int] = [:]
    var notes: [String] = []
    var infoSignatures: [[UInt8]: Int] = [:]
    var lastSignature: [UInt8] = []
    var lastSignatureCount = 0
    var signature: [UInt8] = []
    var formatCounts: [[UInt8]: Int] = [:]
    var annotationEntries: [String: Int] = [:]
    var fields: [UnsafeBufferPointer<UInt8>] = []
    var entryFields: [UnsafeBufferPointer<UInt8>] = []
    var values: [[UnsafeBufferPointer<UInt8>]] = []
    var genes = GeneNaming()

    static let usedInfo: Set<String> = [
        "SOMATIC", "SVTYPE", "END", "SVLEN", "CHR2", "MATEID", "CN", "IMPRECISE", "PRECISE", "INFERRED",
        "PURPLE_AF", "SS", "HGVSp_short",
    ]

    init(file: String, options: VCFReader.Options, chunkSize: Int) {
        self.file = file
        self.options = options
        self.chunkSize = chunkSize
    }

    var name: String { URL(fileURLWithPath: file).lastPathComponent }

    mutating func consume(_ line: UnsafeBufferPointer<UInt8>, number: Int, emit: (FindingBatch) throws -> Void) throws {
        if line.isEmpty { return }
        if !sawColumns {
            if line.hasPrefix("##") {
                header.add(line.string)
                return
            }
            if line.hasPrefix("#CHROM") {
                try columns(line, number: number)
                return
            }
            if line.hasPrefix("#") {
                header.strayLines += 1
                return
            }
            // A tool's log line before the header (SnpEff -cancer writes one): tolerated, counted, reported.
            if line.fields().count < 8 {
                header.strayLines += 1
                return
            }
            throw ImportError(
                file: file, location: "line \(number)",
                message:
                    "record before the #CHROM header line; expected a VCF header (##fileformat=VCFv4.x, then #CHROM POS ID REF ALT …)"
            )
        }
        try record(line, number: number)
        for i in slots.indices where slots[i].findings.count >= chunkSize {
            try emit(batch(i))
            slots[i].findings.removeAll(keepingCapacity: true)
        }
    }

    // MARK: records

    mutating func record(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws {
        var f = fields
        fields = []
        defer { fields = f }
        line.split(separator: 0x09, into: &f)
        guard f.count >= 8 else {
            throw ImportError(
                file: file, location: "line \(number)",
                message: "expected at least 8 tab-separated columns (CHROM to INFO), found \(f.count)")
        }
        if !samples.isEmpty && f.count != 9 + samples.count {
            throw ImportError(
                file: file, location: "line \(number)",
                message: "expected \(9 + samples.count) columns as in the #CHROM line, found \(f.count)")
        }
        guard let pos = f[1].int else {
            throw ImportError(
                file: file, location: "line \(number), column \(column(f[1], line))",
                message: "POS must be a positive integer")
        }
        records += 1
        let chrom = f[0]
        let ref = f[3]
        if knowledgeBase != nil { return }
        guard Self.validBases(ref) else {
            skipped["record with an invalid REF (expected bases A, C, G, T, N)", default: 0] += 1
            return
        }
        let info = VCFInfo(f[7], parser: &self)
        countInfo(f[7])
        let filter: String? = (f[6].equals("PASS") || f[6].equals(".")) ? nil : f[6].string
        let id: String? = f[2].equals(".") ? nil : f[2].string
        let qual: Double? = f[5].equals(".") ? nil : f[5].double
        // Sample columns: split once per record.
        var layout = VCFSampleEvidence.Layout()
        if !samples.isEmpty {
            if !f[8].elementsEqual(formatCache.bytes) {
                formatCache = (Array(f[8]), VCFSampleEvidence.Layout(f[8], header: header))
            }
            layout = formatCache.layout
            formatCounts[formatCache.bytes, default: 0] += 1
            if values.count != samples.count { values = Array(repeating: [], count: samples.count) }
            for i in samples.indices where roles!.read.contains(i) || i == roles!.normal {
                f[9 + i].split(separator: 0x3A, into: &values[i])
            }
        }
        // Duplicate records at one locus.
        if !lastLocus.elementsEqual(
            UnsafeBufferPointer(rebasing: line[0..<(f[1].baseAddress! - line.baseAddress! + f[1].count)]))
        {
            lastLocus = Array(
                UnsafeBufferPointer(rebasing: line[0..<(f[1].baseAddress! - line.baseAddress! + f[1].count)]))
            keysAtLocus.removeAll(keepingCapacity: true)
        }
        var altCount = 1
        for b in f[4] where b == 0x2C { altCount += 1 }
        var allele = 0
        let chromText = chrom.string
        let refText = ref.string
        try f[4].forEachField(separator: 0x2C) { altBytes in
            allele += 1
            alleles += 1
            try self.allele(
                altBytes, allele: allele, altCount: altCount, chrom: chromText, pos: pos, ref: ref, refText: refText,
                id: id,
                qual: qual, filter: filter, info: info, layout: layout)
        }
    }

    /// One ALT allele of a record: skipped with the reason when it cannot be a finding, else the finding the
    /// record gives (annotation, kind, structure), then one per sample column that carries it.
    mutating func allele(
        _ altBytes: UnsafeBufferPointer<UInt8>, allele: Int, altCount: Int, chrom: String, pos: Int,
        ref: UnsafeBufferPointer<UInt8>, refText: String, id: String?, qual: Double?, filter: String?, info: VCFInfo,
        layout: VCFSampleEvidence.Layout
    ) throws {
        guard let shape = alleleShape(altBytes) else { return }
        let alt = altBytes.string
        let key = "\(chrom):\(pos):\(refText):\(alt)"
        if !keysAtLocus.insert(key).inserted {
            skipped["duplicate record (same CHROM, POS, REF and ALT)", default: 0] += 1
            return
        }
        var base = Finding(id: key, kind: .snv, filter: filter, chrom: chrom, position: pos, ref: refText, alt: alt)
        base.sourceId = id
        base.qual = qual
        base.origin = .unknown
        annotate(&base, info: info, allele: allele, alt: altBytes, ref: ref, altCount: altCount)
        if shape == .structural {
            structural(&base, alt: alt, chrom: chrom, pos: pos, info: info, allele: allele)
        } else if ref.count != altBytes.count {
            base.kind = .indel
        }
        if let end = info.end, base.end == nil { base.end = end }
        // Sites-only: the tumour's VAF only when INFO declares it.
        guard let roles, !samples.isEmpty else {
            if let v = info.tumourVAF {
                base.vaf = v
                base.vafSource = "INFO \(tumourVAFKey!)"
            }
            if let d = info.tumourDepth { base.depth = d }
            if info.somatic { base.origin = .somatic }
            try add(base, slot: 0, mate: info.mateId, ownId: id)
            return
        }
        var normal: VCFSampleEvidence?
        if let n = roles.normal {
            normal = VCFSampleEvidence(
                values[n], layout, allele: allele, ref: ref, alt: altBytes, indel: base.kind == .indel,
                precise: base.precise)
        }
        let columns = slots.count - germlineTwin.count
        // By index: iterating `slots` itself would hold a copy while `add` appends, copying every finding per record.
        for slot in 0..<columns {
            guard let column = slots[slot].column else { continue }
            let e = VCFSampleEvidence(
                values[column], layout, allele: allele, ref: ref, alt: altBytes, indel: base.kind == .indel,
                precise: base.precise,
                singleBreakend: base.svType == .singleBreakend || base.svType == .inferredBreakend)
            // In a jointly called file (several samples, no tumour/normal pair: a trio, a cohort) a sample's no-call
            // says it has no call at the site, even when only that sample is read (--sample).
            let joint = columns > 1 || (roles.tumour == nil && roles.normal == nil && samples.count > 1)
            guard carries(e, allele: allele, jointCall: joint, layout: layout) else { continue }
            var finding = base
            sampleValues(
                &finding, e, normal: normal, info: info, tumourColumn: column == roles.tumour || roles.tumour == nil,
                isTumour: column == roles.tumour)
            finding.origin = origin(allele: allele, info: info, sample: e, normal: normal, roles: roles)
            let target =
                finding.origin == .germline && column == roles.tumour && roles.normal != nil
                ? germlineSlot(of: slot, normal: roles.normal!) : slot
            try add(finding, slot: target, mate: info.mateId, ownId: id)
        }
    }

    static func validBases(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !b.isEmpty else { return false }
        for c in b {
            switch c | 0x20 {
            case 0x61, 0x63, 0x67, 0x74, 0x6E: continue  // a c g t n
            default: return false
            }
        }
        return true
    }

    func column(_ field: UnsafeBufferPointer<UInt8>, _ line: UnsafeBufferPointer<UInt8>) -> Int {
        (field.baseAddress.map { $0 - line.baseAddress! } ?? 0) + 1
    }

    // MARK: chunks

    func batch(_ slot: Int) -> FindingBatch {
        let s = slots[slot]
        let tool = annotationKeys.first.flatMap { layouts[$0]?.tool } ?? (annovarSuffix != nil ? "ANNOVAR" : nil)
        let version = header.version.map { " " + $0.replacingOccurrences(of: "VCFv", with: "") } ?? ""
        let assay = "VCF" + version + (tool.map { " (\($0))" } ?? "")
        let twin = attachAs[slot] != nil
        let report = MolecularReport(
            id: "vcf:" + name + (s.name.map { ":" + $0 } ?? ""), assay: assay,
            specimen: s.specimen.map { Specimen(id: $0, type: twin ? "matched normal (germline)" : nil) },
            genomeBuild: header.genomeBuild)
        var batch = FindingBatch(
            caseId: options.caseId, sample: attachAs[slot] ?? s.specimen ?? s.name, report: report,
            findings: s.findings)
        // The same rule as MAF: a sample no case knows becomes a case of its own (README, "Importing"). A column
        // named only by its role (TUMOR, NORMAL) names no sample, so it never makes a case: --case is needed.
        let role = ["TUMOR", "TUMOUR", "NORMAL"].contains((batch.sample ?? "").uppercased())
        batch.createsCase = options.caseId == nil && !role
        return batch
    }

}
