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

    /// Refuses an import whose findings found no case at all.
    func requireSomeCase() throws {
        if attachedChunks == 0 && chunks > 0 && findings > 0 {
            let places = unmatchedSamples.map { "\($0.file): sample \($0.sample)" }
            throw StoreError.invalid(
                "no case for \(places.joined(separator: "; ")): "
                    + "expected a case id or a report specimen id equal to the sample name; pass --case ID to choose the case"
            )
        }
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
                "\(casesCreated.count) case(s) made for samples no case had (one per sample, patient and diagnosis not stated): "
                    + casesCreated.prefix(10).joined(separator: ", ") + (casesCreated.count > 10 ? ", …" : ""))
        }
    }

    /// A case for a sample no case knows: its id is the sample (specimen) id, its patient unknown but for that id,
    /// its diagnosis not stated. One case per sample: samples are never merged. A TCGA/TARGET-style barcode names its
    /// participant in its first three parts (the GDC barcode specification): two samples of one participant are two
    /// cases of one patient.
    static func caseFor(sample: String, id: String, report: MolecularReport) -> Case {
        let parts = sample.split(separator: "-")
        let participant =
            parts.count >= 4 && (parts[0] == "TCGA" || parts[0] == "TARGET")
            ? parts.prefix(3).joined(separator: "-") : nil
        let patient = Patient(
            id: participant ?? "patient-of-" + id, name: PersonName(text: "(not stated in the lab file)"),
            pseudonym: participant)
        return Case(
            id: id, patient: patient, diagnosis: Diagnosis(text: "not stated in the lab file"), reports: [report])
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
