import BoardModel
import Foundation

/// Reads the genes, alterations and biomarkers that a registry's free-text eligibility names
/// ("EGFR exon 19 deletion or L858R", "KRAS G12C", "NTRK1, NTRK2 or NTRK3 gene fusion", "MSI-H or dMMR",
/// "ER+ and/or PR+, HER2-", "ECOG 0-1"), sentence by sentence. Deliberately conservative: a gene
/// named without an alteration word, or as a drug target ("KRAS G12C inhibitor", "HER2-directed ADC",
/// "anti-PD-1"), is not taken; nor is an exclusion sentence that permits ("may enrol", "allowed").
/// Everything extracted is marked as taken from text, so the board weighs it accordingly.
public enum EligibilityText {
    public enum Section: String, Sendable { case inclusion, exclusion }

    /// One thing a sentence names.
    public enum Mention: Sendable, Hashable {
        /// Genes (alternatives) with alternative alterations of them.
        case alteration(genes: [String], alternatives: [Alteration])
        case wildtype(genes: [String])
        case msiHigh
        case microsatelliteStable
        case tmb(atLeast: Double)
        case receptor(name: String, positive: Bool)
        case ecog(atMost: Int)
    }

    /// One alternative alteration: a protein change (exact or at a residue), exons, and the kind named.
    public struct Alteration: Sendable, Hashable {
        public enum Kind: String, Sendable { case mutation, deletion, insertion, amplification, fusion, any }
        public var kind: Kind
        public var protein: String?
        public var wildcard: String?
        public var exons: [Int]

        public var label: String {
            var parts: [String] = []
            if let protein { parts.append(protein) }
            if let wildcard { parts.append(wildcard + "*") }
            if !exons.isEmpty { parts.append("exon " + exons.map(String.init).joined(separator: "/")) }
            switch kind {
            case .mutation: if protein == nil && wildcard == nil { parts.append("mutation") }
            case .deletion: parts.append("deletion")
            case .insertion: parts.append("insertion")
            case .amplification: parts.append("amplification")
            case .fusion: parts.append("fusion")
            case .any: parts.append("alteration")
            }
            return parts.joined(separator: " ")
        }
    }

    /// The mentions of one sentence; `anyOf` when the sentence joins them with "or".
    public struct Clause: Sendable, Hashable {
        public var section: Section
        public var mentions: [Mention]
        public var anyOf: Bool
        /// Inclusion text that requires absence ("No EGFR or ALK alteration").
        public var negated: Bool
        public var sentence: String
    }

    /// Splits a ClinicalTrials.gov eligibilityCriteria text into its inclusion and exclusion parts.
    public static func sections(of text: String) -> (inclusion: String, exclusion: String) {
        let lower = text.lowercased()
        guard let range = lower.range(of: "exclusion criteria") else {
            return (strip(text, heading: "inclusion criteria"), "")
        }
        let offset = lower.distance(from: lower.startIndex, to: range.lowerBound)
        let split = text.index(text.startIndex, offsetBy: offset)
        return (
            strip(String(text[..<split]), heading: "inclusion criteria"),
            strip(String(text[split...]), heading: "exclusion criteria")
        )
    }

    private static func strip(_ text: String, heading: String) -> String {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.lowercased().hasPrefix(heading) {
            t = String(t.dropFirst(heading.count)).trimmingCharacters(in: CharacterSet(charactersIn: ": \n\t"))
        }
        return t
    }

    /// The clauses a text yields, in order.
    public static func clauses(_ text: String, section: Section) -> [Clause] {
        sentences(text).compactMap { clause($0, section: section) }
    }

    // MARK: Sentences and tokens

    /// Registry text wraps one bulleted criterion over several lines: a line that starts with no bullet
    /// or number, right after a non-blank line, continues the previous one.
    static func joinWrappedLines(_ text: String) -> [String] {
        var items: [String] = []
        var previousBlank = true
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                previousBlank = true
                continue
            }
            let bullet = line.first.map { "*•-–·".contains($0) } ?? false
            let digitCount = line.prefix(while: \.isNumber).count
            let afterDigits = line.dropFirst(digitCount).first
            let numbered = (1...2).contains(digitCount) && (afterDigits == "." || afterDigits == ")")
            if !previousBlank && !bullet && !numbered && !items.isEmpty && !line.lowercased().hasPrefix("inclusion")
                && !line.lowercased().hasPrefix("exclusion")
            {
                items[items.count - 1] += " " + line
            } else {
                items.append(line)
            }
            previousBlank = false
        }
        return items
    }

    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        for line in joinWrappedLines(text) {
            var current = ""
            let chars = Array(removingParentheses(String(line)))
            for (i, ch) in chars.enumerated() {
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                let prev: Character? = i > 0 ? chars[i - 1] : nil
                // A full stop followed by a lower-case word does not end the sentence ("limits. placed on patients",
                // "etc. and"): splitting there would show half a sentence as a criterion.
                let following = chars[min(i + 1, chars.count)...].first { !$0.isWhitespace }
                if (ch == "." && (next == nil || next!.isWhitespace) && !(prev?.isNumber == true && next == nil)
                    && !current.hasSuffix("e.g")
                    && !current.hasSuffix("i.e") && following?.isLowercase != true) || ch == ";"
                {
                    result.append(current)
                    current = ""
                } else {
                    current.append(ch)
                }
            }
            result.append(current)
        }
        return result.map { s in
            var t = Substring(s.trimmingCharacters(in: .whitespaces))
            while let first = t.first, "*•-–·".contains(first) { t = t.dropFirst().drop(while: \.isWhitespace) }
            let number = t.prefix(while: \.isNumber)
            if !number.isEmpty, number.count <= 2, let after = t.dropFirst(number.count).first,
                after == "." || after == ")"
            {
                t = t.dropFirst(number.count + 1).drop(while: \.isWhitespace)
            }
            return String(t).trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    static func removingParentheses(_ text: String) -> String {
        var depth = 0
        var out = ""
        for ch in text {
            if ch == "(" || ch == "[" {
                depth += 1
                continue
            }
            if ch == ")" || ch == "]" {
                depth = max(0, depth - 1)
                continue
            }
            if depth == 0 { out.append(ch) }
        }
        return out
    }

    struct Token {
        var text: String
        var lower: String
        var start: Int
        var end: Int
    }

    static func tokens(_ sentence: String) -> [Token] {
        var result: [Token] = []
        var current = ""
        var start = 0
        var offset = 0
        func flush() {
            var t = current
            while let last = t.last, ".:\"'".contains(last) { t.removeLast() }
            while let first = t.first, "\"'".contains(first) { t.removeFirst() }
            if !t.isEmpty { result.append(Token(text: t, lower: t.lowercased(), start: start, end: offset)) }
            current = ""
        }
        for ch in sentence {
            if ch.isWhitespace || ch == "," || ch == ";" || ch == ":" {
                flush()
            } else {
                if current.isEmpty { start = offset }
                current.append(ch)
            }
            offset += 1
        }
        flush()
        return result
    }

    // MARK: Genes

    /// Cancer genes the text reader recognises (written in capitals, as symbols are).
    static let geneSymbols: Set<String> = [
        "ABL1", "AKT1", "AKT2", "AKT3", "ALK", "APC", "AR", "ARAF", "ARID1A", "ARID1B", "ARID2", "ATM", "ATR", "ATRX",
        "AXL", "BAP1",
        "BARD1", "BCL2", "BCR", "BRAF", "BRCA1", "BRCA2", "BRIP1", "BTK", "CCND1", "CCNE1", "CD274", "CDH1", "CDK12",
        "CDK4", "CDK6",
        "CDKN2A", "CHEK1", "CHEK2", "CIC", "CSF1R", "CTNNB1", "DDR2", "DICER1", "EGFR", "EP300", "EPCAM", "ERBB2",
        "ERBB3", "ERBB4",
        "ERCC2", "ESR1", "ETV6", "EWSR1", "EZH2", "FANCA", "FBXW7", "FGF19", "FGFR1", "FGFR2", "FGFR3", "FGFR4", "FLT3",
        "FLT1",
        "FLT4", "FOXL2", "GNA11", "GNAQ", "GNAS", "H3F3A", "HRAS", "IDH1", "IDH2", "JAK1", "JAK2", "KDR", "KEAP1",
        "KIT", "KMT2A",
        "KMT2D", "KRAS", "MAP2K1", "MAP2K2", "MDM2", "MED12", "MEN1", "MET", "MLH1", "MSH2", "MSH3", "MSH6", "MTAP",
        "MTOR", "MYC",
        "MYCN", "NF1", "NF2", "NFE2L2", "NOTCH1", "NPM1", "NRAS", "NRG1", "NTRK1", "NTRK2", "NTRK3", "PALB2", "PBRM1",
        "PDGFRA",
        "PDGFRB", "PIK3CA", "PIK3R1", "PMS2", "POLD1", "POLE", "PTCH1", "PTEN", "RAD51B", "RAD51C", "RAD51D", "RAF1",
        "RB1", "RET",
        "RNF43", "ROS1", "SETD2", "SF3B1", "SMAD4", "SMARCA4", "SMARCB1", "SMO", "SOX2", "SPOP", "SRC", "STK11", "TERT",
        "TP53",
        "TSC1", "TSC2", "VHL", "WT1", "ERG", "TMPRSS2", "EML4", "TPM3", "SS18", "FUS", "DDIT3", "NAB2", "STAT6", "HER2",
        "HER3",
    ]

    /// Family names writers use for several genes.
    static let families: [String: [String]] = [
        "NTRK": ["NTRK1", "NTRK2", "NTRK3"], "RAS": ["KRAS", "NRAS", "HRAS"], "BRCA": ["BRCA1", "BRCA2"],
        "FGFR": ["FGFR1", "FGFR2", "FGFR3", "FGFR4"], "IDH": ["IDH1", "IDH2"], "BRCA1/2": ["BRCA1", "BRCA2"],
        "NTRK1/2/3": ["NTRK1", "NTRK2", "NTRK3"], "FGFR1-3": ["FGFR1", "FGFR2", "FGFR3"],
        "FGFR1-4": ["FGFR1", "FGFR2", "FGFR3", "FGFR4"],
        "IDH1/2": ["IDH1", "IDH2"], "MLH1/MSH2": ["MLH1", "MSH2"],
    ]

    /// Genes a token names ("BRCA1/2" → BRCA1, BRCA2; "ETV6::NTRK3" → both; "HER2" → ERBB2), or nil.
    static func genes(in token: String) -> [String]? {
        guard token == token.uppercased(), token.contains(where: \.isLetter) else { return nil }
        if let family = families[token] { return family }
        if geneSymbols.contains(token) { return [GeneTable.canonical(token)] }
        for separator in ["::", "/", "-"] where token.contains(separator) {
            let parts = token.components(separatedBy: separator)
            if separator == "/", let base = parts.first, geneSymbols.contains(base),
                parts.dropFirst().allSatisfy({ $0.count <= 2 && $0.allSatisfy(\.isNumber) })
            {
                let stem = String(base.dropLast(base.reversed().prefix(while: \.isNumber).count))
                return [base] + parts.dropFirst().map { stem + $0 }
            }
            let genes = parts.compactMap { part -> [String]? in
                families[part] ?? (geneSymbols.contains(part) ? [GeneTable.canonical(part)] : nil)
            }
            if genes.count == parts.count { return Array(genes.joined()) }
        }
        return nil
    }

    // MARK: Clauses

    static let drugWords: Set<String> = [
        "inhibitor", "inhibitors", "tki", "tkis", "directed", "targeted", "targeting", "antibody",
        "antibodies", "adc", "adcs", "therapy", "therapies", "agent", "agents", "blockade", "vaccine",
        "drug", "drugs", "treatment", "degrader", "blocker",
    ]
    static let stopWords: Set<String> = [
        "by", "in", "on", "with", "for", "after", "from", "who", "that", "as", "than", "at", "within",
        "and", "is", "are", "was", "were", "must", "should", "confirmed", "documented", "detected", "tested",
    ]
    static let keywordKinds: [String: Alteration.Kind] = [
        "mutation": .mutation, "mutations": .mutation, "mutated": .mutation, "mutant": .mutation, "variant": .mutation,
        "variants": .mutation, "substitution": .mutation, "snv": .mutation, "skipping": .mutation,
        "activating": .mutation,
        "deletion": .deletion, "deletions": .deletion, "del": .deletion, "insertion": .insertion,
        "insertions": .insertion, "ins": .insertion,
        "amplification": .amplification, "amplifications": .amplification, "amplified": .amplification,
        "amp": .amplification,
        "fusion": .fusion, "fusions": .fusion, "rearrangement": .fusion, "rearrangements": .fusion,
        "rearranged": .fusion,
        "translocation": .fusion, "translocations": .fusion, "fusion-positive": .fusion,
        "alteration": .any, "alterations": .any, "aberration": .any, "aberrations": .any, "altered": .any,
        "carrier": .any, "carriers": .any,
    ]
    static let fusionDrivers: Set<String> = ["ALK", "ROS1", "RET", "NTRK1", "NTRK2", "NTRK3", "NRG1", "FGFR2", "FGFR3"]

    struct Found {
        var mention: Mention
        var start: Int
        var end: Int
    }

    static func clause(_ sentence: String, section: Section) -> Clause? {
        let lower = sentence.lowercased()
        if section == .exclusion {
            for phrase in [
                "may enrol", "may be enrol", "allowed", "permitted", "are eligible", "is eligible", "allowable",
            ] where lower.contains(phrase) {
                return nil
            }
        }
        let toks = tokens(sentence)
        var found: [Found] = []
        found += alterations(toks)
        found += biomarkers(sentence, lower: lower)
        guard !found.isEmpty else { return nil }
        found.sort { $0.start < $1.start }
        var unique: [Found] = []
        for f in found where !unique.contains(where: { $0.mention == f.mention }) { unique.append(f) }
        var anyOf = false
        let chars = Array(lower)
        for (a, b) in zip(unique, unique.dropFirst()) where b.start > a.end {
            let gap = " " + String(chars[min(a.end, chars.count)..<min(b.start, chars.count)]) + " "
            if gap.contains(" or ") || gap.contains("/or ") || gap.contains(" or,") { anyOf = true }
        }
        let firstWords = toks.prefix(3).map(\.lower)
        let negated =
            section == .inclusion
            && (firstWords.first == "no" || firstWords.contains("without") || lower.hasPrefix("absence of")
                || lower.contains("negative for") || lower.hasPrefix("must not"))
        return Clause(
            section: section, mentions: unique.map(\.mention), anyOf: anyOf, negated: negated, sentence: sentence)
    }

    static func proteinChange(_ token: String) -> (exact: String?, wildcard: String?)? {
        var t = token
        if t.hasPrefix("p.") { t.removeFirst(2) }
        let chars = Array(t)
        guard chars.count >= 3, let first = chars.first, first.isUppercase, first.isLetter else { return nil }
        let digits = chars.dropFirst().prefix(while: \.isNumber)
        guard digits.count >= 2 else { return nil }
        let rest = String(chars.dropFirst(1 + digits.count))
        let residue = String(first) + String(digits)
        if rest.isEmpty { return (nil, residue) }
        if rest.count == 1, let r = rest.first, r.isUppercase || r == "*" { return (residue + rest, nil) }
        if ["del", "ins", "dup", "fs", "X"].contains(where: { rest.hasPrefix($0) }) || rest.hasPrefix("_") {
            return (residue + rest, nil)
        }
        return nil
    }

    /// Every gene mention in a sentence's tokens with the alteration its words name ("KRAS G12C", "EGFR exon 19
    /// deletion", "ALK-positive", "alteration in BRCA1, BRCA2 or ATM"). A gene named as a drug's target ("HER2-directed
    /// therapy"), a receptor or after "anti" is no mention.
    static func alterations(_ toks: [Token]) -> [Found] {
        var result: [Found] = []
        var i = 0
        while i < toks.count {
            // A gene token, possibly with a suffix ("ALK-positive", "KRAS-mutant", "HER2-directed").
            let (first, suffix) = geneWithSuffix(toks[i].text)
            guard !first.isEmpty, !isReceptorToken(toks, i), !(i > 0 && toks[i - 1].lower.hasPrefix("anti")) else {
                i += 1
                continue
            }
            let group = geneGroup(toks, at: i, first: first, suffix: suffix)
            var scan = DescriptorScan(from: group.next, end: group.end)
            if let suffix { scan.items += describe(suffix, gene: group.genes) }
            scan.drug = scan.items.contains(where: \.isDrug)
            scan.run(toks, genes: group.genes)
            if scan.drug {
                i = max(scan.next, i + 1)
                continue
            }
            var items = scan.items
            if !items.contains(where: \.isKind), let kind = leadingKind(toks, before: i) { items.append(.kind(kind)) }
            if let mention = mention(genes: group.genes, items: items) {
                result.append(Found(mention: mention, start: toks[i].start, end: scan.end))
            }
            i = max(group.next, i + 1)
        }
        return result
    }

    /// The gene at `i` and further genes joined to it by "or"/"and" ("BRCA1 or BRCA2"), with where the group ends and
    /// the first token after it. A gene with a suffix ("ALK-positive") stands alone.
    static func geneGroup(_ toks: [Token], at i: Int, first: [String], suffix: String?)
        -> (genes: [String], end: Int, next: Int)
    {
        var group = first
        var end = toks[i].end
        var j = i + 1
        while j < toks.count, suffix == nil {
            if let more = genes(in: toks[j].text) {
                group += more
                end = toks[j].end
                j += 1
            } else if ["or", "and", "and/or"].contains(toks[j].lower), j + 1 < toks.count,
                let more = genes(in: toks[j + 1].text)
            {
                group += more
                end = toks[j + 1].end
                j += 2
            } else {
                break
            }
        }
        return (group, end, j)
    }

    /// A kind written before the genes ("alteration in BRCA1, BRCA2, PALB2 or ATM").
    static func leadingKind(_ toks: [Token], before i: Int) -> Alteration.Kind? {
        guard i >= 2, ["in", "of", "involving", "affecting"].contains(toks[i - 1].lower) else { return nil }
        return keywordKinds[toks[i - 2].lower]
    }

    enum Item {
        case protein(String?, String?)
        case exons([Int])
        case kind(Alteration.Kind)
        case wildtype
        case drug
        case or

        var isKind: Bool {
            switch self {
            case .protein, .exons, .kind, .wildtype: true
            default: false
            }
        }

        var isDrug: Bool {
            if case .drug = self { return true }
            return false
        }
    }

    static func geneWithSuffix(_ token: String) -> ([String], String?) {
        if let g = genes(in: token) { return (g, nil) }
        guard let dash = token.firstIndex(of: "-") else { return ([], nil) }
        let head = String(token[..<dash])
        let tail = String(token[token.index(after: dash)...]).lowercased()
        guard !tail.isEmpty, tail.first!.isLetter, let g = genes(in: head) else { return ([], nil) }
        return (g, tail)
    }

    static func describe(_ word: String, gene: [String]) -> [Item] {
        if drugWords.contains(word) || word.hasSuffix("-directed") || word.hasSuffix("-targeted")
            || word.hasSuffix("inhibitor")
            || word.hasSuffix("inhibitors")
        {
            return [.drug]
        }
        if ["wildtype", "wild-type", "wt"].contains(word) { return [.wildtype] }
        if word == "positive" || word == "rearranged" || word == "fusion-positive" {
            return gene.contains(where: fusionDrivers.contains) ? [.kind(.fusion)] : []
        }
        if let kind = keywordKinds[word] { return [.kind(kind)] }
        return []
    }

    static func exonShorthand(_ token: String) -> [Item]? {
        // "ex19del", "ex20ins", "ex14"
        let body = token.dropFirst(2)
        let digits = body.prefix(while: \.isNumber)
        guard let n = Int(digits) else { return nil }
        let rest = body.dropFirst(digits.count)
        var items: [Item] = [.exons([n])]
        if rest.hasPrefix("del") {
            items.append(.kind(.deletion))
        } else if rest.hasPrefix("ins") {
            items.append(.kind(.insertion))
        } else if !rest.isEmpty {
            return nil
        }
        return items
    }

    static func isReceptorToken(_ toks: [Token], _ i: Int) -> Bool {
        let t = toks[i].text
        guard t.hasPrefix("HER2") || t.hasPrefix("ERBB2") else { return false }
        let tail = t.dropFirst(t.hasPrefix("HER2") ? 4 : 5).lowercased()
        if ["+", "-", "−", "-positive", "-negative", "positive", "negative", "-low", "+/-"].contains(tail) {
            return true
        }
        if tail.isEmpty, i + 1 < toks.count, ["positive", "negative", "low", "status"].contains(toks[i + 1].lower) {
            return true
        }
        return false
    }

    static func mention(genes: [String], items: [Item]) -> Mention? {
        var unique: [String] = []
        for g in genes where !unique.contains(g) { unique.append(g) }
        if items.contains(where: {
            if case .wildtype = $0 { return true }
            return false
        }) {
            return .wildtype(genes: unique)
        }
        let lastKind: Alteration.Kind? = items.reversed().lazy.compactMap {
            if case .kind(let k) = $0 { return k }
            return nil
        }.first
        // Segments split by "or"; each protein change is its own alternative.
        var segments: [[Item]] = [[]]
        for item in items {
            if case .or = item { segments.append([]) } else { segments[segments.count - 1].append(item) }
        }
        var alternatives: [Alteration] = []
        for segment in segments {
            let exons = segment.flatMap {
                if case .exons(let e) = $0 { return e }
                return []
            }
            let kind = segment.lazy.compactMap {
                if case .kind(let k) = $0 { return k }
                return nil
            }.first
            let proteins = segment.compactMap {
                if case .protein(let e, let w) = $0 { return (e, w) }
                return nil
            }
            if !proteins.isEmpty {
                for (exact, wildcard) in proteins {
                    alternatives.append(
                        Alteration(kind: kind ?? .mutation, protein: exact, wildcard: wildcard, exons: exons))
                }
            } else if !exons.isEmpty {
                alternatives.append(
                    Alteration(kind: kind ?? lastKind ?? .mutation, protein: nil, wildcard: nil, exons: exons))
            } else if let kind, segments.count == 1 || alternatives.isEmpty || !segment.isEmpty {
                alternatives.append(Alteration(kind: kind, protein: nil, wildcard: nil, exons: []))
            }
        }
        guard !alternatives.isEmpty else { return nil }
        var seen: [Alteration] = []
        for a in alternatives where !seen.contains(a) { seen.append(a) }
        return .alteration(genes: unique, alternatives: seen)
    }

    // MARK: Biomarkers (regular expressions over the sentence)

    nonisolated(unsafe) static let msiHighPattern = try! Regex(
        #"\bmsi[- ]?h(igh)?\b|microsatellite[- ]instability[- ]high|\bmsi[- ]high\b|\bdmmr\b|mismatch[- ]repair[- ]defici|\bmmr[- ]defici|\bmmr deficiency"#
    )
    nonisolated(unsafe) static let mssPattern = try! Regex(
        #"\bmss\b|microsatellite[- ]stable|\bpmmr\b|mismatch[- ]repair[- ]proficient|\bmmr[- ]proficient"#)
    nonisolated(unsafe) static let tmbPattern = try! Regex(
        #"(\btmb\b|tumou?r mutational burden)[^0-9.;]{0,25}(≥|>=|>|of at least)\s*(\d+(\.\d+)?)"#)
    nonisolated(unsafe) static let tmbHighPattern = try! Regex(#"\btmb[- ]?h(igh)?\b|high tumou?r mutational burden"#)
    nonisolated(unsafe) static let ecogRangePattern = try! Regex(
        #"\becog\b[^0-9.;]{0,30}?([0-4])\s*(?:-|–|to|or|and)\s*([0-4])"#)
    nonisolated(unsafe) static let ecogMaxPattern = try! Regex(#"\becog\b[^0-9.;]{0,30}?(≤|<=|<)\s*([0-4])"#)
    nonisolated(unsafe) static let receptorPattern = try! Regex(
        #"\b(ER|PR|PgR|HER2|HR)(\s?\+|\s?−|-(?=[\s,/.;]|$)|[- ]?positive|[- ]?negative)"#)

    static func biomarkers(_ sentence: String, lower: String) -> [Found] {
        var result: [Found] = []
        func offsets(_ range: Range<String.Index>, in text: String) -> (Int, Int) {
            (
                text.distance(from: text.startIndex, to: range.lowerBound),
                text.distance(from: text.startIndex, to: range.upperBound)
            )
        }
        for m in lower.matches(of: msiHighPattern) {
            let (s, e) = offsets(m.range, in: lower)
            result.append(Found(mention: .msiHigh, start: s, end: e))
        }
        for m in lower.matches(of: mssPattern) {
            let (s, e) = offsets(m.range, in: lower)
            result.append(Found(mention: .microsatelliteStable, start: s, end: e))
        }
        for m in lower.matches(of: tmbPattern) {
            let number = String(lower[m.range]).split(whereSeparator: { !($0.isNumber || $0 == ".") }).last.flatMap {
                Double($0)
            }
            let (s, e) = offsets(m.range, in: lower)
            if let number { result.append(Found(mention: .tmb(atLeast: number), start: s, end: e)) }
        }
        if result.allSatisfy({
            if case .tmb = $0.mention { return false }
            return true
        }), let m = lower.firstMatch(of: tmbHighPattern) {
            let (s, e) = offsets(m.range, in: lower)
            result.append(Found(mention: .tmb(atLeast: 10), start: s, end: e))
        }
        if let m = lower.firstMatch(of: ecogRangePattern) {
            let digits = String(lower[m.range]).compactMap(\.wholeNumberValue)
            let (s, e) = offsets(m.range, in: lower)
            if let top = digits.last { result.append(Found(mention: .ecog(atMost: top), start: s, end: e)) }
        } else if let m = lower.firstMatch(of: ecogMaxPattern) {
            let text = String(lower[m.range])
            let digit = text.compactMap(\.wholeNumberValue).last ?? 0
            let (s, e) = offsets(m.range, in: lower)
            result.append(
                Found(
                    mention: .ecog(atMost: text.contains("<") && !text.contains("<=") ? digit - 1 : digit), start: s,
                    end: e))
        }
        if lower.contains("triple-negative") || lower.contains("triple negative") {
            let r = lower.range(of: "triple")!
            let (s, e) = offsets(r, in: lower)
            for name in ["ER", "PR", "HER2"] {
                result.append(Found(mention: .receptor(name: name, positive: false), start: s, end: e + 8))
            }
        }
        if let r = lower.range(of: "hormone receptor-positive") ?? lower.range(of: "hormone receptor positive") {
            let (s, e) = offsets(r, in: lower)
            result.append(Found(mention: .receptor(name: "ER", positive: true), start: s, end: e))
            result.append(Found(mention: .receptor(name: "PR", positive: true), start: s, end: e))
        }
        for m in sentence.matches(of: receptorPattern) {
            let text = String(sentence[m.range])
            let name =
                text.hasPrefix("HER2") ? "HER2" : text.hasPrefix("HR") ? "HR" : text.hasPrefix("ER") ? "ER" : "PR"
            let tail = text.dropFirst(name == "PR" && text.hasPrefix("PgR") ? 3 : name.count).lowercased()
            let positive = tail.contains("+") || tail.contains("positive")
            let (s, e) = offsets(m.range, in: sentence)
            if name == "HR" {
                result.append(Found(mention: .receptor(name: "ER", positive: positive), start: s, end: e))
                result.append(Found(mention: .receptor(name: "PR", positive: positive), start: s, end: e))
            } else {
                result.append(Found(mention: .receptor(name: name, positive: positive), start: s, end: e))
            }
        }
        return result
    }
}

extension EligibilityText.Mention {
    /// "KRAS G12C", "EGFR exon 19 deletion / L858R", "MSI-H or dMMR", "ER positive", "ECOG ≤1".
    public var label: String {
        switch self {
        case .alteration(let genes, let alternatives):
            return genes.joined(separator: "/") + " " + alternatives.map(\.label).joined(separator: " / ")
        case .wildtype(let genes): return genes.joined(separator: "/") + " wild-type"
        case .msiHigh: return "MSI-H or dMMR"
        case .microsatelliteStable: return "MSS or pMMR"
        case .tmb(let n): return "TMB ≥\(n == n.rounded() ? String(Int(n)) : String(n)) mut/Mb"
        case .receptor(let name, let positive): return name + (positive ? " positive" : " negative")
        case .ecog(let n): return "ECOG ≤\(n)"
        }
    }
}
