import Foundation

/// Problems with the store itself (exit code 2), as one line a user can act on.
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    case cannotCreate(path: String, reason: String)
    case newerSchema(path: String)
    case notAStore(path: String)
    case corrupt(path: String, detail: String)
    case readOnly(path: String)
    case diskFull(path: String)
    case locked(path: String)
    case notFound(kind: String, id: String)
    /// A new record's id is already taken (`case add` of an existing case).
    case alreadyExists(kind: String, id: String)
    /// Someone else saved first; `current` is their version number.
    case conflict(kind: String, id: String, expectedVersion: Int, currentVersion: Int)
    case invalid(String)
    /// The store's audit chain is keyed and this terminal has not got the key: the data stays readable,
    /// but nothing can be saved (an unkeyed event would read as tampering).
    case auditKeyMissing(keyFile: String?)
    case other(String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "cannot create the store at \(path): \(reason)"
        case .newerSchema(let path):
            "the store \(path) was written by a newer tumorboard; upgrade tumorboard to open it"
        case .notAStore(let path):
            "\(path) is not a tumorboard store (check the path; `tumorboard verify` and `tumorboard backup` help with damaged stores)"
        case .corrupt(let path, let detail):
            "the store \(path) is damaged (\(detail)); run `tumorboard verify`, and restore from `tumorboard backup` if needed"
        case .readOnly(let path): "the store \(path) is read-only; changes cannot be saved"
        case .diskFull(let path): "the disk holding \(path) is full; nothing was saved"
        case .locked(let path):
            "the store \(path) is busy (another writer held it too long); nothing was saved, try again"
        case .notFound(let kind, let id): "no \(kind) \(id)"
        case .alreadyExists(let kind, let id): "\(kind) \(id) is already in the store"
        case .conflict(let kind, let id, let expected, let current):
            "\(kind) \(id) was changed by someone else (you edited version \(expected), the store has version \(current))"
        case .invalid(let message): message
        case .auditKeyMissing(let keyFile):
            "the store's audit key is not available" + (keyFile.map { " (expected in \($0))" } ?? "")
                + "; the store can be read but not changed. Restore the key from its backup (`tumorboard key restore FILE`), "
                + "or if it is lost for good, start a new key (`tumorboard key replace --reason …`)"
        case .other(let message): message
        }
    }

    /// Whether the problem is the user's input (exit 1) rather than the store (exit 2).
    public var isUserError: Bool {
        switch self {
        case .notFound, .invalid, .conflict: true
        default: false
        }
    }
}
