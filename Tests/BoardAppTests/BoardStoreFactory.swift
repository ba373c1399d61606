import BoardFormats
import BoardStore
import Foundation

/// File-backed stores seeded from the sample board, for tests that need two connections.
@MainActor
enum BoardStoreFactory {
    static func file(_ path: String) throws -> BoardStore {
        let store = try BoardStore.open(path: path, user: "tester", keyring: keyring(path))
        let dir = SampleBoard.root + "/SampleData"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        try store.importBundle(try BoardReader.read(paths: files.map { dir + "/" + $0 }), now: SampleBoard.now)
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
