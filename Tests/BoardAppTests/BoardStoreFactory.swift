import BoardFormats
import BoardStore
import Foundation
import TestSupport

/// File-backed stores seeded from the sample board, for tests that need two connections.
@MainActor
enum BoardStoreFactory {
    static func file(_ path: String) throws -> BoardStore {
        let store = try BoardStore.open(path: path, user: "tester", keyring: keyring(path))
        try store.importBundle(try BoardReader.read(paths: try Repository.sampleDataFiles()), now: SampleBoard.now)
        return store
    }

    static func open(_ path: String, user: String) throws -> BoardStore {
        try BoardStore.open(path: path, user: user, keyring: keyring(path))
    }

    /// Audit keys beside the test's store, not in the user's key directory.
    static func keyring(_ path: String) -> AuditKeyring {
        AuditKeyring(directory: URL(fileURLWithPath: path).deletingLastPathComponent().path + "/keys")
    }
}
