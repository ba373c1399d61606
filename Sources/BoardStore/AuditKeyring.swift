import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the stores' audit keys live: one 0600 file per store and key epoch, in a 0700 directory outside the
/// store (`$TUMORBOARD_KEY_DIR`, else `$XDG_CONFIG_HOME/tumorboard/keys`, else `~/.config/tumorboard/keys`).
///
/// The audit chain is keyed with HMAC-SHA-256 (docs/audit-design.md): someone holding only the store file can
/// no longer recompute the chain after rewriting events. A key file holds the store id, the epoch, the first
/// event it keys and the key, so a key record rewritten inside the store is caught by the file as well.
public struct AuditKeyring: Sendable, Equatable {
    /// The key directory, or nil for keys held in memory only (in-memory stores).
    public var directory: String?

    public init(directory: String?) { self.directory = directory }

    /// Keys in memory only: nothing is written (for in-memory stores and tests).
    public static let memoryOnly = AuditKeyring(directory: nil)

    /// The directory from the environment (see the type's summary).
    public static var standard: AuditKeyring { AuditKeyring(environment: ProcessInfo.processInfo.environment) }

    public init(environment env: [String: String]) {
        if let dir = env["TUMORBOARD_KEY_DIR"], !dir.isEmpty {
            directory = dir
            return
        }
        if let xdg = env["XDG_CONFIG_HOME"], !xdg.isEmpty {
            directory = xdg + "/tumorboard/keys"
            return
        }
        directory = (env["HOME"] ?? NSHomeDirectory()) + "/.config/tumorboard/keys"
    }

    /// The key file of a store's epoch.
    public func path(storeId: String, epoch: Int) -> String? {
        directory.map { "\($0)/\(storeId).\(epoch).key" }
    }
}

/// One audit key: which store and epoch it keys, from which event on, and the secret.
public struct AuditKey: Sendable {
    public var storeId: String
    public var epoch: Int
    /// The first event this key signs.
    public var keyedFrom: Int64
    /// The 32 secret bytes (kept as Data: SymmetricKey is not Sendable).
    let secret: Data

    /// A short public name of the key (not the key): SHA-256 of a label and the key, first 16 hex digits.
    public var fingerprint: String {
        let data = Data("tumorboard audit key".utf8) + secret
        return Digest.hex(SHA256.hash(data: data).prefix(8))
    }

    static func generate(storeId: String, epoch: Int, keyedFrom: Int64) -> AuditKey {
        AuditKey(
            storeId: storeId, epoch: epoch, keyedFrom: keyedFrom,
            secret: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// HMAC-SHA-256 of the text, lower-case hex.
    func mac(_ text: String) -> String {
        Digest.hmacSHA256(text, key: secret)
    }

    /// The file's one line: `tumorboard-audit-key/1 STORE EPOCH KEYED-FROM BASE64`.
    var fileText: String {
        "tumorboard-audit-key/1 \(storeId) \(epoch) \(keyedFrom) \(secret.base64EncodedString())\n"
    }

    /// Parses a key file's text; nil when it is not one.
    static func parse(_ text: String) -> AuditKey? {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
        guard parts.count == 5, parts[0] == "tumorboard-audit-key/1", let epoch = Int(parts[2]),
            let from = Int64(parts[3]),
            let secret = Data(base64Encoded: parts[4]), secret.count == 32
        else { return nil }
        return AuditKey(storeId: parts[1], epoch: epoch, keyedFrom: from, secret: secret)
    }

    /// Reads a key file; nil when there is none; throws when it exists but is unreadable or not a key.
    static func read(path: String) throws -> AuditKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.invalid("the audit key \(path) cannot be read (permission denied?)")
        }
        guard let key = parse(String(decoding: data, as: UTF8.self)) else {
            throw StoreError.invalid("\(path) is not a tumorboard audit key file")
        }
        return key
    }

    /// Writes the key to a new 0600 file (its directory made 0700); never overwrites: an existing file is an error.
    func write(to path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreate(path: path, reason: "the key directory \(directory) cannot be created")
            }
        }
        // Written to a private temporary name, then linked into place: a reader never sees half a key, and
        // link() refuses to replace a key someone else wrote at the same moment.
        let temporary = path + ".partial-\(getpid())"
        try BoardStore.createPrivateFile(temporary)
        defer { unlink(temporary) }
        guard let handle = FileHandle(forWritingAtPath: temporary) else {
            throw StoreError.cannotCreate(path: path, reason: "cannot write the key file")
        }
        try handle.write(contentsOf: Data(fileText.utf8))
        try handle.synchronize()
        try handle.close()
        guard link(temporary, path) == 0 else {
            throw StoreError.cannotCreate(
                path: path, reason: errno == EEXIST ? "a key file is already there" : String(cString: strerror(errno)))
        }
    }
}

/// The keys this process has loaded or created, by store id and epoch, and where to look for more.
/// Audit events are appended from many store calls that only hold a `Database`; they find their key here.
final class AuditKeys: @unchecked Sendable {
    static let shared = AuditKeys()
    private let lock = NSLock()
    private var keys: [String: [Int: AuditKey]] = [:]
    private var keyrings: [String: AuditKeyring] = [:]

    /// Remembers where a store's keys are (the latest open wins; a store id names one store's keys everywhere)
    /// and forgets keys read before, so each open sees the key files as they are now.
    func register(storeId: String, keyring: AuditKeyring) {
        lock.withLock {
            keyrings[storeId] = keyring
            if keyring.directory != nil { keys[storeId] = nil }
        }
    }

    func remember(_ key: AuditKey) {
        lock.withLock { keys[key.storeId, default: [:]][key.epoch] = key }
    }

    func keyring(storeId: String) -> AuditKeyring? { lock.withLock { keyrings[storeId] } }

    /// The key of a store's epoch: from memory, else from its key file; nil when neither has it.
    func key(storeId: String, epoch: Int) throws -> AuditKey? {
        if let key = lock.withLock({ keys[storeId]?[epoch] }) { return key }
        guard let path = keyring(storeId: storeId)?.path(storeId: storeId, epoch: epoch),
            let key = try AuditKey.read(path: path)
        else { return nil }
        guard key.storeId == storeId, key.epoch == epoch else {
            throw StoreError.invalid(
                "the audit key \(path) belongs to store \(key.storeId) epoch \(key.epoch), not this store's epoch \(epoch)"
            )
        }
        remember(key)
        return key
    }
}
