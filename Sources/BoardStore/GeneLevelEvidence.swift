import BoardModel
import Foundation

/// When gene-level knowledge-base evidence may speak for a small variant. CIViC's categorical variant "Mutation"
/// ("PIK3CA Mutation": all genetic variants within a gene, civic-docs model/variants/name) pools patients whose
/// gene carried a change that altered the protein; it says nothing about a silent change, an intronic or UTR
/// variant, or a variant up- or downstream of the gene. So "MUTATION" / "SOMATIC MUTATION" evidence reaches a finding
/// only when
/// - the finding is plausibly functional by its consequence (missense, nonsense, frameshift, in-frame, start or stop
///   lost, splice donor/acceptor, by the Sequence Ontology, MAF Variant_Classification or ANNOVAR ExonicFunc term),
///   or, with no consequence term the board knows, by a protein change that is not synonymous (`p.Ile24=`,
///   `p.T125T`); with neither, the effect is unknown and the evidence is not attached;
/// - and the origins agree (CIViC's variant_origin, civic-docs model/evidence/origin): somatic evidence never reaches a
///   germline finding, germline evidence never a somatic one; evidence of unknown, combined or N/A origin, and
///   findings of unknown origin, are not ruled out by origin.
/// Evidence about a named variant (V600E, a residue, an exon) or a locus is matched by `EvidenceMatch` and
/// `EvidenceIndex` as before; this rule only narrows the gene-wide category.
enum GeneLevelEvidence {
    enum Effect: Equatable { case functional, notFunctional, unknown }

    static func applies(_ entry: EvidenceEntry, to finding: Finding) -> Bool {
        originsAgree(entry.origin, finding.origin) && effect(of: finding) == .functional
    }

    static func originsAgree(_ evidence: VariantOrigin?, _ finding: VariantOrigin) -> Bool {
        switch (evidence, finding) {
        case (.somatic, .germline), (.germline, .somatic): false
        default: true
        }
    }

    /// The finding's effect on the protein: from its consequence terms, else from its protein change.
    static func effect(of f: Finding) -> Effect {
        let terms = (f.consequence ?? "").lowercased().split(whereSeparator: { ",&;|/".contains($0) }).map {
            $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "_")
        }
        if terms.contains(where: functional.contains) { return .functional }
        if !terms.isEmpty, terms.allSatisfy(notFunctional.contains) { return .notFunctional }
        if let p = f.hgvsP ?? f.hgvsPShort { return proteinEffect(p) }
        if let c = f.hgvsC, isOutsideCodingSequence(c) { return .notFunctional }
        return .unknown
    }

    /// "p.Ile24=" / "p.(=)" / "p.T125T" / "p.Gln555=" are synonymous; "p.?" is unknown; other changes alter the
    /// protein.
    static func proteinEffect(_ hgvs: String) -> Effect {
        let t = hgvs.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t.contains("?") { return .unknown }
        if t.contains("=") { return .notFunctional }
        guard let short = EvidenceMatch.shortProtein(t) else { return .unknown }
        // One residue replaced by itself ("T125T"): silent.
        let letters = short.filter(\.isLetter)
        let digits = short.filter(\.isNumber)
        if letters.count == 2, short.first == short.last, short.dropFirst().dropLast().allSatisfy(\.isNumber),
            !digits.isEmpty
        {
            return .notFunctional
        }
        return .functional
    }

    /// c. positions in an intron (`c.508+8A>G`, `c.-14-2A>G`), the 5′ UTR (`c.-14G>A`) or the 3′ UTR (`c.*25T>C`);
    /// canonical splice sites (±1, ±2) are not outside: they change the transcript.
    static func isOutsideCodingSequence(_ hgvs: String) -> Bool {
        guard let dot = hgvs.range(of: "c.") else { return false }
        let body = hgvs[dot.upperBound...]
        if body.hasPrefix("*") || body.hasPrefix("-") { return true }
        guard let sign = body.firstIndex(where: { $0 == "+" || $0 == "-" }) else { return false }
        let offset = body[body.index(after: sign)...].prefix(while: \.isNumber)
        guard let n = Int(offset) else { return false }
        return n > 2
    }

    /// Consequences that change the protein or its transcript (Sequence Ontology as VEP and SnpEff write them, MAF
    /// Variant_Classification, ANNOVAR ExonicFunc/Func).
    static let functional: Set<String> = [
        "missense_variant", "stop_gained", "stop_lost", "start_lost", "frameshift_variant", "inframe_insertion",
        "inframe_deletion", "protein_altering_variant", "splice_acceptor_variant", "splice_donor_variant",
        "transcript_ablation", "transcript_amplification", "feature_elongation", "feature_truncation",
        "incomplete_terminal_codon_variant", "initiator_codon_variant", "exon_loss_variant",
        "disruptive_inframe_insertion", "disruptive_inframe_deletion", "conservative_inframe_insertion",
        "conservative_inframe_deletion", "rare_amino_acid_variant", "gene_fusion", "bidirectional_gene_fusion",
        "missense_mutation", "nonsense_mutation", "nonstop_mutation", "frame_shift_del", "frame_shift_ins",
        "in_frame_del", "in_frame_ins", "splice_site", "translation_start_site", "nonsynonymous_snv", "stopgain",
        "stoploss", "startloss", "frameshift_deletion", "frameshift_insertion", "frameshift_substitution",
        "nonframeshift_deletion", "nonframeshift_insertion", "nonframeshift_substitution", "splicing",
        "internal_tandem_duplication_(itd)",
    ]

    /// Consequences that leave the protein as it is, or lie outside the coding sequence.
    static let notFunctional: Set<String> = [
        "synonymous_variant", "stop_retained_variant", "start_retained_variant", "intron_variant",
        "3_prime_utr_variant", "5_prime_utr_variant", "upstream_gene_variant", "downstream_gene_variant",
        "intergenic_variant", "intergenic_region", "non_coding_transcript_exon_variant",
        "non_coding_transcript_variant", "nmd_transcript_variant", "splice_region_variant",
        "splice_polypyrimidine_tract_variant", "splice_donor_region_variant", "splice_donor_5th_base_variant",
        "mature_mirna_variant", "regulatory_region_variant", "tf_binding_site_variant", "tfbs_ablation",
        "tfbs_amplification", "regulatory_region_ablation", "regulatory_region_amplification",
        "5_prime_utr_premature_start_codon_gain_variant", "intragenic_variant", "sequence_feature",
        "non_coding_exon_variant", "silent", "intron", "3'utr", "5'utr", "3'flank", "5'flank", "igr", "rna", "lincrna",
        "splice_region", "synonymous_snv", "intronic", "utr3", "utr5", "upstream", "downstream", "intergenic",
        "ncrna_exonic", "ncrna_intronic", "ncrna_splicing", "ncrna_utr3", "ncrna_utr5",
    ]
}
