import BoardModel
import Foundation

/// Genomic variant Observations (mCODE, Genomics Reporting) as findings, and their therapeutic and diagnostic implications as evidence.
extension FHIRReader.Builder {
    /// Sequence Ontology and LOINC (LL379-9) answers of "DNA change type" (48019-4) → the finding's kind.
    static func kind(dnaChange code: String?) -> FindingKind? {
        switch code {
        case "SO:0001483", "SO:0001059", "LA6690-7": .snv
        case "SO:0000159", "SO:0000667", "SO:1000032", "SO:1000035", "SO:0002007", "LA6692-3", "LA6687-3",
            "LA6688-1", "LA6686-5":
            .indel
        case "SO:0001019", "SO:0001742", "SO:0001743", "SO:0001911", "SO:0001912": .copyNumber
        case "SO:1000036", "SO:0000199", "SO:0001784", "SO:0001537", "LA6689-9": .structural
        case "SO:0001565", "SO:0001886": .fusion
        default: nil
        }
    }

    /// A genomic variant Observation as a finding of the patient, unless it reports the variant absent.
    mutating func variant(_ r: JSONNode, pid: String?, subject: String?) {
        // Value "Absent" (LA9634-2): the variant was looked for and not found.
        if FHIRReader.codings(r["valueCodeableConcept"]).contains(where: { $0.code == "LA9634-2" }) {
            skip(r, "variants reported absent")
            return
        }
        let stated = FHIRReader.VariantComponents(r, genes: &genes)
        if let unresolvedGene = stated.unresolvedGene {
            notes.append(
                "\(name): gene \(unresolvedGene) is not an HGNC symbol and its id is not approved in the bundled HGNC release; stored without a gene"
            )
        }
        var finding = stated.finding(id: scoped(id(of: r) ?? r.path))
        finding.id = findingId(finding, of: r)
        let allRefs = refs(of: r)
        add(finding, ref: allRefs.first, pid: pid, subject: subject)
        if let first = allRefs.first, let k = findingKeyByRef[first] {
            for ref in allRefs.dropFirst() { findingKeyByRef[ref] = k }
        }
    }

    /// Therapeutic and diagnostic implications (Genomics Reporting): knowledge about a variant of the record,
    /// attached to that variant. The associated cancer is the knowledge's disease, never the patient's diagnosis.
    mutating func implication(_ r: JSONNode) {
        var therapy: String?
        var level: String?
        var significance: String?
        var disease: String?
        for comp in r["component"].array {
            let code = FHIRReader.codings(comp["code"]).compactMap(\.code).first ?? ""
            let text = FHIRReader.words(comp["valueCodeableConcept"]) ?? comp["valueString"].string
            switch code {
            case "51963-7": therapy = text
            case "93044-6": level = text
            case "51961-1", "53037-8": significance = text
            case "associated-cancer", "81259-4": disease = text
            default: break
            }
        }
        // The level must be on a scale the board knows; "AMP Guidelines" alone names a scale, not a level.
        let parsed = level.flatMap(Self.evidenceLevel)
        let targets = r["derivedFrom"].array.compactMap { $0["reference"].string }
        guard !targets.isEmpty else {
            skip(r, "implications without a derivedFrom variant")
            return
        }
        // A level not on a known scale ("AMP Guidelines") is kept as unknown, never guessed: the drug and the
        // response the report states stay on the variant, ranked after every known level.
        let entry = EvidenceEntry(
            source: "report", level: parsed ?? Self.unknownLevel(level),
            type: therapy == nil ? "Diagnostic" : "Predictive", significance: significance,
            therapy: therapy, disease: disease,
            oncotreeCode: disease.flatMap { OncoTreeCrosswalk.map(codings: [], text: $0)?.oncotree },
            reference: level.map { "level as reported: \($0)" })
        for target in targets {
            let key = resolve(target, in: r).flatMap { refs(of: $0).first } ?? target
            evidence.append((key, entry))
        }
    }

    /// The level "unknown" on the scale the text names (OncoKB, ESCAT, CIViC, NCT/DKTK), else on AMP/ASCO/CAP,
    /// the tiers the Genomics Reporting IG's examples use ("Tier I - Level A"); it is no level of the scale, so it
    /// ranks last and shows as "not a level of this scale".
    static func unknownLevel(_ text: String?) -> EvidenceLevel {
        let t = (text ?? "").lowercased()
        let scale: EvidenceScale =
            t.contains("oncokb")
            ? .oncokb
            : t.contains("escat")
                ? .escat
                : t.contains("civic")
                    ? .civic
                    : t.contains("nct") || t.contains("dktk") ? .nct : .amp
        var level = EvidenceLevel(scale: scale, code: "")
        level.code = "unknown"
        return level
    }

    /// LOINC LL380-7 answers of "Amino acid change type" (48006-1) as Sequence Ontology consequence terms, so that
    /// the consequence reads as other lab files write it; an answer not listed keeps its words.
    static func consequence(aminoAcidChangeType words: String?) -> String? {
        guard let words else { return nil }
        let t = words.lowercased()
        let terms: [(String, String)] = [
            ("missense", "missense_variant"), ("nonsense", "stop_gained"), ("frameshift", "frameshift_variant"),
            ("silent", "synonymous_variant"), ("synonymous", "synonymous_variant"),
            ("initiating methionine", "start_lost"), ("stop codon", "stop_lost"),
            ("inframe deletion", "inframe_deletion"), ("in-frame deletion", "inframe_deletion"),
            ("inframe insertion", "inframe_insertion"), ("in-frame insertion", "inframe_insertion"),
        ]
        return terms.first { t.contains($0.0) }?.1 ?? words
    }

    /// An AMP/ASCO/CAP statement ("AMP/ASCO/CAP guidelines - Level A", "Tier I - Level B", "Tier III"): the 2017
    /// guideline puts levels A and B in tier I and levels C and D in tier II, so a level alone names its tier; a
    /// tier I or II without a level is not one level and stays unknown.
    static func ampLevel(_ text: String) -> EvidenceLevel? {
        let up = text.uppercased()
        guard up.contains("AMP") || up.contains("ASCO") || up.contains("TIER"),
            !["ONCOKB", "ESCAT", "CIVIC", "NCT", "DKTK"].contains(where: up.contains)
        else { return nil }
        func word(after key: String) -> String? {
            guard let r = up.range(of: key + " ") else { return nil }
            return String(up[r.upperBound...].prefix { $0.isLetter || $0.isNumber })
        }
        let level = word(after: "LEVEL")
        let tier = word(after: "TIER")
        switch (tier, level) {
        case (nil, "A"?), ("I"?, "A"?): return EvidenceLevel(scale: .amp, code: "I-A")
        case (nil, "B"?), ("I"?, "B"?): return EvidenceLevel(scale: .amp, code: "I-B")
        case (nil, "C"?), ("II"?, "C"?): return EvidenceLevel(scale: .amp, code: "II-C")
        case (nil, "D"?), ("II"?, "D"?): return EvidenceLevel(scale: .amp, code: "II-D")
        case ("III"?, nil): return EvidenceLevel(scale: .amp, code: "III")
        case ("IV"?, nil): return EvidenceLevel(scale: .amp, code: "IV")
        default: return nil
        }
    }

    static func evidenceLevel(_ text: String) -> EvidenceLevel? {
        if let amp = ampLevel(text) { return amp }
        let t = text.trimmingCharacters(in: .whitespaces)
        for scale in [EvidenceScale.oncokb, .escat, .nct, .civic, .amp] {
            for prefix in ["\(scale.rawValue) ", "Level ", "Tier ", ""] where t.hasPrefix(prefix) {
                let code = String(t.dropFirst(prefix.count))
                if scale.accepts(code) { return EvidenceLevel(scale: scale, code: code) }
            }
        }
        return nil
    }
}
