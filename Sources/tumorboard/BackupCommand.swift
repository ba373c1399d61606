import ArgumentParser
import BoardStore
import Foundation

/// `tumorboard backup FILE`: an online copy of the store, consistent while others write. The copy carries the
/// audit chain as it is now; its head is printed and kept in this terminal's witness log, so the backup can
/// later anchor `tumorboard verify --against FILE`. The audit key is not in the backup: `tumorboard key backup`.
/// A PostgreSQL store's backup is a SQLite store file too (a verified `store copy`; docs/postgresql.md).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the store to a new file (safe while others are writing).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The new backup file.", valueName: "file")) var file: String

    func run() throws {
        let store = try global.openStore(as: (any BackupStore & AuditStore & StoreSession).self, readOnly: true)
        let bar = ProgressBar(label: "backup", total: 1)
        try store.backup(to: file) { done, total in bar.update(done, of: total) }
        bar.finish()
        let copy = try BoardStore.open(path: file, user: global.userName, readOnly: true)
        let head = try copy.auditHead()
        Witness.shared.saw(copy)
        print("backed up \(store.path) to \(file)")
        print("audit chain head: \(head.description)")
        let key = try store.auditKeyStatus()
        if key.epoch != nil {
            print("the audit key is not in the backup; keep a copy apart from it: tumorboard key backup FILE")
        }
    }
}

/// `tumorboard restore FILE [--force]`: puts a verified backup in place of the store.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Replace the store with a backup, after verifying the backup.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The backup file.", valueName: "file")) var file: String
    @Flag(help: "Replace an existing store.") var force = false

    func run() throws {
        if case .postgres(let conninfo) = StoreAddress(global.storePath) {
            if force {
                throw CommandFailure(
                    message: "on PostgreSQL, restore writes only into an empty database and never replaces one; "
                        + "create a new database (or drop this one) and restore into it, as its owner role")
            }
            let report = try PostgresBoardStore.restore(from: file, to: conninfo)
            print(
                "restored \(report.target) from \(file) (content digest \(report.digest.hex.prefix(16))… equal; audit "
                    + "chain ok: \(report.verification.auditEventsChecked) events)")
            return
        }
        let report = try BoardStore.restore(from: file, to: global.storePath, user: global.userName, force: force)
        // The store now holds the backup's chain: heads witnessed after it were rolled back on purpose.
        let store = try BoardStore.open(path: global.storePath, user: global.userName, readOnly: true)
        Witness.shared.restored(store)
        print(
            "restored \(global.storePath) from \(file) (integrity ok, audit chain ok: \(report.auditEventsChecked) events; "
                + "head: \(try store.auditHead().description))")
    }
}
