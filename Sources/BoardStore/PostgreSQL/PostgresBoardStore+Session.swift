import Foundation

/// The session part of the store API on PostgreSQL.
extension PostgresBoardStore: StoreSession {
    /// Not called on PostgreSQL yet: a write waiting for another terminal's row lock waits inside the server (for at
    /// most `lock_timeout`, then `StoreError.locked`), and libpq's synchronous calls give no moment to report it.
    public func onBusy(_ handler: (@Sendable () -> Void)?) {}

    /// How many changes other terminals have committed since this one connected: every audited change sends a
    /// NOTIFY on `tumorboard_changes` (PostgresBoardStore+Audit), which this connection LISTENs to. Reading it
    /// costs no round trip to the server, so a screen can poll it on every tick, even across sites.
    public func externalChangeCounter() throws -> Int {
        connection.notificationCount()
    }
}
