import ArgumentParser
import BoardStore
import Foundation

/// `tumorboard key show|backup|restore|replace`: the store's audit key, kept outside the store
/// ($TUMORBOARD_KEY_DIR, else $XDG_CONFIG_HOME/tumorboard/keys, else ~/.config/tumorboard/keys).
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "The store's audit key: where it is, back it up, restore it, replace a lost one.",
        subcommands: [KeyShowCommand.self, KeyBackupCommand.self, KeyRestoreCommand.self, KeyReplaceCommand.self],
        defaultSubcommand: KeyShowCommand.self)

    static func describe(_ status: AuditKeyStatus) -> String {
        guard let epoch = status.epoch else {
            return "store \(status.storeId): no audit key yet (the next change creates one)"
        }
        return
            "store \(status.storeId): audit key epoch \(epoch), fingerprint \(status.fingerprint ?? "?"), signs events from \(status.keyedFrom ?? 0); "
            + (status.available
                ? "here: \(status.keyFile ?? "memory")" : "NOT FOUND (expected in \(status.keyFile ?? "memory"))")
    }
}

struct KeyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Where the audit key is and whether this terminal has it.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let status = try global.openStore(as: (any AuditStore).self, readOnly: true).auditKeyStatus()
        print(KeyCommand.describe(status))
        if status.epoch != nil && !status.available {
            throw CommandFailure(message: "the audit key is not available", code: 2)
        }
    }
}

struct KeyBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the audit key to a new file (keep it apart from the store's backups).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The new key file (written 0600).", valueName: "file")) var file: String

    func run() throws {
        let status = try global.openStore(as: (any AuditStore).self, readOnly: true).backupAuditKey(to: file)
        print("audit key epoch \(status.epoch ?? 0) (fingerprint \(status.fingerprint ?? "?")) copied to \(file)")
    }
}

struct KeyRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Put a backed-up audit key back where this terminal looks for it.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The key backup.", valueName: "file")) var file: String

    func run() throws {
        print(
            KeyCommand.describe(
                try global.openStore(as: (any AuditStore).self, readOnly: true).restoreAuditKey(from: file)))
    }
}

struct KeyReplaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace",
        abstract:
            "Start a new audit key when the old one is lost for good (the events it signed can no longer be checked).")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Why the key is replaced (recorded in the audit trail).", valueName: "text")) var reason:
        String

    func run() throws {
        let status = try global.openStore(as: (any AuditStore).self).replaceLostAuditKey(reason: reason)
        print(KeyCommand.describe(status))
        print("back the new key up now: tumorboard key backup FILE")
    }
}
