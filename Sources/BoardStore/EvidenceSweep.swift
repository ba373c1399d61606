import BoardModel
import Foundation

/// New knowledge-base evidence swept over the findings a store holds, the same on both backends (each only reads the
/// rows and writes the changed ones with its own SQL): which findings the entries now reach (by gene and name, or by
/// place through the loci), the links made and those already there, the cases touched (matching reads evidence
/// tiers), and the note on entries that reach nothing yet (kept for findings imported later, not lost).
struct EvidenceSweep {
    let index: EvidenceIndex
    private let given: Set<EvidenceAttachment>
    private var matched = Set<EvidenceAttachment>()
    private var links: ImportSummary.Counts
    private var replacedLinks = 0
    /// Findings that gained evidence or lost a superseded version, with their new content.
    private(set) var changed: [(caseId: String, id: String, finding: Finding)] = []

    init(index: EvidenceIndex, given evidence: [EvidenceAttachment], summary: ImportSummary) {
        self.index = index
        given = Self.asKept(evidence)
        links = summary.counts["evidence link", default: ImportSummary.Counts()]
    }

    /// The entries as the store keeps them (gene symbols upper-cased), so that an entry given as "braf" is the kept
    /// "BRAF" one: counted once, and matched when the kept one links.
    static func asKept(_ evidence: [EvidenceAttachment]) -> Set<EvidenceAttachment> {
        Set(
            evidence.map {
                var kept = $0
                kept.gene = kept.gene.uppercased()
                return kept
            })
    }

    /// Counts the entries and loci the store kept (new, updated from another release, unchanged) with the release's
    /// notes; returns the entries to look for on findings (versions older than the kept ones are not used).
    static func noteKept(
        evidence: [EvidenceAttachment], release: EvidenceRelease, loci: [EvidenceLocus], newLoci: Int,
        into summary: inout ImportSummary
    ) -> [EvidenceAttachment] {
        if !evidence.isEmpty {
            var kept = summary.counts["evidence entry", default: ImportSummary.Counts()]
            kept.created += release.created
            kept.updated += release.updated
            kept.unchanged += release.unchanged
            summary.counts["evidence entry"] = kept
        }
        summary.notes += release.notes
        if !loci.isEmpty {
            var places = summary.counts["evidence locus", default: ImportSummary.Counts()]
            places.created += newLoci
            places.unchanged += Set(loci).count - newLoci
            summary.counts["evidence locus"] = places
        }
        return evidence.filter { !release.older.contains($0) }
    }

    /// Whether a row of this gene can gain anything (else it is not even decoded): a gene with entries, or any row
    /// while the store keeps loci.
    func mayReach(gene: String?) -> Bool { index.candidates(gene: gene) != nil || index.hasLoci }

    /// One stored finding; `build` gives its report's genome build, asked only when the finding lies where a variant
    /// with evidence lies.
    mutating func visit(caseId: String, id: String, finding: Finding, build: () throws -> String?) throws {
        let byGene = index.candidates(gene: finding.gene) != nil
        let place = index.hasVariant(at: finding) ? try build() : nil
        guard byGene || place != nil else { return }
        var finding = finding
        // Earlier versions of kept items (another release, or a duplicate mended) leave the finding.
        let before = finding.evidence.count
        finding.evidence.removeAll(where: index.isSuperseded)
        let replaced = before - finding.evidence.count
        replacedLinks += replaced
        let had = finding.evidence
        let result = index.apply(to: &finding, build: place)
        // Links made now (by any kept entry: new loci can bring old evidence), and the given entries' links that
        // were there already.
        let mine = result.matched.filter(given.contains)
        matched.formUnion(mine)
        links.created += result.added
        links.unchanged += mine.filter { had.contains($0.entry) }.count
        if result.added > 0 || replaced > 0 { changed.append((caseId, id, finding)) }
    }

    /// The cases whose findings changed, in id order.
    var touchedCases: [String] { Set(changed.map(\.caseId)).sorted() }

    func finish(into summary: inout ImportSummary) {
        summary.counts["evidence link"] = links
        if replacedLinks > 0 {
            summary.notes.append(
                "\(replacedLinks) finding link\(replacedLinks == 1 ? "" : "s") to an earlier version of an evidence item removed (the kept version is linked where it matches)"
            )
        }
        // New evidence changes what matching reads (the evidence tier of a finding).
        summary.changedCases.formUnion(touchedCases)
        let unmatched = given.count - matched.count
        if unmatched > 0 {
            // Kept, not skipped: a note, so the "skipped" list only holds what was left out.
            summary.notes.append(
                "\(unmatched) evidence entr\(unmatched == 1 ? "y" : "ies") matched no finding in the store yet (kept: they attach to findings imported later)"
            )
        }
    }
}
