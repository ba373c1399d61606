import Foundation
import Testing

@testable import BoardStore

#if canImport(Glibc)
    import Glibc
#endif

/// TLS as libpq does it, through the store's own open: a throwaway cluster with ssl=on on 127.0.0.1 (a self-signed CA
/// and a certificate for "localhost", made by `scripts/pg-cluster.sh start --tls`). TCP without TLS is refused by the
/// server, so every connection that succeeds here is encrypted; each test also asks the server (pg_stat_ssl).
@Suite("PostgreSQL over TLS")
struct PostgresTLSTests {
    /// A TLS cluster of one test's own (stopped by `stop`).
    struct Cluster {
        let dir: String
        let port: String
        var ca: String { dir + "/tls/ca.crt" }
        var otherCA: String { dir + "/tls/other-ca.crt" }

        init() throws {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/pg-cluster.sh")
            let output = try Self.run(script.path, ["start", "--tls"])
            guard
                let dir = output.split(separator: "\n").first(where: { $0.hasPrefix("export PG_CLUSTER_DIR=") })?
                    .split(separator: "=").last.map(String.init)
            else { throw StoreError.other("pg-cluster.sh start --tls printed no directory: \(output)") }
            self.dir = dir
            port = try String(contentsOfFile: dir + "/port", encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
            self.script = script.path
            // The database the tests open, owned by the owner role, made over the private socket.
            do {
                let admin = try PGConnection(
                    conninfo: "postgresql://tumorboard_owner@/postgres?host=\(dir)&port=\(port)", shownAs: "admin")
                try admin.execute(script: "CREATE DATABASE tls_board")
            } catch {
                stop()
                throw error
            }
        }

        private let script: String

        func stop() { _ = try? Self.run(script, ["stop", dir]) }

        func url(host: String, _ query: String, password: String? = nil) -> String {
            "postgresql://tumorboard_owner\(password.map { ":" + $0 } ?? "")@\(host):\(port)/tls_board?\(query)"
        }

        /// Runs the script with its output in a file (a pipe would stay open in the server it starts), through
        /// posix_spawn and waitpid: Foundation's Process did not reap the child inside the test runner.
        static func run(_ path: String, _ arguments: [String]) throws -> String {
            let output = NSTemporaryDirectory() + "pg-cluster-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: output) }
            let argv = ["/bin/bash", "-c", "exec \"$0\" \"$@\" >\"\(output)\" 2>&1 </dev/null", path] + arguments
            var cArgs = argv.map { strdup($0) } + [nil]
            defer { for arg in cArgs { free(arg) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, "/bin/bash", nil, nil, &cArgs, environ) == 0 else {
                throw StoreError.other("cannot run \(path)")
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            guard status == 0 else {
                throw StoreError.other("\(path) \(arguments.joined(separator: " ")) failed: \(text)")
            }
            return text
        }
    }

    static let serverThere =
        PostgresTestServer.runs && FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb")

    static func usesTLS(_ store: PostgresBoardStore) throws -> Bool {
        try store.connection.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?[0] == "t"
    }

    @Test(.enabled(if: serverThere, PostgresTestServer.skipReason))
    func requireAndTheDefaultPreferConnectWithTLS() throws {
        let cluster = try Cluster()
        defer { cluster.stop() }
        let required = try PostgresBoardStore.open(
            conninfo: cluster.url(host: "127.0.0.1", "sslmode=require"), keyring: .memoryOnly)
        #expect(try Self.usesTLS(required))
        #expect(try required.verify().isOK)
        // libpq's default (prefer) takes TLS when the server offers it.
        let preferred = try PostgresBoardStore.open(conninfo: cluster.url(host: "127.0.0.1", ""), keyring: .memoryOnly)
        #expect(try Self.usesTLS(preferred))
    }

    @Test(.enabled(if: serverThere, PostgresTestServer.skipReason))
    func verifyFullConnectsWithTheRightRootAndRefusesAWrongHostOrRoot() throws {
        let cluster = try Cluster()
        defer { cluster.stop() }
        let verified = try PostgresBoardStore.open(
            conninfo: cluster.url(host: "localhost", "sslmode=verify-full&sslrootcert=\(cluster.ca)"),
            keyring: .memoryOnly)
        #expect(try Self.usesTLS(verified))
        // The certificate names localhost, not 127.0.0.1: refused, saying why, without the password.
        #expect {
            try PostgresBoardStore.open(
                conninfo: cluster.url(
                    host: "127.0.0.1", "sslmode=verify-full&sslrootcert=\(cluster.ca)", password: "s3cret-pw"),
                keyring: .memoryOnly)
        } throws: { error in
            let text = "\(error)"
            return text.contains("does not match host name") && !text.contains("s3cret-pw")
        }
        #expect {
            try PostgresBoardStore.open(
                conninfo: cluster.url(host: "localhost", "sslmode=verify-full&sslrootcert=\(cluster.otherCA)"),
                keyring: .memoryOnly)
        } throws: { "\($0)".contains("certificate verify failed") }
        // Without TLS the server refuses the connection.
        #expect {
            try PostgresBoardStore.open(
                conninfo: cluster.url(host: "127.0.0.1", "sslmode=disable"), keyring: .memoryOnly)
        } throws: { "\($0)".contains("no encryption") }
    }
}
