import BoardFormats
import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Cohort export and import between boards: nothing identifying leaves, and what arrives is a read-only,
/// institution-marked precedent that replaces rather than duplicates.
@Suite("Cohort exchange")
struct CohortExchangeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized.path
    static let now = Date(timeIntervalSince1970: 1_795_770_000)  // 2026-11-27

    static func sampleBundle() throws -> BoardBundle {
        let dir = root + "/SampleData"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        return try BoardReader.read(paths: files.map { dir + "/" + $0 })
    }

    static func sampleStore() throws -> BoardStore {
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(try sampleBundle(), now: now)
        return store
    }

    static func export(_ store: BoardStore, diagnoses: [String] = [], genes: [String] = []) throws -> Data {
        try CohortWriter.write(
            try store.decidedCases(diagnoses: diagnoses, genes: genes), institution: "Lakeshore University Hospital",
            exportId: "lakeshore-test", exportedOn: LocalDate(year: 2026, month: 11, day: 30), description: "test")
    }

    /// Every way a sample patient could be recognised: names and their parts, identifiers and their digit runs,
    /// birth and death dates as the de-identifier spells them, internal ids, and every calendar date of the case,
    /// its decision and its outcomes.
    static func identifiers(of c: Case, decisions: [Decision], outcomes: [CaseOutcome]) -> [String] {
        let p = c.patient
        var out: [String] = [p.id, c.id, p.pseudonym]
        for name in [p.name.text, p.name.given, p.name.family, p.name.display].compactMap({ $0 }) where name.count >= 2
        {
            if name != "(unnamed)" { out.append(name) }
            out += name.split(whereSeparator: { " ,-".contains($0) }).map(String.init).filter { $0.count >= 4 }
        }
        for id in p.identifiers {
            out.append(id.value)
            out += id.value.split(whereSeparator: { !$0.isNumber }).map(String.init).filter { $0.count >= 5 }
        }
        for day in [p.birthDate, p.deceasedOn].compactMap({ $0 }) {
            out += [
                day.description, String(format: "%02d.%02d.%04d", day.day, day.month, day.year),
                String(format: "%02d/%02d/%04d", day.month, day.day, day.year),
                String(format: "%02d/%02d/%04d", day.day, day.month, day.year),
            ]
        }
        var dates: [LocalDate?] = [
            c.diagnosis.diagnosedOn, c.stage?.assessedOn, c.performance?.assessedOn, c.consent.recordedOn,
        ]
        dates += c.treatmentHistory.flatMap { [$0.start, $0.end] }
        dates += c.reports.flatMap { [$0.reportedOn, $0.specimen?.collectedOn] }
        dates += decisions.flatMap { [$0.signedAt.map(LocalDate.init), LocalDate($0.recordedAt), $0.followUp?.date] }
        dates += outcomes.map(\.date)
        out += dates.compactMap { $0?.description }
        out += c.reports.flatMap { [$0.id, $0.specimen?.id].compactMap { $0 } }
        return Array(Set(out.filter { !$0.isEmpty }))
    }

    @Test func theExportHoldsNoIdentifierOfAnySamplePatient() throws {
        let bundle = try Self.sampleBundle()
        let store = try Self.sampleStore()
        let decided = try store.decidedCases()
        #expect(decided.count >= 20)
        let text = String(decoding: try Self.export(store), as: UTF8.self)
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var checked = 0
        for c in bundle.cases {
            let outcomes = try store.outcomes(caseId: c.id)
            for needle in Self.identifiers(
                of: c, decisions: bundle.decisions.filter { $0.caseId == c.id }, outcomes: outcomes)
            {
                checked += 1
                let n = needle.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                let pattern = "(?<![\\p{L}\\p{N}])" + NSRegularExpression.escapedPattern(for: n) + "(?![\\p{L}\\p{N}])"
                #expect(
                    folded.range(of: pattern, options: .regularExpression) == nil,
                    "\(c.id): an identifier is in the export")
            }
        }
        #expect(checked > 500)
        // The exporting institution is named, and the standard part is there.
        #expect(text.contains("\"createdBy\" : \"Lakeshore University Hospital\""))
        #expect(text.contains("\"phenopacketSchemaVersion\" : \"2.0\""))
    }

    /// A partner board with one FGFR2-fusion cholangiocarcinoma of its own.
    static func partnerStore() throws -> BoardStore {
        let store = try BoardStore.inMemory(user: "partner")
        let record = Case(
            id: "R-1",
            patient: Patient(id: "RP-1", name: PersonName(given: "Partner", family: "Patient"), sex: .male),
            diagnosis: Diagnosis(oncotreeCode: "IHCH", text: "Intrahepatic cholangiocarcinoma"),
            stage: Stage(group: "IV"),
            findings: [Finding(id: "R-1-F1", kind: .fusion, gene: "FGFR2", partners: ["FGFR2", "BICC1"])])
        try store.importBundle(BoardBundle(cases: [record]), now: now)
        return store
    }

    @Test func exportThenImportGivesReadOnlyInstitutionMarkedPrecedents() throws {
        let data = try Self.export(try Self.sampleStore(), diagnoses: ["CHOL"], genes: ["FGFR2"])
        let file = try CohortReader.read(data, file: "lakeshore.json")
        #expect(file.institution == "Lakeshore University Hospital")
        #expect(!file.precedents.isEmpty)
        #expect(file.precedents.allSatisfy { $0.oncotreeCode.map { OncoTree.bundled.isWithin($0, "CHOL") } ?? false })
        #expect(file.precedents.allSatisfy { $0.alterations.contains { $0.gene == "FGFR2" } })

        let partner = try Self.partnerStore()
        let first = try partner.importCohort(file, now: Self.now)
        #expect(first.added == file.precedents.count && first.replaced == 0)
        let list = try partner.precedents(for: "R-1", limit: 20)
        let external = list.precedents.filter { $0.institution == "Lakeshore University Hospital" }
        #expect(external.count == file.precedents.count)
        let best = try #require(external.first)
        #expect(best.reasons.contains("same FGFR2 fusion (FGFR2::BICC1)"))
        #expect(best.reference.hasPrefix("Lakeshore University Hospital PX-"))
        #expect(best.decisionDay != nil && best.decidedAt == nil)
        #expect(external.contains { $0.course?.bestResponse == "PR" })
        // Kept apart: not a case, not in the backlog, but found by search.
        #expect(try partner.cases().map(\.id) == ["R-1"])
        #expect(try partner.backlog().map(\.id) == ["R-1"])
        #expect(try partner.search("FGFR2").contains { $0.kind == "external" && $0.title.hasPrefix("Lakeshore") })

        // The same export again replaces, it does not duplicate.
        let again = try partner.importCohort(file, now: Self.now)
        #expect(again.added == 0 && again.replaced == file.precedents.count)
        #expect(try partner.precedents(for: "R-1", limit: 50).precedents.count == list.precedents.count)
        #expect(try partner.externalPrecedentCounts() == ["Lakeshore University Hospital": file.precedents.count])
        #expect(try partner.verify().isOK)
    }

    @Test func pseudonymsAreStableAndKeyed() throws {
        let store = try Self.sampleStore()
        let a = try store.decidedCases().map(\.pseudonym)
        let b = try store.decidedCases().map(\.pseudonym)
        #expect(a == b)
        #expect(Set(a).count == a.count)
        #expect(a.allSatisfy { $0.hasPrefix("PX-") && $0.count == 13 })
        // Another store (another identity) gives the same cases other pseudonyms.
        #expect(try Self.sampleStore().decidedCases().map(\.pseudonym) != a)
    }

    @Test func aBadFileIsOneClearErrorAndNothingIsStored() throws {
        let data = try Self.export(try Self.sampleStore(), diagnoses: ["IHCH"])
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var cohort = try #require(json["cohort"] as? [String: Any])
        cohort["members"] = []
        json["cohort"] = cohort
        let broken = try JSONSerialization.data(withJSONObject: json)
        #expect(CohortReader.recognises(broken))
        #expect(
            throws: ImportError(
                file: "x.json", location: "$.tumorboard.precedents[0].id",
                message: "expected the id of a member of $.cohort.members")
        ) {
            try CohortReader.read(broken, file: "x.json")
        }
        var section = try #require(json["tumorboard"] as? [String: Any])
        section["precedents"] = [["id": 7]]
        json["tumorboard"] = section
        let typed = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: ImportError.self) { try CohortReader.read(typed, file: "x.json") }
        do {
            _ = try CohortReader.read(typed, file: "x.json")
        } catch let error as ImportError {
            #expect(error.location == "$.tumorboard.precedents[0].id")
        }
    }

    /// The outcome event is one type shared by a case's outcome and a cohort file's timed outcome; the cohort file's
    /// layout stays version 1: every timed outcome of the partner sample (written before the types were shared)
    /// reads and writes back as the same JSON object, `drugs` included when empty.
    @Test func timedOutcomesKeepTheVersionOneLayout() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.root + "/SampleData/partner/riverside-cohort.json"))
        func timed(_ node: Any) -> [[String: Any]] {
            if let object = node as? [String: Any] {
                let own = (object["outcomes"] as? [[String: Any]]) ?? []
                return own.filter { $0["day"] != nil } + object.values.flatMap(timed)
            }
            return (node as? [Any])?.flatMap(timed) ?? []
        }
        let objects = timed(try JSONSerialization.jsonObject(with: data))
        #expect(objects.count >= 10)
        for object in objects {
            let given = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            let outcome = try NativeReader.decoder.decode(TimedOutcome.self, from: given)
            let written = try JSONSerialization.jsonObject(with: try NativeReader.encoder.encode(outcome))
            let again = try JSONSerialization.data(withJSONObject: written, options: [.sortedKeys])
            #expect(String(decoding: again, as: UTF8.self) == String(decoding: given, as: UTF8.self))
        }
        let bare = try NativeReader.encoder.encode(TimedOutcome(day: 3, kind: .progression))
        #expect(String(decoding: bare, as: UTF8.self).contains("\"drugs\" : ["), "v1 readers require drugs")
    }
}
