import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard case add ID [--diagnosis …] [--sex …]`: a coordinator makes a case for a lab file (VCF, MAF)
/// without writing JSON; the details are validated as the readers validate them and the write is audited.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Make cases by hand.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Make a new case, e.g. for a VCF or MAF to attach to it.",
            discussion: """
                The case id: \(NewCase.idRule). Details not given stay unknown; complete or correct them later on \
                the case screen, or by importing the patient's record (FHIR, Phenopacket, native JSON) with the same \
                case id. Then attach findings: tumorboard import FILE.vcf --case ID.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The new case's id.", valueName: "id")) var caseId: String

        @Option(
            help: ArgumentHelp(
                "OncoTree code, then optionally the pathologist's words (\"LUAD Lung adenocarcinoma\").",
                valueName: "code [words]"))
        var diagnosis: String?

        @Option(help: ArgumentHelp("female, male, other or unknown.", valueName: "sex")) var sex: String?

        @Option(name: .customLong("birth-date"), help: ArgumentHelp("YYYY-MM-DD.", valueName: "date"))
        var birthDate: String?

        @Option(help: ArgumentHelp("The patient's name.", valueName: "name")) var name: String?

        @Option(help: ArgumentHelp("TNM and/or stage group (\"cT3 N2 M1c IVB\").", valueName: "stage")) var stage:
            String?

        @Option(help: ArgumentHelp("ECOG performance status, 0–5.", valueName: "0-5")) var ecog: String?

        @Option(help: ArgumentHelp("The question for the board.", valueName: "text")) var question: String?

        func run() throws {
            let draft = NewCase(
                id: caseId, name: name, sex: sex, birthDate: birthDate, diagnosis: diagnosis, stage: stage, ecog: ecog,
                question: question)
            let record: Case
            do { record = try draft.record(today: LocalDate(Date())) } catch {
                throw CommandFailure(message: "\(error.field): \(error.reason)")
            }
            let store = try global.openStore(as: (any CaseStore).self)
            do { try store.addCase(record, now: Date()) } catch StoreError.alreadyExists {
                throw CommandFailure(
                    message:
                        "case \(caseId) is already in the store (`tumorboard show \(caseId)`); correct its details on the case screen"
                )
            }
            let said = [
                record.diagnosis.oncotreeCode.map { "\($0) \(record.diagnosis.text)" } ?? "diagnosis not stated",
                "sex \(record.patient.sex.rawValue)",
            ]
            print("added case \(caseId) (\(said.joined(separator: ", ")))")
            print("attach findings with: tumorboard import FILE.vcf --case \(caseId)")
        }
    }
}
