import Foundation

/// How the board writes times for people, and on which clock: one English spelling ("Thu 3 Dec 2026 15:00", whatever
/// the machine's locale) for the screens, the minutes and the command line, in the board's zone ($TZ, else UTC).
public enum BoardTime {
    /// "Thu 3 Dec 2026 15:00".
    public static let dayAndTimePattern = "EEE d MMM yyyy HH:mm"
    /// "Thu 3 Dec 2026".
    public static let dayPattern = "EEE d MMM yyyy"

    /// The board's local clock: the zone $TZ names, else UTC (also when $TZ names no zone the system knows).
    public static func localZone(environment: [String: String] = ProcessInfo.processInfo.environment) -> TimeZone {
        TimeZone(identifier: environment["TZ"] ?? "UTC") ?? TimeZone(identifier: "UTC")!
    }

    /// A formatter for `pattern` in the board's English spelling and `zone`. Building one costs more than a frame:
    /// keep it.
    public static func formatter(_ pattern: String, in zone: TimeZone) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = zone
        f.dateFormat = pattern
        return f
    }
}
