import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard show CASE`: the case as the board reads it; `--json` gives the same case to scripts.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one case: summary, findings, notes and decision.",
        discussion: """
            --json prints the case as JSON (format "\(CaseJSON.format)"): patient, diagnosis with its OncoTree code, \
            stage, ECOG/Karnofsky, and every finding with origin, VAF and depth (and their source), specimen, \
            report and each evidence item with its direction. With --finding, that finding alone.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Replace name, MRN and birth date with the pseudonym and age.")
    var deidentify = false

    @Option(
        help: ArgumentHelp(
            "Show one finding in full: HGVS, transcript, VAF and depth, specimen, report and every evidence item.",
            valueName: "finding-id"))
    var finding: String?

    @Flag(help: "Print the case (or the --finding) as JSON instead of text.")
    var json = false

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseId: String

    func run() throws {
        let store = try global.openStore(as: (any CaseStore).self, readOnly: true)
        guard let record = try store.caseRecord(id: caseId, on: LocalDate(Date())) else {
            throw StoreError.notFound(kind: "case", id: caseId)
        }
        if let findingId = finding {
            guard let f = record.record.findings.first(where: { $0.id == findingId }) else {
                throw CommandFailure(
                    message:
                        "case \(caseId) has no finding \(findingId) (`tumorboard show \(caseId)` lists the finding ids)"
                )
            }
            if json {
                let data = try CaseJSON(record: record.record, today: LocalDate(Date()), deidentify: deidentify)
                    .data(finding: f)
                print(String(decoding: data, as: UTF8.self))
                return
            }
            let detail = FindingDetailText(
                finding: f, reports: record.record.reports, diagnosisCode: record.record.diagnosis.oncotreeCode)
            print(detail.render(), terminator: "")
            return
        }
        if json {
            let data = try CaseJSON(
                record: record.record, today: LocalDate(Date()), deidentify: deidentify, notes: record.notes
            ).data()
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let text = CaseSummaryText(
            record: record.record, notes: record.notes, decision: record.currentDecision,
            today: LocalDate(Date()), deidentify: deidentify)
        print(text.render(), terminator: "")
    }
}
