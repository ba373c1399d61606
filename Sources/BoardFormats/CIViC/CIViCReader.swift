import BoardModel
import Foundation

/// Reads CIViC exports (https://civic.readthedocs.io, "Data releases"), in every layout the monthly and nightly
/// releases have used:
/// - ClinicalEvidenceSummaries: 2015–2018 (pubmed_id, no drug_interaction_type, "Sensitivity", "Resistance or
///   Non-Response", "Somatic Mutation"), 2019–2022 (citation_id + source_type, drug_interaction_type), and the
///   molecular-profile layout (molecular_profile, therapies, therapy_interaction_type, significance);
/// - AssertionSummaries: AMP/ASCO/CAP tier, NCCN guideline, FDA approval and companion test, evidence item ids;
/// - VariantSummaries: coordinates, HGVS expressions and types of each CIViC variant.
/// Evidence and assertions become knowledge the store attaches to matching findings (by gene and variant name, and
/// by position where an evidence row or a variant summary gives the variant's site); they never create patient
/// data. Vocabulary of older releases is normalised to the current words. Records are split on LF only (a bare CR
/// sits inside some descriptions); stray U+FEFF inside fields is removed.
public enum CIViCReader {
    enum Layout { case evidence, assertions, variants }

    static func layout(header: String) -> Layout? {
        let columns = Set(header.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        if columns.contains("assertion_id") && (columns.contains("amp_category") || columns.contains("assertion_type"))
        {
            return .assertions
        }
        if columns.contains("evidence_level") && (columns.contains("variant") || columns.contains("molecular_profile"))
        {
            return .evidence
        }
        if columns.contains("variant_id") && columns.contains("variant_civic_url")
            && (columns.contains("hgvs_expressions") || columns.contains("hgvs_descriptions")
                || columns.contains("chromosome"))
        {
            return .variants
        }
        return nil
    }

    static func recognises(head: String) -> Bool {
        guard let header = head.split(separator: "\n").first else { return false }
        return layout(header: String(header)) != nil
    }

    /// Older release words → the words CIViC uses now (and the board compares).
    static let significanceWords: [String: String] = [
        "Sensitivity": "Sensitivity/Response", "Resistance or Non-Response": "Resistance", "Positive": "Positive",
        "Negative": "Negative",
        "Better Outcome": "Better Outcome", "Poor Outcome": "Poor Outcome",
    ]

    public static func read(data: Data, file: String) throws -> ImportPayload {
        let source = try TextSource(data: data, file: file)
        try source.requireUTF8(expected: "CIViC TSV")
        var header: [String] = []
        var columns: [String: Int] = [:]
        var layout: Layout = .evidence
        var records: [EvidenceAttachment] = []
        var loci: [EvidenceLocus] = []
        var account = ImportAccount(file: file, format: "civic")
        try source.forEachLine { line, number in
            if line.isEmpty { return true }
            let cells = line.string.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\t")
            if header.isEmpty {
                header = cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                for (i, c) in header.enumerated() { columns[c] = i }
                guard let found = Self.layout(header: header.joined(separator: "\t")) else {
                    throw ImportError(
                        file: file, location: "line \(number)",
                        message:
                            "expected a CIViC header (evidence_level with gene and variant or molecular_profile; assertion_id; or variant_id with hgvs_expressions)"
                    )
                }
                layout = found
                account.format =
                    switch found {
                    case .evidence: "civic evidence"
                    case .assertions: "civic assertions"
                    case .variants: "civic variants"
                    }
                return true
            }
            try RowWidth.check(cells, declared: RowWidth.declared(header), file: file, line: number)
            account.read()
            var row = Row(header: header, columns: columns, cells: cells, line: number)
            switch layout {
            case .evidence:
                try evidence(&row, file: file, into: &records, account: &account)
                if !row.skippedWhole, let locus = locus(&row) { loci.append(locus) }
            case .assertions: assertion(&row, into: &records, account: &account)
            case .variants: variant(&row, into: &loci, account: &account)
            }
            for i in row.cells.indices where Row.hasValue(row.cells[i]) {
                if row.skippedWhole {
                    account.inSkippedRecord(header[i])
                } else if row.taken.contains(i) {
                    account.used(header[i])
                } else {
                    account.unused(header[i])
                }
            }
            return true
        }
        guard !header.isEmpty else { throw ImportError(file: file, message: "empty file; expected a CIViC TSV") }
        var genes = GeneNaming()
        for i in records.indices { records[i].gene = genes.symbol(records[i].gene) ?? records[i].gene }
        for i in loci.indices { loci[i].gene = genes.symbol(loci[i].gene) ?? loci[i].gene }
        genes.record(into: &account)
        var payload = ImportPayload(evidence: records)
        var seen: Set<EvidenceLocus> = []
        payload.evidenceLoci = loci.filter { seen.insert($0).inserted }
        payload.accounts = [account]
        return payload
    }

    /// One row's cells by column name; remembers what was taken so the rest is counted as not used.
    struct Row {
        let header: [String]
        let columns: [String: Int]
        let cells: [String]
        let line: Int
        var taken: Set<Int> = []

        init(header: [String], columns: [String: Int], cells: [String], line: Int) {
            self.header = header
            self.columns = columns
            self.cells = cells
            self.line = line
        }

        mutating func callAsFunction(_ names: String...) -> String? {
            for name in names {
                guard let i = columns[name], i < cells.count else { continue }
                let v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
                taken.insert(i)
                if v.isEmpty || v == "N/A" || v == "NA" { continue }
                return v
            }
            return nil
        }

        /// The row is skipped as a whole: its reason is counted, its fields listed under fields of skipped records.
        var skippedWhole = false
        mutating func takeAll() { skippedWhole = true }

        static func hasValue(_ cell: String) -> Bool {
            let v = cell.trimmingCharacters(in: .whitespacesAndNewlines)
            return !v.isEmpty && v != "N/A" && v != "NA"
        }
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "BRAF V600E" (molecular profile) or gene + variant columns.
    static func geneAndVariant(_ row: inout Row) -> (String, String)? {
        if let gene = row("gene", "feature_name"), let variant = row("variant") { return (gene, variant) }
        if let profile = row("molecular_profile"), let space = profile.firstIndex(of: " ") {
            return (String(profile[..<space]), String(profile[profile.index(after: space)...]))
        }
        return nil
    }

    static func evidence(
        _ row: inout Row, file: String, into records: inout [EvidenceAttachment], account: inout ImportAccount
    ) throws {
        if let status = row("evidence_status"), status.lowercased() != "accepted" {
            account.skip("evidence items not accepted by CIViC editors (\(status))")
            row.takeAll()
            return
        }
        guard let (gene, variant) = geneAndVariant(&row) else {
            account.skip("evidence rows without gene and variant")
            row.takeAll()
            return
        }
        guard let levelCode = row("evidence_level"), EvidenceScale.civic.accepts(levelCode) else {
            throw ImportError(
                file: file, location: "line \(row.line), column evidence_level",
                message: "evidence_level must be A, B, C, D or E")
        }
        // "Does Not Support" is kept with its direction: the board shows it as evidence against, never as support.
        let direction = row("evidence_direction")
        let rawSignificance = row("clinical_significance", "significance")
        let significance = rawSignificance.map { significanceWords[$0] ?? $0 }
        let drugs = list(row("drugs", "therapies"))
        let interaction = row("drug_interaction_type", "therapy_interaction_type")
        let disease = row("disease")
        var references = [row("evidence_id").map { "CIViC EID\($0)" }]
        if let pmid = row("pubmed_id") {
            references.append("PMID \(pmid)")
        } else if let citation = row("citation_id") {
            references.append((row("source_type").map { $0 == "PubMed" ? "PMID " : "\($0) " } ?? "") + citation)
        }
        references += list(row("nct_ids")).map { $0 }
        let reference = references.compactMap { $0 }.joined(separator: "; ")
        let type = row("evidence_type")
        let statement = row("evidence_statement")
        let oncotree = disease.flatMap { OncoTree.bundled.code(forName: $0) }
        var entry = EvidenceEntry(
            source: "CIViC", level: EvidenceLevel(scale: .civic, code: levelCode), type: type,
            significance: significance,
            therapy: therapyText(drugs, interaction), disease: disease, oncotreeCode: oncotree,
            reference: reference.isEmpty ? nil : reference,
            direction: direction, statement: statement, origin: origin(row("variant_origin")))
        entry.reviewed = row("last_review_date")
        records.append(EvidenceAttachment(gene: gene, variant: variant, entry: entry))
    }

    /// The drugs as one therapy text, by CIViC's drug/therapy interaction type: Combination, given together
    /// ("A + B"); Substitutes, any one of them on its own ("A, B or C": alternatives, never a combination);
    /// Sequential, in order ("A then B"). Without the column (releases before 2019) the relationship is unknown and
    /// said so.
    static func therapyText(_ drugs: [String], _ interaction: String?) -> String? {
        guard let last = drugs.last else { return nil }
        guard drugs.count > 1 else { return last }
        switch interaction {
        case "Combination": return drugs.joined(separator: " + ")
        case "Sequential": return drugs.joined(separator: " then ")
        case "Substitutes": return drugs.dropLast().joined(separator: ", ") + " or " + last
        default: return drugs.joined(separator: ", ") + " (combination or alternatives not stated)"
        }
    }

    /// CIViC's variant_origin ("Somatic", "Rare Germline", "Common Germline"; before 2019 "Somatic Mutation",
    /// "Germline Mutation", "Germline Polymorphism"); Unknown, Combined and N/A are no single origin (nil).
    static func origin(_ text: String?) -> VariantOrigin? {
        let t = (text ?? "").lowercased()
        if t.contains("somatic") && !t.contains("germline") { return .somatic }
        if t.contains("germline") && !t.contains("somatic") { return .germline }
        return nil
    }

    /// Where a CIViC variant lies: reference build, chromosome, start, stop and bases (the first coordinate set; a
    /// fusion's second set is not a site). Nil without a build, a chromosome and a start, or without bases on
    /// either side (a region such as an amplification or "V600", which no single change names).
    static func locus(_ row: inout Row) -> EvidenceLocus? {
        let before = row.taken
        let build = row("reference_build")
        let chrom = row("chromosome")
        let start = row("start").flatMap { Int($0) }
        let stop = row("stop").flatMap { Int($0) }
        let ref = row("reference_bases") ?? ""
        let alt = row("variant_bases") ?? ""
        guard let (gene, variant) = geneAndVariant(&row), let build = EvidenceLocus.build(build), let chrom,
            let start, !(ref.isEmpty && alt.isEmpty),
            EvidenceLocus.Site(chrom: chrom, position: start, ref: ref, alt: alt) != nil
        else {
            row.taken = before  // coordinates that name no site are not used
            return nil
        }
        return EvidenceLocus(
            gene: gene, variant: variant, build: build, chrom: chrom, start: start, stop: stop, ref: ref, alt: alt)
    }

    /// A variant summary row: its locus, so evidence on the variant also reaches findings by position. Rows with no
    /// single site (regions, fusions, no build) are counted as skipped with that reason.
    static func variant(_ row: inout Row, into loci: inout [EvidenceLocus], account: inout ImportAccount) {
        guard let locus = locus(&row) else {
            account.skip(
                "variant summaries without one site (no build, chromosome, start or bases: regions, fusions, amplifications)"
            )
            row.takeAll()
            return
        }
        loci.append(locus)
    }

    static func assertion(_ row: inout Row, into records: inout [EvidenceAttachment], account: inout ImportAccount) {
        if let status = row("assertion_status", "status"), status.lowercased() != "accepted" {
            account.skip("assertions not accepted by CIViC editors (\(status))")
            row.takeAll()
            return
        }
        guard let (gene, variant) = geneAndVariant(&row) else {
            account.skip("assertion rows without gene and variant")
            row.takeAll()
            return
        }
        // An assertion without an AMP/ASCO/CAP tier (a predisposing one carries ACMG codes instead) is kept with the
        // tier unknown; a tier that is written but not of the scale is refused.
        let written = row("amp_category")
        if let written, !EvidenceScale.amp.accepts(written) {
            account.invalid(
                "amp_category", found: written, at: "line \(row.line), column amp_category",
                expected: "an AMP/ASCO/CAP tier (Tier I - Level A … Tier IV)")
            row.takeAll()
            return
        }
        let tier = written ?? EvidenceScale.unstated
        let direction = row("assertion_direction")
        let significance = row("clinical_significance", "significance").map { significanceWords[$0] ?? $0 }
        let drugs = list(row("drugs", "therapies"))
        let interaction = row("drug_interaction_type", "therapy_interaction_type")
        var parts = [row("assertion_id").map { "CIViC AID\($0)" }]
        if let guideline = row("nccn_guideline") {
            parts.append("NCCN \(guideline)" + (row("nccn_guideline_version").map { " \($0)" } ?? ""))
        }
        if row("regulatory_approval", "fda_regulatory_approval")?.lowercased() == "true" {
            parts.append("FDA approved")
        }
        if row("fda_companion_test")?.lowercased() == "true" { parts.append("FDA companion test") }
        if let items = row("evidence_item_ids") { parts.append("evidence EID " + list(items).joined(separator: ", ")) }
        if let acmg = row("acmg_codes") { parts.append("ACMG " + list(acmg).joined(separator: ", ")) }
        let disease = row("disease")
        var entry = EvidenceEntry(
            source: "CIViC assertion", level: EvidenceLevel(scale: .amp, code: tier), type: row("assertion_type"),
            significance: significance, therapy: therapyText(drugs, interaction), disease: disease,
            oncotreeCode: disease.flatMap { OncoTree.bundled.code(forName: $0) },
            reference: parts.compactMap { $0 }.joined(separator: "; "),
            direction: direction, statement: row("assertion_summary"), origin: origin(row("variant_origin")))
        entry.reviewed = row("last_review_date")
        records.append(EvidenceAttachment(gene: gene, variant: variant, entry: entry))
    }
}
