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

    // MARK: header

    mutating func columns(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws {
        statedPloidy = header.statedPloidy
        let names = line.fields().map(\.string)
        let expected = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"]
        guard names.count >= 8, Array(names.prefix(8)) == expected else {
            throw ImportError(
                file: file, location: "line \(number)",
                message: "expected the header columns #CHROM POS ID REF ALT QUAL FILTER INFO")
        }
        if names.count == 9 {
            throw ImportError(
                file: file, location: "line \(number)",
                message: "FORMAT column without sample columns; expected sample names after FORMAT")
        }
        sawColumns = true
        samples = names.count > 9 ? Array(names[9...]) : []
        if header.version == nil { notes.append("\(name): no ##fileformat line; read as VCF 4.x") }
        if header.strayLines > 0 {
            notes.append(
                "\(name): \(header.strayLines) line(s) in the header that are not VCF meta-information, ignored")
        }
        for key in ["CSQ", "ANN", "BCSQ", "EFF"] {
            if let d = header.infos[key], let layout = VCFAnnotationLayout(key: key, description: d.description) {
                layouts[key] = layout
                annotationKeys.append(key)
            }
        }
        // ANNOVAR (table_annovar -vcfinput): Gene.<db>, Func.<db>, ExonicFunc.<db>, AAChange.<db>.
        annovarSuffix =
            ["refGene", "ensGene", "knownGene", "wgEncodeGencodeBasicV19", "refGeneWithVer"].first {
                header.infos["Gene.\($0)"] != nil
            }
            ?? header.infos.keys.first { $0.hasPrefix("Gene.") }.map { String($0.dropFirst(5)) }
        let source = header.values("source").joined(separator: " ") + " " + (header.infos["CSQ"]?.description ?? "")
        if source.contains("CIViC") { knowledgeBase = "CIViC" }
        tumourVAFKey = header.tumourInfoKey(fraction: true)
        tumourDepthKey = header.tumourInfoKey(fraction: false)
        let roles = try VCFSampleRoles(samples: samples, header: header, chosen: options.sample, file: file)
        self.roles = roles
        if samples.isEmpty {
            slots = [(nil, nil, nil, [])]
        } else {
            slots = roles.read.map { i in
                let barcode = i == roles.tumour ? roles.tumourBarcode : nil
                return (i, samples[i], barcode ?? samples[i], [])
            }
        }
        if options.caseId != nil && options.sample == nil && slots.count > 1 {
            throw ImportError(
                file: file, location: "line \(number)",
                message:
                    "the file holds \(slots.count) samples (\(slots.compactMap(\.name).joined(separator: ", "))) and no tumour/normal pair, "
                    + "but --case attaches findings to one case; add --sample NAME to import one sample into that case, "
                    + "or leave out --case so that each sample goes to the case whose id or specimen id is its name")
        }
        if let kb = knowledgeBase {
            notes.append(
                "\(name): a \(kb) knowledge-base VCF, not a patient's variants: no findings are made from it (import the \(kb) TSV exports for evidence)"
            )
        }
        if let t = roles.tumour {
            var text = "\(name): sample \(samples[t]) read as the tumour (\(roles.evidence ?? "header"))"
            if let n = roles.normal { text += "; \(samples[n]) is its matched normal" }
            if let b = roles.tumourBarcode, b != samples[t] { text += "; tumour barcode \(b)" }
            if let b = roles.normalBarcode { text += "; normal barcode \(b)" }
            notes.append(text)
        } else if samples.count > 1 {
            notes.append(
                "\(name): \(samples.count) samples (\(samples.joined(separator: ", "))), none named a tumour: each read on its own"
                    + (roles.germlineDesign.map { "; germline by design (\($0))" } ?? ""))
        }
        if let g = roles.germlineDesign, samples.count <= 1 { notes.append("\(name): germline by design (\(g))") }
        if samples.isEmpty {
            notes.append("\(name): sites-only VCF (no sample columns): no VAF unless INFO declares the tumour's")
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

    /// The chosen annotation entry's gene, transcript, HGVS, consequence and exon; INFO's short protein change
    /// when the annotation has none.
    mutating func annotate(
        _ base: inout Finding, info: VCFInfo, allele: Int, alt: UnsafeBufferPointer<UInt8>,
        ref: UnsafeBufferPointer<UInt8>, altCount: Int
    ) {
        if let a = annotation(info, allele: allele, alt: alt, ref: ref, altCount: altCount) {
            base.gene = a.gene
            base.transcript = a.transcript
            base.hgvsC = a.hgvsC
            base.hgvsP = a.hgvsP
            base.hgvsPShort = a.hgvsPShort
            base.consequence = a.consequence
            base.exon = a.exon
            base.proteinDerivedFrom = a.derivedFrom
        }
        if base.hgvsPShort == nil, let short = info.hgvsPShort { base.hgvsPShort = short }
    }

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

    /// The chosen annotation entry for one ALT allele.
    struct Annotation {
        var gene: String?, transcript: String?, hgvsC: String?, hgvsP: String?, hgvsPShort: String?,
            consequence: String?, exon: String?
        var derivedFrom: String?
    }

    mutating func annotation(
        _ info: VCFInfo, allele: Int, alt: UnsafeBufferPointer<UInt8>, ref: UnsafeBufferPointer<UInt8>, altCount: Int
    ) -> Annotation? {
        for key in annotationKeys {
            guard let value = info.annotations[key], let layout = layouts[key] else { continue }
            if let a = pick(value, layout: layout, allele: allele, alt: alt, ref: ref, altCount: altCount) { return a }
        }
        if let suffix = annovarSuffix, let a = annovar(info, suffix: suffix, allele: allele) { return a }
        return nil
    }

    /// The entry for this allele that best describes it: VEP's PICK, then the canonical transcript, one with a protein
    /// change, then by impact. SnpEff -cancer entries for one ALT against another ("G-C") are not the allele's.
    mutating func pick(
        _ value: UnsafeBufferPointer<UInt8>, layout: VCFAnnotationLayout, allele: Int, alt: UnsafeBufferPointer<UInt8>,
        ref: UnsafeBufferPointer<UInt8>, altCount: Int
    ) -> Annotation? {
        var trimmed = alt
        var trimmedIsDash = false
        if let r = ref.first, alt.first == r, alt.first != 0x3C {
            trimmed = UnsafeBufferPointer(rebasing: alt[1...])
            trimmedIsDash = trimmed.isEmpty
        }
        var best: [String]?
        var bestScore = -1
        var entries = 0
        var scratch = entryFields
        entryFields = []
        defer { entryFields = scratch }
        func consider(_ parts: [UnsafeBufferPointer<UInt8>]) {
            if layout.alleleNum >= 0, layout.alleleNum < parts.count, let n = parts[layout.alleleNum].int {
                if n != allele { return }
            } else if layout.allele >= 0, layout.allele < parts.count {
                let a = parts[layout.allele]
                let same = a.elementsEqual(alt) || (trimmedIsDash ? a.equals("-") : a.elementsEqual(trimmed))
                if !same && !(altCount == 1 && a.isEmpty) { return }
            } else if altCount > 1 {
                return
            }
            func has(_ i: Int) -> Bool { i >= 0 && i < parts.count && !parts[i].isEmpty }
            var score = 0
            if has(layout.pick) && parts[layout.pick].equals("1") { score += 200 }
            if has(layout.canonical) && parts[layout.canonical].equals("YES") { score += 100 }
            if has(layout.hgvsP) || has(layout.bcsqProtein) || has(layout.effProtein) { score += 50 }
            if has(layout.impact) {
                let impact = parts[layout.impact]
                score += impact.equals("HIGH") ? 30 : impact.equals("MODERATE") ? 20 : impact.equals("LOW") ? 10 : 0
            }
            // Strings are made only for the best entry so far.
            if score > bestScore {
                bestScore = score
                best = parts.map(\.string)
            }
        }
        value.forEachField(separator: 0x2C) { entry in
            entries += 1
            // bcftools csq: "@POS" points at the record holding a joint consequence; "*" marks one downstream of a stop.
            if layout.key == "BCSQ" && entry.first == 0x40 { return }
            var entry = entry
            if layout.key == "BCSQ" && entry.first == 0x2A { entry = UnsafeBufferPointer(rebasing: entry[1...]) }
            // SnpEff EFF: "EFFECT(IMPACT|…)" → the effect as the first field.
            if layout.key == "EFF", entry.last == 0x29, let open = entry.firstIndex(of: 0x28) {
                var inner = Array(entry[0..<open])
                inner.append(0x7C)
                inner.append(contentsOf: entry[(open + 1)..<(entry.count - 1)])
                inner.withUnsafeBufferPointer { consider($0.fields(separator: 0x7C)) }
                return
            }
            entry.split(separator: 0x7C, into: &scratch)
            consider(scratch)
        }
        annotationEntries[layout.key, default: 0] += entries
        guard let fields = best else { return nil }
        func field(_ i: Int) -> String? {
            guard i >= 0, i < fields.count, !fields[i].isEmpty, fields[i] != "." else { return nil }
            return fields[i]
        }
        var a = Annotation()
        a.gene = field(layout.gene)
        a.transcript = field(layout.transcript)
        a.exon = field(layout.exon)
        a.consequence = field(layout.consequence).map { $0.replacingOccurrences(of: "&", with: ",") }
        // HGVS without the sequence id ("ENSP00000288602.6:p.Val600Glu" → "p.Val600Glu"): the transcript is its own field.
        a.hgvsC = field(layout.hgvsC).map(Self.decodeVEP).map(Self.withoutSequence)
        a.hgvsP = field(layout.hgvsP).map(Self.decodeVEP).map(Self.withoutSequence)
        a.hgvsPShort = field(layout.hgvsPShort).map(Self.decodeVEP).map(Self.withoutSequence)
        // VEP v85 wrote the c. string into HGVSp for synonymous variants: not a protein change.
        if let p = a.hgvsP, !p.hasPrefix("p.") { a.hgvsP = nil }
        if a.hgvsP == nil, let aa = field(layout.aminoAcids), let position = field(layout.proteinPosition) {
            a.hgvsP = Self.derivedProtein(aminoAcids: aa, position: position, consequence: a.consequence)
            if a.hgvsP != nil { a.derivedFrom = "VEP Amino_acids and Protein_position (the file has no HGVSp)" }
        }
        if let change = field(layout.effProtein) {
            // "p.Gly12Val/c.35G>T" in HGVS mode, else a bare one-letter change "G12V".
            for part in change.split(separator: "/").map(String.init) {
                if part.hasPrefix("c."), a.hgvsC == nil {
                    a.hgvsC = part
                } else if part.hasPrefix("p."), a.hgvsP == nil {
                    a.hgvsP = part
                } else if a.hgvsP == nil, let first = part.first, first.isUppercase, part.contains(where: \.isNumber) {
                    a.hgvsP = "p." + part
                    a.derivedFrom = "SnpEff EFF Amino_Acid_Change \(part) (no p. in the file)"
                }
            }
        }
        if a.hgvsP == nil, let change = field(layout.bcsqProtein), let p = Self.bcsqProtein(change) {
            a.hgvsP = p
            a.derivedFrom = "bcftools csq amino_acid_change \(change)"
        }
        return a
    }

    /// ANNOVAR INFO fields: Gene.<db>, Func.<db>, ExonicFunc.<db>, AAChange.<db> ("GENE:NM_…:exon3:c.A123G:p.K41E,…").
    func annovar(_ info: VCFInfo, suffix: String, allele: Int) -> Annotation? {
        func value(_ k: String) -> String? {
            guard let v = info.annovar[k + "." + suffix] else { return nil }
            let parts = v.split(separator: ",", omittingEmptySubsequences: false)
            let one = parts.count > 1 && parts.count >= allele ? String(parts[allele - 1]) : v
            let decoded = one.replacingOccurrences(of: "\\x3b", with: ";").replacingOccurrences(of: "\\x3d", with: "=")
            return decoded.isEmpty || decoded == "." ? nil : decoded
        }
        guard let gene = value("Gene") else { return nil }
        var a = Annotation()
        a.gene = gene.split(whereSeparator: { $0 == ";" || $0 == "," }).first.map(String.init)
        a.consequence = value("ExonicFunc") ?? value("Func")
        if let change = info.annovar["AAChange." + suffix] {
            let decoded = change.replacingOccurrences(of: "\\x3b", with: ";").replacingOccurrences(
                of: "\\x3d", with: "=")
            if let first = decoded.split(separator: ",").first(where: { $0.hasPrefix((a.gene ?? "") + ":") })
                ?? decoded.split(separator: ",").first
            {
                let parts = first.split(separator: ":").map(String.init)
                if parts.count >= 2 { a.transcript = parts[1] }
                a.exon = parts.first { $0.hasPrefix("exon") }.map { String($0.dropFirst(4)) }
                a.hgvsC = parts.first { $0.hasPrefix("c.") }
                a.hgvsP = parts.first { $0.hasPrefix("p.") }
            }
        }
        return a
    }

    static func withoutSequence(_ s: String) -> String {
        guard let colon = s.firstIndex(of: ":") else { return s }
        let rest = s[s.index(after: colon)...]
        return rest.hasPrefix("c.") || rest.hasPrefix("p.") || rest.hasPrefix("n.") || rest.hasPrefix("g.")
            || rest.hasPrefix("m.") || rest.hasPrefix("r.") ? String(rest) : s
    }

    /// VEP percent-escapes "=", ";" and "," in HGVS (`p.Ser60%3D`).
    static func decodeVEP(_ s: String) -> String {
        guard s.contains("%") else { return s }
        return s.replacingOccurrences(of: "%3D", with: "=").replacingOccurrences(of: "%3B", with: ";")
            .replacingOccurrences(of: "%2C", with: ",")
    }

    /// "G/W" at 100 → p.G100W; "W/*" → p.W15*; "K/X" with a frameshift → p.K778fs; "K" alone (synonymous) → p.K100=.
    static func derivedProtein(aminoAcids: String, position: String, consequence: String?) -> String? {
        let pos = position.split(separator: "/").first.map(String.init) ?? position
        guard Int(pos) != nil else { return nil }
        let parts = aminoAcids.split(separator: "/").map(String.init)
        guard let from = parts.first, from.count == 1, from != "-" else { return nil }
        if (consequence ?? "").contains("frameshift") { return "p.\(from)\(pos)fs" }
        if parts.count == 1 { return (consequence ?? "").contains("synonymous") ? "p.\(from)\(pos)=" : nil }
        let to = parts[1]
        guard to.count == 1, to != "-" else { return nil }
        return "p.\(from)\(pos)\(to == "X" ? "*" : to)"
    }

    /// bcftools csq "141T>141A" / "36R>36*" → p.T141A / p.R36*: single-residue changes only, marked derived.
    static func bcsqProtein(_ change: String) -> String? {
        let sides = change.split(separator: ">").map(String.init)
        guard sides.count == 2 else { return nil }
        func split(_ s: String) -> (Int, String)? {
            let digits = s.prefix { $0.isNumber }
            let rest = s.dropFirst(digits.count)
            guard let n = Int(digits), rest.count == 1 else { return nil }
            return (n, String(rest))
        }
        guard let (p1, a1) = split(sides[0]), let (p2, a2) = split(sides[1]), p1 == p2, a1 != "*" || a2 != "*" else {
            return nil
        }
        return "p.\(a1)\(p1)\(a1 == a2 ? "=" : a2)"
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

    // MARK: the account

    /// Counts the INFO keys of a record through its key signature (consecutive records mostly share one).
    mutating func countInfo(_ info: UnsafeBufferPointer<UInt8>) {
        guard !info.equals(".") else { return }
        signature.removeAll(keepingCapacity: true)
        info.forEachField(separator: 0x3B) { item in
            let end = item.firstIndex(of: 0x3D) ?? item.count
            signature.append(contentsOf: UnsafeBufferPointer(rebasing: item[0..<end]))
            signature.append(0x3B)
        }
        if signature == lastSignature {
            lastSignatureCount += 1
            return
        }
        if lastSignatureCount > 0 { infoSignatures[lastSignature, default: 0] += lastSignatureCount }
        lastSignature = signature
        lastSignatureCount = 1
    }

    /// INFO and FORMAT keys and annotation fields present but not read, with the number of records (entries) holding them.
    func unused() -> [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        var signatures = infoSignatures
        if lastSignatureCount > 0 { signatures[lastSignature, default: 0] += lastSignatureCount }
        let used = Self.usedInfo.union(annotationKeys).union([tumourVAFKey, tumourDepthKey].compactMap { $0 })
        for (sig, n) in signatures {
            for k in sig.split(separator: 0x3B) {
                let key = String(decoding: k, as: UTF8.self)
                if used.contains(key) { continue }
                if let s = annovarSuffix,
                    ["Gene.", "Func.", "ExonicFunc.", "AAChange."].contains(where: { key == $0 + s })
                {
                    continue
                }
                counts["INFO/" + key, default: 0] += n
            }
        }
        for (format, n) in formatCounts {
            for k in format.split(separator: 0x3A) {
                let key = String(decoding: k, as: UTF8.self)
                if !VCFSampleEvidence.Layout.used.contains(key) { counts["FORMAT/" + key, default: 0] += n }
            }
        }
        for (key, n) in annotationEntries {
            guard let layout = layouts[key] else { continue }
            for (i, field) in layout.names.enumerated() where !layout.used.contains(i) {
                counts["\(key)/\(field)", default: 0] += n
            }
        }
        return counts.map { ($0.key, $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name
        }
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

    mutating func finish(emit: (FindingBatch) throws -> Void) throws -> FindingStream.Outcome {
        guard sawColumns else {
            throw ImportError(
                file: file,
                message: "no #CHROM header line; expected a VCF (##fileformat=VCFv4.x, then #CHROM POS ID REF ALT …)")
        }
        // Breakends whose mate is not in the file: kept, typed from their own ALT.
        var orphans = 0
        for id in waitingOrder {
            for (slot, finding) in waiting[id] ?? [] {
                slots[slot].findings.append(finding)
                made += 1
                orphans += 1
            }
        }
        waiting.removeAll()
        if knowledgeBase == nil {
            for i in slots.indices { try emit(batch(i)) }
        }
        var outcome = FindingStream.Outcome(notes: notes)
        outcome.read = records
        outcome.made = made
        if let build = header.genomeBuild { outcome.notes.append("\(name): genome build \(build)") }
        if copyNumbersTyped > 0 {
            outcome.notes.append(
                statedPloidy.map {
                    "\(name): \(copyNumbersTyped) copy number(s) typed against the ploidy the header states (##OverallPloidy=\($0))"
                }
                    ?? "\(name): \(copyNumbersTyped) copy number(s) typed assuming a diploid genome (the file states no ploidy)"
            )
        }
        if pairsJoined > 0 {
            outcome.notes.append("\(name): \(pairsJoined) breakend pair(s) joined into one rearrangement each (MATEID)")
        }
        if orphans > 0 {
            outcome.notes.append(
                "\(name): \(orphans) breakend(s) whose mate record is not in the file, typed from their own ALT")
        }
        if knowledgeBase != nil {
            outcome.skipped.append(
                "\(name): \(records) record(s) of a knowledge base, not imported as patient variants")
        }
        for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) {
            outcome.skipped.append("\(name): \(count) ALT allele(s) or record(s): \(reason)")
        }
        outcome.unused = unused()
        outcome.geneSymbols = genes.notes
        return outcome
    }
}

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
