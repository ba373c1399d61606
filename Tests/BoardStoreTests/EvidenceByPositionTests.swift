import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// CIViC evidence reaches findings by genomic position as well as by gene and variant name: same genome build,
/// chromosome, start and alleles as a locus of its variant (from a variant summary or the evidence row's own
/// coordinates), whatever padding convention the finding's file used. Coordinates as CIViC writes them: 1-based,
/// a deletion from its first deleted base, an insertion on the base before it, empty for the missing side. The import
/// tests run on both backends (PostgreSQL keeps evidence loci since its schema 5).
@Suite("Evidence by genomic position")
struct EvidenceByPositionTests {
    static let entry = EvidenceEntry(
        source: "CIViC", level: EvidenceLevel(scale: .civic, code: "A"), type: "Predictive", therapy: "Vemurafenib")
    static let insertionEntry = EvidenceEntry(
        source: "CIViC", level: EvidenceLevel(scale: .civic, code: "C"), type: "Predictive", therapy: "Neratinib")

    static let v600e = EvidenceLocus(
        gene: "BRAF", variant: "V600E", build: "GRCh37", chrom: "7", start: 140_453_136, stop: 140_453_136, ref: "A",
        alt: "T")
    /// CIViC ERBB2 P780INS: start and stop flank the insertion, no reference bases.
    static let p780ins = EvidenceLocus(
        gene: "ERBB2", variant: "P780INS", build: "GRCh37", chrom: "17", start: 37_881_011, stop: 37_881_012, ref: "",
        alt: "GGCTCCCCA")

    func batch(_ build: String?, _ findings: [Finding], file: String = "t.vcf") -> FindingBatch {
        FindingBatch(
            caseId: "C-1", sample: nil,
            report: MolecularReport(id: "vcf:\(file):T", assay: "VCF", genomeBuild: build),
            findings: findings)
    }

    func evidence(_ s: any Backend.Store) throws -> [String: [EvidenceEntry]] {
        let record = try #require(try s.caseRecord(id: "C-1", on: LocalDate(Fixtures.now))).record
        return Dictionary(uniqueKeysWithValues: record.findings.map { ($0.id, $0.evidence) })
    }

    /// CIViC's gene-level "MUTATION" (DNMT3A, RUNX1 …) means a change of the protein: a 3' UTR, intronic
    /// (c.508+8A>G), synonymous or splice-region finding of the gene does not take it by name; a missense, a
    /// frameshift or a canonical splice-site change does.
    @Test func geneLevelMutationEvidenceNeedsAProteinChange() {
        func finding(_ consequence: String?, hgvsP: String? = nil, hgvsC: String? = nil) -> Finding {
            Finding(id: "F", kind: .snv, gene: "RUNX1", hgvsC: hgvsC, hgvsP: hgvsP, consequence: consequence)
        }
        for unchanged in [
            finding("intron_variant", hgvsC: "c.508+8A>G"), finding("splice_region_variant&intron_variant"),
            finding("3_prime_UTR_variant"), finding("synonymous_variant", hgvsP: "p.Leu20="),
            finding("splice_donor_region_variant&intron_variant"), finding(nil),
        ] {
            #expect(!EvidenceMatch.matches("MUTATION", unchanged), "\(unchanged.consequence ?? "none")")
        }
        for changed in [
            finding("missense_variant", hgvsP: "p.Arg201Gln"), finding("frameshift_variant"),
            finding("splice_acceptor_variant"), finding("Missense_Mutation"), finding("Splice_Site"),
            finding(nil, hgvsP: "p.R882H"),
        ] {
            #expect(EvidenceMatch.matches("MUTATION", changed), "\(changed.consequence ?? "none")")
        }
    }

    @Test func sitesAreWrittenOneWayWhateverThePadding() {
        typealias Site = EvidenceLocus.Site
        // SNV: "chr" prefix and case do not matter.
        #expect(
            Site(chrom: "chr7", position: 5, ref: "a", alt: "T") == Site(chrom: "7", position: 5, ref: "A", alt: "T"))
        // Deletion: VCF pads with the base before (pos 100, AT>A); MAF and CIViC start at the deleted base.
        #expect(
            Site(chrom: "1", position: 100, ref: "AT", alt: "A") == Site(chrom: "1", position: 101, ref: "T", alt: "-"))
        #expect(
            Site(chrom: "1", position: 100, ref: "AT", alt: "A") == Site(chrom: "1", position: 101, ref: "T", alt: ""))
        // Insertion: VCF pads (pos 100, A>AT); MAF and CIViC put it on the base before (100, -/T).
        #expect(
            Site(chrom: "1", position: 100, ref: "A", alt: "AT") == Site(chrom: "1", position: 100, ref: "-", alt: "T"))
        // Different changes stay different.
        #expect(
            Site(chrom: "1", position: 100, ref: "A", alt: "T") != Site(chrom: "1", position: 100, ref: "A", alt: "G"))
        #expect(
            Site(chrom: "1", position: 100, ref: "A", alt: "T") != Site(chrom: "2", position: 100, ref: "A", alt: "T"))
        // Not a site: no change, or symbolic alleles.
        #expect(Site(chrom: "1", position: 100, ref: "", alt: "") == nil)
        #expect(Site(chrom: "1", position: 100, ref: "N", alt: "<DEL>") == nil)
        #expect(EvidenceLocus.build("hg19") == "GRCh37" && EvidenceLocus.build("GRCh38.p13") == "GRCh38")
        #expect(EvidenceLocus.build("unknown") == nil)
    }

    @Test(arguments: Backend.available)
    func anUnannotatedFindingGetsEvidenceByPositionOnTheSameBuildOnly(backend: Backend) throws {
        let s = try backend.makeBoard(Fixtures.bundle).store
        // Evidence and loci first, findings later (FindingWriter), without a gene (an unannotated VCF).
        try s.importing(
            BoardBundle(), evidence: [EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: Self.entry)],
            evidenceLoci: [Self.v600e])
        let site = Finding(id: "7:140453136:A:T", kind: .snv, chrom: "chr7", position: 140_453_136, ref: "A", alt: "T")
        let other = Finding(id: "7:140453136:A:G", kind: .snv, chrom: "7", position: 140_453_136, ref: "A", alt: "G")
        try s.importing(BoardBundle(), findingBatches: [batch("GRCh37", [site, other])])
        var e = try evidence(s)
        #expect(e["C-1/7:140453136:A:T"] == [Self.entry])
        #expect(e["C-1/7:140453136:A:G"] == [])
        // The same coordinates on GRCh38, or on a build the file does not state, are another place or unknown.
        func copy(_ id: String) -> Finding {
            Finding(id: id, kind: .snv, chrom: "7", position: 140_453_136, ref: "A", alt: "T")
        }
        try s.importing(
            BoardBundle(),
            findingBatches: [
                batch("GRCh38", [copy("b38")], file: "b38.vcf"), batch(nil, [copy("nobuild")], file: "u.vcf"),
            ]
        )
        e = try evidence(s)
        #expect(e["C-1/7:140453136:A:T"] == [Self.entry])
        #expect(e["C-1/b38"] == [])
        #expect(e["C-1/nobuild"] == [])
    }

    @Test(arguments: Backend.available)
    func lociImportedAfterTheEvidenceBringItToStoredFindings(backend: Backend) throws {
        let s = try backend.makeBoard(Fixtures.bundle).store
        // A padded VCF insertion (pos 37881011, C>CGGCTCCCCA) already in the store, gene not annotated.
        let insertion = Finding(
            id: "17:37881011:C:CGGCTCCCCA", kind: .indel, chrom: "17", position: 37_881_011, ref: "C",
            alt: "CGGCTCCCCA")
        try s.importing(BoardBundle(), findingBatches: [batch("GRCh37", [insertion])])
        // Evidence named only (molecular-profile layout: no coordinates): nothing matches by name.
        let named = try s.importing(
            BoardBundle(),
            evidence: [EvidenceAttachment(gene: "ERBB2", variant: "P780INS", entry: Self.insertionEntry)]
        )
        #expect(named.counts["evidence link"]?.created ?? 0 == 0)
        // The variant summary's locus arrives: the stored evidence now reaches the stored finding.
        let placed = try s.importing(BoardBundle(), evidenceLoci: [Self.p780ins])
        #expect(placed.counts["evidence locus"]?.created == 1)
        #expect(placed.counts["evidence link"]?.created == 1)
        #expect(try evidence(s)["C-1/17:37881011:C:CGGCTCCCCA"] == [Self.insertionEntry])
        // Again: nothing new.
        let again = try s.importing(BoardBundle(), evidenceLoci: [Self.p780ins])
        #expect(again.counts["evidence locus"]?.unchanged == 1 && again.counts["evidence link"]?.created ?? 0 == 0)
    }

    /// Evidence by name reaches the findings the store holds, keeps its order, is kept for a whole record imported
    /// later, and counts the same on both backends.
    @Test(arguments: Backend.available)
    func evidenceByNameReachesStoredFindingsAndRecordsImportedLater(backend: Backend) throws {
        let s = try backend.makeBoard(Fixtures.bundle).store
        let stored = Finding(id: "braf", kind: .snv, gene: "BRAF", hgvsP: "p.Val600Glu")
        try s.importing(BoardBundle(), findingBatches: [batch("GRCh37", [stored])])
        let residue = EvidenceEntry(
            source: "CIViC", level: EvidenceLevel(scale: .civic, code: "B"), type: "Predictive", therapy: "Dabrafenib")
        let given = [
            EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: Self.entry),
            EvidenceAttachment(gene: "braf", variant: "V600", entry: residue),
            EvidenceAttachment(gene: "KRAS", variant: "G12C", entry: Self.insertionEntry),
        ]
        let first = try s.importing(BoardBundle(), evidence: given)
        // "braf" is the kept "BRAF": one entry, and it counts as matched when it links.
        #expect(first.counts["evidence entry"]?.created == 3)
        #expect(first.counts["evidence link"]?.created == 2)
        #expect(first.changedCases == ["C-1"])
        #expect(first.notes.contains { $0.hasPrefix("1 evidence entry matched no finding") }, "\(first.notes)")
        #expect(try evidence(s)["C-1/braf"] == [Self.entry, residue])
        let history = try #require(try s.caseRecord(id: "C-1", on: LocalDate(Fixtures.now))).history
        #expect(history.filter { $0.action == "case.evidence" }.count == 1)
        let again = try s.importing(BoardBundle(), evidence: given)
        #expect(again.counts["evidence entry"]?.unchanged == 3 && again.counts["evidence link"]?.created ?? 0 == 0)
        #expect(again.counts["evidence link"]?.unchanged == 2 && again.changedCases.isEmpty)
        // A whole record imported later carries the kept evidence on its own findings, in the order kept.
        var record = Fixtures.cases[1]
        record.findings = [Finding(id: "C-2-B", kind: .snv, gene: "BRAF", hgvsP: "p.V600E")]
        try s.importing(BoardBundle(cases: [record]))
        let later = try #require(try s.caseRecord(id: "C-2", on: LocalDate(Fixtures.now))).record.findings
        #expect(later.map(\.evidence) == [[Self.entry, residue]])
        #expect(try s.headline(caseId: "C-2")?.topFinding != nil)
    }

    @Test(arguments: Backend.available)
    func aFilteredFindingIsNotMatchedByPosition(backend: Backend) throws {
        let s = try backend.makeBoard(Fixtures.bundle).store
        try s.importing(
            BoardBundle(), evidence: [EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: Self.entry)],
            evidenceLoci: [Self.v600e])
        let filtered = Finding(
            id: "7:140453136:A:T", kind: .snv, filter: "LowQual", chrom: "7", position: 140_453_136, ref: "A", alt: "T")
        try s.importing(BoardBundle(), findingBatches: [batch("GRCh37", [filtered])])
        #expect(try evidence(s)["C-1/7:140453136:A:T"] == [])
    }
}

extension ImportStore {
    /// An import of records, lab findings and evidence at the fixtures' time (either backend).
    @discardableResult
    func importing(
        _ bundle: BoardBundle, findingBatches: [FindingBatch] = [], evidence: [EvidenceAttachment] = [],
        evidenceLoci: [EvidenceLocus] = []
    ) throws -> ImportSummary {
        try importRecords(
            bundle, partialCases: [], caseAdditions: [], findingBatches: findingBatches, findingStreams: [],
            evidence: evidence, evidenceLoci: evidenceLoci, skipped: [], dryRun: false, now: Fixtures.now, progress: nil
        )
    }
}
