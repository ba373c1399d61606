import Foundation

/// Which VCF column is the tumour, which the matched normal, and whether the file is somatic or germline by
/// design — only from explicit evidence (EXPECTED.md §1.3, §1.5), never from column order: `--sample`, header
/// lines naming the roles, columns named TUMOR/NORMAL, TCGA sample-type codes (01–09 tumour, 10–19 normal), a
/// pair of names differing only in T versus R/N, role words in names (tumour/somatic vs normal/germline), and a
/// PCGR-style `tumour_normal` joined barcode. Several samples without roles (a trio, a cohort) are read sample
/// by sample.
struct VCFSampleRoles {
    var tumour: Int?
    var normal: Int?
    /// Columns read into findings: the tumour when known, else every column (or the one `--sample` names).
    var read: [Int]
    /// Why the tumour/normal were chosen, for the import's notes.
    var evidence: String?
    var tumourBarcode: String?
    var normalBarcode: String?
    /// Germline by design (trio, germline caller): every finding is germline.
    var germlineDesign: String?
    /// Somatic by design (a tumour against its normal, a somatic caller).
    var somaticDesign: String?

    init(samples: [String], header: VCFHeader, chosen: String?, file: String) throws {
        tumour = nil
        normal = nil
        read = Array(samples.indices)
        germlineDesign = header.germlineDesign
        somaticDesign = header.somaticCaller
        findRoles(samples, header: header)
        if let t = tumour {
            tumourBarcode =
                tumourBarcode ?? header.barcode("TUMOR") ?? (Self.tcgaSampleType(samples[t]) != nil ? samples[t] : nil)
            if let n = normal {
                normalBarcode =
                    normalBarcode ?? header.barcode("NORMAL")
                    ?? (Self.tcgaSampleType(samples[n]) != nil ? samples[n] : nil)
            }
            read = [t]
            // A tumour read against its matched normal is a somatic design.
            if normal != nil || normalBarcode != nil { somaticDesign = somaticDesign ?? "tumour with matched normal" }
        }
        if let chosen {
            guard let i = samples.firstIndex(of: chosen) else {
                throw ImportError(
                    file: file, location: "#CHROM line",
                    message:
                        "no sample column \"\(chosen)\"; the file has \(samples.isEmpty ? "no sample columns" : samples.joined(separator: ", "))"
                )
            }
            read = [i]
            if i == normal { tumour = nil }
        }
        if germlineDesign != nil && tumour == nil { somaticDesign = nil }
    }

    /// The tumour and normal columns from the first kind of evidence that names one, in order of strength: the
    /// header, columns named TUMOR/NORMAL, a joined barcode, TCGA codes, a T/R-N name pair, role words.
    mutating func findRoles(_ samples: [String], header: VCFHeader) {
        let declared = header.declaredRoles
        func index(_ names: [String]) -> Int? { names.lazy.compactMap { samples.firstIndex(of: $0) }.first }
        if let t = index(declared.tumour) {
            tumour = t
            evidence = "named as the tumour in the header"
        }
        if let n = index(declared.normal), n != tumour {
            normal = n
            evidence = evidence ?? "normal named in the header"
        }
        if tumour == nil, normal == nil { byColumnNames(samples) }
        if tumour == nil, normal == nil, samples.count == 1, let pair = Self.joinedBarcodes(samples[0]) {
            tumour = 0
            tumourBarcode = pair.tumour
            normalBarcode = pair.normal
            evidence = "sample name joins a tumour and a normal barcode"
        }
        if tumour == nil, normal == nil { byTCGACodes(samples) }
        if tumour == nil, normal == nil, samples.count == 2, let (t, n) = Self.letterPair(samples[0], samples[1]) {
            tumour = t
            normal = n
            evidence = "sample names differ only in T (tumour) versus R/N (normal)"
        }
        if tumour == nil, normal == nil { byRoleWords(samples) }
        // Only a normal named (MuTect2 whose normal column was removed; a somatic caller): the other column is the tumour.
        if tumour == nil, let n = normal, samples.count == 2 {
            tumour = 1 - n
            evidence = (evidence ?? "") + "; the other column is the tumour"
        }
        if tumour == nil, normal == nil, samples.count == 1, somaticDesign != nil, !declared.normal.isEmpty {
            tumour = 0
            evidence = "somatic caller (\(somaticDesign!)); the normal named in the header has no column"
        }
    }

    /// Columns named TUMOR (or TUMOUR) and NORMAL.
    mutating func byColumnNames(_ samples: [String]) {
        let upper = samples.map { $0.uppercased() }
        if let t = upper.firstIndex(where: { $0 == "TUMOR" || $0 == "TUMOUR" }) {
            tumour = t
            evidence = "column named \(samples[t])"
        }
        if let n = upper.firstIndex(where: { $0 == "NORMAL" }) {
            normal = n
            evidence = evidence ?? "column named NORMAL"
        }
    }

    /// TCGA sample-type codes: the one column coded 01–09 is the tumour, the one coded 10–19 the normal.
    mutating func byTCGACodes(_ samples: [String]) {
        let types = samples.map(Self.tcgaSampleType)
        let t = samples.indices.filter { (types[$0] ?? 0) >= 1 && (types[$0] ?? 0) <= 9 }
        let n = samples.indices.filter { (types[$0] ?? 0) >= 10 && (types[$0] ?? 0) <= 19 }
        if t.count == 1 {
            tumour = t[0]
            evidence = "TCGA sample-type code"
        }
        if n.count == 1 {
            normal = n[0]
            evidence = evidence ?? "TCGA sample-type code"
        }
    }

    /// Role words in the names: the one column saying tumour/somatic, the one saying normal/germline.
    mutating func byRoleWords(_ samples: [String]) {
        let t = samples.indices.filter { Self.word(samples[$0], tumour: true) }
        let n = samples.indices.filter { Self.word(samples[$0], tumour: false) }
        if t.count == 1, !n.contains(t[0]) {
            tumour = t[0]
            evidence = "sample name says tumour/somatic"
        }
        if n.count == 1, n[0] != tumour {
            normal = n[0]
            evidence = evidence ?? "sample name says normal/germline"
        }
    }

    /// The two-digit sample type of a TCGA/TARGET-style barcode ("TCGA-A2-A04W-01A-…" → 1), else nil.
    static func tcgaSampleType(_ name: String) -> Int? {
        let parts = name.split(separator: "-")
        guard parts.count >= 4, parts[0].allSatisfy({ $0.isLetter }), parts[2].count == 4 || parts[2].count == 6 else {
            return nil
        }
        let code = parts[3].prefix(2)
        guard code.count == 2, code.allSatisfy(\.isNumber) else { return nil }
        return Int(code)
    }

    /// Two names equal but for one letter, T in one and R or N in the other (COLO829T / COLO829R).
    static func letterPair(_ a: String, _ b: String) -> (Int, Int)? {
        let x = Array(a)
        let y = Array(b)
        guard x.count == y.count else { return nil }
        let diff = x.indices.filter { x[$0] != y[$0] }
        guard diff.count == 1 else { return nil }
        let i = diff[0]
        let (p, q) = (x[i].uppercased(), y[i].uppercased())
        if p == "T" && (q == "R" || q == "N") { return (0, 1) }
        if q == "T" && (p == "R" || p == "N") { return (1, 0) }
        return nil
    }

    /// A role word as a separate part of the name ("Patient_01_Somatic", "S1-tumor", "blood_normal").
    static func word(_ name: String, tumour: Bool) -> Bool {
        let words = name.lowercased().split { !$0.isLetter }.map(String.init)
        let wanted =
            tumour ? ["tumor", "tumour", "somatic", "cancer", "tumoral"] : ["normal", "germline", "blood", "control"]
        return words.contains { wanted.contains($0) }
    }

    /// "TUMOURBARCODE_NORMALBARCODE" (PCGR): both halves TCGA-style with tumour and normal sample types.
    static func joinedBarcodes(_ name: String) -> (tumour: String, normal: String)? {
        let halves = name.split(separator: "_").map(String.init)
        guard halves.count == 2, let t = tcgaSampleType(halves[0]), let n = tcgaSampleType(halves[1]) else {
            return nil
        }
        if t >= 1 && t <= 9 && n >= 10 && n <= 19 { return (halves[0], halves[1]) }
        if n >= 1 && n <= 9 && t >= 10 && t <= 19 { return (halves[1], halves[0]) }
        return nil
    }
}
