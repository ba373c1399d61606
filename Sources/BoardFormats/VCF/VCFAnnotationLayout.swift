import Foundation

/// Where each field of a per-transcript annotation sits, read from the header's declaration of the INFO key:
/// VEP `CSQ` (or VEP under `ANN`) "… Format: Allele|Consequence|…", SnpEff `ANN` "Functional annotations:
/// 'Allele | Annotation | …'", bcftools csq `BCSQ` "Format: '[*]consequence|gene|transcript|…'". Fields are found
/// by their declared names (case-insensitive), never by a position assumed from another tool.
struct VCFAnnotationLayout {
    let key: String
    let names: [String]
    var allele = -1, consequence = -1, impact = -1, gene = -1, transcript = -1, exon = -1, hgvsC = -1, hgvsP = -1
    var hgvsPShort = -1, canonical = -1, pick = -1, alleleNum = -1, biotype = -1, aminoAcids = -1, proteinPosition = -1
    /// VEP's transcript-choice fields (its --pick_order criteria): MANE_SELECT, MANE_PLUS_CLINICAL, APPRIS, TSL, CCDS.
    var maneSelect = -1, manePlusClinical = -1, appris = -1, tsl = -1, ccds = -1
    /// bcftools csq: protein change in its own notation ("36R>36*") and the genomic change ("20501582G>A").
    var bcsqProtein = -1
    /// SnpEff EFF: "p.Gly12Val/c.35G>T" (HGVS mode) or "G12V".
    var effProtein = -1
    /// Fields this reader reads (the rest are reported as not used).
    var used: Set<Int> = []

    /// The tool that wrote it, for the report's assay.
    var tool: String {
        switch key {
        case "BCSQ": "bcftools csq"
        case "EFF": "SnpEff EFF"
        case "ANN"
        where allele >= 0 && names.contains(where: { $0.caseInsensitiveCompare("Annotation_Impact") == .orderedSame }):
            "SnpEff ANN"
        case "ANN": "VEP (ANN)"
        default: "VEP CSQ"
        }
    }

    /// Written by Ensembl VEP (CSQ, or VEP's layout under ANN): its transcript choice follows VEP's --pick_order.
    var isVEP: Bool { key == "CSQ" || tool == "VEP (ANN)" }

    init?(key: String, description: String) {
        self.key = key
        var text = Substring(description)
        if let r = text.range(of: "Format:") ?? text.range(of: "format:") ?? text.range(of: "annotations:") {
            text = text[r.upperBound...]
        } else {
            return nil
        }
        text = Substring(text.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("'") {
            text = text.dropFirst()
            if let end = text.firstIndex(of: "'") { text = text[..<end] }
        }
        // bcftools: "[*]consequence|gene|…[|strand|…]" — optional parts in brackets, a leading "[*]" marker.
        // SnpEff EFF (before 4.1): "Effect ( Effect_Impact | … | Genotype_Number [ | ERRORS | WARNINGS ] )".
        let cleaned = text.replacingOccurrences(of: "[*]", with: "").replacingOccurrences(of: "[", with: "")
            .replacingOccurrences(of: "]", with: "")
            .replacingOccurrences(of: "(", with: "|").replacingOccurrences(of: ")", with: "")
        let names = cleaned.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\"'")))
        }
        guard names.count >= 2 else { return nil }
        self.names = names
        func find(_ candidates: [String]) -> Int {
            for c in candidates {
                if let i = names.firstIndex(where: { $0.caseInsensitiveCompare(c) == .orderedSame }) { return i }
            }
            return -1
        }
        allele = find(["Allele"])
        consequence = find(["Consequence", "Annotation", "Effect"])
        impact = find(["IMPACT", "Annotation_Impact", "Putative_impact", "Effect_Impact"])
        // VEP's "Gene" is the Ensembl gene id; the symbol is SYMBOL. bcftools calls the symbol "gene".
        gene = key == "BCSQ" ? find(["gene"]) : find(["SYMBOL", "Gene_Name", "GeneName", "HUGO_SYMBOL", "Gene_Symbol"])
        transcript = find(["Feature", "Feature_ID", "transcript", "Transcript_ID"])
        exon = find(["EXON", "Exon_Number", "Exon_Rank", "Exon"])
        hgvsC = find(["HGVSc", "HGVS.c"])
        hgvsP = find(["HGVSp", "HGVS.p"])
        hgvsPShort = find(["HGVSp_short", "HGVSp_Short"])
        canonical = find(["CANONICAL"])
        pick = find(["PICK"])
        alleleNum = find(["ALLELE_NUM", "Genotype_Number", "Genotype"])
        biotype = find(["BIOTYPE", "Transcript_BioType", "biotype"])
        aminoAcids = find(["Amino_acids"])
        proteinPosition = find(["Protein_position"])
        maneSelect = find(["MANE_SELECT", "MANE"])
        manePlusClinical = find(["MANE_PLUS_CLINICAL"])
        appris = find(["APPRIS"])
        tsl = find(["TSL"])
        ccds = find(["CCDS"])
        if key == "BCSQ" { bcsqProtein = find(["amino_acid_change"]) }
        if key == "EFF" { effProtein = find(["Amino_Acid_Change", "Amino_Acid_change"]) }
        used = Set(
            [
                allele, consequence, impact, gene, transcript, exon, hgvsC, hgvsP, hgvsPShort, canonical, pick,
                alleleNum, biotype,
                aminoAcids, proteinPosition, bcsqProtein, effProtein, maneSelect, manePlusClinical, appris, tsl, ccds,
            ].filter { $0 >= 0 })
    }
}
