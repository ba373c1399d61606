import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp

/// What the board sees of a case: a deceased patient reads as deceased with the age at death (never a current
/// age), metastatic sites are listed, and calls the caller filtered out are marked in words and listed last.
@MainActor
@Suite("What the board sees")
struct WhatTheBoardSeesTests {
    static let died = LocalDate(year: 2020, month: 7, day: 29)

    /// The sample board with C-0002's patient deceased, two metastatic sites and one call filtered by a panel of
    /// normals (listed first in the record, so only the sort can put it last).
    static func store() throws -> (BoardStore, Case) {
        var bundle = try BoardReader.read(paths: try Repository.sampleDataFiles())
        let i = try #require(bundle.cases.firstIndex { $0.id == "C-0002" })
        bundle.cases[i].patient.vitalStatus = .deceased
        bundle.cases[i].patient.deceasedOn = died
        bundle.cases[i].patient.causeOfDeath = "pneumonia"
        bundle.cases[i].metastaticSites = [
            MetastaticSite(
                site: "liver", code: "10200004", system: "SNOMED CT", since: LocalDate(year: 2019, month: 3, day: 2)),
            MetastaticSite(site: "bone"),
        ]
        bundle.cases[i].findings.insert(
            Finding(id: "C-0002-FX", kind: .snv, gene: "KRAS", hgvsP: "p.G12D", vaf: 0.04, filter: "PON"), at: 0)
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(bundle, now: SampleBoard.now)
        return (store, bundle.cases[i])
    }

    @Test func aDeceasedPatientShowsTheDeathAndTheAgeAtDeath() throws {
        let (store, c) = try Self.store()
        let atDeath = try #require(c.patient.birthDate).years(until: Self.died)
        let current = try #require(c.patient.birthDate).years(until: LocalDate(SampleBoard.now))
        #expect(atDeath != current)
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: store)
        app.run(.openCase("C-0002"))
        let summary = app.frame().textDump()
        #expect(summary.contains("deceased (2020-07-29; cause: pneumonia), \(atDeath) y at death"))
        #expect(summary.contains(" \(atDeath)\(c.patient.sex.rawValue.prefix(1).uppercased()) deceased"))
        #expect(!summary.contains(" \(current)\(c.patient.sex.rawValue.prefix(1).uppercased())"))
        expectSnapshot(app, "case-deceased-summary-160x48")
        // Privacy mode hides the date of death as it hides the birth date.
        app.handle(.char("p"))
        let masked = app.frame().textDump()
        #expect(!masked.contains("2020-07-29") && masked.contains("deceased (date removed; cause: pneumonia)"))
        // Lists too: the home screen's backlog and `cases` read the age at death from the headline.
        let headline = try #require(try store.headline(caseId: "C-0002"))
        #expect(headline.life.isDeceased && headline.age(on: LocalDate(SampleBoard.now)) == atDeath)
    }

    @Test func metastaticSitesAreOnTheSummaryTab() throws {
        let (store, _) = try Self.store()
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: store)
        app.run(.openCase("C-0002"))
        let line = app.frame().textDump().split(separator: "\n").first { $0.contains("Metastases") }
        #expect(line?.contains("liver (SNOMED CT 10200004) since 2019-03-02; bone") == true)
    }

    @Test func filteredCallsAreMarkedInWordsAndListedLast() throws {
        let (store, _) = try Self.store()
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: store)
        app.run(.openCase("C-0002"))
        app.handle(.char("2"))
        let text = app.frame().textDump()
        let lines = text.split(separator: "\n").map(String.init)
        let marked = try #require(lines.firstIndex { $0.contains("KRAS p.G12D (filtered: PON)") })
        // Every other finding row comes before the filtered one.
        let others = c0002PassingLabels(store)
        #expect(!others.isEmpty)
        for label in others {
            if let row = lines.firstIndex(where: { $0.contains(label) }) {
                #expect(row < marked, "\(label) after the filtered call")
            }
        }
        #expect(text.contains("1 filtered call marked, listed last"))
        expectSnapshot(app, "case-filtered-molecular-160x48")
    }

    func c0002PassingLabels(_ store: BoardStore) -> [String] {
        ((try? store.caseRecord(id: "C-0002"))?.record.findings ?? []).filter { !$0.isFiltered }.map(\.label)
    }
}
