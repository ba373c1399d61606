import BoardModel
import Foundation

/// Everything the board knows about one finding, as labelled lines: the alteration (gene, HGVS, transcript,
/// consequence, kind, VAF and depth, filter, origin), where it was found (specimen and report), and every
/// evidence item with its level, direction, disease, drugs, source, citation and statement. The same lines
/// serve `tumorboard show CASE --finding ID` and the Molecular tab's detail view, so they cannot disagree.
/// Direction is always in the words; the tone only repeats it for colour.
public struct FindingDetailText {
    /// What a line is, for the screen's colour roles.
    /// `caution`: what the board must not overlook (evidence that may not apply to this finding).
    public enum Tone: Sendable, Equatable { case title, normal, option, againstDrug, dim, caution }

    public struct Line: Sendable, Equatable {
        public var text: String
        public var tone: Tone
        public init(_ text: String, _ tone: Tone = .normal) {
            self.text = text
            self.tone = tone
        }
    }

    public var finding: Finding
    public var reports: [MolecularReport]
    /// The case's OncoTree code, to say whether evidence is about this tumour type or another.
    public var diagnosisCode: String?

    public init(finding: Finding, reports: [MolecularReport] = [], diagnosisCode: String? = nil) {
        self.finding = finding
        self.reports = reports
        self.diagnosisCode = diagnosisCode
    }

    /// The finding as labelled lines: the alteration, the call in this sample, where it was found, then each
    /// evidence item (treatment options first).
    public func lines() -> [Line] {
        let report = finding.reportId.flatMap { id in reports.first { $0.id == id } }
        var out = Fields(lines: [Line("\(finding.label)  ·  \(finding.id)", .title)])
        alteration(into: &out, report: report)
        call(into: &out)
        provenance(into: &out, report: report)
        return out.lines + [Line("")] + evidenceLines()
    }

    /// `Label         value` lines; a missing value shows as a dim dash.
    struct Fields {
        var lines: [Line]

        mutating func field(_ label: String, _ value: String?, _ tone: Tone = .normal) {
            let padded = label.padding(toLength: 14, withPad: " ", startingAt: 0)
            lines.append(Line(padded + (value.flatMap { $0.isEmpty ? nil : $0 } ?? "—"), value == nil ? .dim : tone))
        }
    }

    /// Gene, HGVS, transcript, consequence, locus, kind, and what a rearrangement, copy number, fusion or biomarker adds.
    func alteration(into out: inout Fields, report: MolecularReport?) {
        let f = finding
        out.field("Gene", f.gene)
        out.field("HGVS c.", f.hgvsC)
        if let g = f.hgvsG { out.field("HGVS g.", g) }
        // A file that gives only the short form (MAF HGVSp_Short "p.D191G") still shows its protein change.
        out.field(
            "HGVS p.",
            (f.hgvsP ?? f.hgvsPShort).map { p in
                [
                    p, f.hgvsP == nil ? nil : f.hgvsPShort.map { "(\($0))" },
                    f.proteinDerivedFrom.map { "derived from \($0), not written as HGVS" },
                ].compactMap { $0 }.joined(separator: " ")
            })
        out.field("Transcript", f.transcript)
        out.field("Consequence", f.consequence)
        if let exon = f.exon { out.field("Exon", exon) }
        if let chrom = f.chrom, let position = f.position {
            var locus = "\(chrom):\(position)" + (f.end.map { $0 != position ? "-\($0)" : "" } ?? "")
            if let ref = f.ref, let alt = f.alt { locus += " \(ref)>\(alt)" }
            if let build = report?.genomeBuild { locus += " (\(build))" }
            if let id = f.sourceId { locus += ", id \(id)" }
            out.field("Locus", locus)
        }
        out.field("Kind", f.kind.label + (f.svType.map { ", \($0.rawValue)" } ?? ""))
        if f.svType != nil || f.partnerChrom != nil {
            // Size and breakend on lines of their own: labels that fit the label column ("Rearrangement size" read
            // as one overlong label).
            let size = [f.svSize.map { "\($0) bp" }, f.svLength.map { "SVLEN \($0)" }].compactMap { $0 }
            if !size.isEmpty { out.field("Size", size.joined(separator: ", ")) }
            let breakend = [
                f.partnerChrom.map { c in "partner \(c)" + (f.partnerPosition.map { ":\($0)" } ?? "") },
                f.mateId.map { "mate \($0)" }, f.precise.map { $0 ? "precise" : "imprecise" },
            ].compactMap { $0 }
            if !breakend.isEmpty { out.field("Breakend", breakend.joined(separator: ", ")) }
        }
        if f.kind == .copyNumber {
            out.field(
                "Copy number",
                [f.copyNumberCall?.label, f.copyNumber.map { "CN \(Self.number($0))" }].compactMap { $0 }.joined(
                    separator: ", "))
        }
        if let partners = f.partners {
            out.field("Partners", partners.joined(separator: "::") + (f.breakpoints.map { " (\($0))" } ?? ""))
        }
        if let b = f.biomarker { out.field("Biomarker", b.label) }
    }

    /// The call in this sample: VAF and reads, the matched normal, genotype, filters, origin and class.
    func call(into out: inout Fields) {
        let f = finding
        out.field(
            "VAF",
            f.vaf.map { String(format: "%.1f%% (%.3f)", $0 * 100, $0) + (f.vafSource.map { ", from \($0)" } ?? "") })
        let reads = [f.altCount.map { "\($0) alt" }, f.refCount.map { "\($0) ref" }].compactMap { $0 }
        out.field(
            "Depth", f.depth.map { "\($0) reads" + (reads.isEmpty ? "" : " (" + reads.joined(separator: ", ") + ")") })
        if f.normalDepth != nil || f.normalVAF != nil {
            out.field(
                "Normal",
                [
                    f.normalVAF.map { String(format: "VAF %.1f%%", $0 * 100) }, f.normalDepth.map { "depth \($0)" },
                    f.normalAltCount.map { "\($0) alt reads" },
                ].compactMap { $0 }.joined(separator: ", "))
        }
        if let gt = f.genotype { out.field("Genotype", gt) }
        out.field(
            "Filter",
            f.filter.map { "\($0) (did not pass the caller's filters; kept but marked)" } ?? "PASS or not filtered")
        if let sampleFilter = f.sampleFilter { out.field("Sample filter", sampleFilter) }
        // Evidence about somatic (or germline) variants on a finding of unknown origin is flagged where it is read.
        out.field(
            "Origin", f.origin.rawValue + (f.originCaution.map { " — \($0)" } ?? ""),
            f.originCaution == nil ? .normal : .caution)
        out.field("Class", f.classification?.label)
    }

    /// The specimen and the report the finding came from.
    func provenance(into out: inout Fields, report: MolecularReport?) {
        if let s = report?.specimen {
            let purity = s.tumourPurity.map { String(format: "purity %.0f%%", $0 * 100) }
            out.field(
                "Specimen",
                [s.id, s.type, s.site, s.collectedOn.map { "collected \($0)" }, purity].compactMap { $0 }.joined(
                    separator: ", "))
        } else {
            out.field("Specimen", nil)
        }
        if let r = report {
            out.field(
                "Report",
                [r.id, r.lab, r.assay, r.reportedOn.map { "reported \($0)" }].compactMap { $0 }.joined(separator: ", "))
        } else {
            out.field("Report", finding.reportId.map { "\($0) (not in the case's reports)" })
        }
        // One variant reported by several reports of this specimen: each report's own call, never averaged.
        if let sources = finding.sources {
            out.field("Called by", "\(sources.count) reports of this specimen")
            for s in sources {
                let specimen = reports.first { $0.id == s.reportId }?.specimen?.id
                out.field("", s.reportId + (specimen.map { " (\($0))" } ?? "") + ": " + s.summary)
            }
        }
    }

    /// Each evidence item with level, direction, type, disease, drugs, source, citation and statement.
    func evidenceLines() -> [Line] {
        var out: [Line] = []
        let evidence = finding.evidenceInReadingOrder
        out.append(
            Line(
                evidence.isEmpty ? "Evidence: none recorded" : "Evidence (\(evidence.count)), treatment options first",
                .title))
        for (i, e) in evidence.enumerated() {
            let tone: Tone = e.isTreatmentOption ? .option : (e.isAgainstDrug ? .againstDrug : .normal)
            out.append(Line("\(i + 1). \(e.phrase)", tone))
            func item(_ label: String, _ value: String?) {
                guard let value, !value.isEmpty else { return }
                out.append(Line("   " + label.padding(toLength: 11, withPad: " ", startingAt: 0) + value))
            }
            item("Level", "\(e.level)" + (e.level.meaning.map { ": \($0)" } ?? " (not a level of this scale)"))
            item("Direction", direction(e))
            item("Type", e.type)
            item("Disease", disease(e))
            item("Drugs", e.therapy)
            if let caution = finding.originCaution(for: e) {
                out.append(
                    Line("   " + "Origin".padding(toLength: 11, withPad: " ", startingAt: 0) + caution, .caution))
            }
            item("Source", e.source)
            item("Citation", e.reference)
            item("Statement", e.statement)
        }
        return out
    }

    /// The text of `lines()` for the terminal.
    public func render() -> String { lines().map(\.text).joined(separator: "\n") + "\n" }

    func direction(_ e: EvidenceEntry) -> String {
        let significance = e.clinicalSignificance
        var text = e.supports ? "supports " : "does not support "
        text += significance == .unknown ? "(significance not stated)" : significance.rawValue
        if let raw = e.significance, raw.lowercased() != significance.rawValue { text += " (\"\(raw)\")" }
        if e.isTreatmentOption {
            text += " — a treatment option"
        } else if e.isAgainstDrug {
            text += " — not a treatment option"
        } else if significance.isAboutDrug || e.therapy != nil {
            text += " — not a treatment option"
        }
        return text
    }

    func disease(_ e: EvidenceEntry) -> String? {
        guard e.disease != nil || e.oncotreeCode != nil else { return nil }
        var text = [e.disease, e.oncotreeCode.map { "[\($0)]" }].compactMap { $0 }.joined(separator: " ")
        if let code = e.oncotreeCode, let diagnosisCode {
            text += OncoTree.bundled.isWithin(diagnosisCode, code) ? " — this tumour type" : " — another tumour type"
        }
        return text
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
