import BoardModel
import Foundation
import GRDB

/// Decides whether a knowledge-base variant name ("V600E", "V600", "AMPLIFICATION", "EXON 19 DELETION",
/// "EML4::ALK", "MUTATION") describes a finding. Protein changes are compared in one-letter form, so
/// "p.Val600Glu" matches "V600E".
enum EvidenceMatch {
    static let three: [String: String] = [
        "Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C", "Gln": "Q", "Glu": "E", "Gly": "G", "His": "H",
        "Ile": "I",
        "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F", "Pro": "P", "Ser": "S", "Thr": "T", "Trp": "W", "Tyr": "Y",
        "Val": "V",
        "Ter": "*", "Sec": "U", "Xaa": "X",
    ]

    /// "p.Val600Glu" / "p.(Val600Glu)" / "p.V600E" → "V600E"; "p.Arg320Ter" → "R320*".
    static func shortProtein(_ hgvs: String?) -> String? {
        guard var t = hgvs, !t.isEmpty else { return nil }
        if t.hasPrefix("p.") { t.removeFirst(2) }
        t = t.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
        var out = ""
        var i = t.startIndex
        while i < t.endIndex {
            let end = t.index(i, offsetBy: 3, limitedBy: t.endIndex) ?? t.endIndex
            if let one = three[String(t[i..<end])] {
                out += one
                i = end
            } else {
                out.append(t[i])
                i = t.index(after: i)
            }
        }
        return out.uppercased()
    }

    /// `origin` is the evidence's variant origin: the gene-wide "MUTATION" reaches only plausibly functional findings
    /// of a compatible origin (`GeneLevelEvidence`).
    static func matches(_ variant: String, _ f: Finding, origin: VariantOrigin? = nil) -> Bool {
        var v = variant.uppercased().trimmingCharacters(in: .whitespaces)
        // CIViC names a change with its c. notation in parentheses ("S65W (c.194C>G)", "R176fs (c.528del)"): the
        // protein change names it.
        if let open = v.range(of: " (C."), v.hasSuffix(")") { v = String(v[..<open.lowerBound]) }
        switch f.kind {
        case .snv, .indel:
            if f.filter != nil { return false }
            if v == "MUTATION" || v == "SOMATIC MUTATION" {
                return GeneLevelEvidence.originsAgree(origin, f.origin)
                    && GeneLevelEvidence.effect(of: f) == .functional
            }
            if let p = shortProtein(f.hgvsP) {
                if p == v || p == v.replacingOccurrences(of: "X", with: "*") { return true }
                // "P968FS" (CIViC's short frameshift name) is any frameshift starting at that residue: "P968LFS*12".
                if v.hasSuffix("FS"), v.count > 3, p.contains("FS"), p.hasPrefix(String(v.dropLast(2))),
                    let next = p.dropFirst(v.count - 2).first, !next.isNumber
                {
                    return true
                }
                // "V600" names the residue: any change there.
                if v.last?.isNumber == true, v.first?.isLetter == true, p.hasPrefix(v),
                    let next = p.dropFirst(v.count).first, !next.isNumber
                {
                    return true
                }
            }
            if v.hasPrefix("EXON "), let exon = f.exon?.split(separator: "/").first {
                let parts = v.split(separator: " ")
                guard parts.count >= 2, parts[1] == exon else { return false }
                let c = (f.hgvsC ?? "").lowercased()
                if v.contains("DELETION") { return c.contains("del") }
                if v.contains("INSERTION") { return c.contains("ins") || c.contains("dup") }
                return true
            }
            return false
        case .copyNumber:
            switch v {
            case "AMPLIFICATION": return f.copyNumberCall == .amplification
            case "DELETION", "LOSS", "COPY NUMBER LOSS":
                return f.copyNumberCall == .homozygousDeletion || f.copyNumberCall == .heterozygousDeletion
            case "GAIN", "COPY NUMBER GAIN": return f.copyNumberCall == .gain || f.copyNumberCall == .amplification
            default: return false
            }
        case .fusion, .structural:
            if v == "FUSION" || v == "REARRANGEMENT" { return true }
            let names = v.replacingOccurrences(of: "::", with: "-").split(separator: "-").map(String.init)
            let partners = (f.partners ?? []).map { $0.uppercased() }
            return names.count == 2 && names == partners
        case .biomarker:
            return false
        }
    }
}

extension BoardStore {
    /// Adds evidence entries to every matching finding in the store (including those written earlier in the
    /// same transaction) and keeps them, with the loci of their variants, for findings imported later; entries a
    /// finding already carries are left alone. Matching uses everything the store keeps, so loci imported after
    /// the evidence (a CIViC variant summary) still bring it to findings by position. Entries that match nothing
    /// yet are reported, not lost.
    func attachEvidence(
        _ db: GRDB.Database, _ evidence: [EvidenceAttachment], loci: [EvidenceLocus] = [], now: Date,
        summary: inout ImportSummary
    ) throws {
        let used = EvidenceSweep.noteKept(
            evidence: evidence, release: try EvidenceIndex.save(db, evidence), loci: loci,
            newLoci: loci.isEmpty ? 0 : try EvidenceIndex.save(db, loci: loci), into: &summary)
        var sweep = EvidenceSweep(index: try EvidenceIndex.load(db), given: used, summary: summary)
        var builds = ReportBuilds()
        // One pass over the findings (a query per gene would scan the table once per gene): only rows whose gene
        // has evidence, or that lie where a variant with evidence lies, are matched.
        let rows = try Row.fetchCursor(db, sql: "SELECT case_id, id, kind, gene, report_id, body FROM finding")
        while let row = try rows.next() {
            guard sweep.mayReach(gene: row["gene"]) else { continue }
            let caseId: String = row["case_id"]
            let finding = try row.finding()
            try sweep.visit(caseId: caseId, id: row["id"], finding: finding) {
                try builds.build(caseId: caseId, report: finding.reportId) { try Self.loadCase(db, id: $0) }
            }
        }
        for u in sweep.changed {
            // An evidence item's origin is in the body too, so the flags follow the new body (CaseFactsIndex.flags).
            var body = try FindingJSON.bodyText(u.finding)
            let flags = body.withUTF8 { CaseFactsIndex.flags(body: $0) }
            try db.cachedStatement(
                sql: """
                    UPDATE finding SET body = ?, best_rank = ?, label = ?, partnered = ?, germline = ?
                    WHERE case_id = ? AND id = ?
                    """
            )
            .execute(arguments: [
                body, u.finding.evidenceRank, u.finding.label, flags.partnered, flags.germline, u.caseId, u.id,
            ])
        }
        for caseId in sweep.touchedCases {
            let top = try Self.topFinding(db, caseId: caseId)
            try db.execute(sql: "UPDATE \"case\" SET top_finding = ? WHERE id = ?", arguments: [top, caseId])
            try AuditTrail.append(
                db, user: user, action: "case.evidence", entity: "case", entityId: caseId, caseId: caseId, at: now)
        }
        sweep.finish(into: &summary)
    }
}
