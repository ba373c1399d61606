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

    public static func read(data: Data, file: String, options: Options = Options()) throws -> ImportPayload {
        let source = try TextSource(data: data, file: file)
        try source.requireUTF8(expected: "VCF text")
        var parser = Parser(file: file, options: options)
        parser.seen.reserveCapacity(source.bytes.count / 200)
        try source.forEachLine { line, number in
            try parser.consume(line, number: number)
            return true
        }
        return try parser.finish()
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
        var formatCache: (bytes: [UInt8], keys: [String: Int]) = ([], [:])

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
            let f = line.fields()
            guard f.count >= 8 else {
                throw ImportError(file: file, location: "line \(number)", message: "expected at least 8 tab-separated columns (CHROM to INFO), found \(f.count)")
            }
            if samples.count > 0 && f.count != 9 + samples.count {
                throw ImportError(file: file, location: "line \(number)", message: "expected \(9 + samples.count) columns as in the #CHROM line, found \(f.count)")
            }
            guard let pos = f[1].int else {
                throw ImportError(file: file, location: "line \(number), column \(column(of: f[1], in: line))", message: "POS must be a positive integer")
            }
            let chrom = f[0].string
            let ref = f[3].string
            guard !f[3].isEmpty, !f[4].isEmpty else {
                throw ImportError(file: file, location: "line \(number), column \(column(of: f[3], in: line))", message: "REF and ALT must not be empty")
            }
            let alts = f[4].fields(separator: 0x2C).map(\.string)
            let filter: String? = (f[6].equals("PASS") || f[6].equals(".")) ? nil : f[6].string
            let info = Info(f[7], layoutKey: layout?.key)
            // Sample values for the tumour column.
            var sampleValues: [UnsafeBufferPointer<UInt8>] = []
            var keys: [String: Int] = [:]
            if let si = sampleIndex {
                keys = formatKeys(f[8])
                sampleValues = f[9 + si].fields(separator: 0x3A)
            }
            let carried = carriedAlleles(sampleValues, keys)
            let somatic = hasNormal || info.somatic
            for (i, alt) in alts.enumerated() {
                let allele = i + 1
                if alt == "." || alt == "*" { skipped["no alternate allele (ALT . or *)", default: 0] += 1; continue }
                if let carried, !carried.contains(allele) { skipped["ALT allele not carried by the tumour sample (GT)", default: 0] += 1; continue }
                let key = "\(chrom):\(pos):\(ref):\(alt)"
                if !seen.insert(key).inserted { skipped["duplicate record (same CHROM:POS:REF:ALT)", default: 0] += 1; continue }
                let annotation = info.annotation.flatMap { annotate($0, allele: allele, alt: alt, ref: ref, altCount: alts.count) }
                var finding = Finding(id: key, kind: .snv, gene: annotation?.gene, transcript: annotation?.transcript,
                                      hgvsC: annotation?.hgvsC, hgvsP: annotation?.hgvsP, consequence: annotation?.consequence,
                                      exon: annotation?.exon, origin: somatic ? .somatic : .unknown, filter: filter)
                let symbolic = alt.hasPrefix("<") || alt.contains("[") || alt.contains("]")
                if symbolic {
                    let svtype = info.svtype ?? (alt.hasPrefix("<") ? String(alt.dropFirst().prefix { $0 != ">" && $0 != ":" }) : "BND")
                    let cn = info.copyNumber ?? value(sampleValues, keys, "CN").flatMap { Double($0) }
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
                } else if ref.utf8.count != alt.utf8.count {
                    finding.kind = .indel
                }
                if sampleIndex != nil {
                    (finding.vaf, finding.depth) = sampleAlleleFraction(sampleValues, keys, allele: allele, alt: alt, indel: finding.kind == .indel)
                } else {
                    finding.vaf = info.af.flatMap { $0.count >= allele ? $0[allele - 1] : nil }
                    finding.depth = info.dp
                }
                findings.append(finding)
            }
        }

        mutating func formatKeys(_ format: UnsafeBufferPointer<UInt8>) -> [String: Int] {
            if format.elementsEqual(formatCache.bytes) { return formatCache.keys }
            var keys: [String: Int] = [:]
            for (i, k) in format.fields(separator: 0x3A).enumerated() { keys[k.string] = i }
            formatCache = (Array(format), keys)
            return keys
        }

        func value(_ values: [UnsafeBufferPointer<UInt8>], _ keys: [String: Int], _ key: String) -> String? {
            guard let i = keys[key], i < values.count, !values[i].equals(".") else { return nil }
            return values[i].string
        }

        func numbers(_ values: [UnsafeBufferPointer<UInt8>], _ keys: [String: Int], _ key: String) -> [Double]? {
            guard let i = keys[key], i < values.count, !values[i].equals(".") else { return nil }
            return values[i].fields(separator: 0x2C).map { $0.double ?? .nan }
        }

        /// The ALT alleles the tumour genotype carries, or nil when there is no GT (carry everything).
        func carriedAlleles(_ values: [UnsafeBufferPointer<UInt8>], _ keys: [String: Int]) -> Set<Int>? {
            guard let gt = value(values, keys, "GT") else { return nil }
            let alleles = gt.split(whereSeparator: { $0 == "/" || $0 == "|" }).compactMap { Int($0) }
            if alleles.isEmpty { return nil } // "./." : no call, keep the record
            return Set(alleles.filter { $0 > 0 })
        }

        func sampleAlleleFraction(_ values: [UnsafeBufferPointer<UInt8>], _ keys: [String: Int], allele: Int, alt: String, indel: Bool) -> (Double?, Int?) {
            var depth = value(values, keys, "DP").flatMap { Int($0) }
            if let af = numbers(values, keys, "AF"), af.count >= allele, !af[allele - 1].isNaN { return (af[allele - 1], depth) }
            if let ad = numbers(values, keys, "AD"), ad.count > allele {
                let total = ad.filter { !$0.isNaN }.reduce(0, +)
                if depth == nil { depth = Int(total) }
                return (total > 0 ? ad[allele] / total : nil, depth)
            }
            // Strelka: tier-1 counts per base (AU/CU/GU/TU) for SNVs, TIR/TAR for indels.
            if !indel, alt.utf8.count == 1, let altCounts = numbers(values, keys, alt.uppercased() + "U") {
                let total = ["A", "C", "G", "T"].compactMap { numbers(values, keys, $0 + "U")?.first }.reduce(0, +)
                return (total > 0 ? altCounts[0] / total : nil, depth)
            }
            if indel, let tir = numbers(values, keys, "TIR")?.first, let tar = numbers(values, keys, "TAR")?.first, tir + tar > 0 {
                return (tir / (tir + tar), depth)
            }
            return (nil, depth)
        }

        func annotate(_ value: UnsafeBufferPointer<UInt8>, allele: Int, alt: String, ref: String, altCount: Int) -> Annotation? {
            guard let layout else { return nil }
            // VEP writes indel alleles without the shared first base ("-" when nothing is left).
            let trimmed: String = {
                guard let r = ref.first, alt.first == r, !alt.hasPrefix("<") else { return alt }
                let rest = String(alt.dropFirst())
                return rest.isEmpty ? "-" : rest
            }()
            var best: (score: Int, fields: [UnsafeBufferPointer<UInt8>])?
            for entry in value.fields(separator: 0x2C) {
                let parts = entry.fields(separator: 0x7C)
                guard parts.count > layout.allele else { continue }
                if layout.alleleNum >= 0, layout.alleleNum < parts.count, let n = parts[layout.alleleNum].int {
                    if n != allele { continue }
                } else {
                    let a = parts[layout.allele].string
                    if a != alt && a != trimmed && !(altCount == 1 && a.isEmpty) { continue }
                }
                var score = 0
                if layout.canonical >= 0, layout.canonical < parts.count, parts[layout.canonical].equals("YES") { score += 100 }
                if layout.hgvsP >= 0, layout.hgvsP < parts.count, !parts[layout.hgvsP].isEmpty { score += 50 }
                if layout.impact >= 0, layout.impact < parts.count {
                    let impact = parts[layout.impact]
                    score += impact.equals("HIGH") ? 30 : impact.equals("MODERATE") ? 20 : impact.equals("LOW") ? 10 : 0
                }
                if best == nil || score > best!.score { best = (score, parts) }
            }
            guard let parts = best?.fields else { return nil }
            func field(_ i: Int) -> String? {
                guard i >= 0, i < parts.count, !parts[i].isEmpty else { return nil }
                return parts[i].string
            }
            func hgvs(_ i: Int) -> String? {
                guard var text = field(i) else { return nil }
                if text.hasPrefix("EN") || text.hasPrefix("NM_") || text.hasPrefix("NP_") || text.hasPrefix("XM_"), let colon = text.firstIndex(of: ":") {
                    text = String(text[text.index(after: colon)...])
                }
                return text.utf8.contains(0x25) ? text.replacingOccurrences(of: "%3D", with: "=") : text
            }
            return Annotation(gene: field(layout.gene), transcript: field(layout.feature), hgvsC: hgvs(layout.hgvsC),
                              hgvsP: hgvs(layout.hgvsP), consequence: field(layout.consequence).map { $0.utf8.contains(0x26) ? $0.replacingOccurrences(of: "&", with: ",") : $0 },
                              exon: field(layout.exon))
        }

        func finish() throws -> ImportPayload {
            guard sawHeader else {
                throw ImportError(file: file, message: "no #CHROM header line; expected a VCF (##fileformat=VCFv4.x, then #CHROM POS ID REF ALT …)")
            }
            var payload = ImportPayload()
            let sample = sampleIndex.map { samples[$0] }
            let assay = "VCF" + (version.map { " \($0.replacingOccurrences(of: "VCFv", with: ""))" } ?? "") + (layout.map { " (\($0.key == "CSQ" ? "VEP CSQ" : "SnpEff ANN"))" } ?? "")
            let name = URL(fileURLWithPath: file).lastPathComponent
            let report = MolecularReport(id: "vcf:" + name + (sample.map { ":" + $0 } ?? ""), lab: nil, assay: assay,
                                         specimen: sample.map { Specimen(id: $0) })
            payload.findingSets = [FindingBatch(caseId: options.caseId, sample: sample, report: report, findings: findings)]
            if strayHeaderLines > 0 { payload.skipped.append("\(name): \(strayHeaderLines) stray line(s) in the header ignored") }
            for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) { payload.skipped.append("\(name): \(count) ALT allele(s): \(reason)") }
            payload.notes = notes
            return payload
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
            for item in info.fields(separator: 0x3B) {
                guard let first = item.first else { continue }
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
