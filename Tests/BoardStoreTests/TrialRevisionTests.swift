import BoardFormats
import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardStore

/// ClinicalTrials.gov posts each change of a study record as a new version with a new last-update date. An import
/// keeps the later version on both backends: an older file is not applied (the account names both dates, the store
/// is unchanged), a same-date version with other content is applied and said, and undated records behave as before
/// (the file read last wins).
struct TrialRevisionTests {
    static func trial(updated: String?, sites: Int, title: String = "PALLAS") -> Trial {
        var t = Trial(
            id: "NCT02513394", title: title, status: .activeNotRecruiting,
            sites: (0..<sites).map { TrialSite(name: "site \($0)") },
            provenance: Provenance(file: "/x/NCT02513394.\(sites).json", recordId: "NCT02513394", format: "ctgov-json"))
        t.lastUpdated = updated.flatMap(LocalDate.init)
        return t
    }

    static func save(_ store: any Backend.Store, _ trial: Trial) throws -> ImportSummary {
        try store.importBundle(BoardBundle(trials: [trial]), dryRun: false, now: Fixtures.now, progress: nil)
    }

    @Test(arguments: Backend.available)
    func anOlderVersionIsNotApplied(backend: Backend) throws {
        let (s, _) = try backend.makeBoard()
        _ = try Self.save(s, Self.trial(updated: "2023-06-13", sites: 437))
        let summary = try Self.save(s, Self.trial(updated: "2020-03-09", sites: 233))
        #expect(try s.trial(id: "NCT02513394")?.sites.count == 437)
        #expect(summary.counts["trial"]?.unchanged == 1 && summary.counts["trial"]?.updated == 0)
        #expect(summary.changedTrials.isEmpty)
        let line = try #require(summary.skipped.first)
        #expect(line.contains("2020-03-09") && line.contains("2023-06-13") && line.contains("not applied"))
        #expect(line.contains("NCT02513394.233.json"))
    }

    @Test(arguments: Backend.available)
    func aNewerVersionReplacesTheStoredOne(backend: Backend) throws {
        let (s, _) = try backend.makeBoard()
        _ = try Self.save(s, Self.trial(updated: "2020-03-09", sites: 233))
        let summary = try Self.save(s, Self.trial(updated: "2023-06-13", sites: 437))
        #expect(try s.trial(id: "NCT02513394")?.sites.count == 437)
        #expect(summary.counts["trial"]?.updated == 1 && summary.skipped.isEmpty && summary.notes.isEmpty)
    }

    @Test(arguments: Backend.available)
    func theSameDateWithOtherContentIsAppliedAndSaid(backend: Backend) throws {
        let (s, _) = try backend.makeBoard()
        _ = try Self.save(s, Self.trial(updated: "2023-06-13", sites: 437))
        let summary = try Self.save(s, Self.trial(updated: "2023-06-13", sites: 436))
        #expect(try s.trial(id: "NCT02513394")?.sites.count == 436)
        #expect(summary.notes.contains { $0.contains("same registry update date") && $0.contains("2023-06-13") })
        let again = try Self.save(s, Self.trial(updated: "2023-06-13", sites: 436))
        #expect(again.counts["trial"]?.unchanged == 1 && again.notes.isEmpty)
    }

    @Test(arguments: Backend.available)
    func withoutADateTheFileReadLastWins(backend: Backend) throws {
        let (s, _) = try backend.makeBoard()
        _ = try Self.save(s, Self.trial(updated: "2023-06-13", sites: 437))
        let summary = try Self.save(s, Self.trial(updated: nil, sites: 2))
        #expect(try s.trial(id: "NCT02513394")?.sites.count == 2)
        #expect(summary.skipped.isEmpty)
    }

    /// Both versions in one import: the later wins whatever the order of the files.
    @Test(arguments: [true, false])
    func oneImportOfBothVersionsKeepsTheLater(newerFirst: Bool) throws {
        let s = try BoardStore.inMemory()
        let versions = [Self.trial(updated: "2023-06-13", sites: 437), Self.trial(updated: "2020-03-09", sites: 233)]
        let summary = try s.importBundle(BoardBundle(trials: newerFirst ? versions : versions.reversed()))
        #expect(try s.trial(id: "NCT02513394")?.sites.count == 437)
        #expect(summary.skipped.count == (newerFirst ? 1 : 0))
    }

    /// The real PALLAS record: API v2 JSON (last update submitted 2023-06-13, posted 2023-06-15, 437 sites) and the
    /// legacy XML download (submitted 2020-03-06, posted 2020-03-09, 233 sites). The XML after the JSON leaves the
    /// JSON's trial; before it, the JSON replaces it.
    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func realJSONAndXMLOfPALLAS() throws {
        let json = try BoardReader.payload(path: RealData.path("ctgov/NCT02513394.json")).bundle.trials[0]
        let xml = try BoardReader.payload(path: RealData.path("ctgov/NCT02513394.xml")).bundle.trials[0]
        #expect(json.lastUpdated == LocalDate("2023-06-15"))
        #expect(xml.lastUpdated == LocalDate("2020-03-09"))
        let s = try BoardStore.inMemory()
        try s.importBundle(BoardBundle(trials: [json]))
        let summary = try s.importBundle(BoardBundle(trials: [xml]))
        #expect(try s.trial(id: "NCT02513394") == json)
        #expect(summary.skipped.first?.contains("2020-03-09") == true)
        let other = try BoardStore.inMemory()
        try other.importBundle(BoardBundle(trials: [xml]))
        try other.importBundle(BoardBundle(trials: [json]))
        #expect(try other.trial(id: "NCT02513394") == json)
    }
}
