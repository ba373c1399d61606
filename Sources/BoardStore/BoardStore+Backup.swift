import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

extension BoardStore {
    /// Copies the store with SQLite's online backup (consistent while others keep writing) to a new
    /// 0600 file, checks the copy, then moves it into place; an existing file is never overwritten.
    public func backup(to path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            throw StoreError.invalid("\(path) already exists; choose a new file name for the backup")
        }
        let temporary = path + ".partial-\(getpid())"
        try Self.createPrivateFile(temporary)
        do {
            let destination = try DatabaseQueue(path: temporary)
            try run {
                try db.backup(to: destination, pagesPerStep: 256) { step in
                    progress?(step.completedPageCount, step.totalPageCount)
                }
            }
            let check = try destination.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
            try destination.close()
            guard check == ["ok"] else {
                throw StoreError.corrupt(path: temporary, detail: check.joined(separator: "; "))
            }
            guard link(temporary, path) == 0 else {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            unlink(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Replaces the store at `storePath` with a verified copy of `backupPath`. Refuses to replace an
    /// existing store unless `force`, and refuses a backup that fails the integrity or audit-chain check.
    /// Other sessions must be closed first: they would keep the old file open.
    /// The backup carries the chain as it was (its head is the anchor `verify --against` compares with).
    public static func restore(
        from backupPath: String, to storePath: String, user: String, force: Bool,
        keyring: AuditKeyring = .standard
    ) throws -> VerificationReport {
        let backup = try BoardStore.open(path: backupPath, user: user, readOnly: true, keyring: keyring)
        let report = try backup.verify()
        guard report.isOK else {
            throw StoreError.corrupt(path: backupPath, detail: report.problems.joined(separator: "; "))
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: storePath) && !force {
            throw StoreError.invalid(
                "\(storePath) exists; restoring would replace it. Add --force to replace it (take a backup of it first)"
            )
        }
        let directory = URL(fileURLWithPath: storePath).deletingLastPathComponent().path
        if !fm.fileExists(atPath: directory) {
            try fm.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let temporary = storePath + ".restoring-\(getpid())"
        try createPrivateFile(temporary)
        do {
            let destination = try DatabaseQueue(path: temporary)
            try backup.db.backup(to: destination)
            try destination.close()
            for suffix in ["-wal", "-shm"] { unlink(storePath + suffix) }
            guard rename(temporary, storePath) == 0 else {
                throw StoreError.cannotCreate(path: storePath, reason: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            throw error
        }
        return report
    }

    static func createPrivateFile(_ path: String) throws {
        let fd = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
    }
}
