import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp

/// Issue 12 on screen: resistance reads as resistance, the finding detail view, identifiers masked in free text
/// in privacy mode (the same de-identifier as every export), privacy mode remembered per user.
@MainActor
@Suite("Safety on screen")
struct SafetyScreenTests {
    /// The sample board with C-0002's free text naming its patient the way a referral letter does:
    /// "Frau Family (MRN, geb. dd.mm.yyyy)" in the question, a treatment history and a note.
    static func storeWithIdentifiersInFreeText() throws -> (BoardStore, Patient) {
        var bundle = try BoardReader.read(paths: try Repository.sampleDataFiles())
        let i = try #require(bundle.cases.firstIndex { $0.id == "C-0002" })
        let p = bundle.cases[i].patient
        let b = try #require(p.birthDate)
        let family = p.name.family ?? p.name.display
        let mrn = try #require(p.mrn)
        let birth = String(format: "%02d.%02d.%04d", b.day, b.month, b.year)
        bundle.cases[i].question = "Frau \(family) (\(mrn), geb. \(birth)): next line?"
        if !bundle.cases[i].treatmentHistory.isEmpty {
            bundle.cases[i].treatmentHistory[0].stopReason = "\(family) declined further cycles"
        }
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(bundle, now: SampleBoard.now)
        _ = try store.addNote(
            caseId: "C-0002", text: "Called \(family) on \(b); MRN \(mrn) confirmed.", now: SampleBoard.now)
        return (store, p)
    }

    static func identifiers(_ p: Patient) -> [String] {
        var out = [p.name.family, p.name.given, p.name.text].compactMap { $0 }.filter { $0.count >= 2 }
        out += p.identifiers.map(\.value)
        if let b = p.birthDate { out += [b.description, String(format: "%02d.%02d.%04d", b.day, b.month, b.year)] }
        return out
    }

    @Test func privacyModeMasksIdentifiersInFreeTextOnEveryTab() throws {
        let (store, p) = try Self.storeWithIdentifiersInFreeText()
        let (app, _) = try SampleBoard.app(width: 160, height: 48, privacy: true, store: store)
        app.run(.openCase("C-0002"))
        for tab in ["1", "4", "6"] {
            app.handle(.char(Character(tab)))
            let text = app.frame().textDump()
            for id in Self.identifiers(p) { #expect(!text.contains(id), "tab \(tab) shows an identifier") }
        }
        app.handle(.char("1"))
        #expect(app.frame().textDump().contains("Frau \(p.pseudonym) ([removed], geb. [removed])"))
        // Without privacy mode the same text is shown as written.
        app.handle(.char("p"))
        #expect(app.frame().textDump().contains("Frau \(p.name.family!)"))
    }

    /// The sample board with a copy of C-0002 whose case id is its patient's MRN.
    static func boardWithAnMRNCaseId() throws -> (BoardStore, Case) {
        var bundle = try BoardReader.read(paths: try Repository.sampleDataFiles())
        var c = try #require(bundle.cases.first { $0.id == "C-0002" })
        let mrn = "40917788"
        c.id = mrn
        c.patient.id = "P-\(mrn)"
        c.patient.identifiers = [PatientIdentifier(kind: .mrn, value: mrn)]
        bundle.cases.append(c)
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(bundle, now: SampleBoard.now)
        return (store, c)
    }

    /// A case whose id is its patient's MRN (a source whose Patient.id is the MRN): privacy mode shows the
    /// pseudonym in the header, the pane title, the Summary and the decision form (whose decision id is built from
    /// the case id), and the id again when privacy mode is off.
    @Test func privacyModeHidesACaseIdThatIsTheMRN() throws {
        let (store, c) = try Self.boardWithAnMRNCaseId()
        let mrn = c.id
        let (app, _) = try SampleBoard.app(width: 160, height: 48, privacy: true, store: store)
        app.run(.openCase(mrn))
        let caseText = app.frame().textDump()
        #expect(!caseText.contains(mrn))
        #expect(caseText.contains(c.patient.pseudonym))
        app.handle(.char("6"))
        #expect(!app.frame().textDump().contains(mrn), "the Decision tab")
        app.handle(.char("e"))
        let form = app.frame().textDump()
        #expect(form.contains("Decision"), "the decision form is open")
        #expect(!form.contains(mrn), "the decision form")
        app.handle(.char("p"))
        #expect(app.frame().textDump().contains(mrn), "privacy off shows the id")
    }

    /// The first home frame already hides such an id, before the case has ever been opened (review 7 #3): the
    /// lists' headlines carry the patient's identifiers for the check, never to show them.
    @Test func privacyModeHidesAnMRNCaseIdInTheFirstList() throws {
        let (store, c) = try Self.boardWithAnMRNCaseId()
        let mrn = c.id
        let headline = try #require(try store.backlog(limit: 1000, offset: 0).first { $0.id == mrn })
        #expect(headline.identifiers == [mrn])
        let (app, _) = try SampleBoard.app(width: 160, height: 48, privacy: true, store: store)
        let home = app.frame().textDump()
        #expect(!home.contains(mrn), "\(home)")
        #expect(home.contains(c.patient.pseudonym), "the backlog shows the pseudonym in its place")
        app.handle(.char("p"))
        #expect(app.frame().textDump().contains(mrn), "privacy off shows the id")
    }

    @Test func everyDeidentifiedOutputMasksTheSameFreeText() throws {
        let (store, p) = try Self.storeWithIdentifiersInFreeText()
        let record = try #require(try store.caseRecord(id: "C-0002"))
        let show = CaseSummaryText(
            record: record.record, notes: record.notes, decision: record.currentDecision,
            today: LocalDate(SampleBoard.now), deidentify: true
        ).render()
        let export = CaseExportWriter(
            record: record.record, notes: record.notes, decision: record.currentDecision,
            asOf: LocalDate(SampleBoard.now), deidentify: true
        ).render()
        for text in [show, export] {
            for id in Self.identifiers(p) { #expect(!text.contains(id)) }
            #expect(text.contains("Frau \(p.pseudonym) ([removed], geb. [removed])"))
        }
        // Identified, the text is as written.
        let plain = CaseSummaryText(record: record.record, notes: record.notes, today: LocalDate(SampleBoard.now))
            .render()
        #expect(plain.contains("Frau \(p.name.family!)"))
    }

    @Test func privacyModeIsRememberedPerUserInAPrivateFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-privacy-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let preference = try #require(
            PrivacyPreference.standard(environment: ["XDG_STATE_HOME": dir, "HOME": "/nonexistent"]))
        #expect(preference.path == dir + "/tumorboard/privacy")
        #expect(
            PrivacyPreference.standard(environment: ["HOME": "/home/u"])?.path
                == "/home/u/.local/state/tumorboard/privacy")
        #expect(preference.load() == nil)
        let store = try SampleBoard.store()
        let first = BoardApp(
            store: store, terminal: FakeTerminal(width: 80, height: 24), themes: SampleBoard.themes(),
            theme: .monochrome,
            clock: { SampleBoard.now }, privacyPreference: preference)
        #expect(!first.context.privacy)
        first.handle(.char("p"))
        #expect(first.context.privacy && preference.load() == true)
        let attributes = try FileManager.default.attributesOfItem(atPath: preference.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: dir + "/tumorboard")
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        // A restart finds privacy mode on; turning it off is remembered too.
        let second = BoardApp(
            store: store, terminal: FakeTerminal(width: 80, height: 24), themes: SampleBoard.themes(),
            theme: .monochrome,
            clock: { SampleBoard.now }, privacyPreference: preference)
        #expect(second.context.privacy)
        second.run(.privacy)
        #expect(!second.context.privacy && preference.load() == false)
    }

    @Test func enterOnAFindingOpensItsDetailWithEveryEvidenceItem() throws {
        let (app, _) = try SampleBoard.app(width: 160, height: 48)
        app.run(.openCase("C-0001"))
        app.handle(.char("2"))
        let table = app.frame().textDump()
        #expect(table.contains("Osimertinib + Savolitinib · resistance: Osimertinib"))
        // MET amplification is the second finding in evidence order (EGFR L858R first).
        app.handle(.char("j"))
        app.handle(.enter)
        let detail = app.frame().textDump()
        #expect(app.stack.last is FindingScreen)
        #expect(detail.contains("MET amplification (CN 9)"))
        #expect(detail.contains("1. sensitivity to Osimertinib + Savolitinib, ESCAT II-B"))
        #expect(detail.contains("2. resistance to Osimertinib, CIViC B"))
        #expect(detail.contains("supports resistance — not a treatment option"))
        for label in [
            "Gene", "HGVS c.", "HGVS p.", "Transcript", "Consequence", "Kind", "VAF", "Depth", "Filter", "Origin",
            "Specimen", "Report",
        ] {
            #expect(detail.contains(label), "detail lacks \(label)")
        }
        expectSnapshot(app, "finding-detail-C-0001-160x48")
        app.handle(.escape)
        #expect(app.stack.last is CaseScreen)
    }

    @Test func theDecisionFormRefusesAnImpossibleFollowUpAndAsksBeforeAPastOne() throws {
        let (app, _) = try SampleBoard.app(width: 160, height: 48)
        let form = DecisionFormScreen(caseId: "C-0003", meetingId: nil)
        try form.reload(app.context)
        if case .error(let text) = form.setFollowUp("2026-02-30", context: app.context) {
            #expect(text.contains("expected a real calendar date"))
        } else {
            Issue.record("2026-02-30 was accepted")
        }
        #expect(form.decision?.followUp?.date == nil)
        guard case .confirm(let modal, let then) = form.setFollowUp("2026-11-01", context: app.context) else {
            Issue.record("a past follow-up date was kept without asking")
            return
        }
        #expect(modal.title.contains("past"))
        _ = then(0)
        #expect(form.decision?.followUp?.date == nil)
        _ = then(1)
        #expect(form.decision?.followUp?.date == LocalDate(year: 2026, month: 11, day: 1))
        _ = form.setFollowUp("2027-01-15", context: app.context)
        #expect(form.decision?.followUp?.date == LocalDate(year: 2027, month: 1, day: 15))
    }
}
