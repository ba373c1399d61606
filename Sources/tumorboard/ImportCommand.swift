import Foundation
import ArgumentParser
import BoardFormats
import BoardStore

/// `tumorboard import PATH…`: reads files into the store in one transaction.
///
/// Findings from VCF and MAF files (and FHIR variants whose Patient is not in the file) belong to a case:
/// `--case ID` names it; without it each sample is matched to the case whose id, or whose report or specimen
/// id, equals the sample name (VCF tumour column, MAF Tumor_Sample_Barcode). Import cBioPortal sample files
/// first and MAF samples find their cases by SAMPLE_ID.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import cases, findings, trials and evidence from files (one transaction per run).",
        discussion: """
        Formats (detected from the content): \(BoardReader.formats.joined(separator: ", ")).
        VCF/MAF findings attach to --case, or to the case whose id or report specimen id equals the sample name.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Read the files as this format instead of detecting it.", valueName: "format"))
    var format: String?

    @Option(name: .customLong("case"), help: ArgumentHelp("Attach VCF/MAF findings to this case.", valueName: "id"))
    var caseId: String?

    @Option(help: ArgumentHelp("VCF sample column or MAF Tumor_Sample_Barcode to read (needed with --case when the file holds several samples).", valueName: "name"))
    var sample: String?

    @Flag(help: "Check the files and report what would change, without writing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Also write the complete account of the import (records, skipped, fields not used) as JSON to this file.", valueName: "file"))
    var report: String?

    @Argument(help: ArgumentHelp("Files to import.", valueName: "path"))
    var paths: [String]

    private func removeStore() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: global.storePath + suffix) }
    }

    func run() throws {
        let tty = isatty(STDERR_FILENO) == 1
        if tty { FileHandle.standardError.write(Data("reading \(paths.count) file\(paths.count == 1 ? "" : "s")…\r".utf8)) }
        let payload = try BoardReader.payload(paths: paths, format: format, options: .init(caseId: caseId, sample: sample, streamFindings: true))
        // Lab files are parsed while the store writes, so a bad line can surface after the store was opened: a
        // store this run created is removed again then (and after a dry run), leaving things as they were.
        let existed = FileManager.default.fileExists(atPath: global.storePath)
        let bar = ProgressBar(label: "importing", total: 1, counts: false)
        let store: BoardStore
        let summary: ImportSummary
        do {
            store = try global.openStore()
            if let caseId { try store.requireSamePatient(caseId: caseId, records: payload.bundle.cases) }
            summary = try store.importRecords(payload.bundle, partialCases: payload.partialCases, caseAdditions: payload.caseAdditions, findingBatches: payload.findingSets,
                                              findingStreams: payload.findingStreams,
                                              evidence: payload.evidence, skipped: payload.skipped, dryRun: dryRun,
                                              progress: { @Sendable done, total in bar.update(done, of: total) })
        } catch {
            bar.finish()
            if !existed { removeStore() }
            throw error
        }
        if dryRun && !existed { removeStore() }
        bar.finish()
        var counts = summary
        counts.skipped = []
        var full = summary
        full.accounts = payload.accounts + summary.accounts
        let account = ImportReport(summary: full, notes: payload.notes, dryRun: dryRun)
        if let report {
            do { try account.json().write(to: URL(fileURLWithPath: report)) } catch {
                throw ValidationError("cannot write the import report to \(report) (\(error.localizedDescription))")
            }
        }
        var lines = [dryRun ? "dry run, nothing written; would import:" : "imported into \(store.path):"]
        if !counts.description.isEmpty { lines.append(counts.description) }
        // The account of each file first (what was read, skipped, refused, not used), then the notes.
        lines += account.summaryLines()
        var noteCounts: [String: Int] = [:]
        let notes = payload.notes + summary.notes
        for note in notes { noteCounts[note, default: 0] += 1 }
        var said: Set<String> = []
        for note in notes where said.insert(note).inserted {
            lines.append("note: \(note)" + (noteCounts[note]! > 1 ? " (×\(noteCounts[note]!))" : ""))
        }
        if !summary.skipped.isEmpty {
            lines.append("skipped:")
            lines += summary.skipped.map { "  \($0)" }
        }
        print(lines.joined(separator: "\n"))
        if !dryRun, let refreshed = try MatchRefresh.all(store) { print(refreshed) }
    }
}
