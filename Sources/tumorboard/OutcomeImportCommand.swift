import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard outcome import FILE… [--case CASE] [--report FILE]`: outcomes from native JSON, cBioPortal timeline
/// files or FHIR (mCODE disease status, medication administrations and statements), all files in one transaction.
struct OutcomeImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import outcomes from files (native JSON, cBioPortal timeline, FHIR mCODE).",
        discussion: """
            Each record is tied to the case its file names (caseId; PATIENT_ID; the FHIR subject's id), or to \
            --case for a file about one patient. cBioPortal timeline days count from the case's date of diagnosis; \
            a case without one keeps those records out (said in the account). An outcome the case already has is \
            not added twice. Any record breaking the outcome rules refuses the import, and the store is unchanged.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The outcome files.", valueName: "file")) var files: [String]
    @Option(name: .customLong("case"), help: ArgumentHelp("The case the file's records are about.", valueName: "case"))
    var caseId: String?
    @Option(help: ArgumentHelp("Write the complete account of each file as JSON to this file.", valueName: "path"))
    var report: String?

    func run() throws {
        let contents = try files.map { try OutcomeFileReader.read(path: $0) }
        let store = try global.openStore(as: (any OutcomeStore & CaseStore).self)
        var accounts = contents.map(\.account)
        var outcomes: [CaseOutcome] = []
        var origin: [(file: String, location: String)] = []
        var cases: [String: CaseRecord?] = [:]
        for (f, content) in contents.enumerated() {
            // A skip counts the file's record (a row, a resource) once, however many outcomes it gave.
            var skippedAt = Set<String>()
            func skip(_ reason: String, _ location: String) {
                if skippedAt.insert(location).inserted { accounts[f].skip(reason) }
            }
            if caseId != nil, Set(content.records.compactMap(\.subject)).count > 1 {
                throw CommandFailure(
                    message: "\(content.account.file): --case names one case, but the file is about several patients")
            }
            for record in content.records {
                let id = caseId ?? record.subject ?? ""
                if cases[id] == nil {
                    cases[id] = id.isEmpty ? nil : try store.caseRecord(id: id, on: LocalDate(Date()))
                }
                guard let found = cases[id] ?? nil else {
                    skip("records of a case not in the store (import the case first, or give --case)", record.location)
                    continue
                }
                // With --case, a FHIR record must be about that case's patient, never another one's.
                if caseId != nil, content.format == "fhir", let subject = record.subject,
                    subject != found.record.patient.id, subject != found.record.id
                {
                    skip("records about another patient than the case's", record.location)
                    continue
                }
                var o = record.outcome
                o.caseId = found.record.id
                if let days = record.daysFromDiagnosis {
                    guard let diagnosed = found.record.diagnosis.diagnosedOn else {
                        skip(
                            "timeline events of a case without a diagnosis date (START_DATE counts days from diagnosis)",
                            record.location)
                        continue
                    }
                    o.date = diagnosed.adding(days: days)
                }
                if skippedAt.contains(record.location) { continue }  // a stop whose start was left out
                outcomes.append(o)
                origin.append((content.account.file, record.location))
            }
        }
        let result: (added: [CaseOutcome], duplicates: [CaseOutcome])
        do {
            result = try store.addOutcomes(outcomes, today: LocalDate(Date()), now: Date())
        } catch let invalid as OutcomeInvalid {
            let at = invalid.index.map { origin[$0] }
            throw CommandFailure(
                message: (at.map { "\($0.file): \($0.location): " } ?? "")
                    + invalid.problems.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
                    + " (case \(invalid.caseId); nothing was imported)")
        }
        if let report {
            do {
                try NativeReader.encoder.encode(accounts).write(to: URL(fileURLWithPath: report))
            } catch {
                throw CommandFailure(message: "\(report): cannot write the report")
            }
        }
        for account in accounts {
            for line in account.summaryLines() { print(line) }
        }
        if result.added.isEmpty && result.duplicates.isEmpty {
            throw CommandFailure(message: "nothing to import: every record was left out (reasons above)")
        }
        let touched = Set(result.added.map(\.caseId)).sorted()
        print(
            "outcomes: \(result.added.count) added"
                + (result.duplicates.isEmpty ? "" : ", \(result.duplicates.count) already recorded")
                + (touched.isEmpty ? "" : " (" + touched.joined(separator: ", ") + ")"))
    }
}
