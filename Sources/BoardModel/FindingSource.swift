import Foundation

/// One report's call of a finding that several reports of one specimen made (a sample's MAF and the MAF of one of
/// its aliquots, two callers' VCFs): which report it came from and that report's own read evidence, kept per report
/// and never averaged, so the board sees where each VAF and depth was measured.
public struct FindingSource: Codable, Sendable, Hashable {
    /// The report (and so the file) that called the variant.
    public var reportId: String
    public var vaf: Double?
    /// Which field the VAF came from in that report ("FORMAT AF", "t_alt_count/t_depth", …).
    public var vafSource: String?
    public var depth: Int?
    public var altCount: Int?
    public var refCount: Int?
    /// The report's caller FILTER when not PASS.
    public var filter: String?
    public var genotype: String?
    /// The origin that report stated (nil in findings stored before it was kept), so that two reports that disagree
    /// are seen, not settled by which was read first.
    public var origin: VariantOrigin?

    public init(
        reportId: String, vaf: Double? = nil, vafSource: String? = nil, depth: Int? = nil, altCount: Int? = nil,
        refCount: Int? = nil, filter: String? = nil, genotype: String? = nil, origin: VariantOrigin? = nil
    ) {
        self.reportId = reportId
        self.vaf = vaf
        self.vafSource = vafSource
        self.depth = depth
        self.altCount = altCount
        self.refCount = refCount
        self.filter = filter
        self.genotype = genotype
        self.origin = origin
    }

    /// "VAF 13.6% (t_alt_count/t_depth), depth 44 (6 alt), filter LowQual": the report's call in a line.
    public var summary: String {
        var parts: [String] = []
        if let vaf {
            parts.append(String(format: "VAF %.1f%%", vaf * 100) + (vafSource.map { " (\($0))" } ?? ""))
        }
        if let depth { parts.append("depth \(depth)" + (altCount.map { " (\($0) alt)" } ?? "")) }
        if let genotype { parts.append("GT \(genotype)") }
        if let filter { parts.append("filter \(filter)") }
        return parts.isEmpty ? "no read counts" : parts.joined(separator: ", ")
    }
}
