import Foundation

/// The session part of the store API on PostgreSQL.
extension PostgresBoardStore: StoreSession {
    /// Not called on PostgreSQL yet: a write waiting for another terminal's row lock waits inside the server (for at
    /// most `lock_timeout`, then `StoreError.locked`), and libpq's synchronous calls give no moment to report it.
    public func onBusy(_ handler: (@Sendable () -> Void)?) {}

    /// The audit chain's last event number: every change to a record is audited, so it moves whenever any terminal
    /// commits one (LISTEN/NOTIFY, which would also wake an idle screen, is not built yet).
    public func externalChangeCounter() throws -> Int {
        try run { Int(try connection.query("SELECT coalesce(max(seq), 0) FROM audit_event").first?[0] ?? "0") ?? 0 }
    }
}
