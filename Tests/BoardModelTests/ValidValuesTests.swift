import Foundation
import Testing

@testable import BoardModel

/// Each range is tested at and just beyond its definition's edges, and each refusal's words.
@Suite("Valid values")
struct ValidValuesTests {
    static let today = LocalDate(year: 2026, month: 12, day: 1)

    func reason(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch { return (error as? InvalidValue)?.reason ?? "not an InvalidValue: \(error)" }
    }

    @Test func ecogIsAWholeNumberFromZeroToFive() throws {
        for v in 0...5 { #expect(try ValidValues.ecog(v) == v) }
        #expect(reason { try ValidValues.ecog(-1) } == "expected ECOG 0–5, got -1")
        #expect(reason { try ValidValues.ecog(6) } == "expected ECOG 0–5, got 6")
        #expect(try ValidValues.ecog(parsing: " ECOG 2 ") == 2)
        #expect(try ValidValues.ecog(parsing: "0") == 0)
        #expect(
            reason { try ValidValues.ecog(parsing: "seven") } == "expected ECOG as a whole number 0–5, got \"seven\"")
        #expect(reason { try ValidValues.ecog(parsing: "1.5") } != nil)
        #expect(reason { try ValidValues.ecog(parsing: "-1") } == "expected ECOG 0–5, got -1")
    }

    @Test func karnofskyIsZeroToHundredInTens() throws {
        for v in stride(from: 0, through: 100, by: 10) { #expect(try ValidValues.karnofsky(v) == v) }
        #expect(reason { try ValidValues.karnofsky(-1) } == "expected Karnofsky 0–100 in steps of 10, got -1")
        #expect(reason { try ValidValues.karnofsky(110) } != nil)
        #expect(reason { try ValidValues.karnofsky(85) } == "expected Karnofsky 0–100 in steps of 10, got 85")
        #expect(try ValidValues.karnofsky(parsing: "80%") == 80)
        #expect(try ValidValues.karnofsky(parsing: "KPS 70") == 70)
        #expect(reason { try ValidValues.karnofsky(parsing: "good") } != nil)
    }

    @Test func calendarDatesExistAndAreNeverRolledOver() throws {
        #expect(LocalDate.daysIn(month: 2, year: 2024) == 29)
        #expect(LocalDate.daysIn(month: 2, year: 2026) == 28)
        #expect(LocalDate.daysIn(month: 2, year: 1900) == 28)
        #expect(LocalDate.daysIn(month: 2, year: 2000) == 29)
        #expect(LocalDate.daysIn(month: 4, year: 2026) == 30)
        #expect(LocalDate.daysIn(month: 12, year: 2026) == 31)
        #expect(LocalDate.daysIn(month: 13, year: 2026) == 0)
        #expect(LocalDate(year: 1970, month: 2, day: 31).isOnCalendar == false)
        #expect(LocalDate(year: 2024, month: 2, day: 29).isOnCalendar)
        #expect(LocalDate(year: 2026, month: 0, day: 1).isOnCalendar == false)
        // The ISO parser used by every decoder refuses impossible days too.
        #expect(LocalDate("1970-02-31") == nil)
        #expect(LocalDate("2026-02-30") == nil)
        #expect(LocalDate("2026-04-31") == nil)
        #expect(LocalDate("2024-02-29") == LocalDate(year: 2024, month: 2, day: 29))
        #expect(try ValidValues.date(parsing: "1961-03-14") == LocalDate(year: 1961, month: 3, day: 14))
        #expect(try ValidValues.date(parsing: "14.03.1961") == LocalDate(year: 1961, month: 3, day: 14))
        #expect(try ValidValues.date(parsing: "4/3/1961") == LocalDate(year: 1961, month: 3, day: 4))
        #expect(
            reason { try ValidValues.date(parsing: "31.02.1970") }
                == "expected a real calendar date as YYYY-MM-DD or DD.MM.YYYY, got \"31.02.1970\"")
        #expect(reason { try ValidValues.date(parsing: "2026-02-30") } != nil)
        #expect(reason { try ValidValues.date(parsing: "14.03.61") } != nil)  // two-digit year: not guessed
        #expect(reason { try ValidValues.date(parsing: "1961-03") } != nil)  // partial: not a full date
        #expect(
            reason { try ValidValues.date(LocalDate(year: 2026, month: 2, day: 30)) }
                == "expected a real calendar date, got 2026-02-30")
    }

    @Test func birthDatesAreNotInTheFutureNorOver120YearsAgoAndAreNeverEchoed() throws {
        let today = Self.today
        #expect(try ValidValues.birthDate(today, today: today) == today)
        // 120, turning 121 tomorrow
        #expect(try ValidValues.birthDate(LocalDate(year: 1905, month: 12, day: 2), today: today).year == 1905)
        let future = reason { try ValidValues.birthDate(LocalDate(year: 2026, month: 12, day: 2), today: today) }
        #expect(future == "expected a birth date not in the future (the value is not shown)")
        // 121 today
        let tooOld = reason { try ValidValues.birthDate(LocalDate(year: 1905, month: 12, day: 1), today: today) }
        #expect(tooOld == "expected a birth date giving an age of 0–120 years (the value is not shown)")
        let impossible = reason { try ValidValues.birthDate(parsing: "31.02.1970", today: today) }
        #expect(impossible?.contains("1970") == false)
        #expect(impossible?.contains("31.02") == false)
        #expect(
            try ValidValues.birthDate(parsing: "12.03.1961", today: today) == LocalDate(year: 1961, month: 3, day: 12))
    }

    @Test func agesAreZeroTo120() throws {
        #expect(try ValidValues.age(0) == 0)
        #expect(try ValidValues.age(120) == 120)
        #expect(reason { try ValidValues.age(-1) } == "expected an age of 0–120 years, got -1")
        #expect(reason { try ValidValues.age(121) } == "expected an age of 0–120 years, got 121")
    }

    @Test func vafIsAFractionAndDepthIsNotNegative() throws {
        #expect(try ValidValues.vaf(0) == 0)
        #expect(try ValidValues.vaf(1) == 1)
        #expect(try ValidValues.vaf(0.31) == 0.31)
        #expect(reason { try ValidValues.vaf(31) } == "expected a variant allele fraction 0–1, got 31")
        #expect(reason { try ValidValues.vaf(-0.1) } == "expected a variant allele fraction 0–1, got -0.1")
        #expect(reason { try ValidValues.vaf(.nan) } != nil)
        #expect(reason { try ValidValues.vaf(.infinity) } != nil)
        #expect(try ValidValues.depth(0) == 0)
        #expect(reason { try ValidValues.depth(-3) } == "expected a read depth ≥ 0, got -3")
    }

    @Test func plannedMinutesAreOneTo240() throws {
        #expect(try ValidValues.plannedMinutes(1) == 1)
        #expect(try ValidValues.plannedMinutes(240) == 240)
        #expect(reason { try ValidValues.plannedMinutes(0) } == "expected planned minutes 1–240, got 0")
        #expect(reason { try ValidValues.plannedMinutes(241) } == "expected planned minutes 1–240, got 241")
        #expect(try ValidValues.plannedMinutes(parsing: "12 min") == 12)
        #expect(
            reason { try ValidValues.plannedMinutes(parsing: "soon") }
                == "expected planned minutes as a whole number 1–240, got \"soon\"")
    }

    @Test func followUpInThePastNeedsAConfirmation() throws {
        let today = Self.today
        #expect(try ValidValues.followUp(today, today: today) == today)
        let past = LocalDate(year: 2026, month: 11, day: 30)
        do {
            _ = try ValidValues.followUp(past, today: today)
            Issue.record("a past follow-up date was accepted without confirmation")
        } catch {
            #expect(error.confirmable)
            #expect(
                error.reason
                    == "expected a follow-up date from 2026-12-01 on, got 2026-11-30, which is in the past; confirm to keep it"
            )
        }
        #expect(try ValidValues.followUp(past, today: today, confirmed: true) == past)
        let impossible = reason { try ValidValues.followUp(parsing: "2026-02-30", today: today, confirmed: true) }
        #expect(impossible == "expected a real calendar date as YYYY-MM-DD or DD.MM.YYYY, got \"2026-02-30\"")
    }
}
