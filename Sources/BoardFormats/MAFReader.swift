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

    public static func read(data: Data, file: String, caseId: String? = nil) throws -> ImportPayload {
        let source = try TextSource(data: data, file: file)
        try source.requireUTF8(expected: "MAF text (tab-separated)")
        var columns: [String: Int] = [:]
        var width = 0
        var order: [String] = []
        var seen: Set<String> = []
        seen.reserveCapacity(data.count / 200)
        var skipped: [String: Int] = [:]
        var builds: Set<String> = []
        var lastBuild: [UInt8] = []
        var lastSample = ""
        var lastSlot = -1
        var lists: [[Finding]] = []
        var headerSeen = false
        var c = Columns()
        try source.forEachLine { line, number in
            if line.isEmpty || line.first == 0x23 { return true }
            let f = line.fields()
            if !headerSeen {
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
                return true
            }
            if f.count > width && !f[width...].allSatisfy(\.isEmpty) {
                throw ImportError(file: file, location: "line \(number)", message: "\(f.count) columns but the header has \(width)")
            }
            func get(_ i: Int) -> String? {
                guard i >= 0, i < f.count, !f[i].isEmpty else { return nil }
                let v = f[i]
                if v.equals(".") || v.equals("NA") || v.equals("N/A") || v.equals("-") && i != c.alt2 && i != c.alt1 && i != c.ref { return nil }
                return v.string
            }
            guard let chrom = get(c.chrom), let start = get(c.start), let ref = get(c.ref) else {
                skipped["row without Chromosome, Start_Position or Reference_Allele", default: 0] += 1
                return true
            }
            guard Int(start) != nil else {
                throw ImportError(file: file, location: "line \(number), column \(c.start + 1)", message: "Start_Position must be an integer")
            }
            var alt = get(c.alt2)
            if alt == nil || alt == ref { alt = get(c.alt1) }
            guard let alt, alt != ref else { skipped["row whose tumour alleles equal the reference", default: 0] += 1; return true }
            let sample = caseId == nil ? (get(c.sample) ?? "") : (get(c.sample) ?? caseId!)
            if sample.isEmpty { skipped["row without Tumor_Sample_Barcode", default: 0] += 1; return true }
            if c.build >= 0, c.build < f.count, !f[c.build].elementsEqual(lastBuild) {
                lastBuild = Array(f[c.build])
                builds.insert(f[c.build].string)
            }
            let key = "\(chrom):\(start):\(ref):\(alt)"
            if !seen.insert(sample + "\t" + key).inserted { skipped["duplicate row (same sample and CHROM:POS:REF:ALT)", default: 0] += 1; return true }
            var protein: String?
            for i in c.protein { if let p = get(i) { protein = p; break } }
            if let p = protein, !p.hasPrefix("p.") { protein = "p." + p }
            let type = get(c.variantType)
            let kind: FindingKind = (type == "INS" || type == "DEL" || ref == "-" || alt == "-" || ref.count != alt.count) ? .indel : .snv
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
            let status = get(c.status)?.lowercased()
            let filter = get(c.filter).flatMap { $0 == "PASS" ? nil : $0 }
            var hgvsC = get(c.hgvsC)
            if let h = hgvsC, let colon = h.firstIndex(of: ":") { hgvsC = String(h[h.index(after: colon)...]) }
            let finding = Finding(id: key, kind: kind, gene: get(c.gene).flatMap { $0 == "Unknown" ? nil : $0 },
                                  transcript: get(c.transcript), hgvsC: hgvsC, hgvsP: protein,
                                  consequence: get(c.classification), exon: get(c.exon), vaf: vaf, depth: depth,
                                  origin: status == "germline" ? .germline : (status == "somatic" || status == nil ? .somatic : .unknown),
                                  filter: filter)
            if sample != lastSample || lastSlot < 0 {
                if let slot = order.firstIndex(of: sample) { lastSlot = slot } else {
                    order.append(sample)
                    lists.append([])
                    lastSlot = lists.count - 1
                }
                lastSample = sample
            }
            lists[lastSlot].append(finding)
            return true
        }
        guard headerSeen else {
            throw ImportError(file: file, message: "no header line; expected a MAF with Hugo_Symbol, Chromosome, Start_Position, … columns")
        }
        let name = URL(fileURLWithPath: file).lastPathComponent
        let unknownBuilds = builds.filter { !["GRCh37", "37", "GRCh38", "38", "hg19", "hg38"].contains($0) }
        var payload = ImportPayload()
        if !unknownBuilds.isEmpty { payload.notes.append("\(name): unfamiliar NCBI_Build \(unknownBuilds.sorted().joined(separator: ", ")) (expected GRCh37 or GRCh38)") }
        let build = builds.map { $0.hasSuffix("37") || $0 == "hg19" ? "GRCh37" : $0.hasSuffix("38") || $0 == "hg38" ? "GRCh38" : $0 }.sorted().joined(separator: "/")
        for sample in order {
            let report = MolecularReport(id: "maf:\(name):\(sample)", assay: "MAF" + (build.isEmpty ? "" : " (\(build))"), specimen: Specimen(id: sample))
            payload.findingSets.append(FindingBatch(caseId: caseId, sample: sample, report: report, findings: lists[order.firstIndex(of: sample)!]))
        }
        for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) { payload.skipped.append("\(name): \(count) \(reason)") }
        return payload
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
