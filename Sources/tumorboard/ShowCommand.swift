import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard show CASE`: the case as the board reads it.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one case: summary, findings, notes and decision.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Replace name, MRN and birth date with the pseudonym and age.")
    var deidentify = false

    @Option(
        help: ArgumentHelp(
            "Show one finding in full: HGVS, transcript, VAF and depth, specimen, report and every evidence item.",
            valueName: "finding-id"))
    var finding: String?

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
            let detail = FindingDetailText(
                finding: f, reports: record.record.reports, diagnosisCode: record.record.diagnosis.oncotreeCode)
            print(detail.render(), terminator: "")
            return
        }
        let text = CaseSummaryText(
            record: record.record, notes: record.notes, decision: record.currentDecision,
            today: LocalDate(Date()), deidentify: deidentify)
        print(text.render(), terminator: "")
    }
}
