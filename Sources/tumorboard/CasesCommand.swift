import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard cases [--meeting ID]`: one line per case.
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "List cases, or those on one meeting's agenda.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only the cases on this meeting's agenda, in order.", valueName: "id"))
    var meeting: String?

    @OptionGroup var pseudonyms: PseudonymOption

    func run() throws {
        let store = try global.openStore(as: (any CaseStore).self, readOnly: true)
        let today = LocalDate(Date())
        for c in try store.cases(meetingId: meeting, limit: Int.max, offset: 0) {
            let who = pseudonyms.deidentify ? c.pseudonym : c.patientName
            // A deceased patient: the age at death and the word, never a current age.
            let age = c.age(on: today)
            // Known age and sex as before ("64 f"); what is not recorded in words, never "?".
            let ageSex =
                age != nil && c.sex != .unknown
                ? "\(age!) \(c.sex.rawValue.prefix(1))" : AgeSexText.text(age: age, sex: c.sex)
            let died = c.life.isDeceased ? ", deceased" : ""
            let stage = c.stageGroup.map { "st \($0)" } ?? "st ?"
            let ecog = c.ecog.map { "ECOG \($0)" } ?? "ECOG ?"
            print(
                [
                    CaseIdShown.text(
                        c.id, pseudonym: c.pseudonym, names: CaseIdShown.names(listed: c.patientName),
                        identifiers: c.identifiers,
                        deidentified: pseudonyms.deidentify),
                    c.status.rawValue, "\(who) (\(ageSex)\(died))", c.diagnosis, stage,
                    ecog, c.topFinding ?? "",
                ]
                .joined(separator: "\t"))
        }
    }
}
