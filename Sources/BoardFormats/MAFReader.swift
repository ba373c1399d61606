import Foundation
import BoardModel

/// Reads Mutation Annotation Format files — from the 9-column minimum to 170+ columns of vcf2maf/VEP output —
/// into findings grouped by Tumor_Sample_Barcode. Protein change from HGVSp_Short, else HGVSp, else whatever
/// amino-acid column is there. GRCh37 ("37") and GRCh38 builds are accepted; `#` comment lines are skipped.
public enum MAFReader {
    static let required = ["Hugo_Symbol", "Chromosome", "Start_Position", "Reference_Allele"]
    static let proteinColumns = ["HGVSp_Short", "HGVSp", "Protein_Change", "Amino_Acid_Change", "amino_acid_change", "AAChange"]

    static func recognises(head: String) -> Bool {
        let firstData = head.split(separator: "\n").first { !$0.hasPrefix("#") }
        guard let header = firstData else { return false }
        return header.hasPrefix("Hugo_Symbol\t") || (header.contains("\tTumor_Sample_Barcode") && header.contains("Hugo_Symbol"))
    }

    /// Reads the whole file into a payload with one finding batch per Tumor_Sample_Barcode.
    public static func read(data: Data, file: String, caseId: String? = nil) throws -> ImportPayload {
        let (batches, outcome) = try stream(data: data, file: file, caseId: caseId).collect()
        return ImportPayload(findingSets: batches, skipped: outcome.skipped, notes: outcome.notes)
    }

    /// The file's findings as chunks (each of one sample), parsed while the store writes the previous chunk.
    public static func stream(data: Data, file: String, caseId: String? = nil) -> FindingStream {
        FindingStream(file: file, size: data.count) { chunkSize, emit in
            let source = try TextSource(data: data, file: file)
            try source.requireUTF8(expected: "MAF text (tab-separated)")
            var reader = Reader(file: file, caseId: caseId, chunkSize: chunkSize)
            var consumed = 0
            try source.forEachLine { line, number in
                consumed += line.count + 1
                try reader.row(line, number: number) { try emit($0, source.progress(consumed, of: data.count)) }
                return true
            }
            return try reader.finish { try emit($0, source.progress(consumed, of: data.count)) }
        }
    }

    /// The parse state of one file: header columns, the samples met so far and their unsent findings.
    struct Reader {
        let file: String
        let caseId: String?
        let chunkSize: Int
        var name: String { URL(fileURLWithPath: file).lastPathComponent }
        var width = 0
        var headerSeen = false
        var c = Columns()
        var samples: [String] = []
        var pending: [[Finding]] = []
        var seen: [Set<String>] = []
        var skipped: [String: Int] = [:]
        var builds: Set<String> = []
        var lastBuild: [UInt8] = []
        var lastSample: [UInt8] = []
        var lastSlot = -1
        var fields: [UnsafeBufferPointer<UInt8>] = []

        init(file: String, caseId: String?, chunkSize: Int) {
            self.file = file
            self.caseId = caseId
            self.chunkSize = chunkSize
        }

        /// The assay label, from the builds met so far (the last chunks carry the whole file's).
        var build: String {
            Set(builds.map { $0.hasSuffix("37") || $0 == "hg19" ? "GRCh37" : $0.hasSuffix("38") || $0 == "hg38" ? "GRCh38" : $0 }).sorted().joined(separator: "/")
        }

        func batch(_ slot: Int) -> FindingBatch {
            let sample = samples[slot]
            let report = MolecularReport(id: "maf:\(name):\(sample)", assay: "MAF" + (build.isEmpty ? "" : " (\(build))"), specimen: Specimen(id: sample))
            return FindingBatch(caseId: caseId, sample: sample, report: report, findings: pending[slot])
        }

        mutating func header(_ f: [UnsafeBufferPointer<UInt8>], number: Int) throws {
            var columns: [String: Int] = [:]
            let names = f.map { $0.string.trimmingCharacters(in: .whitespaces) }
            for (i, name) in names.enumerated() where columns[name] == nil { columns[name] = i }
            width = names.count
            let missing = required.filter { columns[$0] == nil } + (columns["Tumor_Seq_Allele2"] == nil && columns["Tumor_Seq_Allele1"] == nil ? ["Tumor_Seq_Allele2"] : [])
            if !missing.isEmpty {
                throw ImportError(file: file, location: "line \(number)", message: "MAF header lacks \(missing.joined(separator: ", ")); expected at least Hugo_Symbol, Chromosome, Start_Position, Reference_Allele, Tumor_Seq_Allele2")
            }
            if caseId == nil && columns["Tumor_Sample_Barcode"] == nil {
                throw ImportError(file: file, location: "line \(number)", message: "no Tumor_Sample_Barcode column; pass --case ID to say whose findings these are")
            }
            c = Columns(columns)
            headerSeen = true
        }

        mutating func row(_ line: UnsafeBufferPointer<UInt8>, number: Int, emit: (FindingBatch) throws -> Void) throws {
            if line.isEmpty || line.first == 0x23 { return }
            var f = fields
            fields = []
            defer { fields = f }
            line.split(separator: 0x09, into: &f)
            if !headerSeen { try header(f, number: number); return }
            if f.count > width && !f[width...].allSatisfy(\.isEmpty) {
                throw ImportError(file: file, location: "line \(number)", message: "\(f.count) columns but the header has \(width)")
            }
            let c = self.c
            func cell(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
                guard i >= 0, i < f.count, !f[i].isEmpty else { return nil }
                let v = f[i]
                if v.equals(".") || v.equals("NA") || v.equals("N/A") || v.equals("-") && i != c.alt2 && i != c.alt1 && i != c.ref { return nil }
                return v
            }
            func get(_ i: Int) -> String? { cell(i)?.string }
            guard let chrom = get(c.chrom), let startCell = cell(c.start), let ref = get(c.ref) else {
                skipped["row without Chromosome, Start_Position or Reference_Allele", default: 0] += 1
                return
            }
            let start = startCell.string
            guard startCell.int != nil || Int(start) != nil else {
                throw ImportError(file: file, location: "line \(number), column \(c.start + 1)", message: "Start_Position must be an integer")
            }
            var alt = get(c.alt2)
            if alt == nil || alt == ref { alt = get(c.alt1) }
            guard let alt, alt != ref else { skipped["row whose tumour alleles equal the reference", default: 0] += 1; return }
            // The sample: compared as bytes with the previous row's, so a String is made only when it changes.
            let sampleCell = cell(c.sample)
            let sampleBytes: UnsafeBufferPointer<UInt8>? = sampleCell
            if caseId == nil && sampleBytes == nil { skipped["row without Tumor_Sample_Barcode", default: 0] += 1; return }
            if lastSlot < 0 || !(sampleBytes.map { $0.elementsEqual(lastSample) } ?? lastSample.isEmpty) {
                let sample = sampleBytes?.string ?? caseId!
                if let slot = samples.firstIndex(of: sample) { lastSlot = slot } else {
                    samples.append(sample)
                    pending.append([])
                    seen.append([])
                    lastSlot = samples.count - 1
                }
                lastSample = sampleBytes.map(Array.init) ?? []
            }
            if c.build >= 0, c.build < f.count, !f[c.build].elementsEqual(lastBuild) {
                lastBuild = Array(f[c.build])
                builds.insert(f[c.build].string)
            }
            let key = "\(chrom):\(start):\(ref):\(alt)"
            if !seen[lastSlot].insert(key).inserted { skipped["duplicate row (same sample and CHROM:POS:REF:ALT)", default: 0] += 1; return }
            var protein: String?
            for i in c.protein { if let p = get(i) { protein = p; break } }
            if let p = protein, !p.hasPrefix("p.") { protein = "p." + p }
            let type = cell(c.variantType)
            let indel = type.map { $0.equals("INS") || $0.equals("DEL") } ?? false
            let kind: FindingKind = (indel || ref == "-" || alt == "-" || ref.count != alt.count) ? .indel : .snv
            var vaf: Double?
            // Read counts: finite, non-negative and below 1e15, else absent (a huge or "inf" count must not trap).
            func numeric(_ i: Int) -> Double? {
                guard i >= 0 && i < f.count, let d = f[i].double, d.isFinite, d >= 0, d < 1e15 else { return nil }
                return d
            }
            var depth = numeric(c.tDepth).map { Int($0) }
            if let altCount = numeric(c.tAlt) {
                let refCount = numeric(c.tRef)
                let total = depth.map(Double.init) ?? refCount.map { $0 + altCount }
                if depth == nil, let total, total < 1e15 { depth = Int(total) }
                if let total, total > 0 { vaf = altCount / total }
            }
            let status = cell(c.status)
            let germline = status.map { $0.count == 8 && $0.string.lowercased() == "germline" } ?? false
            let somatic = status.map { $0.count == 7 && $0.string.lowercased() == "somatic" } ?? true
            let filter = cell(c.filter).flatMap { $0.equals("PASS") ? nil : $0.string }
            let hgvsC = cell(c.hgvsC).map { ($0.after(0x3A) ?? $0).string }
            let gene = cell(c.gene).flatMap { $0.equals("Unknown") ? nil : $0.string }
            let finding = Finding(id: key, kind: kind, gene: gene,
                                  transcript: get(c.transcript), hgvsC: hgvsC, hgvsP: protein,
                                  consequence: get(c.classification), exon: get(c.exon), vaf: vaf, depth: depth,
                                  origin: germline ? .germline : (somatic ? .somatic : .unknown),
                                  filter: filter)
            pending[lastSlot].append(finding)
            if pending[lastSlot].count >= chunkSize {
                try emit(batch(lastSlot))
                pending[lastSlot].removeAll(keepingCapacity: true)
            }
        }

        /// Sends every sample's remaining findings (a sample whose rows all went out in full chunks sends none).
        mutating func finish(emit: (FindingBatch) throws -> Void) throws -> FindingStream.Outcome {
            guard headerSeen else {
                throw ImportError(file: file, message: "no header line; expected a MAF with Hugo_Symbol, Chromosome, Start_Position, … columns")
            }
            for slot in samples.indices where !pending[slot].isEmpty { try emit(batch(slot)) }
            var outcome = FindingStream.Outcome()
            let unknownBuilds = builds.filter { !["GRCh37", "37", "GRCh38", "38", "hg19", "hg38"].contains($0) }
            if !unknownBuilds.isEmpty { outcome.notes.append("\(name): unfamiliar NCBI_Build \(unknownBuilds.sorted().joined(separator: ", ")) (expected GRCh37 or GRCh38)") }
            for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) { outcome.skipped.append("\(name): \(count) \(reason)") }
            return outcome
        }
    }

    /// Column indices the reader uses (-1 when absent).
    struct Columns {
        var gene = -1, chrom = -1, start = -1, ref = -1, alt1 = -1, alt2 = -1, sample = -1, build = -1, variantType = -1
        var classification = -1, hgvsC = -1, transcript = -1, exon = -1, tDepth = -1, tRef = -1, tAlt = -1, status = -1, filter = -1
        var protein: [Int] = []

        init() {}

        init(_ c: [String: Int]) {
            func i(_ name: String) -> Int { c[name] ?? -1 }
            gene = i("Hugo_Symbol"); chrom = i("Chromosome"); start = i("Start_Position"); ref = i("Reference_Allele")
            alt1 = i("Tumor_Seq_Allele1"); alt2 = i("Tumor_Seq_Allele2"); sample = i("Tumor_Sample_Barcode")
            build = i("NCBI_Build"); variantType = i("Variant_Type"); classification = i("Variant_Classification")
            hgvsC = i("HGVSc"); transcript = i("Transcript_ID"); exon = i("Exon_Number"); tDepth = i("t_depth")
            tRef = i("t_ref_count"); tAlt = i("t_alt_count"); status = i("Mutation_Status"); filter = i("FILTER")
            protein = MAFReader.proteinColumns.compactMap { c[$0] }
        }
    }
}
