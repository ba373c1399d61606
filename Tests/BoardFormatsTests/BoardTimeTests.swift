import Foundation
import Testing

@testable import BoardFormats

/// One spelling of times and one reading of $TZ for screens, minutes and the command line.
@Suite("Board time")
struct BoardTimeTests {
    @Test func zoneFromTZElseUTC() {
        let utc = TimeZone(identifier: "UTC")!
        #expect(BoardTime.localZone(environment: [:]) == utc)
        #expect(BoardTime.localZone(environment: ["TZ": "No/Such_Zone"]) == utc)
        #expect(BoardTime.localZone(environment: ["TZ": "Europe/Berlin"]).identifier == "Europe/Berlin")
    }

    @Test func englishWhateverTheZone() {
        let instant = Date(timeIntervalSince1970: 1_796_911_200)  // 2026-12-10 14:00 UTC, a Thursday
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(
            BoardTime.formatter(BoardTime.dayAndTimePattern, in: berlin).string(from: instant)
                == "Thu 10 Dec 2026 15:00")
        #expect(BoardTime.formatter(BoardTime.dayPattern, in: .gmt).string(from: instant) == "Thu 10 Dec 2026")
    }
}
