import Foundation
import ArgumentParser
import BoardStore

/// `tumorboard verify`: SQLite integrity and the audit hash chain.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Check the store's integrity and its audit chain.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore(readOnly: true)
        let report = try store.verify()
        print("integrity: \(report.integrity.joined(separator: "; "))")
        if let broken = report.firstBrokenLink {
            print("audit chain: BROKEN after checking \(report.auditEventsChecked) events: \(broken)")
            throw CommandFailure(message: "verification failed", code: 2)
        }
        print("audit chain: ok (\(report.auditEventsChecked) events)")
        if !report.isOK { throw CommandFailure(message: "verification failed", code: 2) }
    }
}
