import BoardModel

extension FHIRReader {
    /// What a genomic variant Observation's components state, by their LOINC codes (mCODE, Genomics Reporting): the
    /// gene, the HGVS expressions, the allele frequency, the origin, the classification, copies. Read one component
    /// at a time, then tidied (a transcript written in front of the c. expression, a kind the file does not state).
    struct VariantComponents {
        var gene: String?
        var hgvsC: String?
        var hgvsP: String?
        var hgvsG: String?
        var vaf: Double?
        var origin = VariantOrigin.unknown
        var classification: Classification?
        var transcript: String?
        /// An id in a variant database (ClinVar, dbSNP, COSMIC), prefixed with the database's name when it is known.
        var variationId: String?
        var aminoAcidChange: String?
        var kind: FindingKind?
        var copies: Double?
        /// A gene the file names that is not an HGNC symbol and has no approved id in the bundled release.
        var unresolvedGene: String?

        init(_ r: JSONNode, genes: inout GeneNaming) {
            for comp in r["component"].array { read(comp, genes: &genes) }
            splitTranscript()
            if kind == nil {
                let change = hgvsC ?? hgvsG ?? ""
                kind = ["del", "ins", "dup"].contains { change.contains($0) } ? .indel : .snv
            }
        }

        /// One component, by its LOINC code; a code not listed is not read.
        private mutating func read(_ comp: JSONNode, genes: inout GeneNaming) {
            let code = FHIRReader.codings(comp["code"]).compactMap(\.code).first ?? ""
            let concept = comp["valueCodeableConcept"]
            let first = FHIRReader.codings(concept).first
            let text = first?.display ?? first?.code ?? concept["text"].string ?? comp["valueString"].string
            switch code {
            case "48018-6":
                let found = GeneSymbols.symbol(
                    code: first?.code, display: first?.display, text: concept["text"].string)
                gene = genes.symbol(found.symbol)
                if found.symbol == nil { unresolvedGene = found.hgncId ?? first?.display ?? concept["text"].string }
            case "48004-6": hgvsC = first?.code ?? text
            case "48005-3": hgvsP = first?.code ?? text
            case "81290-9": hgvsG = first?.code ?? text
            case "81252-9":
                // Discrete genetic variant: an id in a variant database (ClinVar, dbSNP, COSMIC), not a consequence.
                let system = FHIRReader.systemName(first?.system)
                let db = system.lowercased().contains("clinvar") ? "ClinVar" : system.contains("dbsnp") ? "dbSNP" : nil
                variationId = first?.code.map { code in db.map { "\($0) \(code)" } ?? code }
            case "48006-1": aminoAcidChange = Builder.consequence(aminoAcidChangeType: first?.display ?? text)
            case "51958-7": transcript = first?.code ?? text
            case "81258-6", "81259-4": vaf = comp["valueQuantity"]["value"].double.map { $0 > 1 ? $0 / 100 : $0 }
            case "48019-4": kind = Builder.kind(dnaChange: first?.code) ?? kind
            case "82155-3": copies = comp["valueQuantity"]["value"].double
            case "62378-5":
                let t = (text ?? "").lowercased()
                if t.contains("gain") || t.contains("loss") || t.contains("amplification") || t.contains("deletion") {
                    kind = .copyNumber
                }
            case "48002-0": origin = Self.origin(code: first?.code, words: (text ?? "").lowercased())
            case "53037-8": classification = Self.classification((text ?? "").lowercased())
            default: break
            }
        }

        /// "NM_004333.4:c.1799T>A" gives its transcript (unless one is stated) and keeps "c.1799T>A"; a p.
        /// expression drops its protein accession the same way.
        private mutating func splitTranscript() {
            if let c = hgvsC, let colon = c.firstIndex(of: ":") {
                if transcript == nil { transcript = String(c[..<colon]) }
                hgvsC = String(c[c.index(after: colon)...])
            }
            if let p = hgvsP, let colon = p.firstIndex(of: ":") { hgvsP = String(p[p.index(after: colon)...]) }
        }

        /// Genomic source class (48002-0, LOINC LL378-1): germline LA6683-2, somatic LA6684-0, else by its words.
        static func origin(code: String?, words t: String) -> VariantOrigin {
            code == "LA6683-2" || t.contains("germline")
                ? .germline : code == "LA6684-0" || t.contains("somatic") ? .somatic : .unknown
        }

        /// Genomic clinical significance (53037-8) by its words, the "likely" answers tested first.
        static func classification(_ t: String) -> Classification? {
            t.contains("likely pathogenic")
                ? .likelyPathogenic
                : t.contains("pathogenic")
                    ? .pathogenic
                    : t.contains("uncertain")
                        ? .vus
                        : t.contains("likely benign") ? .likelyBenign : t.contains("benign") ? .benign : nil
        }

        /// Copy number (82155-3) as a call, for a copy-number finding only; 1.5-2.5 copies and 2.5-5 are not a
        /// deletion or an amplification.
        var copyNumberCall: CopyNumberCall? {
            guard kind == .copyNumber, let copies else { return nil }
            return copies < 0.5
                ? .homozygousDeletion
                : copies < 1.5 ? .heterozygousDeletion : copies >= 5 ? .amplification : copies > 2.5 ? .gain : nil
        }

        /// The finding these components describe, under `id`, placed on the genome when the g. expression parses.
        func finding(id: String) -> Finding {
            var finding = Finding(
                id: id, kind: kind ?? .snv, gene: gene, transcript: transcript, hgvsC: hgvsC, hgvsP: hgvsP,
                consequence: aminoAcidChange, vaf: vaf, copyNumberCall: copyNumberCall, copyNumber: copies,
                origin: origin, classification: classification)
            finding.hgvsG = hgvsG
            finding.sourceId = variationId
            if let g = hgvsG.flatMap(GenomicHGVS.init) {
                (finding.chrom, finding.position, finding.ref, finding.alt) = (g.chrom, g.start, g.ref, g.alt)
                finding.end = g.end
            }
            return finding
        }
    }
}
