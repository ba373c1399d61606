import BoardModel
import Foundation

/// Reads Mutation Annotation Format files (GDC MAF, cBioPortal extended MAF, vcf2maf output, maf2maf's 5-column
/// input, WashU TCGA MAFs; plain or gzip, LF, CRLF or bare-CR line ends) into findings grouped by
/// Tumor_Sample_Barcode: one batch per sample, never merged. Alleles are validated (A, C, G, T, N or "-"); SNP,
/// DNP, TNP, ONP and indels come from the alleles; protein change from HGVSp (3-letter) and HGVSp_Short, else
/// Protein_Change, Amino_Acid_Change, amino_acid_change or AAChange (column names matched case-insensitively);
/// VAF from t_alt_count/t_depth, else alt/(ref+alt), else the percent VAF columns; origin only from
/// Mutation_Status. Columns not used are counted by name.
public enum MAFReader {
    static let proteinColumns = ["Protein_Change", "Amino_Acid_Change", "amino_acid_change", "AAChange"]
    /// Tumor_Sample_Barcode values that name a role, not a sample (vcf2maf writes "TUMOR" without --tumor-id).
    static let roleNames: Set<String> = ["TUMOR", "TUMOUR", "NORMAL"]

    static func recognises(head: String) -> Bool {
        let firstData = head.split(
            omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        )
        .first { !$0.hasPrefix("#") }
        guard let header = firstData else { return false }
        let names = Set(header.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        return names.contains("hugo_symbol")
            || (names.contains("tumor_sample_barcode") && names.contains("start_position")
                && names.contains("chromosome"))
    }

    /// Reads the whole file into a payload with one finding batch per Tumor_Sample_Barcode.
    public static func read(data: Data, file: String, caseId: String? = nil, sample: String? = nil) throws
        -> ImportPayload
    {
        let (batches, outcome) = try stream(data: data, file: file, caseId: caseId, sample: sample).collect()
        var payload = ImportPayload(findingSets: batches, skipped: outcome.skipped, notes: outcome.notes)
        payload.accounts = [outcome.account(file: file, format: "maf")]
        return payload
    }

    /// The file's findings as chunks (each of one sample), from bytes in memory.
    public static func stream(data: Data, file: String, caseId: String? = nil, sample: String? = nil) -> FindingStream {
        stream(file: file, size: data.count, caseId: caseId, sample: sample) { try TextLines(data: data, file: file) }
    }

    /// The file's findings as chunks read from disk block by block.
    public static func stream(path: String, caseId: String? = nil, sample: String? = nil) -> FindingStream {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return stream(file: path, size: size, caseId: caseId, sample: sample) { try TextLines(path: path) }
    }

    static func stream(
        file: String, size: Int, caseId: String?, sample: String?, open: @escaping @Sendable () throws -> TextLines
    ) -> FindingStream {
        FindingStream(file: file, size: size) { chunkSize, emit in
            let lines = try open()
            var reader = Reader(file: file, caseId: caseId, only: sample, chunkSize: chunkSize)
            try lines.forEachLine { line, number in
                try reader.row(line, number: number) { try emit($0, lines.bytesRead) }
                return true
            }
            return try reader.finish { try emit($0, lines.bytesRead) }
        }
    }

    /// One row's cells by column, with the MAF's empty markers (".", "NA", "[Not Available]"…) read as absent.
    struct Cells {
        let f: [UnsafeBufferPointer<UInt8>]
        let c: Columns

        func cell(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
            guard i >= 0, i < f.count, !f[i].isEmpty else { return nil }
            let v = f[i]
            if v.equals(".") || v.equals("NA") || v.equals("N/A") || v.equals("[Not Available]") || v.equals("NULL")
                || v.equals("Unknown") && i == c.gene
            {
                return nil
            }
            return v
        }

        func get(_ i: Int) -> String? { cell(i)?.string }

        func count(_ i: Int) -> Double? {
            guard let v = cell(i), let d = v.double, d.isFinite, d >= 0, d < 1e15 else { return nil }
            return d
        }
    }

    /// A row's place and alleles once validated.
    struct Locus {
        var chrom: String?
        var position: Int?
        var ref: String
        var alt: String?
    }

    /// The parse state of one file: header columns, the samples met so far and their unsent findings.
    struct Reader {
        let file: String
        let caseId: String?
        let only: String?
        let chunkSize: Int
        var name: String { URL(fileURLWithPath: file).lastPathComponent }
        var names: [String] = []
        var headerSeen = false
        var c = Columns()
        var samples: [String] = []
        var slotOfSample: [String: Int] = [:]
        var pending: [[Finding]] = []
        /// Findings held across all samples: a file of many small samples is sent in chunks too, never held whole.
        var pendingTotal = 0
        var skipped: [String: Int] = [:]
        var builds: Set<String> = []
        var lastBuild: [UInt8] = []
        var lastSample: [UInt8] = []
        var lastSlot = -1
        var fields: [UnsafeBufferPointer<UInt8>] = []
        var rows = 0, made = 0
        var filled: [Int] = []
        var typeMismatch = 0
        var genes = GeneNaming()
        /// Loci met per sample, to report duplicate rows (packed: SampleRowKeys).
        var seen: [SampleRowKeys] = []
        var chromosomes = ChromosomeNumbers()

        init(file: String, caseId: String?, only: String?, chunkSize: Int) {
            self.file = file
            self.caseId = caseId
            self.only = only
            self.chunkSize = chunkSize
        }

        /// "36" → NCBI36, "37"/"hg19"/"GRCh37" → GRCh37, "38"/"hg38"/"GRCh38" → GRCh38, else as written.
        static func build(_ text: String) -> String {
            let t = text.lowercased()
            if t == "36" || t.contains("ncbi36") || t.contains("hg18") { return "NCBI36" }
            if t == "37" || t.contains("grch37") || t.contains("hg19") || t == "b37" { return "GRCh37" }
            if t == "38" || t.contains("grch38") || t.contains("hg38") { return "GRCh38" }
            return text
        }

        var build: String? {
            let all = Set(builds.map(Self.build)).sorted()
            return all.isEmpty ? nil : all.joined(separator: "/")
        }

        func batch(_ slot: Int) -> FindingBatch {
            let sample = samples[slot]
            let report = MolecularReport(
                id: "maf:\(name):\(sample)", assay: "MAF" + (build.map { " (\($0))" } ?? ""),
                specimen: Specimen(id: sample), genomeBuild: build)
            var b = FindingBatch(caseId: caseId, sample: sample, report: report, findings: pending[slot])
            // The same rule as VCF: a barcode naming only a role (TUMOR, NORMAL) names no sample and never makes a
            // case; without a case of that id the file needs --case.
            b.createsCase = caseId == nil && !MAFReader.roleNames.contains(sample.uppercased())
            return b
        }

        mutating func header(_ f: [UnsafeBufferPointer<UInt8>], number: Int) throws {
            names = f.map { $0.string.trimmingCharacters(in: .whitespaces) }
            while names.last == "" { names.removeLast() }
            c = Columns(names)
            filled = Array(repeating: 0, count: names.count)
            var missing: [String] = []
            if c.chrom < 0 { missing.append("Chromosome") }
            if c.start < 0 { missing.append("Start_Position") }
            if c.ref < 0 { missing.append("Reference_Allele") }
            if c.alt1 < 0 && c.alt2 < 0 { missing.append("Tumor_Seq_Allele2") }
            if !missing.isEmpty {
                throw ImportError(
                    file: file, location: "line \(number)",
                    message:
                        "MAF header lacks \(missing.joined(separator: ", ")); expected at least Chromosome, Start_Position, Reference_Allele, Tumor_Seq_Allele2 (and Tumor_Sample_Barcode)"
                )
            }
            if caseId == nil && c.sample < 0 {
                throw ImportError(
                    file: file, location: "line \(number)",
                    message: "no Tumor_Sample_Barcode column; pass --case ID to say whose findings these are")
            }
            headerSeen = true
        }

        /// One data row: its sample, its locus and alleles, the variant, the tumour's and the normal's reads, then
        /// held for its sample's next chunk. A row left out is counted with the reason.
        mutating func row(_ line: UnsafeBufferPointer<UInt8>, number: Int, emit: (FindingBatch) throws -> Void) throws {
            if line.isEmpty || line.first == 0x23 { return }
            var f = fields
            fields = []
            defer { fields = f }
            line.split(separator: 0x09, into: &f)
            if !headerSeen {
                try header(f, number: number)
                return
            }
            if f.count == 1 && f[0].allSatisfy({ $0 == 0x20 }) { return }
            try RowWidth.check(found: f.count, declared: names.count, file: file, line: number) {
                f[names.count...].allSatisfy(\.isEmpty)
            }
            rows += 1
            for i in 0..<min(f.count, filled.count) where !f[i].isEmpty { filled[i] += 1 }
            let cells = Cells(f: f, c: c)
            guard try selectSample(cells, number: number) else { return }
            noteBuild(cells)
            guard let locus = try locus(cells, number: number), var finding = variant(cells, locus) else { return }
            tumourReads(cells, into: &finding)
            normalReads(cells, into: &finding)
            if let status = cells.cell(c.status) {
                let s = status.string.lowercased()
                finding.origin = s == "somatic" ? .somatic : s == "germline" ? .germline : .unknown
            }
            try hold(finding, emit: emit)
        }

        /// The row's sample slot, compared as bytes with the previous row's so that a String is made only when it
        /// changes; false when the row is left out (no barcode, or not the sample --sample names).
        mutating func selectSample(_ cells: Cells, number: Int) throws -> Bool {
            let c = self.c
            let sampleBytes = cells.cell(c.sample)
            if caseId == nil && sampleBytes == nil {
                skipped["row without Tumor_Sample_Barcode", default: 0] += 1
                return false
            }
            if let only, let s = sampleBytes, s.string != only {
                skipped["row of another sample than --sample \(only)", default: 0] += 1
                return false
            }
            if lastSlot < 0 || !(sampleBytes.map { $0.elementsEqual(lastSample) } ?? lastSample.isEmpty) {
                let sample = sampleBytes?.string ?? caseId!
                if let slot = slotOfSample[sample] {
                    lastSlot = slot
                } else {
                    if caseId != nil && only == nil && !samples.isEmpty {
                        throw ImportError(
                            file: file, location: "line \(number)",
                            message:
                                "the file holds several samples (\(samples[0]), \(sample), …) but --case attaches findings to one case; "
                                + "add --sample NAME to import one sample into that case, or leave out --case so that each sample becomes (or updates) its own case"
                        )
                    }
                    slotOfSample[sample] = samples.count
                    samples.append(sample)
                    pending.append([])
                    seen.append(SampleRowKeys())
                    lastSlot = samples.count - 1
                }
                lastSample = sampleBytes.map(Array.init) ?? []
            }
            return true
        }

        mutating func noteBuild(_ cells: Cells) {
            if c.build >= 0, c.build < cells.f.count, !cells.f[c.build].isEmpty,
                !cells.f[c.build].elementsEqual(lastBuild)
            {
                lastBuild = Array(cells.f[c.build])
                builds.insert(cells.f[c.build].string)
            }
        }

        /// Chromosome, start and alleles validated (bases A, C, G, T, N or "-", GDC MAF specification); nil when
        /// the row is left out (counted with the reason).
        mutating func locus(_ cells: Cells, number: Int) throws -> Locus? {
            let c = self.c
            let chrom = cells.get(c.chrom)
            let start = cells.cell(c.start)
            var position: Int?
            if let start {
                guard let p = start.int else {
                    throw ImportError(
                        file: file, location: "line \(number), column \(c.start + 1)",
                        message: "Start_Position must be an integer")
                }
                position = p
            }
            guard let ref = cells.get(c.ref) else {
                skipped["row without Reference_Allele", default: 0] += 1
                return nil
            }
            var alt = cells.get(c.alt2)
            if alt == nil || alt == ref { alt = cells.get(c.alt1) }
            // Alleles: bases A, C, G, T, N or "-" (GDC MAF specification).
            guard MAFReader.validAllele(ref) else {
                skipped["row with an invalid Reference_Allele (expected A, C, G, T, N or -)", default: 0] += 1
                return nil
            }
            if let a = alt, !MAFReader.validAllele(a) {
                skipped["row with an invalid Tumor_Seq_Allele (expected A, C, G, T, N or -)", default: 0] += 1
                return nil
            }
            if let a = alt, a == ref {
                skipped["row whose tumour alleles equal the reference", default: 0] += 1
                return nil
            }
            guard chrom != nil || position != nil || alt != nil else {
                skipped["row without Chromosome, Start_Position or alleles", default: 0] += 1
                return nil
            }
            return Locus(chrom: chrom, position: position, ref: ref, alt: alt)
        }

        /// The variant of a valid locus: gene (through HGNC), consequence, protein change and kind; nil for a
        /// duplicate row of the same sample.
        mutating func variant(_ cells: Cells, _ locus: Locus) -> Finding? {
            let c = self.c
            let (chrom, position, ref, alt) = (locus.chrom, locus.position, locus.ref, locus.alt)
            var gene = cells.get(c.gene)
            var consequence = cells.get(c.classification)
            // A pseudo-gene naming an alteration (FLT3_ITD): the HGNC symbol with the alteration.
            if let g = gene, MAFReader.endsWithITD(g) {
                gene = String(g.dropLast(4))
                consequence =
                    consequence.map { $0 == "ITD" ? "internal tandem duplication (ITD)" : $0 }
                    ?? "internal tandem duplication (ITD)"
            }
            gene = genes.symbol(gene)
            // The finding's id; the duplicate check keeps the locus packed (SampleRowKeys), not this text.
            let key: String
            let new: Bool
            if let position, let chrom, let alt {
                key = "\(chrom):\(position):\(ref):\(alt)"
                new = seen[lastSlot].insert(
                    chrom: chrom, position: position, ref: ref, alt: alt, chromosomes: &chromosomes)
            } else {
                key = "\(chrom ?? "?"):?:\(gene ?? "?"):\(consequence ?? "?"):\(rows)"
                new = seen[lastSlot].insert(text: key)
            }
            if !new {
                skipped["duplicate row (same sample and CHROM:POS:REF:ALT)", default: 0] += 1
                return nil
            }
            var hgvsP = cells.cell(c.hgvsP).map { ($0.after(0x3A) ?? $0).string }.flatMap(Self.protein)
            let hgvsPShort = cells.cell(c.hgvsPShort).map { $0.string }
            if hgvsP == nil && hgvsPShort == nil {
                for i in c.protein {
                    if let p = cells.get(i).flatMap(Self.protein) {
                        hgvsP = p
                        break
                    }
                }
            }
            let kind: FindingKind
            if let alt, ref != "-", alt != "-", ref.count == alt.count { kind = .snv } else { kind = .indel }
            if let type = cells.get(c.variantType), let alt, ref != "-", alt != "-", ref.count == alt.count {
                let expected = ref.count == 1 ? "SNP" : ref.count == 2 ? "DNP" : ref.count == 3 ? "TNP" : "ONP"
                if type != expected { typeMismatch += 1 }
            }
            var finding = Finding(
                id: key, kind: kind, gene: gene, transcript: cells.get(c.transcript),
                hgvsC: cells.cell(c.hgvsC).map { ($0.after(0x3A) ?? $0).string }, hgvsP: hgvsP,
                consequence: consequence, exon: cells.get(c.exon).map(MAFReader.exon), origin: .unknown,
                filter: cells.cell(c.filter).flatMap { $0.equals("PASS") ? nil : $0.string },
                chrom: chrom, position: position, ref: ref, alt: alt)
            finding.hgvsPShort = hgvsPShort
            finding.end = cells.cell(c.end)?.int ?? (ref != "-" ? position.map { $0 + ref.count - 1 } : nil)
            finding.sourceId = cells.get(c.dbSNP).flatMap { $0 == "novel" ? nil : $0 }
            return finding
        }

        /// Tumour allele counts, depth and VAF, as the columns present allow (and which, said in vafSource).
        func tumourReads(_ cells: Cells, into finding: inout Finding) {
            let c = self.c
            // Tumour reads.
            let tDepth = cells.count(c.tDepth)
            let tAlt = cells.count(c.tAlt)
            let tRef = cells.count(c.tRef)
            if let a = tAlt {
                finding.altCount = Int(a)
                finding.refCount = tRef.map { Int($0) }
                if let d = tDepth, d > 0 {
                    finding.vaf = a / d
                    finding.depth = Int(d)
                    finding.vafSource = "MAF t_alt_count/t_depth"
                } else if let r = tRef, a + r > 0 {
                    finding.vaf = a / (a + r)
                    finding.depth = Int(a + r)
                    finding.vafSource = "MAF t_alt_count/(t_ref_count+t_alt_count)"
                }
            } else if let d = tDepth, d > 0 {
                finding.depth = Int(d)
            }
            if finding.vaf == nil, let v = c.tumourPercent.lazy.compactMap({ cells.count($0) }).first, v <= 100 {
                finding.vaf = v / 100
                finding.vafSource = "MAF \(names[c.tumourPercent.first { cells.count($0) != nil }!]) (percent)"
            }
            if finding.altCount == nil, let a = c.tumourAltReads.lazy.compactMap({ cells.count($0) }).first {
                finding.altCount = Int(a)
                if let r = c.tumourRefReads.lazy.compactMap({ cells.count($0) }).first {
                    finding.refCount = Int(r)
                    if finding.depth == nil { finding.depth = Int(a + r) }
                    if finding.vaf == nil, a + r > 0 {
                        finding.vaf = a / (a + r)
                        finding.vafSource = "MAF tumour read counts alt/(ref+alt)"
                    }
                }
            }
        }

        /// The matched normal's counts, depth and VAF.
        func normalReads(_ cells: Cells, into finding: inout Finding) {
            let c = self.c
            // Matched normal reads.
            let nDepth = cells.count(c.nDepth)
            let nAlt = cells.count(c.nAlt)
            let nRef = cells.count(c.nRef)
            if let a = nAlt ?? c.normalAltReads.lazy.compactMap({ cells.count($0) }).first {
                finding.normalAltCount = Int(a)
                let r = nRef ?? c.normalRefReads.lazy.compactMap({ cells.count($0) }).first
                if let d = nDepth, d > 0 {
                    finding.normalDepth = Int(d)
                } else if let r {
                    finding.normalDepth = Int(a + r)
                }
                if let d = finding.normalDepth, d > 0 { finding.normalVAF = a / Double(d) }
            } else if let d = nDepth, d > 0 {
                finding.normalDepth = Int(d)
            }
            if let v = c.normalPercent.lazy.compactMap({ cells.count($0) }).first, v <= 100 {
                finding.normalVAF = v / 100
            }
        }

        /// Holds a finding for its sample; sends a sample's chunk when full, and every sample's when the findings
        /// held across samples reach a chunk (a file of many small samples is never held whole).
        mutating func hold(_ finding: Finding, emit: (FindingBatch) throws -> Void) throws {
            pending[lastSlot].append(finding)
            made += 1
            pendingTotal += 1
            if pending[lastSlot].count >= chunkSize {
                try emit(batch(lastSlot))
                pendingTotal -= pending[lastSlot].count
                pending[lastSlot].removeAll(keepingCapacity: true)
            } else if pendingTotal >= chunkSize {
                for slot in samples.indices where !pending[slot].isEmpty {
                    try emit(batch(slot))
                    pending[slot] = []
                }
                pendingTotal = 0
            }
        }

        /// Sends every sample's remaining findings and the account of the file.
        mutating func finish(emit: (FindingBatch) throws -> Void) throws -> FindingStream.Outcome {
            guard headerSeen else {
                throw ImportError(
                    file: file,
                    message:
                        "no header line; expected a MAF with Chromosome, Start_Position, Reference_Allele, Tumor_Seq_Allele2, Tumor_Sample_Barcode … columns"
                )
            }
            for slot in samples.indices where !pending[slot].isEmpty { try emit(batch(slot)) }
            var outcome = FindingStream.Outcome(read: rows, made: made)
            outcome.geneSymbols = genes.notes
            if let build { outcome.notes.append("\(name): genome build \(build)") }
            if samples.count > 1 {
                outcome.notes.append(
                    "\(name): \(samples.count) samples (Tumor_Sample_Barcode), each attached to the case of that sample (made when none), never merged"
                )
            }
            if typeMismatch > 0 {
                outcome.notes.append(
                    "\(name): \(typeMismatch) row(s) whose Variant_Type disagrees with the alleles; typed from the alleles"
                )
            }
            for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) {
                outcome.skipped.append("\(name): \(count) \(reason)")
            }
            let used = c.used
            outcome.unused = names.indices.filter { !used.contains($0) && filled[$0] > 0 && !names[$0].isEmpty }
                .map { ("column " + names[$0], filled[$0]) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            return outcome
        }

        /// A protein change as HGVS p.: "p.V600E", "V536L" → "p.V536L", "627_628insMISENMK" → "p.627_628insMISENMK";
        /// nil for what is not one ("NULL", "e6-1" splice positions, "in_frame_ins", c. strings). ASCII text (nearly
        /// every row) is read on its bytes by the same rules, without Foundation's string search.
        static func protein(_ text: String) -> String? {
            let u = text.utf8
            guard u.allSatisfy({ $0 < 0x80 }) else { return proteinText(text) }
            var start = u.startIndex
            var end = u.endIndex
            func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
            while start < end, blank(u[start]) { start = u.index(after: start) }
            while end > start, blank(u[u.index(before: end)]) { end = u.index(before: end) }
            var t = u[start..<end]
            if t.starts(with: [0x70, 0x2E]) { t = t.dropFirst(2) }  // "p."
            func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            guard let first = t.first, (first >= 0x41 && first <= 0x5A) || first == 0x2A || digit(first),
                t.contains(where: digit)
            else { return nil }
            if t.contains(0x3E) {  // ">": only in a delins
                let delins: [UInt8] = [0x64, 0x65, 0x6C, 0x69, 0x6E, 0x73]
                let bytes = Array(t)
                guard bytes.count >= delins.count,
                    (0...(bytes.count - delins.count)).contains(where: {
                        bytes[$0..<($0 + delins.count)].elementsEqual(delins)
                    })
                else { return nil }
            }
            return "p." + String(decoding: t, as: UTF8.self)
        }

        /// The text rules of `protein`, for text that is not plain ASCII.
        static func proteinText(_ text: String) -> String? {
            var t = Substring(text.trimmingCharacters(in: .whitespaces))
            if t.hasPrefix("p.") { t = t.dropFirst(2) }
            guard let first = t.first, first.isUppercase || first == "*" || first.isNumber,
                t.contains(where: \.isNumber)
            else { return nil }
            guard !t.contains(">") || t.contains("delins") else { return nil }
            return "p." + t
        }
    }

    /// A gene column naming an internal tandem duplication ("FLT3_ITD", any case), without upper-casing every gene.
    static func endsWithITD(_ gene: String) -> Bool {
        let u = gene.utf8
        guard u.allSatisfy({ $0 < 0x80 }) else { return gene.uppercased().hasSuffix("_ITD") }
        guard u.count >= 4 else { return false }
        let t = Array(u.suffix(4))
        return t[0] == 0x5F && t[1] | 0x20 == 0x69 && t[2] | 0x20 == 0x74 && t[3] | 0x20 == 0x64  // "_ITD", any case
    }

    /// A MAF allele: bases A, C, G, T, N, or "-" for none.
    static func validAllele(_ a: String) -> Bool {
        a == "-"
            || (!a.isEmpty
                && a.utf8.allSatisfy { [0x41, 0x43, 0x47, 0x54, 0x4E, 0x61, 0x63, 0x67, 0x74, 0x6E].contains($0) })
    }

    /// Exon numbers Excel turned into dates: "23-Oct" was 10/23, "May-63" was 5/63; others as written.
    static func exon(_ text: String) -> String {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let parts = text.split(separator: "-")
        guard parts.count == 2 else { return text }
        if let d = Int(parts[0]), let m = months.firstIndex(of: parts[1].lowercased()) { return "\(m + 1)/\(d)" }
        if let m = months.firstIndex(of: parts[0].lowercased()), let y = Int(parts[1]) { return "\(m + 1)/\(y)" }
        return text
    }

    /// Column indices the reader uses (-1 when absent), names matched case-insensitively.
    struct Columns {
        var gene = -1, chrom = -1, start = -1, end = -1, ref = -1, alt1 = -1, alt2 = -1, sample = -1, build = -1,
            variantType = -1
        var classification = -1, hgvsC = -1, hgvsP = -1, hgvsPShort = -1, transcript = -1, exon = -1, tDepth = -1,
            tRef = -1, tAlt = -1
        var nDepth = -1, nRef = -1, nAlt = -1, status = -1, filter = -1, dbSNP = -1
        var protein: [Int] = []
        var tumourPercent: [Int] = [], normalPercent: [Int] = []
        var tumourAltReads: [Int] = [], tumourRefReads: [Int] = [], normalAltReads: [Int] = [],
            normalRefReads: [Int] = []

        init() {}

        init(_ names: [String]) {
            func column(_ name: String) -> Int {
                names.firstIndex(of: name) ?? names.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame } ?? -1
            }
            func all(_ list: [String]) -> [Int] { list.map(column).filter { $0 >= 0 } }
            gene = column("Hugo_Symbol")
            chrom = column("Chromosome")
            start = column("Start_Position")
            end = column("End_Position")
            ref = column("Reference_Allele")
            alt1 = column("Tumor_Seq_Allele1")
            alt2 = column("Tumor_Seq_Allele2")
            sample = column("Tumor_Sample_Barcode")
            build = column("NCBI_Build")
            variantType = column("Variant_Type")
            classification = column("Variant_Classification")
            hgvsC = column("HGVSc")
            hgvsP = column("HGVSp")
            hgvsPShort = column("HGVSp_Short")
            transcript = column("Transcript_ID") >= 0 ? column("Transcript_ID") : column("transcript_name")
            exon = column("Exon_Number")
            tDepth = column("t_depth")
            tRef = column("t_ref_count")
            tAlt = column("t_alt_count")
            nDepth = column("n_depth")
            nRef = column("n_ref_count")
            nAlt = column("n_alt_count")
            status = column("Mutation_Status")
            filter = column("FILTER")
            dbSNP = column("dbSNP_RS")
            protein = all(MAFReader.proteinColumns)
            // WashU/TCGA percent VAF columns and read-count columns.
            tumourPercent = all(["TumorVAF_WU", "tumor_vaf"])
            normalPercent = all(["NormalVAF_WU", "normal_vaf"])
            tumourAltReads = all(["TumorVarReads_WU", "tumors_var_reads", "tumor_var_reads"])
            tumourRefReads = all(["TumorRefReads_WU", "tumor_ref_reads"])
            normalAltReads = all(["NormalVarReads_WU", "normal_var_reads"])
            normalRefReads = all(["NormalRefReads_WU", "normal_ref_reads"])
        }

        var used: Set<Int> {
            Set(
                [
                    gene, chrom, start, end, ref, alt1, alt2, sample, build, variantType, classification, hgvsC, hgvsP,
                    hgvsPShort, transcript,
                    exon, tDepth, tRef, tAlt, nDepth, nRef, nAlt, status, filter, dbSNP,
                ].filter { $0 >= 0 }
                    + protein + tumourPercent + normalPercent + tumourAltReads + tumourRefReads + normalAltReads
                    + normalRefReads)
        }
    }
}
