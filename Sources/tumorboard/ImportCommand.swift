import ArgumentParser
import BoardFormats
import BoardStore
import Foundation

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

    @Option(
        help: ArgumentHelp(
            "VCF sample column or MAF Tumor_Sample_Barcode to read (needed with --case when the file holds several samples).",
            valueName: "name"))
    var sample: String?

    @Flag(help: "Check the files and report what would change, without writing.")
    var dryRun = false

    @Option(
        help: ArgumentHelp(
            "Also write the complete account of the import (records, skipped, fields not used) as JSON to this file.",
            valueName: "file"))
    var report: String?

    @Argument(help: ArgumentHelp("Files to import.", valueName: "path"))
    var paths: [String]

    private func removeStore() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: global.storePath + suffix) }
    }

    func run() throws {
        let (expanded, passedOver) = try ImportDirectory.expand(self.paths, formatGiven: format != nil)
        // Partner boards' cohort files become external precedents (docs/cohort-exchange.md), after the rest.
        let (cohorts, paths) = format == nil ? CohortImport.split(expanded) : ([], expanded)
        if !cohorts.isEmpty {
            if !paths.isEmpty { try importRecords(paths, passedOver: passedOver) }
            let store = try global.openStore(as: (any PrecedentStore).self)
            for line in try CohortImport.run(cohorts, store: store, dryRun: dryRun) { print(line) }
            return
        }
        try importRecords(paths, passedOver: passedOver)
    }

    private func importRecords(_ paths: [String], passedOver: [String]) throws {
        let tty = isatty(STDERR_FILENO) == 1
        if tty {
            FileHandle.standardError.write(Data("reading \(paths.count) file\(paths.count == 1 ? "" : "s")…\r".utf8))
        }
        let payload = try BoardReader.payload(
            paths: paths, format: format, options: .init(caseId: caseId, sample: sample, streamFindings: true))
        // Lab files are parsed while the store writes, so a bad line can surface after the store was opened: a
        // store this run created is removed again then (and after a dry run), leaving things as they were.
        // A PostgreSQL database is never removed: its transaction is what leaves it as it was.
        let existed =
            FileManager.default.fileExists(atPath: global.storePath)
            || (StoreAddress(global.storePath) != .file(global.storePath))
        let bar = ProgressBar(label: "importing", total: 1, counts: false)
        let store: any StoreSession & CaseStore & ImportStore & TrialStore
        let summary: ImportSummary
        do {
            store = try global.openStore(as: (any StoreSession & CaseStore & ImportStore & TrialStore).self)
            if let caseId { try store.requireSamePatient(caseId: caseId, records: payload.bundle.cases) }
            summary = try store.importRecords(
                payload.bundle, partialCases: payload.partialCases, caseAdditions: payload.caseAdditions,
                findingBatches: payload.findingSets,
                findingStreams: payload.findingStreams,
                evidence: payload.evidence, evidenceLoci: payload.evidenceLoci, skipped: payload.skipped,
                dryRun: dryRun, now: Date(),
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
        if !passedOver.isEmpty {
            lines.append(
                "note: not read, not in a format tumorboard reads (\(passedOver.count)): "
                    + passedOver.joined(separator: ", "))
        }
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
        let skipped = summary.skipped.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if !skipped.isEmpty {
            lines.append("skipped (\(skipped.count)):")
            lines += skipped.map { "  \($0)" }
        }
        print(lines.joined(separator: "\n"))
        if !dryRun,
            let refreshed = try MatchRefresh.changed(
                store, cases: summary.changedCases, trials: summary.changedTrials,
                casesUpdated: (summary.counts["case"]?.updated ?? 0) > 0)
        {
            print(refreshed)
        }
    }
}

/// A directory given to `import` stands for the files in it (not its subdirectories or hidden files), read in
/// name order like a shell glob; files whose beginning matches no format (scripts, notes) are passed over and named.
enum ImportDirectory {
    static func expand(_ paths: [String], formatGiven: Bool) throws -> (files: [String], passedOver: [String]) {
        let fm = FileManager.default
        var files: [String] = []
        var passedOver: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names: [String]
            do { names = try fm.contentsOfDirectory(atPath: path) } catch {
                throw ImportError(file: path, message: "cannot list the directory (not readable)")
            }
            let base = URL(fileURLWithPath: path)
            var found = 0
            for name in names.sorted() where !name.hasPrefix(".") {
                let file = base.appendingPathComponent(name).path
                var inner: ObjCBool = false
                guard fm.fileExists(atPath: file, isDirectory: &inner), !inner.boolValue else { continue }
                found += 1
                if formatGiven || readable(file) { files.append(file) } else { passedOver.append(file) }
            }
            if found == 0 { throw ImportError(file: path, message: "the directory holds no files to import") }
        }
        if files.isEmpty {
            throw ImportError(
                file: paths.joined(separator: ", "),
                message: "no file in a format tumorboard reads (\(BoardReader.formats.joined(separator: ", ")))")
        }
        return (files, passedOver)
    }

    /// Whether the file's first 64 KiB look like something a reader takes: JSON or XML (the reader judges the
    /// rest), gzip (VCF/MAF), or a text format the detector names.
    static func readable(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return true }  // the reader reports it
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65536)) ?? Data()
        if head.starts(with: [0x1f, 0x8b]) { return true }
        if let first = head.first(where: { ![0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].contains($0) }),
            [UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "<")].contains(first)
        {
            return true
        }
        return BoardReader.detect(head) != nil
    }
}
