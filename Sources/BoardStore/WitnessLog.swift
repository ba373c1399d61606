import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A terminal's append-only log of the audit chain heads it has seen, outside the store (0600, in
/// `$XDG_STATE_HOME/tumorboard/witness.log`, else `~/.local/state/tumorboard/witness.log`). Someone holding the
/// store file cannot reach every terminal's log, so a chain later found shorter or different than a head this
/// terminal saw is caught by `tumorboard verify`. One tab-separated line per head:
/// `time  seen|restored  store-id  event  hash  store-path`; "restored" marks a deliberate roll-back to a backup.
public struct WitnessLog: Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    public static var standard: WitnessLog { WitnessLog(environment: ProcessInfo.processInfo.environment) }

    public init(environment env: [String: String]) {
        if let xdg = env["XDG_STATE_HOME"], !xdg.isEmpty {
            path = xdg + "/tumorboard/witness.log"
            return
        }
        path = (env["HOME"] ?? NSHomeDirectory()) + "/.local/state/tumorboard/witness.log"
    }

    public enum Kind: String, Sendable { case seen, restored }

    public struct Entry: Sendable, Hashable {
        public var at: Date
        public var kind: Kind
        public var head: AuditHead
        public var storePath: String
    }

    /// Appends a head unless it is the last one this log holds for that store (a log of changes, not of every command).
    public func record(_ head: AuditHead, storePath: String, kind: Kind = .seen, at: Date = Date()) throws {
        if kind == .seen, let last = try entries(tail: 65536).last(where: { $0.head.storeId == head.storeId }),
            last.head == head
        {
            return
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let time = ISO8601DateFormatter().string(from: at)
        let clean = storePath.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        let line =
            "\(time)\t\(kind.rawValue)\t\(head.storeId)\t\(head.sequence)\t\(head.hash.isEmpty ? "-" : head.hash)\t\(clean)\n"
        // O_APPEND: concurrent terminals' lines never overwrite each other; created 0600.
        let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw StoreError.cannotCreate(path: path, reason: "could not append the witnessed head")
        }
    }

    /// The log's entries, oldest first; `tail` reads only the last bytes (the dedupe check). Malformed lines are skipped.
    public func entries(tail: Int? = nil) throws -> [Entry] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        var data: Data
        if let tail, let size = try? handle.seekToEnd(), size > UInt64(tail) {
            try handle.seek(toOffset: size - UInt64(tail))
            data = try handle.readToEnd() ?? Data()
            if let newline = data.firstIndex(of: 0x0A) { data = data[(newline + 1)...] }
        } else {
            try handle.seek(toOffset: 0)
            data = try handle.readToEnd() ?? Data()
        }
        let formatter = ISO8601DateFormatter()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 6, let at = formatter.date(from: f[0]), let kind = Kind(rawValue: f[1]),
                let seq = Int64(f[3])
            else { return nil }
            return Entry(
                at: at, kind: kind, head: AuditHead(storeId: f[2], sequence: seq, hash: f[4] == "-" ? "" : f[4]),
                storePath: f[5...].joined(separator: "\t"))
        }
    }
}
