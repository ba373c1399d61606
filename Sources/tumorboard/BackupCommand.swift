import Foundation
import ArgumentParser
import BoardStore

/// `tumorboard backup FILE`: an online copy of the store, consistent while others write.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the store to a new file (safe while others are writing).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The new backup file.", valueName: "file")) var file: String

    func run() throws {
        let store = try global.openStore(readOnly: true)
        let bar = ProgressBar(label: "backup", total: 1)
        try store.backup(to: file) { done, total in bar.update(done, of: total) }
        bar.finish()
        print("backed up \(store.path) to \(file)")
    }
}

/// `tumorboard restore FILE [--force]`: puts a verified backup in place of the store.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Replace the store with a backup, after verifying the backup.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The backup file.", valueName: "file")) var file: String
    @Flag(help: "Replace an existing store.") var force = false

    func run() throws {
        let report = try BoardStore.restore(from: file, to: global.storePath, user: global.userName, force: force)
        print("restored \(global.storePath) from \(file) (integrity ok, audit chain ok: \(report.auditEventsChecked) events)")
    }
}
