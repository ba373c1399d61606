import BoardModel
import Foundation

extension PhenopacketReader {
    /// A genomic interpretation's variant as a finding, in named steps: its HGVS expressions, its locus key (VCF
    /// record, VRS allele, or the descriptor's id), its ACMG class, gene and origin, then a copy-number or a
    /// sequence finding. Nil when there is no variation descriptor.
    static func finding(_ gi: JSONNode, fallbackId: String, subjectId: String) -> Finding? {
        let vi = gi["variantInterpretation"]
        let vd = vi["variationDescriptor"]
        guard vd.exists else { return nil }
        var hgvs = HGVSExpressions(vd)
        let key = locusKey(vd, fallbackId: fallbackId, hgvs: &hgvs)
        let extensions = extensionValues(vd)
        let classification = acmgClass(vi["acmgPathogenicityClassification"].string)
        let gene =
            vd["geneContext"]["symbol"].string.flatMap { GeneSymbols.looksLikeSymbol($0) ? $0 : nil }
            ?? vd["geneContext"]["valueId"].string.flatMap(GeneSymbols.approvedSymbol(hgncId:))
        // Called on the individual: constitutional (germline); on a biosample: the tumour's (somatic).
        let on = gi["subjectOrBiosampleId"].string
        let origin: VariantOrigin = on == nil ? .unknown : on == subjectId ? .germline : .somatic
        if let copyNumber = copyNumberFinding(
            vd, fallbackId: fallbackId, gene: gene, origin: origin, classification: classification,
            mosaicism: extensions["mosaicism"])
        {
            return copyNumber
        }
        let change = hgvs.c ?? hgvs.g ?? ""
        var kind: FindingKind = ["del", "ins", "dup"].contains { change.contains($0) } ? .indel : .snv
        if let ref = vd["vcfRecord"]["ref"].string, let alt = vd["vcfRecord"]["alt"].string, ref.count != alt.count {
            kind = .indel
        }
        return Finding(
            id: "phenopacket:" + key, kind: kind, gene: gene, transcript: hgvs.transcript, hgvsC: hgvs.c ?? hgvs.g,
            hgvsP: hgvs.p,
            vaf: percent(extensions["allele-frequency"] ?? extensions["allele_frequency"]), origin: origin,
            classification: classification)
    }

    /// The descriptor's HGVS expressions (c., p., g.) and transcript, with the reference sequence split off the c.
    /// and p. changes; a protein change written only in the label ("RB1 c.958C>T (p.Arg320Ter)") is taken from it.
    struct HGVSExpressions {
        var c: String?
        var p: String?
        var g: String?
        var transcript: String?

        init(_ vd: JSONNode) {
            for e in vd["expressions"].array {
                guard let value = e["value"].string else { continue }
                switch e["syntax"].string {
                case "hgvs.c": c = value
                case "hgvs.p": p = value
                case "hgvs.g", "hgvs": g = value
                case "transcript_reference": transcript = value
                default: break
                }
            }
            if let text = c, let colon = text.firstIndex(of: ":") {
                transcript = transcript ?? String(text[..<colon])
                c = String(text[text.index(after: colon)...])
            }
            if let text = p, let colon = text.firstIndex(of: ":") { p = String(text[text.index(after: colon)...]) }
            if p == nil, let label = vd["label"].string, let open = label.range(of: "(p."),
                let close = label[open.upperBound...].firstIndex(of: ")")
            {
                p = "p." + label[open.upperBound..<close]
            }
        }
    }

    /// "chrom:pos:ref:alt" from the VCF record, "sequence:position:alt" from a VRS allele (0-based interbase, so the
    /// first changed base is start + 1; a one-base change also gives the g. expression), else the descriptor's id.
    static func locusKey(_ vd: JSONNode, fallbackId: String, hgvs: inout HGVSExpressions) -> String {
        let vcf = vd["vcfRecord"]
        let allele = vd["variation"]["allele"]
        if let chrom = vcf["chrom"].string, let pos = vcf["pos"].string, let ref = vcf["ref"].string,
            let alt = vcf["alt"].string
        {
            return "\(chrom):\(pos):\(ref):\(alt)"
        }
        if allele.exists,
            let seq = allele["location"]["sequenceId"].string ?? allele["location"]["sequence_id"].string,
            let start = allele["location"]["interval"]["start"]["value"].int
                ?? allele["location"]["sequenceInterval"]["startNumber"]["value"].int,
            let alt = allele["state"]["sequence"].string ?? allele["literalSequenceExpression"]["sequence"].string
        {
            if hgvs.g == nil, hgvs.c == nil, let end = allele["location"]["interval"]["end"]["value"].int,
                end == start + 1
            {
                hgvs.g = "\(seq):g.\(start + 1)>\(alt)"
            }
            return "\(seq):\(start + 1):\(alt)"
        }
        return vd["id"].string ?? fallbackId
    }

    /// The descriptor's extensions by name (allele frequency, mosaicism).
    static func extensionValues(_ vd: JSONNode) -> [String: String] {
        var values: [String: String] = [:]
        for ext in vd["extensions"].array {
            if let n = ext["name"].string, let v = ext["value"].string { values[n] = v }
        }
        return values
    }

    /// "35%", "0.35" or "35" as a fraction 0–1; nil outside that range.
    static func percent(_ s: String?) -> Double? {
        guard let s, let v = Double(s.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces))
        else { return nil }
        let fraction = s.contains("%") || v > 1 ? v / 100 : v
        return (0...1).contains(fraction) ? fraction : nil
    }

    static func acmgClass(_ value: String?) -> Classification? {
        switch value {
        case "PATHOGENIC": .pathogenic
        case "LIKELY_PATHOGENIC": .likelyPathogenic
        case "UNCERTAIN_SIGNIFICANCE": .vus
        case "LIKELY_BENIGN": .likelyBenign
        case "BENIGN": .benign
        default: nil
        }
    }

    /// A VRS copy number (absolute copies) or copy change (EFO class) as a copy-number finding; nil otherwise.
    static func copyNumberFinding(
        _ vd: JSONNode, fallbackId: String, gene: String?, origin: VariantOrigin, classification: Classification?,
        mosaicism: String?
    ) -> Finding? {
        let copyNumber = vd["variation"]["copyNumber"]
        let copyChangeNode = vd["variation"]["copyNumberChange"]
        guard copyNumber.exists || copyChangeNode.exists else { return nil }
        let node = copyNumber.exists ? copyNumber : copyChangeNode
        let copies = node["number"]["value"].double ?? node["copies"]["value"].double
        let location =
            node["derivedSequenceExpression"]["location"].exists
            ? node["derivedSequenceExpression"]["location"] : node["location"]
        let seq = location["sequenceId"].string ?? location["sequence_id"].string ?? "?"
        let start =
            location["sequenceInterval"]["startNumber"]["value"].string ?? location["interval"]["start"]["value"]
            .string ?? "?"
        let end =
            location["sequenceInterval"]["endNumber"]["value"].string ?? location["interval"]["end"]["value"].string
            ?? "?"
        var call: CopyNumberCall? =
            copies.map {
                $0 < 0.5
                    ? .homozygousDeletion
                    : $0 < 1.5 ? .heterozygousDeletion : $0 >= 5 ? .amplification : $0 > 2.5 ? .gain : nil
            } ?? nil
        if let change = node["copyChange"].string ?? node["copyChange"]["id"].string {
            call = copyChange[change.uppercased()] ?? call
        }
        return Finding(
            id: "phenopacket:" + (vd["id"].string ?? fallbackId), kind: .copyNumber, gene: gene,
            copyNumberCall: call,
            copyNumber: copies,
            breakpoints: "\(seq):\(start)-\(end)" + (mosaicism.map { ", mosaic \($0)" } ?? ""),
            origin: origin, classification: classification)
    }
}
