import ArgumentParser
import BoardStore
import Foundation

/// `tumorboard store copy FROM TO`: the whole store between SQLite and PostgreSQL (either way, or to a new SQLite
/// file), verified: rows per table and the content digest equal on both sides, the audit chain verifying on the
/// target (docs/postgresql.md). The target must be empty; on PostgreSQL, connect as the database's owner role.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store into an empty PostgreSQL database or a new SQLite file, verified.",
        discussion: """
            FROM and TO are store files or postgresql:// addresses. Exit codes: 0 copied and verified; 1 refused \
            (the target is not empty, the source does not verify), nothing written; 2 a store problem.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The store to copy.", valueName: "from")) var from: String
    @Argument(help: ArgumentHelp("An empty PostgreSQL database or a new file.", valueName: "to")) var to: String

    func run() throws {
        var shown = ""
        let report = try StoreCopy.copy(from: from, to: to, user: global.userName) { table, rows in
            if table != shown, !shown.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
            shown = table
            FileHandle.standardError.write(Data("\rcopying \(table): \(rows) rows".utf8))
        }
        if !shown.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        print("copied \(report.source) to \(report.target)")
        StoreDigestCommand.printCounts(report.digest)
        print("content digest: \(report.digest.hex) (equal on both sides)")
        print("audit chain on the copy: ok (\(report.verification.auditEventsChecked) events)")
    }
}

/// `tumorboard store digest`: the store's content digest and rows per table, computed the same way on SQLite and
/// PostgreSQL, so two copies can be compared at any time.
struct StoreDigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest", abstract: "Print the store's content digest (the same on SQLite and PostgreSQL).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let digest = try StoreCopy.digest(of: global.storePath, user: global.userName)
        Self.printCounts(digest)
        print("content digest: \(digest.hex)")
    }

    static func printCounts(_ digest: StoreDigest) {
        for (table, rows) in digest.counts where rows > 0 { print("  \(table): \(rows)") }
    }
}
