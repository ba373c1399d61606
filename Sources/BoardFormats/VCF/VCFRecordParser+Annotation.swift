import BoardModel
import Foundation

/// The annotation entry chosen for an allele (VEP CSQ, SnpEff ANN/EFF, bcftools BCSQ, ANNOVAR) and what it
/// gives the finding.
extension VCFRecordParser {
    /// The chosen annotation entry's gene, transcript, HGVS, consequence and exon, written straight into the finding
    /// (the first declared annotation that has an entry for the allele, else ANNOVAR's fields); INFO's short protein
    /// change when the annotation has none.
    mutating func annotate(
        _ base: inout Finding, info: VCFInfo, allele: Int, alt: UnsafeBufferPointer<UInt8>,
        ref: UnsafeBufferPointer<UInt8>, altCount: Int
    ) {
        var annotated = false
        for key in annotationKeys {
            guard let value = info.annotations[key], let layout = layouts[key] else { continue }
            if let entry = bestEntry(value, layout: layout, allele: allele, alt: alt, ref: ref, altCount: altCount) {
                Self.fill(&base, entry: entry, layout: layout)
                annotated = true
                break
            }
        }
        if !annotated, let suffix = annovarSuffix {
            Self.fillANNOVAR(&base, info: info, suffix: suffix, allele: allele)
        }
        if base.hgvsPShort == nil, let short = info.hgvsPShort { base.hgvsPShort = short }
    }

    /// The entry for this allele that best describes it. VEP output: the entry VEP flagged PICK, else VEP's own
    /// default --pick_order (MANE Select, MANE Plus Clinical, canonical, APPRIS, TSL, biotype, CCDS, consequence
    /// rank; `vepScore`). Other tools: one with a protein change, then by impact. Ties keep the first entry. SnpEff -cancer entries for one ALT against another ("G-C") are not the allele's.
    mutating func bestEntry(
        _ value: UnsafeBufferPointer<UInt8>, layout: VCFAnnotationLayout, allele: Int, alt: UnsafeBufferPointer<UInt8>,
        ref: UnsafeBufferPointer<UInt8>, altCount: Int
    ) -> AnnotationEntry? {
        let target = AlleleInEntry(alt: alt, ref: ref, number: allele, altCount: altCount)
        var best: AnnotationEntry?
        var bestScore = -1
        var entries = 0
        var scratch = entryFields
        entryFields = []
        defer { entryFields = scratch }
        let vep = layout.isVEP
        func consider(_ parts: [UnsafeBufferPointer<UInt8>]) {
            guard target.matches(parts, layout: layout) else { return }
            let score = vep ? Self.vepScore(parts, layout: layout) : Self.score(parts, layout: layout)
            // Only the best entry so far is kept (its bytes: strings are made for the fields used, once chosen).
            if score > bestScore {
                bestScore = score
                best = AnnotationEntry(parts)
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
        return best
    }

    /// The ALT allele as an annotation entry names it: by number (ALLELE_NUM), else by its bases, also with the
    /// padding base VEP trims ("-" when nothing is left); an entry without an allele field fits a single-ALT record.
    struct AlleleInEntry {
        let alt: UnsafeBufferPointer<UInt8>
        let trimmed: UnsafeBufferPointer<UInt8>
        let trimmedIsDash: Bool
        let number: Int
        let altCount: Int

        init(alt: UnsafeBufferPointer<UInt8>, ref: UnsafeBufferPointer<UInt8>, number: Int, altCount: Int) {
            var trimmed = alt
            var trimmedIsDash = false
            if let r = ref.first, alt.first == r, alt.first != 0x3C {
                trimmed = UnsafeBufferPointer(rebasing: alt[1...])
                trimmedIsDash = trimmed.isEmpty
            }
            self.alt = alt
            self.trimmed = trimmed
            self.trimmedIsDash = trimmedIsDash
            self.number = number
            self.altCount = altCount
        }

        func matches(_ parts: [UnsafeBufferPointer<UInt8>], layout: VCFAnnotationLayout) -> Bool {
            if layout.alleleNum >= 0, layout.alleleNum < parts.count, let n = parts[layout.alleleNum].int {
                return n == number
            }
            if layout.allele >= 0, layout.allele < parts.count {
                let a = parts[layout.allele]
                let same = a.elementsEqual(alt) || (trimmedIsDash ? a.equals("-") : a.elementsEqual(trimmed))
                return same || (altCount == 1 && a.isEmpty)
            }
            return altCount <= 1
        }
    }

    /// VEP's documented default --pick_order, as one number compared lexicographically (each criterion's bits above
    /// the next one's): a PICK flag VEP wrote, then MANE_SELECT, MANE_PLUS_CLINICAL, CANONICAL=YES, APPRIS (P1 … P5
    /// before A1, A2), TSL (1 best … 5), BIOTYPE protein_coding, CCDS, and the consequence's rank by IMPACT (HIGH,
    /// MODERATE, LOW, MODIFIER). Transcript length, VEP's next criterion, is not in the file.
    static func vepScore(_ parts: [UnsafeBufferPointer<UInt8>], layout: VCFAnnotationLayout) -> Int {
        func has(_ i: Int) -> Bool { i >= 0 && i < parts.count && !parts[i].isEmpty && !parts[i].equals("-") }
        func text(_ i: Int) -> String? { has(i) ? parts[i].string : nil }
        var score = 0
        if has(layout.pick) && parts[layout.pick].equals("1") { score |= 1 << 30 }
        if has(layout.maneSelect) { score |= 1 << 29 }
        if has(layout.manePlusClinical) { score |= 1 << 28 }
        if has(layout.canonical) && parts[layout.canonical].equals("YES") { score |= 1 << 27 }
        if let a = text(layout.appris)?.lowercased() {
            // "P1" or "principal1" … "P5"; "A1"/"alternative1", "A2".
            let digit = a.last.flatMap { Int(String($0)) } ?? 9
            let principal = a.hasPrefix("p")
            let rank = principal ? max(0, 8 - digit) : (a.hasPrefix("a") ? max(0, 3 - digit) : 0)
            score |= min(rank, 7) << 24
        }
        if let t = text(layout.tsl).flatMap({ Int($0.prefix(1)) }), (1...5).contains(t) { score |= (6 - t) << 21 }
        if has(layout.biotype) && parts[layout.biotype].equals("protein_coding") { score |= 1 << 20 }
        if has(layout.ccds) { score |= 1 << 19 }
        if has(layout.impact) {
            let impact = parts[layout.impact]
            score |= (impact.equals("HIGH") ? 3 : impact.equals("MODERATE") ? 2 : impact.equals("LOW") ? 1 : 0) << 16
        }
        return score
    }

    /// PICK 200, canonical 100, a protein change 50, impact HIGH/MODERATE/LOW 30/20/10.
    static func score(_ parts: [UnsafeBufferPointer<UInt8>], layout: VCFAnnotationLayout) -> Int {
        func has(_ i: Int) -> Bool { i >= 0 && i < parts.count && !parts[i].isEmpty }
        var score = 0
        if has(layout.pick) && parts[layout.pick].equals("1") { score += 200 }
        if has(layout.canonical) && parts[layout.canonical].equals("YES") { score += 100 }
        if has(layout.hgvsP) || has(layout.bcsqProtein) || has(layout.effProtein) { score += 50 }
        if has(layout.impact) {
            let impact = parts[layout.impact]
            score += impact.equals("HIGH") ? 30 : impact.equals("MODERATE") ? 20 : impact.equals("LOW") ? 10 : 0
        }
        return score
    }

    /// The chosen entry's fields into the finding; a protein change the entry only implies (VEP amino acids, SnpEff's
    /// one-letter change, bcftools csq) is written as HGVS and marked derived. An ASCII entry (nearly all) is read from
    /// its bytes by the same rules as the text path below, which is kept for any other.
    static func fill(_ a: inout Finding, entry: AnnotationEntry, layout: VCFAnnotationLayout) {
        guard entry.isASCII else {
            fill(&a, entry: entry.strings, layout: layout)
            return
        }
        a.gene = entry.text(layout.gene)
        a.transcript = entry.text(layout.transcript)
        a.exon = entry.text(layout.exon)
        a.consequence = entry.text(layout.consequence, replacing: 0x26, with: 0x2C)  // "&" → ","
        a.hgvsC = entry.hgvs(layout.hgvsC)
        a.hgvsP = entry.hgvs(layout.hgvsP)
        a.hgvsPShort = entry.hgvs(layout.hgvsPShort)
        derive(&a, field: entry.text, layout: layout)
    }

    /// The text path of `fill`: every field a string.
    static func fill(_ a: inout Finding, entry fields: [String], layout: VCFAnnotationLayout) {
        func field(_ i: Int) -> String? {
            guard i >= 0, i < fields.count, !fields[i].isEmpty, fields[i] != "." else { return nil }
            return fields[i]
        }
        a.gene = field(layout.gene)
        a.transcript = field(layout.transcript)
        a.exon = field(layout.exon)
        a.consequence = field(layout.consequence).map { $0.replacingOccurrences(of: "&", with: ",") }
        // HGVS without the sequence id ("ENSP00000288602.6:p.Val600Glu" → "p.Val600Glu"): the transcript is its own field.
        a.hgvsC = field(layout.hgvsC).map(VCFAnnotationText.decodeVEP).map(VCFAnnotationText.withoutSequence)
        a.hgvsP = field(layout.hgvsP).map(VCFAnnotationText.decodeVEP).map(VCFAnnotationText.withoutSequence)
        a.hgvsPShort = field(layout.hgvsPShort).map(VCFAnnotationText.decodeVEP).map(VCFAnnotationText.withoutSequence)
        derive(&a, field: field, layout: layout)
    }

    /// After the entry's own HGVS: an HGVSp that is not a protein change dropped, and a protein change the entry only
    /// implies written as HGVS.
    static func derive(_ a: inout Finding, field: (Int) -> String?, layout: VCFAnnotationLayout) {
        // VEP v85 wrote the c. string into HGVSp for synonymous variants: not a protein change.
        if let p = a.hgvsP, !p.hasPrefix("p.") { a.hgvsP = nil }
        if a.hgvsP == nil, let aa = field(layout.aminoAcids), let position = field(layout.proteinPosition) {
            a.hgvsP = VCFAnnotationText.derivedProtein(aminoAcids: aa, position: position, consequence: a.consequence)
            if a.hgvsP != nil { a.proteinDerivedFrom = "VEP Amino_acids and Protein_position (the file has no HGVSp)" }
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
                    a.proteinDerivedFrom = "SnpEff EFF Amino_Acid_Change \(part) (no p. in the file)"
                }
            }
        }
        if a.hgvsP == nil, let change = field(layout.bcsqProtein), let p = VCFAnnotationText.bcsqProtein(change) {
            a.hgvsP = p
            a.proteinDerivedFrom = "bcftools csq amino_acid_change \(change)"
        }
    }

    /// ANNOVAR INFO fields: Gene.<db>, Func.<db>, ExonicFunc.<db>, AAChange.<db> ("GENE:NM_…:exon3:c.A123G:p.K41E,…").
    /// Nothing is written when the record has no gene.
    static func fillANNOVAR(_ a: inout Finding, info: VCFInfo, suffix: String, allele: Int) {
        func value(_ k: String) -> String? {
            guard let v = info.annovar[k + "." + suffix] else { return nil }
            let parts = v.split(separator: ",", omittingEmptySubsequences: false)
            let one = parts.count > 1 && parts.count >= allele ? String(parts[allele - 1]) : v
            let decoded = one.replacingOccurrences(of: "\\x3b", with: ";").replacingOccurrences(of: "\\x3d", with: "=")
            return decoded.isEmpty || decoded == "." ? nil : decoded
        }
        guard let gene = value("Gene") else { return }
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
    }
}
