import BoardModel
import Foundation
import GRDB

/// Knowledge-base evidence (CIViC rows) by gene, and where its variants lie (`EvidenceLocus`, from CIViC variant
/// summaries and evidence coordinates). The store keeps every entry and locus it was given in the `evidence` and
/// `evidence_locus` tables and applies them to each finding as it is written, so a VCF imported after the CIViC
/// file gets the same evidence as one imported before it. An entry reaches a finding by gene and variant name
/// (`EvidenceMatch`), or by position: same genome build, chromosome, start and alleles as a locus of its variant.
struct EvidenceIndex: Sendable {
    private var byGene: [String: [EvidenceAttachment]] = [:]
    /// Loci of "GENE\tvariant" per build and site, and the variants at each site (findings without a gene).
    private var sites: [String: Set<SiteOnBuild>] = [:]
    private var variantsAt: [SiteOnBuild: Set<String>] = [:]

    struct SiteOnBuild: Hashable, Sendable {
        let build: String
        let site: EvidenceLocus.Site
    }

    init(_ attachments: [EvidenceAttachment], loci: [EvidenceLocus] = []) {
        var seen: Set<EvidenceAttachment> = []
        for e in attachments where seen.insert(e).inserted { byGene[e.gene.uppercased(), default: []].append(e) }
        for locus in loci {
            guard let site = locus.site, let build = EvidenceLocus.build(locus.build) else { continue }
            let key = Self.key(locus.gene, locus.variant)
            let place = SiteOnBuild(build: build, site: site)
            sites[key, default: []].insert(place)
            variantsAt[place, default: []].insert(key)
        }
    }

    static func key(_ gene: String, _ variant: String) -> String { gene.uppercased() + "\t" + variant }

    var isEmpty: Bool { byGene.isEmpty }

    /// Whether any locus is known (findings without a gene can then still match by position).
    var hasLoci: Bool { !variantsAt.isEmpty }

    /// Every entry and locus the store keeps.
    static func load(_ db: Database) throws -> EvidenceIndex {
        let rows = try Row.fetchAll(db, sql: "SELECT gene, variant, body FROM evidence ORDER BY rowid")
        let loci = try Row.fetchAll(
            db, sql: "SELECT gene, variant, build, chrom, start, stop, ref, alt FROM evidence_locus ORDER BY rowid")
        return EvidenceIndex(
            try rows.map {
                EvidenceAttachment(
                    gene: $0["gene"], variant: $0["variant"],
                    entry: try Codec.decode(EvidenceEntry.self, from: $0["body"]))
            },
            loci: loci.map {
                EvidenceLocus(
                    gene: $0["gene"], variant: $0["variant"], build: $0["build"], chrom: $0["chrom"],
                    start: $0["start"], stop: $0["stop"], ref: $0["ref"], alt: $0["alt"])
            })
    }

    /// Keeps entries for findings still to come; returns how many were new.
    static func save(_ db: Database, _ attachments: [EvidenceAttachment]) throws -> Int {
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO evidence(gene, variant, body) VALUES (?, ?, ?)")
        var created = 0
        for e in attachments {
            try insert.execute(arguments: [e.gene.uppercased(), e.variant, try Codec.encode(e.entry)])
            created += db.changesCount
        }
        return created
    }

    /// Keeps loci for findings still to come; returns how many were new.
    static func save(_ db: Database, loci: [EvidenceLocus]) throws -> Int {
        let insert = try db.cachedStatement(
            sql:
                "INSERT OR IGNORE INTO evidence_locus(gene, variant, build, chrom, start, stop, ref, alt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        var created = 0
        for l in loci {
            try insert.execute(arguments: [
                l.gene.uppercased(), l.variant, l.build, l.chrom, l.start, l.stop, l.ref, l.alt,
            ])
            created += db.changesCount
        }
        return created
    }

    /// The entries that could apply to a finding of this gene (by symbol, whatever its case).
    func candidates(gene: String?) -> [EvidenceAttachment]? {
        guard let gene else { return nil }
        return byGene[gene.uppercased()]
    }

    /// Where a finding lies, when it is a PASS small variant with a known build and plain alleles.
    static func place(of finding: Finding, build: String?) -> SiteOnBuild? {
        guard finding.kind == .snv || finding.kind == .indel, finding.filter == nil,
            let build = EvidenceLocus.build(build), let chrom = finding.chrom, let position = finding.position,
            let ref = finding.ref, let alt = finding.alt,
            let site = EvidenceLocus.Site(chrom: chrom, position: position, ref: ref, alt: alt)
        else { return nil }
        return SiteOnBuild(build: build, site: site)
    }

    /// Whether some variant with evidence lies where the finding does (cheap test before loading its build).
    func hasVariant(at finding: Finding) -> Bool {
        guard hasLoci, let chrom = finding.chrom, let position = finding.position, let ref = finding.ref,
            let alt = finding.alt, let site = EvidenceLocus.Site(chrom: chrom, position: position, ref: ref, alt: alt)
        else { return false }
        return ["GRCh37", "GRCh38", "NCBI36"].contains { variantsAt[SiteOnBuild(build: $0, site: site)] != nil }
    }

    /// Adds to `finding` the matching entries it does not carry yet: by gene and variant name, or by position on
    /// `build` (the genome build of the finding's report; unknown, no position match). Returns the entries that
    /// matched and how many of them were added.
    @discardableResult
    func apply(to finding: inout Finding, build: String? = nil) -> (matched: [EvidenceAttachment], added: Int) {
        let place = hasLoci ? Self.place(of: finding, build: build) : nil
        var entries = candidates(gene: finding.gene) ?? []
        if let place, let keys = variantsAt[place] {
            // Variants at this site named under another gene (or a finding without a gene).
            let genes = Set(keys.compactMap { $0.split(separator: "\t").first.map(String.init) })
            for gene in genes.sorted() where gene != finding.gene?.uppercased() { entries += byGene[gene] ?? [] }
        }
        guard !entries.isEmpty else { return ([], 0) }
        var matched: [EvidenceAttachment] = []
        var added = 0
        for e in entries {
            let byName =
                finding.gene?.uppercased() == e.gene.uppercased()
                && EvidenceMatch.matches(e.variant, finding, origin: e.entry.origin)
            let byPlace = place.map { sites[Self.key(e.gene, e.variant)]?.contains($0) ?? false } ?? false
            guard byName || byPlace else { continue }
            matched.append(e)
            if !finding.evidence.contains(e.entry) {
                finding.evidence.append(e.entry)
                added += 1
            }
        }
        return (matched, added)
    }
}
