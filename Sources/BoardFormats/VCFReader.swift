import Foundation
import BoardModel

/// Reads VCF 4.0–4.3 (plain or bgzip) into findings for one tumour sample: VEP `CSQ`, SnpEff `ANN` or no
/// annotation; VAF and depth from FORMAT AF/AD/DP (Strelka tier counts too) or, without samples, INFO AF/DP;
/// one finding per ALT allele; symbolic and breakend alleles as structural variants; non-PASS FILTER kept in
/// `Finding.filter`. Byte-level so that a 200k-record file imports in about a second.
public enum VCFReader {
    public struct Options: Sendable {
        /// Case the findings belong to (`--case`); otherwise the store maps the tumour sample name to a case.
        public var caseId: String?
        /// Sample column to read (`--sample`); otherwise the tumour column is chosen from the header.
        public var sample: String?
        public init(caseId: String? = nil, sample: String? = nil) {
            self.caseId = caseId
            self.sample = sample
        }
    }

    static func recognises(head: String) -> Bool {
        head.hasPrefix("##fileformat=VCF") || head.contains("\n#CHROM\tPOS\tID\tREF\tALT") || head.hasPrefix("#CHROM\tPOS\tID\tREF\tALT")
    }

    /// Reads the whole file into a payload holding one finding batch (the tumour sample's).
    public static func read(data: Data, file: String, options: Options = Options()) throws -> ImportPayload {
        let (batches, outcome) = try stream(data: data, file: file, options: options).collect()
        return ImportPayload(findingSets: batches, skipped: outcome.skipped, notes: outcome.notes)
    }

    /// The file's findings as a stream of chunks, parsed while the store writes the previous chunk.
    public static func stream(data: Data, file: String, options: Options = Options()) -> FindingStream {
        FindingStream(file: file, size: data.count) { chunkSize, emit in
            let source = try TextSource(data: data, file: file)
            try source.requireUTF8(expected: "VCF text")
            var parser = Parser(file: file, options: options)
            parser.seen.reserveCapacity(min(source.count / 200, 4_000_000))
            parser.findings.reserveCapacity(min(chunkSize, 65536))
            var consumed = 0
            var emitted = false
            try source.forEachLine { line, number in
                consumed += line.count + 1
                try parser.consume(line, number: number)
                if parser.findings.count >= chunkSize {
                    try emit(parser.chunk(), source.progress(consumed, of: data.count))
                    parser.findings.removeAll(keepingCapacity: true)
                    emitted = true
                }
                return true
            }
            let outcome = try parser.finish()
            if !parser.findings.isEmpty || !emitted { try emit(parser.chunk(), source.progress(consumed, of: data.count)) }
            return outcome
        }
    }

    /// Which fields of a CSQ/ANN entry hold what.
    struct AnnotationLayout {
        var allele = 0, consequence = -1, impact = -1, gene = -1, feature = -1, exon = -1, hgvsC = -1, hgvsP = -1
        var canonical = -1, alleleNum = -1
        var key: String

        init?(csqDescription: String) {
            guard let range = csqDescription.range(of: "Format: ") else { return nil }
            let names = csqDescription[range.upperBound...].prefix { $0 != "\"" }.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            key = "CSQ"
            for (i, name) in names.enumerated() {
                switch name {
                case "Allele": allele = i
                case "Consequence": consequence = i
                case "IMPACT": impact = i
                case "SYMBOL": gene = i
                case "Feature": feature = i
                case "EXON": exon = i
                case "HGVSc": hgvsC = i
                case "HGVSp": hgvsP = i
                case "CANONICAL": canonical = i
                case "ALLELE_NUM": alleleNum = i
                default: break
                }
            }
        }

        /// SnpEff's ANN layout is fixed by its specification.
        init(ann: Void) {
            key = "ANN"
            allele = 0; consequence = 1; impact = 2; gene = 3; feature = 6; exon = 8; hgvsC = 9; hgvsP = 10
        }
    }

    struct Annotation {
        var gene: String?, transcript: String?, hgvsC: String?, hgvsP: String?, consequence: String?, exon: String?
    }

    struct Parser {
        let file: String
        let options: Options
        var version: String?
        var layout: AnnotationLayout?
        var tumourHint: String?
        var normalHint: String?
        var samples: [String] = []
        var sampleIndex: Int?
        var hasNormal = false
        var sawHeader = false
        var strayHeaderLines = 0
        var findings: [Finding] = []
        var seen: Set<String> = []
        var skipped: [String: Int] = [:]
        var notes: [String] = []
        var formatCache: (bytes: [UInt8], layout: FormatLayout) = ([], FormatLayout())
        /// Reused buffers of the hot loop (fields of the line, of the sample column, of annotation entries, the key).
        var lineFields: [UnsafeBufferPointer<UInt8>] = []
        var sampleFields: [UnsafeBufferPointer<UInt8>] = []
        var entryFields: [UnsafeBufferPointer<UInt8>] = []
        var bestFields: [UnsafeBufferPointer<UInt8>] = []
        var keyBytes: [UInt8] = []

        init(file: String, options: Options) {
            self.file = file
            self.options = options
        }

        mutating func consume(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws {
            if line.isEmpty { return }
            if !sawHeader {
                if line.hasPrefix("##") { header(line.string); return }
                if line.hasPrefix("#CHROM") { try columns(line, number: number); return }
                if line.hasPrefix("#") { strayHeaderLines += 1; return }
                // A stray log line inside the header (SnpEff -cancer writes one): tolerated, counted.
                if !line.fields().first!.isEmpty && line.fields().count < 8 { strayHeaderLines += 1; return }
                throw ImportError(file: file, location: "line \(number)", message: "record before the #CHROM header line; expected a VCF header")
            }
            try record(line, number: number)
        }

        mutating func header(_ text: String) {
            if text.hasPrefix("##fileformat=") { version = String(text.dropFirst(13)) }
            else if text.hasPrefix("##INFO=<ID=CSQ,") { layout = AnnotationLayout(csqDescription: text) }
            else if text.hasPrefix("##INFO=<ID=ANN,") { layout = AnnotationLayout(ann: ()) }
            else if text.hasPrefix("##tumor_sample=") { tumourHint = String(text.dropFirst(15)) }
            else if text.hasPrefix("##normal_sample=") { normalHint = String(text.dropFirst(16)) }
            else if text.hasPrefix("##PEDIGREE=<"), let derived = Self.attribute("Derived", in: text) {
                tumourHint = derived
                normalHint = Self.attribute("Original", in: text)
            }
        }

        static func attribute(_ name: String, in text: String) -> String? {
            guard let r = text.range(of: name + "=") else { return nil }
            return String(text[r.upperBound...].prefix { $0 != "," && $0 != ">" })
        }

        mutating func columns(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws {
            let names = line.fields().map(\.string)
            let expected = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"]
            guard names.count >= 8, Array(names.prefix(8)) == expected else {
                throw ImportError(file: file, location: "line \(number)", message: "expected the header columns #CHROM POS ID REF ALT QUAL FILTER INFO")
            }
            sawHeader = true
            if version == nil { notes.append("\(file): no ##fileformat line; read as VCF 4.x") }
            if names.count > 9 { samples = Array(names[9...]) }
            if names.count == 9 {
                throw ImportError(file: file, location: "line \(number)", message: "FORMAT column without sample columns; expected sample names after FORMAT")
            }
            try chooseSample()
        }

        mutating func chooseSample() throws {
            guard !samples.isEmpty else {
                notes.append("\(file): sites-only VCF (no sample columns); VAF and depth from INFO AF/DP")
                return
            }
            if let wanted = options.sample {
                guard let i = samples.firstIndex(of: wanted) else {
                    throw ImportError(file: file, location: "line \(1)", message: "no sample column \"\(wanted)\"; the file has \(samples.joined(separator: ", "))")
                }
                sampleIndex = i
            } else if let hint = tumourHint, let i = samples.firstIndex(of: hint) {
                sampleIndex = i
            } else if samples.count == 1 {
                sampleIndex = 0
            } else {
                let tumourish = samples.indices.filter { Self.looksTumour(samples[$0]) }
                if tumourish.count == 1 { sampleIndex = tumourish[0] }
                else {
                    let notNormal = samples.indices.filter { !Self.looksNormal(samples[$0]) && samples[$0] != normalHint }
                    sampleIndex = notNormal.count == 1 ? notNormal[0] : samples.count - 1
                    if notNormal.count != 1 { notes.append("\(file): could not tell the tumour column; took the last one (use --sample to choose)") }
                }
            }
            hasNormal = samples.count > 1
            let chosen = samples[sampleIndex!]
            let others = samples.enumerated().filter { $0.offset != sampleIndex }.map(\.element)
            notes.append("\(file): sample \(chosen) read as the tumour" + (others.isEmpty ? "" : " (\(others.joined(separator: ", ")) not read)"))
        }

        static func looksTumour(_ name: String) -> Bool {
            let n = name.lowercased()
            return n.contains("tumor") || n.contains("tumour") || n.contains("somatic") || n.hasSuffix("_t") || n.hasSuffix("-t")
        }

        static func looksNormal(_ name: String) -> Bool {
            let n = name.lowercased()
            return n.contains("normal") || n.contains("germline") || n.contains("blood") || n.hasSuffix("_n") || n.hasSuffix("-n")
        }

        func column(of field: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> Int {
            (field.baseAddress.map { $0 - line.baseAddress! } ?? 0) + 1
        }

        mutating func record(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws {
            var f = lineFields, values = sampleFields
            lineFields = []; sampleFields = []
            defer { lineFields = f; sampleFields = values }
            line.split(separator: 0x09, into: &f)
            guard f.count >= 8 else {
                throw ImportError(file: file, location: "line \(number)", message: "expected at least 8 tab-separated columns (CHROM to INFO), found \(f.count)")
            }
            if samples.count > 0 && f.count != 9 + samples.count {
                throw ImportError(file: file, location: "line \(number)", message: "expected \(9 + samples.count) columns as in the #CHROM line, found \(f.count)")
            }
            guard let pos = f[1].int else {
                throw ImportError(file: file, location: "line \(number), column \(column(of: f[1], in: line))", message: "POS must be a positive integer")
            }
            let chrom = f[0], ref = f[3]
            guard !f[3].isEmpty, !f[4].isEmpty else {
                throw ImportError(file: file, location: "line \(number), column \(column(of: f[3], in: line))", message: "REF and ALT must not be empty")
            }
            let filter: String? = (f[6].equals("PASS") || f[6].equals(".")) ? nil : f[6].string
            let info = Info(f[7], layoutKey: layout?.key)
            // Sample values for the tumour column.
            var format = FormatLayout()
            values.removeAll(keepingCapacity: true)
            if let si = sampleIndex {
                format = formatLayout(f[8])
                f[9 + si].split(separator: 0x3A, into: &values)
            }
            let carried = carriedAlleles(values, format)
            let somatic = hasNormal || info.somatic
            var altCount = 1
            for b in f[4] where b == 0x2C { altCount += 1 }
            var allele = 0
            try f[4].forEachField(separator: 0x2C) { altBytes in
                allele += 1
                if altBytes.equals(".") || altBytes.equals("*") { skipped["no alternate allele (ALT . or *)", default: 0] += 1; return }
                if let carried, !(allele >= 64 || carried & (1 << UInt64(allele)) != 0) {
                    skipped["ALT allele not carried by the tumour sample (GT)", default: 0] += 1; return
                }
                let key = makeKey(chrom, pos, ref, altBytes)
                if !seen.insert(key).inserted { skipped["duplicate record (same CHROM:POS:REF:ALT)", default: 0] += 1; return }
                let annotation = info.annotation.flatMap { annotate($0, allele: allele, alt: altBytes, ref: ref, altCount: altCount) }
                var finding = Finding(id: key, kind: .snv, gene: annotation?.gene, transcript: annotation?.transcript,
                                      hgvsC: annotation?.hgvsC, hgvsP: annotation?.hgvsP, consequence: annotation?.consequence,
                                      exon: annotation?.exon, origin: somatic ? .somatic : .unknown, filter: filter)
                let symbolic = altBytes.first == 0x3C || altBytes.contains(0x5B) || altBytes.contains(0x5D)
                if symbolic {
                    try structural(&finding, alt: altBytes.string, chrom: chrom.string, pos: pos, info: info, values: values, format: format, annotation: annotation)
                } else if ref.count != altBytes.count {
                    finding.kind = .indel
                }
                if sampleIndex != nil {
                    (finding.vaf, finding.depth) = sampleAlleleFraction(values, format, allele: allele, alt: altBytes, indel: finding.kind == .indel)
                } else {
                    finding.vaf = info.af.flatMap { $0.count >= allele ? $0[allele - 1] : nil }
                    finding.depth = info.dp
                }
                findings.append(finding)
            }
        }

        /// "CHROM:POS:REF:ALT", the finding's key within its case (POS as a number, like the old reader).
        mutating func makeKey(_ chrom: UnsafeBufferPointer<UInt8>, _ pos: Int, _ ref: UnsafeBufferPointer<UInt8>, _ alt: UnsafeBufferPointer<UInt8>) -> String {
            keyBytes.removeAll(keepingCapacity: true)
            keyBytes.append(contentsOf: chrom)
            keyBytes.append(0x3A)
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var n = pos, count = 0
            withUnsafeMutableBytes(of: &digits) { d in
                repeat { d[count] = UInt8(0x30 + n % 10); n /= 10; count += 1 } while n > 0
                for i in stride(from: count - 1, through: 0, by: -1) { keyBytes.append(d[i]) }
            }
            keyBytes.append(0x3A)
            keyBytes.append(contentsOf: ref)
            keyBytes.append(0x3A)
            keyBytes.append(contentsOf: alt)
            return String(decoding: keyBytes, as: UTF8.self)
        }

        /// Symbolic and breakend alleles: copy-number changes, fusions (SnpEff's gene pairs) or rearrangements.
        func structural(_ finding: inout Finding, alt: String, chrom: String, pos: Int, info: Info, values: [UnsafeBufferPointer<UInt8>],
                        format: FormatLayout, annotation: Annotation?) throws {
            let svtype = info.svtype ?? (alt.hasPrefix("<") ? String(alt.dropFirst().prefix { $0 != ">" && $0 != ":" }) : "BND")
            let cn = info.copyNumber ?? value(values, format.cn).flatMap { Double($0.string) }
            if let cn, ["CNV", "DEL", "DUP"].contains(svtype) {
                finding.kind = .copyNumber
                finding.copyNumber = cn
                finding.copyNumberCall = cn < 0.5 ? .homozygousDeletion : cn < 1.5 ? .heterozygousDeletion : cn >= 5 ? .amplification : .gain
            } else if let gene = annotation?.gene, gene.contains("&"), (annotation?.consequence ?? "").contains("fusion") {
                finding.kind = .fusion
                finding.partners = gene.split(separator: "&").map(String.init)
                finding.gene = finding.partners?.first
            } else {
                finding.kind = .structural
            }
            finding.breakpoints = alt.hasPrefix("<") ? "\(svtype) \(chrom):\(pos)-\(info.end ?? pos)" : "\(chrom):\(pos) \(alt)"
        }

        /// Where the FORMAT keys the reader uses sit, worked out once per distinct FORMAT string.
        struct FormatLayout {
            var keys: [String: Int] = [:]
            var gt = -1, dp = -1, af = -1, ad = -1, cn = -1
        }

        mutating func formatLayout(_ format: UnsafeBufferPointer<UInt8>) -> FormatLayout {
            if format.elementsEqual(formatCache.bytes) { return formatCache.layout }
            var layout = FormatLayout()
            for (i, k) in format.fields(separator: 0x3A).enumerated() { layout.keys[k.string] = i }
            layout.gt = layout.keys["GT"] ?? -1; layout.dp = layout.keys["DP"] ?? -1; layout.af = layout.keys["AF"] ?? -1
            layout.ad = layout.keys["AD"] ?? -1; layout.cn = layout.keys["CN"] ?? -1
            formatCache = (Array(format), layout)
            return layout
        }

        /// The sample's value at a FORMAT index, unless absent or ".".
        func value(_ values: [UnsafeBufferPointer<UInt8>], _ i: Int) -> UnsafeBufferPointer<UInt8>? {
            guard i >= 0, i < values.count, !values[i].equals(".") else { return nil }
            return values[i]
        }

        func numbers(_ values: [UnsafeBufferPointer<UInt8>], _ keys: [String: Int], _ key: String) -> [Double]? {
            guard let v = value(values, keys[key] ?? -1) else { return nil }
            return v.fields(separator: 0x2C).map { $0.double ?? .nan }
        }

        /// The ALT alleles the tumour genotype carries as a bit set (bit n = allele n), or nil when there is no GT
        /// call (carry everything).
        func carriedAlleles(_ values: [UnsafeBufferPointer<UInt8>], _ format: FormatLayout) -> UInt64? {
            guard let gt = value(values, format.gt) else { return nil }
            var mask: UInt64 = 0
            var called = false
            var n = 0, digits = 0
            func close() {
                if digits > 0 && digits < 19 { called = true; if n > 0 { mask |= n < 64 ? 1 << UInt64(n) : 1 << 63 } }
                n = 0; digits = 0
            }
            var bad = false
            for b in gt {
                if b == 0x2F || b == 0x7C { if !bad { close() }; n = 0; digits = 0; bad = false }
                else if b >= 0x30 && b <= 0x39 && !bad { n = n * 10 + Int(b - 0x30); digits += 1 }
                else { bad = true }
            }
            if !bad { close() }
            return called ? mask : nil // "./." : no call, keep the record
        }

        func sampleAlleleFraction(_ values: [UnsafeBufferPointer<UInt8>], _ format: FormatLayout, allele: Int, alt: UnsafeBufferPointer<UInt8>, indel: Bool) -> (Double?, Int?) {
            var depth = value(values, format.dp).flatMap { $0.int ?? Int($0.string) }
            if let af = value(values, format.af) {
                var k = 0
                var found: Double?
                af.forEachField(separator: 0x2C) { part in
                    k += 1
                    if k == allele { found = part.double }
                }
                if let found, !found.isNaN { return (found, depth) }
            }
            if let ad = value(values, format.ad) {
                var k = 0, total = 0.0, mine = Double.nan
                ad.forEachField(separator: 0x2C) { part in
                    let v = part.double ?? .nan
                    if !v.isNaN { total += v }
                    if k == allele { mine = v }
                    k += 1
                }
                if k > allele {
                    if depth == nil { depth = Int(total) }
                    return (total > 0 ? mine / total : nil, depth)
                }
            }
            let keys = format.keys
            // Strelka: tier-1 counts per base (AU/CU/GU/TU) for SNVs, TIR/TAR for indels.
            if !indel, alt.count == 1, let altCounts = numbers(values, keys, alt.string.uppercased() + "U") {
                let total = ["A", "C", "G", "T"].compactMap { numbers(values, keys, $0 + "U")?.first }.reduce(0, +)
                return (total > 0 ? altCounts[0] / total : nil, depth)
            }
            if indel, let tir = numbers(values, keys, "TIR")?.first, let tar = numbers(values, keys, "TAR")?.first, tir + tar > 0 {
                return (tir / (tir + tar), depth)
            }
            return (nil, depth)
        }

        /// The annotation entry for this ALT allele that best describes it: canonical transcript first, then one
        /// with a protein change, then by impact.
        mutating func annotate(_ value: UnsafeBufferPointer<UInt8>, allele: Int, alt: UnsafeBufferPointer<UInt8>, ref: UnsafeBufferPointer<UInt8>, altCount: Int) -> Annotation? {
            guard let layout else { return nil }
            // VEP writes indel alleles without the shared first base ("-" when nothing is left).
            var trimmed = alt
            var trimmedIsDash = false
            if let r = ref.first, alt.first == r, alt.first != 0x3C {
                trimmed = UnsafeBufferPointer(rebasing: alt[1...])
                trimmedIsDash = trimmed.isEmpty
            }
            var parts = entryFields, best = bestFields
            entryFields = []; bestFields = []
            defer { entryFields = parts; bestFields = best }
            var bestScore = -1
            value.forEachField(separator: 0x2C) { entry in
                entry.split(separator: 0x7C, into: &parts)
                guard parts.count > layout.allele else { return }
                if layout.alleleNum >= 0, layout.alleleNum < parts.count, let n = parts[layout.alleleNum].int {
                    if n != allele { return }
                } else {
                    let a = parts[layout.allele]
                    let same = a.elementsEqual(alt) || (trimmedIsDash ? a.equals("-") : a.elementsEqual(trimmed))
                    if !same && !(altCount == 1 && a.isEmpty) { return }
                }
                var score = 0
                if layout.canonical >= 0, layout.canonical < parts.count, parts[layout.canonical].equals("YES") { score += 100 }
                if layout.hgvsP >= 0, layout.hgvsP < parts.count, !parts[layout.hgvsP].isEmpty { score += 50 }
                if layout.impact >= 0, layout.impact < parts.count {
                    let impact = parts[layout.impact]
                    score += impact.equals("HIGH") ? 30 : impact.equals("MODERATE") ? 20 : impact.equals("LOW") ? 10 : 0
                }
                if score > bestScore { bestScore = score; swap(&parts, &best) }
            }
            guard bestScore >= 0 else { return nil }
            let fields = best
            func field(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
                guard i >= 0, i < fields.count, !fields[i].isEmpty else { return nil }
                return fields[i]
            }
            func hgvs(_ i: Int) -> String? {
                guard var bytes = field(i) else { return nil }
                if bytes.hasPrefix("EN") || bytes.hasPrefix("NM_") || bytes.hasPrefix("NP_") || bytes.hasPrefix("XM_"), let rest = bytes.after(0x3A) {
                    bytes = rest
                }
                return bytes.contains(0x25) ? bytes.string.replacingOccurrences(of: "%3D", with: "=") : bytes.string
            }
            return Annotation(gene: field(layout.gene)?.string, transcript: field(layout.feature)?.string, hgvsC: hgvs(layout.hgvsC),
                              hgvsP: hgvs(layout.hgvsP),
                              consequence: field(layout.consequence).map { $0.contains(0x26) ? $0.string.replacingOccurrences(of: "&", with: ",") : $0.string },
                              exon: field(layout.exon)?.string)
        }

        /// The findings parsed since the last chunk, with the report they came from.
        func chunk() -> FindingBatch {
            let sample = sampleIndex.map { samples[$0] }
            let assay = "VCF" + (version.map { " \($0.replacingOccurrences(of: "VCFv", with: ""))" } ?? "") + (layout.map { " (\($0.key == "CSQ" ? "VEP CSQ" : "SnpEff ANN"))" } ?? "")
            let report = MolecularReport(id: "vcf:" + name + (sample.map { ":" + $0 } ?? ""), lab: nil, assay: assay,
                                         specimen: sample.map { Specimen(id: $0) })
            return FindingBatch(caseId: options.caseId, sample: sample, report: report, findings: findings)
        }

        var name: String { URL(fileURLWithPath: file).lastPathComponent }

        func finish() throws -> FindingStream.Outcome {
            guard sawHeader else {
                throw ImportError(file: file, message: "no #CHROM header line; expected a VCF (##fileformat=VCFv4.x, then #CHROM POS ID REF ALT …)")
            }
            var outcome = FindingStream.Outcome(notes: notes)
            if strayHeaderLines > 0 { outcome.skipped.append("\(name): \(strayHeaderLines) stray line(s) in the header ignored") }
            for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) { outcome.skipped.append("\(name): \(count) ALT allele(s): \(reason)") }
            return outcome
        }
    }

    /// The INFO keys the reader uses, found in one pass.
    struct Info {
        var annotation: UnsafeBufferPointer<UInt8>?
        var af: [Double]?
        var dp: Int?
        var somatic = false
        var svtype: String?
        var end: Int?
        var copyNumber: Double?

        init(_ info: UnsafeBufferPointer<UInt8>, layoutKey: String?) {
            guard !info.equals(".") else { return }
            info.forEachField(separator: 0x3B) { item in
                guard let first = item.first else { return }
                switch first {
                case 0x43: // C
                    if item.hasPrefix("CSQ="), layoutKey == "CSQ" { annotation = UnsafeBufferPointer(rebasing: item[4...]) }
                    else if item.hasPrefix("CN=") { copyNumber = UnsafeBufferPointer(rebasing: item[3...]).double }
                case 0x41: // A
                    if item.hasPrefix("ANN="), layoutKey == "ANN" { annotation = UnsafeBufferPointer(rebasing: item[4...]) }
                    else if item.hasPrefix("AF=") { af = UnsafeBufferPointer(rebasing: item[3...]).fields(separator: 0x2C).map { $0.double ?? .nan } }
                case 0x44: if item.hasPrefix("DP=") { dp = UnsafeBufferPointer(rebasing: item[3...]).int }
                case 0x53:
                    if item.equals("SOMATIC") { somatic = true }
                    else if item.hasPrefix("SVTYPE=") { svtype = UnsafeBufferPointer(rebasing: item[7...]).string }
                case 0x45: if item.hasPrefix("END=") { end = UnsafeBufferPointer(rebasing: item[4...]).int }
                default: break
                }
            }
        }
    }
}
