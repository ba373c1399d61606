import Foundation

/// Privacy mode remembered per user across restarts: whoever turned it on finds it on next time, so a screen
/// shared in a meeting room does not show names because the program was restarted.
///
/// One line ("on" or "off") in `$XDG_STATE_HOME/tumorboard/privacy` (default `~/.local/state/tumorboard/privacy`),
/// the folder created 0700 and the file 0600, replaced atomically. An unreadable file counts as not recorded.
public struct PrivacyPreference: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The user's file, from the environment; nil without XDG_STATE_HOME or HOME.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> PrivacyPreference?
    {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return PrivacyPreference(path: state + "/tumorboard/privacy")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return PrivacyPreference(path: home + "/.local/state/tumorboard/privacy")
    }

    /// The remembered choice, or nil when none is recorded.
    public func load() -> Bool? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        switch String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) {
        case "on": return true
        case "off": return false
        default: return nil
        }
    }

    /// Records the choice. Throws when the folder or file cannot be written.
    public func save(_ on: Bool) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".\(getpid()).tmp"
        unlink(temporary)
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary]) }
        let bytes = Array((on ? "on\n" : "off\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fchmod(fd, 0o600)
        close(fd)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
