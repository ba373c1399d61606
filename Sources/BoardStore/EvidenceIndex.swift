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

    /// The entry kept for each knowledge-base id (CIViC EID/AID): one per id, whatever releases were imported.
    private(set) var current: [String: EvidenceEntry] = [:]

    /// `attachments` in the order they were kept; of several with one source id only the one `EvidenceRelease`
    /// keeps is used (a store written before ids were kept may still hold both).
    init(_ attachments: [EvidenceAttachment], loci: [EvidenceLocus] = []) {
        var seen: Set<EvidenceAttachment> = []
        var kept: [String: EvidenceAttachment] = [:]
        for e in attachments {
            guard let id = e.entry.sourceId else { continue }
            if let other = kept[id], !e.entry.replaces(other.entry) { continue }
            kept[id] = e
        }
        for e in attachments where seen.insert(e).inserted {
            if let id = e.entry.sourceId, kept[id] != e { continue }
            byGene[e.gene.uppercased(), default: []].append(e)
        }
        current = kept.mapValues(\.entry)
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

    /// Keeps entries for findings still to come, one per source id (`EvidenceRelease`); entries without an id are
    /// kept as given, once each.
    static func save(_ db: Database, _ attachments: [EvidenceAttachment]) throws -> EvidenceRelease {
        try save(SQLiteEvidenceShelf(db: db), attachments)
    }

    static func save(_ shelf: some EvidenceShelf, _ attachments: [EvidenceAttachment]) throws -> EvidenceRelease {
        var release = try EvidenceRelease(shelf)
        for e in attachments { try release.keep(shelf, e) }
        return release
    }

    /// Whether `entry` was replaced by a later version of the same item the index keeps.
    func isSuperseded(_ entry: EvidenceEntry) -> Bool {
        guard let id = entry.sourceId, let kept = current[id] else { return false }
        return kept != entry
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

    /// Adds the evidence kept to a whole record's findings (each on its report's genome build) before it is saved.
    func apply(toFindingsOf record: inout Case) {
        guard !isEmpty else { return }
        for i in record.findings.indices {
            let report = record.reports.first { $0.id == record.findings[i].reportId }
            apply(to: &record.findings[i], build: report?.genomeBuild)
        }
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
            // Variant-level evidence obeys the origin rule of gene-level evidence: evidence about somatic variants
            // never reaches a germline finding, and the reverse.
            guard byName || byPlace, GeneLevelEvidence.originsAgree(e.entry.origin, finding.origin) else { continue }
            matched.append(e)
            if !finding.evidence.contains(e.entry) {
                finding.evidence.append(e.entry)
                added += 1
            }
        }
        return (matched, added)
    }
}
