import ArgumentParser
import BoardStore
import Foundation

/// `tumorboard store init`: creates (or brings up to date) the store's tables and keys its audit chain. On
/// PostgreSQL it is what the database's owner role runs once before the members connect (docs/postgresql.md); the
/// members' roles may not create or change tables.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Set up a store (on PostgreSQL, as the database's owner).",
        subcommands: [Init.self, StoreCopyCommand.self, StoreDigestCommand.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init", abstract: "Create or upgrade the store's tables and key its audit chain.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let store = try global.openStore(as: (any StoreSession & AuditStore).self)
            let key = try store.auditKeyStatus()
            print(
                "store ready: \(store.path), id \(key.storeId), audit key epoch \(key.epoch.map(String.init) ?? "none")"
                    + " (\(key.available ? "here" : "not on this terminal"))")
        }
    }
}
