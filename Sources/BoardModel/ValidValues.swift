import Foundation

/// A value that is not a real clinical value (out of range, not a calendar date, a birth date in the
/// future). `reason` is the text for an error or an import report: "expected ECOG 0–5, got -1".
///
/// Identifying values (birth dates) are never echoed: `got` is nil for them and the reason says so.
public struct InvalidValue: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the value is ("ECOG", "birth date", "follow-up date").
    public var field: String
    /// What a valid value looks like ("ECOG 0–5").
    public var expected: String
    /// The value as given, or nil when it identifies the patient.
    public var got: String?
    /// True when the value is real but needs the user's confirmation (a follow-up date in the past).
    public var confirmable: Bool

    public init(field: String, expected: String, got: String?, confirmable: Bool = false) {
        self.field = field
        self.expected = expected
        self.got = got
        self.confirmable = confirmable
    }

    /// "expected ECOG 0–5, got -1"; identifying values: "expected …, (the value is not shown)".
    public var reason: String {
        let base = got.map { "expected \(expected), got \($0)" } ?? "expected \(expected) (the value is not shown)"
        return confirmable ? base + "; confirm to keep it" : base
    }

    public var description: String { reason }
}

/// The one place for clinical ranges and value parsing, so that every reader, form and command-line
/// option accepts the same values and refuses the rest with the same words.
///
/// Each check returns the value when it is valid and throws `InvalidValue` otherwise. Ranges:
/// ECOG 0–5; Karnofsky 0–100 in steps of ten; real calendar dates; birth dates not in the future and
/// at most 120 years ago; ages 0–120; VAF 0–1; depth ≥ 0; planned minutes 1–240; a follow-up date not
/// in the past unless confirmed. `today` is a parameter so tests and callers decide what "now" is.
public enum ValidValues {
    public static let ecogRange = 0...5
    public static let karnofskyRange = 0...100
    public static let ageRange = 0...120
    public static let vafRange = 0.0...1.0
    public static let plannedMinutesRange = 1...240

    // MARK: Performance status

    /// ECOG performance status: a whole number 0 (fully active) to 5 (dead).
    public static func ecog(_ value: Int) throws(InvalidValue) -> Int {
        guard ecogRange.contains(value) else {
            throw InvalidValue(field: "ECOG", expected: "ECOG 0–5", got: String(value))
        }
        return value
    }

    /// ECOG from text: "1" or "ECOG 1".
    public static func ecog(parsing text: String) throws(InvalidValue) -> Int {
        let digits = strip(prefixes: ["ECOG"], suffixes: [], from: text)
        guard let value = Int(digits) else {
            throw InvalidValue(field: "ECOG", expected: "ECOG as a whole number 0–5", got: quoted(text))
        }
        return try ecog(value)
    }

    /// Karnofsky performance status: 0–100 in steps of ten.
    public static func karnofsky(_ value: Int) throws(InvalidValue) -> Int {
        guard karnofskyRange.contains(value), value % 10 == 0 else {
            throw InvalidValue(field: "Karnofsky", expected: "Karnofsky 0–100 in steps of 10", got: String(value))
        }
        return value
    }

    /// Karnofsky from text: "80", "80%", "KPS 80".
    public static func karnofsky(parsing text: String) throws(InvalidValue) -> Int {
        let digits = strip(prefixes: ["KPS", "KARNOFSKY"], suffixes: ["%"], from: text)
        guard let value = Int(digits) else {
            throw InvalidValue(
                field: "Karnofsky", expected: "Karnofsky as a whole number 0–100 in steps of 10", got: quoted(text))
        }
        return try karnofsky(value)
    }

    // MARK: Dates and ages

    /// A date that exists on the calendar (no 31 February, no 29 February outside leap years).
    public static func date(_ value: LocalDate, field: String = "date") throws(InvalidValue) -> LocalDate {
        guard value.isOnCalendar else {
            throw InvalidValue(field: field, expected: "a real calendar date", got: value.description)
        }
        return value
    }

    /// A full date from text: "1961-03-14" (ISO), "14.03.1961" or "14/03/1961" (day first).
    /// Nothing is guessed: a missing part, a two-digit year or an impossible day is refused.
    public static func date(parsing text: String, field: String = "date") throws(InvalidValue) -> LocalDate {
        guard let value = parseDate(text) else {
            throw InvalidValue(
                field: field, expected: "a real calendar date as YYYY-MM-DD or DD.MM.YYYY", got: quoted(text))
        }
        return value
    }

    /// A birth date: on the calendar, not after `today`, at most 120 years before it. The value is
    /// identifying, so the reason never contains it.
    public static func birthDate(_ value: LocalDate, today: LocalDate = LocalDate(Date())) throws(InvalidValue)
        -> LocalDate
    {
        guard value.isOnCalendar else {
            throw InvalidValue(field: "birth date", expected: "a real calendar date", got: nil)
        }
        guard value <= today else {
            throw InvalidValue(field: "birth date", expected: "a birth date not in the future", got: nil)
        }
        guard ageRange.contains(value.years(until: today)) else {
            throw InvalidValue(field: "birth date", expected: "a birth date giving an age of 0–120 years", got: nil)
        }
        return value
    }

    /// A birth date from text (formats as `date(parsing:)`); the value is never echoed.
    public static func birthDate(parsing text: String, today: LocalDate = LocalDate(Date())) throws(InvalidValue)
        -> LocalDate
    {
        guard let value = parseDate(text) else {
            throw InvalidValue(
                field: "birth date", expected: "a real calendar date as YYYY-MM-DD or DD.MM.YYYY", got: nil)
        }
        return try birthDate(value, today: today)
    }

    /// An age in whole years, 0–120.
    public static func age(_ value: Int) throws(InvalidValue) -> Int {
        guard ageRange.contains(value) else {
            throw InvalidValue(field: "age", expected: "an age of 0–120 years", got: String(value))
        }
        return value
    }

    /// A follow-up date: on the calendar and not before `today`, unless the user confirmed a past date
    /// (a follow-up recorded after the fact). The refusal is `confirmable`.
    public static func followUp(_ value: LocalDate, today: LocalDate = LocalDate(Date()), confirmed: Bool = false)
        throws(InvalidValue) -> LocalDate
    {
        _ = try date(value, field: "follow-up date")
        guard confirmed || value >= today else {
            throw InvalidValue(
                field: "follow-up date", expected: "a follow-up date from \(today) on",
                got: "\(value), which is in the past",
                confirmable: true)
        }
        return value
    }

    /// A follow-up date from text (formats as `date(parsing:)`).
    public static func followUp(parsing text: String, today: LocalDate = LocalDate(Date()), confirmed: Bool = false)
        throws(InvalidValue) -> LocalDate
    {
        try followUp(try date(parsing: text, field: "follow-up date"), today: today, confirmed: confirmed)
    }

    // MARK: Sequencing

    /// Variant allele fraction, 0–1 (a fraction, not a percentage).
    public static func vaf(_ value: Double) throws(InvalidValue) -> Double {
        guard value.isFinite, vafRange.contains(value) else {
            throw InvalidValue(field: "VAF", expected: "a variant allele fraction 0–1", got: format(value))
        }
        return value
    }

    /// Read depth: a whole number ≥ 0.
    public static func depth(_ value: Int) throws(InvalidValue) -> Int {
        guard value >= 0 else { throw InvalidValue(field: "depth", expected: "a read depth ≥ 0", got: String(value)) }
        return value
    }

    // MARK: Meetings

    /// Minutes planned for a case on the agenda, 1–240.
    public static func plannedMinutes(_ value: Int) throws(InvalidValue) -> Int {
        guard plannedMinutesRange.contains(value) else {
            throw InvalidValue(field: "planned minutes", expected: "planned minutes 1–240", got: String(value))
        }
        return value
    }

    /// Planned minutes from text: "12", "12 min".
    public static func plannedMinutes(parsing text: String) throws(InvalidValue) -> Int {
        let digits = strip(prefixes: [], suffixes: ["MINUTES", "MINUTEN", "MIN"], from: text)
        guard let value = Int(digits) else {
            throw InvalidValue(
                field: "planned minutes", expected: "planned minutes as a whole number 1–240", got: quoted(text))
        }
        return try plannedMinutes(value)
    }

    /// Whether a date-time text that starts with a date ("2026-02-30 15:00", "2026-12-10T15:00:00Z") starts with
    /// one on the calendar, so a lenient time parser cannot roll 30 February over into March.
    public static func startsWithRealDate(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count >= 10 else { return parseDate(t) != nil || !t.contains("-") }
        let head = String(t.prefix(10))
        guard head.dropFirst(4).first == "-" else { return true }
        return parseDate(head) != nil
    }

    // MARK: Helpers

    /// The date in `text`, or nil when it is not a full, real calendar date in an accepted format.
    static func parseDate(_ text: String) -> LocalDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let iso = t.split(separator: "-", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, iso[1].count == 2, iso[2].count == 2,
            let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2])
        {
            return calendarDate(y, m, d)
        }
        let dayFirst = t.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "/" })
        if dayFirst.count == 3, (1...2).contains(dayFirst[0].count), (1...2).contains(dayFirst[1].count),
            dayFirst[2].count == 4,
            let d = Int(dayFirst[0]), let m = Int(dayFirst[1]), let y = Int(dayFirst[2])
        {
            return calendarDate(y, m, d)
        }
        return nil
    }

    static func calendarDate(_ y: Int, _ m: Int, _ d: Int) -> LocalDate? {
        let value = LocalDate(year: y, month: m, day: d)
        return value.isOnCalendar ? value : nil
    }

    static func strip(prefixes: [String], suffixes: [String], from text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespaces)
        let upper = t.uppercased()
        for p in prefixes where upper.hasPrefix(p) {
            t = String(t.dropFirst(p.count))
            break
        }
        let upper2 = t.uppercased()
        for s in suffixes where upper2.hasSuffix(s) {
            t = String(t.dropLast(s.count))
            break
        }
        return t.trimmingCharacters(in: .whitespaces)
    }

    static func quoted(_ text: String) -> String { "\"\(text)\"" }

    static func format(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
