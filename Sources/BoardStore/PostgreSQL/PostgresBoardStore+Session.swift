import Foundation

/// The session part of the store API on PostgreSQL.
extension PostgresBoardStore: StoreSession {
    /// Called once when a save has to wait for another terminal's lock (a row being saved, or the audit trail's
    /// append lock): the first wait is short (PGConnection.firstWait); then the transaction is rolled back, the
    /// handler is told (the screen draws "waiting for the store…"), and it runs again with the full wait.
    public func onBusy(_ handler: (@Sendable () -> Void)?) {
        _ = try? connection.reportWaits(handler)
    }

    /// How many changes other terminals have committed since this one connected: every audited change sends a
    /// NOTIFY on `tumorboard_changes` (PostgresBoardStore+Audit), which this connection LISTENs to. Reading it
    /// costs no round trip to the server, so a screen can poll it on every tick, even across sites.
    public func externalChangeCounter() throws -> Int {
        connection.notificationCount()
    }
}
