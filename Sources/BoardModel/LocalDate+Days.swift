import Foundation

extension LocalDate {
    /// The date `days` later (earlier when negative), on the Gregorian calendar.
    public func adding(days: Int) -> LocalDate {
        LocalDate(Date(timeIntervalSince1970: Double(dayNumber + days) * 86_400))
    }

    /// Whole days from this date to `other` (negative when `other` is earlier).
    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// Days since 1970-01-01 (days-from-civil, valid for every date on the calendar).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
