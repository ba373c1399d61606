import BoardModel
import Foundation

/// The account of lab-file findings an import attaches to cases, the same on every backend: which samples found no
/// case (reported by file, never refused unless no sample found one), and the cases made for samples no case had
/// (a MAF's barcodes). Errors name the file, never only a sample.
struct LabFindingAccount {
    private var unmatchedSamples: [(sample: String, file: String, count: Int)] = []
    private var chunks = 0, attachedChunks = 0, findings = 0
    /// Cases made for samples no case had, to count in the summary.
    var casesCreated: [String] = []

    mutating func attached(_ chunk: FindingWriter.Chunk) {
        chunks += 1
        findings += chunk.findings.count
        attachedChunks += 1
    }

    mutating func unmatched(_ chunk: FindingWriter.Chunk) {
        chunks += 1
        findings += chunk.findings.count
        if FindingBatch.isClinicalRecordReport(chunk.report.id) {
            // A FHIR Observation without its Patient: a clinical record's addition, under AbsentPatientRule.
            absent.missing(file: chunk.report.id.split(separator: ":").dropFirst().first.map(String.init))
            return
        }
        let sample = chunk.sample ?? "(unnamed)"
        // The stream's file, else the report id "<kind>:<file name>:<sample>".
        var file = chunk.file
        let id = chunk.report.id
        if file == nil, let colon = id.firstIndex(of: ":"), id.hasSuffix(":" + sample),
            let end = id.index(id.endIndex, offsetBy: -(sample.count + 1), limitedBy: id.startIndex), colon < end
        {
            file = String(id[id.index(after: colon)..<end])
        }
        let name = file ?? "a lab file"
        if let i = unmatchedSamples.firstIndex(where: { $0.sample == sample && $0.file == name }) {
            unmatchedSamples[i].count += chunk.findings.count
        } else {
            unmatchedSamples.append((sample, name, chunk.findings.count))
        }
    }

    /// Clinical-record findings (FHIR Observations without their Patient) about a patient the store does not hold.
    private var absent = AbsentPatientRule()

    /// Refuses an import whose findings found no case at all, or that adds clinical-record findings to a patient
    /// the store does not hold.
    func requireSomeCase() throws {
        try absent.check()
        if attachedChunks == 0 && chunks > 0 && findings > 0 {
            let places = unmatchedSamples.map { "\($0.file): sample \($0.sample)" }
            throw StoreError.invalid(
                "no case for \(places.joined(separator: "; ")): "
                    + "expected a case id or a report specimen id equal to the sample name; pass --case ID to choose the case"
            )
        }
    }

    /// Ends a lab import the same way on both backends: refuses it when no sample found a case, reports the samples
    /// left out and the cases made, refreshes each touched case once (`refresh(caseId, findingsChanged)`, the
    /// backend's SQL) and counts findings, cases and evidence links into the summary.
    func finish(
        touched: [String], tally: (String) -> LabFindingTally?, links: Int, into summary: inout ImportSummary,
        refresh: (String, Bool) throws -> Void
    ) throws {
        try requireSomeCase()
        report(into: &summary)
        var counts = summary.counts["finding", default: ImportSummary.Counts()]
        var links = links
        for caseId in touched {
            guard let t = tally(caseId) else { continue }
            counts.created += t.created
            counts.updated += t.updated
            counts.unchanged += t.unchanged
            links += t.links
            try refresh(caseId, t.changed)
            summary.note(
                "case", casesCreated.contains(caseId) ? .created : t.changed ? .updated : .unchanged, id: caseId)
        }
        summary.counts["finding"] = counts
        if links > 0 { summary.counts["evidence link", default: ImportSummary.Counts()].created += links }
    }

    /// The samples left without a case, and the cases made, in the import's report.
    func report(into summary: inout ImportSummary) {
        for u in unmatchedSamples {
            summary.skipped.append(
                "\(u.file): \(u.count) finding(s) of sample \(u.sample): no case has that id or specimen id (use --case)"
            )
        }
        if !casesCreated.isEmpty {
            summary.notes.append(
                "\(casesCreated.count) new case(s), one per sample that matched no case (by case id, specimen id, or a TCGA barcode's sample or participant; patient and diagnosis not stated, complete them or pass --case): "
                    + casesCreated.prefix(10).joined(separator: ", ") + (casesCreated.count > 10 ? ", …" : ""))
        }
    }

    /// `--case ID` naming no case: the same words on every backend, saying how to make the case.
    static func noSuchCase(_ id: String) -> StoreError {
        let shown = id.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) ? "'\(id)'" : id
        return StoreError.invalid(
            "case \(id) is neither in the store nor in the import; make it first with `tumorboard case add \(shown)` "
                + "(--diagnosis CODE, --sex …), or import the patient's record (FHIR, Phenopacket, native JSON) in the same run"
        )
    }

    /// The id a case made for a sample starts from (a number is added when taken): a TCGA/TARGET barcode's sample
    /// ("TCGA-A1-A0SB-01"), so further aliquots of that sample find it; any other sample as written.
    static func newCaseId(for sample: String) -> String { SampleBarcode(sample)?.sample ?? sample }

    /// A case for a sample no case knows: its patient unknown but for the barcode's participant (two samples of one
    /// participant are two cases of one patient, never merged), its diagnosis not stated.
    static func caseFor(sample: String, id: String, report: MolecularReport) -> Case {
        let participant = SampleBarcode(sample)?.participant
        let patient = Patient(
            id: participant ?? "patient-of-" + id, name: PersonName(text: "(name not stated in the lab file)"),
            pseudonym: participant)
        return Case(
            id: id, patient: patient, diagnosis: Diagnosis(text: "not stated in the lab file"), reports: [report])
    }

    /// The case a lab file's sample belongs to, by name: the case `named` finds for the sample (its id, or one of its
    /// reports' id or specimen id), else for a TCGA/TARGET barcode the case of its sample or participant (GDC barcode
    /// fields, most specific first; the participant only as a case id). Any other name is matched exactly.
    static func caseId(
        forSample sample: String, named: (String) throws -> String?, exists: (String) throws -> Bool
    ) throws -> String? {
        if let found = try named(sample) { return found }
        guard let barcode = SampleBarcode(sample) else { return nil }
        for id in barcode.broader(than: sample) {
            if id == barcode.participant {
                if try exists(id) { return id }
            } else if let found = try named(id) {
                return found
            }
        }
        return nil
    }
}

extension ImportSummary {
    /// A lab file's account (records read, fields not used) joins the import report; the findings made stay a note.
    mutating func add(_ outcome: FindingStream.Outcome, of stream: FindingStream) {
        skipped += outcome.skipped
        notes += outcome.notes
        let name = URL(fileURLWithPath: stream.file).lastPathComponent
        let lower = name.lowercased()
        let format = lower.contains(".vcf") ? "vcf" : (lower.contains(".maf") ? "maf" : "lab file")
        accounts.append(outcome.account(file: stream.file, format: format))
        notes.append("\(name): \(outcome.made) finding(s) made")
    }
}

/// The lab files' findings of one import, handed to a backend's writer in order: the batches read already, then the
/// streams (each parsed on a second thread while this one writes). Progress is in rows of the batches plus bytes of
/// the streams; each stream's account joins the summary.
enum LabFindingRun {
    static func run(
        batches: [FindingBatch], streams: [FindingStream], knowledge: EvidenceIndex, summary: inout ImportSummary,
        progress: (@Sendable (Int, Int) -> Void)?, write: (FindingWriter.Chunk) throws -> Void
    ) throws {
        let total = batches.reduce(0) { $0 + $1.findings.count } + streams.reduce(0) { $0 + $1.size }
        var done = 0
        for batch in batches {
            try write(try FindingWriter.prepare(batch, knowledge: knowledge))
            done += batch.findings.count
            progress?(done, total)
        }
        for stream in streams {
            let start = done
            let outcome = try ChunkPipe.drain(
                stream, prepare: { try FindingWriter.prepare($0, knowledge: knowledge, file: stream.file) },
                write: { chunk, bytes in
                    try write(chunk)
                    progress?(start + bytes, total)
                })
            done = start + stream.size
            summary.add(outcome, of: stream)
        }
    }
}

/// One case's rows in a lab import: created, updated, left unchanged, and evidence links added with them.
struct LabFindingTally {
    var created = 0, updated = 0, unchanged = 0, links = 0

    /// The case's findings changed (a row created or updated).
    var changed: Bool { created + updated > 0 }
}
