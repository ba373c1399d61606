import BoardModel
import Foundation

/// The small vocabularies matching needs: variant categories and classifications as CTML spells
/// them, copy-number calls, protein-change spellings, numeric comparisons and drug classes.
enum Vocabulary {}

/// CTML's variant_category, and what a finding kind counts as.
enum VariantCategory: String, Sendable {
    case mutation = "Mutation"
    case copyNumber = "Copy Number Variation"
    case structural = "Structural Variation"
    case signature = "Signature"

    init?(ctml text: String) {
        let t = text.lowercased()
        if t.hasPrefix("mut") {
            self = .mutation
        } else if t.hasPrefix("copy") || t == "cnv" || t == "cna" {
            self = .copyNumber
        } else if t.hasPrefix("struct") || t == "sv" || t.contains("fusion") {
            self = .structural
        } else if t.hasPrefix("sig") {
            self = .signature
        } else {
            return nil
        }
    }

    init(_ kind: FindingKind) {
        switch kind {
        case .snv, .indel: self = .mutation
        case .copyNumber: self = .copyNumber
        case .fusion, .structural: self = .structural
        case .biomarker: self = .signature
        }
    }

    var noun: String {
        switch self {
        case .mutation: "mutation"
        case .copyNumber: "copy-number change"
        case .structural: "rearrangement"
        case .signature: "signature"
        }
    }
}

/// MAF variant classifications, derived from a finding's consequence (VEP/SO or MAF spelling).
enum VariantClass: String, Sendable {
    case missense = "Missense_Mutation"
    case nonsense = "Nonsense_Mutation"
    case frameShiftDel = "Frame_Shift_Del"
    case frameShiftIns = "Frame_Shift_Ins"
    case inFrameDel = "In_Frame_Del"
    case inFrameIns = "In_Frame_Ins"
    case spliceSite = "Splice_Site"
    case silent = "Silent"
    case nonstop = "Nonstop_Mutation"
    case translationStart = "Translation_Start_Site"
    case flank5 = "5'Flank"
    case flank3 = "3'Flank"
    case utr5 = "5'UTR"
    case utr3 = "3'UTR"
    case intron = "Intron"
    case splicRegion = "Splice_Region"
    /// A frameshift whose direction (deletion or insertion) the record does not say.
    case frameShift = "Frame_Shift"

    init?(maf text: String) {
        var key = text.lowercased()
        if key.contains(" ") { key = key.replacingOccurrences(of: " ", with: "_") }
        guard let match = Self.byKey[key] else { return nil }
        self = match
    }

    static let byKey: [String: VariantClass] = {
        var map: [String: VariantClass] = [:]
        let all: [VariantClass] = [
            .missense, .nonsense, .frameShiftDel, .frameShiftIns, .inFrameDel, .inFrameIns, .spliceSite, .silent,
            .nonstop, .translationStart, .flank5, .flank3, .utr5, .utr3, .intron, .splicRegion, .frameShift,
        ]
        for value in all { map[value.rawValue.lowercased()] = value }
        let so: [String: VariantClass] = [
            "missense_variant": .missense, "stop_gained": .nonsense, "inframe_deletion": .inFrameDel,
            "inframe_insertion": .inFrameIns,
            "splice_donor_variant": .spliceSite, "splice_acceptor_variant": .spliceSite,
            "splice_region_variant": .splicRegion,
            "synonymous_variant": .silent, "stop_lost": .nonstop, "start_lost": .translationStart,
            "upstream_gene_variant": .flank5,
            "downstream_gene_variant": .flank3, "5_prime_utr_variant": .utr5, "3_prime_utr_variant": .utr3,
            "intron_variant": .intron,
            "frameshift_variant": .frameShift, "protein_altering_variant": .missense,
        ]
        map.merge(so) { a, _ in a }
        return map
    }()

    /// The class of a finding: its consequence, refined by HGVS for frameshifts and in-frame changes.
    static func of(_ finding: Finding) -> VariantClass? {
        var result: VariantClass?
        for part in (finding.consequence ?? "").split(whereSeparator: { $0 == "&" || $0 == "," }) {
            if let c = VariantClass(maf: String(part)) {
                result = c
                break
            }
        }
        let p = finding.hgvsP ?? ""
        if result == nil || result == .frameShift {
            if p.hasSuffix("fs") || p.contains("fs*") || p.contains("fsTer") || result == .frameShift {
                let c = (finding.hgvsC ?? "").lowercased()
                if c.contains("ins") || c.contains("dup") { return .frameShiftIns }
                if c.contains("del") { return .frameShiftDel }
                return .frameShift
            }
            if p.hasSuffix("*") || p.hasSuffix("Ter") { return .nonsense }
            if p.contains("delins") { return result ?? .inFrameIns }
            if p.contains("del") { return .inFrameDel }
            if p.contains("ins") || p.contains("dup") { return .inFrameIns }
        }
        return result
    }

    /// Whether a finding of class `self` satisfies a criterion asking for `wanted`
    /// (a frameshift of unknown direction satisfies either frameshift class).
    func satisfies(_ wanted: VariantClass) -> Bool {
        if self == wanted { return true }
        if self == .frameShift { return wanted == .frameShiftDel || wanted == .frameShiftIns }
        if wanted == .frameShift { return self == .frameShiftDel || self == .frameShiftIns }
        return false
    }
}

/// Copy-number calls, tolerant of CTML spellings ("High level amplification", "High Amplication").
enum CNVCall: String, Sendable {
    case amplification, gain, heterozygousDeletion, homozygousDeletion

    init?(ctml text: String) {
        let t = text.lowercased()
        if t.contains("ampli") {
            self = .amplification
        } else if t.contains("gain") {
            self = .gain
        } else if t.contains("homozygous") || t.contains("deep") {
            self = .homozygousDeletion
        } else if t.contains("heterozygous") || t.contains("shallow") || t.contains("loss") {
            self = .heterozygousDeletion
        } else {
            return nil
        }
    }

    init(_ call: CopyNumberCall) {
        switch call {
        case .amplification: self = .amplification
        case .gain: self = .gain
        case .heterozygousDeletion: self = .heterozygousDeletion
        case .homozygousDeletion: self = .homozygousDeletion
        }
    }

    var label: String {
        switch self {
        case .amplification: "amplification"
        case .gain: "gain"
        case .heterozygousDeletion: "heterozygous deletion"
        case .homozygousDeletion: "homozygous deletion"
        }
    }
}

/// Protein changes in one spelling: no "p.", no parentheses, one-letter amino acids ("L858R", "G12", "E746_A750del").
enum ProteinChange {
    static let threeLetter: [(String, String)] = [
        ("Ala", "A"), ("Arg", "R"), ("Asn", "N"), ("Asp", "D"), ("Cys", "C"), ("Gln", "Q"), ("Glu", "E"), ("Gly", "G"),
        ("His", "H"), ("Ile", "I"), ("Leu", "L"), ("Lys", "K"), ("Met", "M"), ("Phe", "F"), ("Pro", "P"), ("Ser", "S"),
        ("Thr", "T"), ("Trp", "W"), ("Tyr", "Y"), ("Val", "V"), ("Ter", "*"),
    ]

    static func normalise(_ text: String) -> String {
        var t = text
        if t.first == " " || t.last == " " { t = t.trimmingCharacters(in: .whitespaces) }
        if t.hasPrefix("p.") || t.hasPrefix("P.") { t.removeFirst(2) }
        if t.contains("(") { t.removeAll { $0 == "(" || $0 == ")" } }
        if t.count >= 4, t.prefix(3).allSatisfy(\.isLetter) {
            for (three, one) in threeLetter { t = t.replacingOccurrences(of: three, with: one) }
        }
        return t
    }

    /// A residue range written without residues, as CTML writes exon-wide changes ("729_761del": any
    /// deletion lying within residues 729–761, which is EGFR exon 19): the bounds and the kind of change.
    static func range(_ change: String) -> (lower: Int, upper: Int, kind: String)? {
        let u = Array(change.utf8)
        var i = 0
        func number() -> Int? {
            var v = 0
            var seen = false
            while i < u.count, (48...57).contains(u[i]) {
                v = v * 10 + Int(u[i] - 48)
                i += 1
                seen = true
            }
            return seen ? v : nil
        }
        guard let lower = number(), i < u.count, u[i] == UInt8(ascii: "_") else { return nil }
        i += 1
        guard let upper = number(), lower <= upper else { return nil }
        let kind = String(decoding: u[i...], as: UTF8.self).lowercased()
        guard ["del", "ins", "dup", "delins"].contains(kind) else { return nil }
        return (lower, upper, kind)
    }

    /// The first and last residue numbers a change touches ("E746_A750del" → 746…750, "L858R" → 858…858)
    /// and its kind ("del", "ins", "dup", "delins", or "" for a substitution).
    static func span(_ change: String) -> (lower: Int, upper: Int, kind: String)? {
        var numbers: [Int] = []
        var current = 0
        var inNumber = false
        var tail = Substring("")
        for (k, ch) in zip(change.indices, change) {
            if let d = ch.wholeNumberValue, ch.isASCII {
                current = current * 10 + d
                inNumber = true
            } else {
                if inNumber {
                    numbers.append(current)
                    current = 0
                    inNumber = false
                }
                if ch.isLowercase {
                    tail = change[k...]
                    break
                }
            }
        }
        if inNumber { numbers.append(current) }
        guard let first = numbers.first, numbers.count <= 2 else { return nil }
        let kind = tail.prefix { $0.isLowercase }
        return (first, numbers.count == 2 ? numbers[1] : first, String(kind))
    }

    /// Whether `change` lies within a residue range and is of its kind (a deletion-insertion counts as a
    /// deletion: "L747_P753delinsS" is an exon 19 deletion).
    static func matchesRange(_ change: String, _ range: (lower: Int, upper: Int, kind: String)) -> Bool {
        guard let s = span(change), s.lower >= range.lower, s.upper <= range.upper else { return false }
        switch range.kind {
        case "del": return s.kind == "del" || s.kind == "delins"
        case "ins": return s.kind == "ins" || s.kind == "dup" || s.kind == "delins"
        default: return s.kind == range.kind
        }
    }

    /// Whether `change` is at the residue a wildcard names ("G12" matches "G12C", not "G120A").
    /// A wildcard that already names the new residue ("V600E") matches that change and its extensions.
    static func matchesWildcard(_ change: String, _ wildcard: String) -> Bool {
        guard change.hasPrefix(wildcard) else { return false }
        if change.count == wildcard.count { return true }
        guard let last = wildcard.last else { return false }
        let next = change[change.index(change.startIndex, offsetBy: wildcard.count)]
        return !(last.isNumber && next.isNumber)
    }
}

/// A numeric condition such as ">=18" or "<=1".
struct Comparison: Sendable, Hashable {
    enum Op: String, Sendable {
        case lt = "<"
        case le = "≤"
        case gt = ">"
        case ge = "≥"
        case eq = "="
        case ne = "≠"
    }
    var op: Op
    var value: Double

    init(op: Op, value: Double) {
        self.op = op
        self.value = value
    }

    init?(_ text: String) {
        var t = text.trimmingCharacters(in: .whitespaces)
        let ops: [(String, Op)] = [
            (">=", .ge), ("=>", .ge), ("≥", .ge), ("<=", .le), ("=<", .le), ("≤", .le), ("!=", .ne),
            ("==", .eq), (">", .gt), ("<", .lt), ("=", .eq),
        ]
        var found: Op = .eq
        for (symbol, op) in ops where t.hasPrefix(symbol) {
            found = op
            t.removeFirst(symbol.count)
            break
        }
        let digits = t.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber || $0 == "." }
        guard let value = Double(digits) else { return nil }
        self.op = found
        self.value = value
    }

    func holds(_ x: Double) -> Bool {
        switch op {
        case .lt: x < value
        case .le: x <= value
        case .gt: x > value
        case .ge: x >= value
        case .eq: x == value
        case .ne: x != value
        }
    }

    /// Whether the comparison holds for every value from `lower` up (a recorded age is a lower bound of the age
    /// now: the age on an unstated past date); nil when it depends on the value.
    func holds(fromAtLeast lower: Double) -> Bool? {
        switch op {
        case .ge: lower >= value ? true : nil
        case .gt: lower > value ? true : nil
        case .le: lower > value ? false : nil
        case .lt: lower >= value ? false : nil
        case .eq: lower > value ? false : nil
        case .ne: lower > value ? true : nil
        }
    }

    var label: String {
        let v = value == value.rounded() ? String(Int(value)) : String(value)
        return op == .eq ? v : "\(op.rawValue)\(v)"
    }
}

/// Drug classes a prior-treatment criterion may name instead of a drug.
enum DrugClass {
    static let members: [String: [String]] = [
        "platinum": ["carboplatin", "cisplatin", "oxaliplatin"],
        "anti-pd-1": ["pembrolizumab", "nivolumab", "cemiplimab", "dostarlimab", "tislelizumab"],
        "anti-pd-l1": ["atezolizumab", "durvalumab", "avelumab"],
        "egfr tki": ["erlotinib", "gefitinib", "afatinib", "osimertinib", "dacomitinib", "lazertinib"],
        "alk tki": ["crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib"],
        "kras g12c inhibitor": ["sotorasib", "adagrasib", "divarasib"],
        "cdk4/6 inhibitor": ["palbociclib", "ribociclib", "abemaciclib"],
        "parp inhibitor": ["olaparib", "niraparib", "rucaparib", "talazoparib"],
        "taxane": ["paclitaxel", "docetaxel", "nab-paclitaxel", "cabazitaxel"],
        "anthracycline": ["doxorubicin", "epirubicin", "daunorubicin"],
        "fluoropyrimidine": ["fluorouracil", "capecitabine", "5-fu"],
    ]

    /// The drug names a criterion value stands for (the value itself plus class members).
    static func expand(_ value: String) -> [String] {
        let v = value.lowercased().trimmingCharacters(in: .whitespaces)
        return [v] + (members[v] ?? [])
    }
}
