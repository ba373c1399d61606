import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Lab-file findings and case lists on both backends: the same ids, counts, refusals, changed cases and agendas on
/// SQLite and PostgreSQL.
struct BothBackendsImportTests {
    static func batch(
        caseId: String? = nil, sample: String? = nil, report: String = "vcf:t.vcf:TUMOR", specimen: String = "TUMOR",
        _ findings: [Finding], createsCase: Bool = false
    ) -> FindingBatch {
        var batch = FindingBatch(
            caseId: caseId, sample: sample,
            report: MolecularReport(id: report, assay: "VCF", specimen: Specimen(id: specimen)), findings: findings)
        batch.createsCase = createsCase
        return batch
    }

    static func importing(
        _ store: any Backend.Store, _ batches: [FindingBatch], dryRun: Bool = false
    ) throws -> ImportSummary {
        try store.importRecords(
            BoardBundle(), partialCases: [], caseAdditions: [], findingBatches: batches, findingStreams: [],
            evidence: [], evidenceLoci: [], skipped: [], dryRun: dryRun, now: Fixtures.now, progress: nil)
    }

    /// A case's record imported again without a diagnosis, stage or performance status (a FHIR Patient file on
    /// its own) keeps the stored ones; a record that states them replaces them (`RecordRewrite`, both backends).
    @Test(arguments: Backend.available)
    func aRecordThatStatesNoDiagnosisKeepsTheStoredOne(backend: Backend) throws {
        let (s, _) = try backend.makeBoard()
        func save(_ record: Case) throws {
            try s.importBundle(BoardBundle(cases: [record]), dryRun: false, now: Fixtures.now, progress: nil)
        }
        var full = Fixtures.cases[0]
        full.provenance = Provenance(file: "condition.json", recordId: "c", format: "fhir")
        full.diagnosis = Diagnosis(oncotreeCode: "IDC", text: "Infiltrating duct carcinoma of breast")
        full.stage = Stage(group: "IIIC")
        full.performance = PerformanceStatus(ecog: 1)
        try save(full)
        var patientOnly = full
        patientOnly.provenance = Provenance(file: "patient.json", recordId: "p", format: "fhir")
        patientOnly.diagnosis = Diagnosis(text: "(no cancer diagnosis in the file)")
        patientOnly.stage = nil
        patientOnly.performance = nil
        try save(patientOnly)
        let day = LocalDate(Fixtures.now)
        let kept = try #require(try s.caseRecord(id: full.id, on: day)?.record)
        #expect(kept.diagnosis.oncotreeCode == "IDC" && kept.stage?.group == "IIIC" && kept.performance?.ecog == 1)
        #expect(try s.headline(caseId: full.id)?.oncotreeCode == "IDC")
        var restaged = full
        restaged.stage = Stage(group: "IV")
        try save(restaged)
        #expect(try s.caseRecord(id: full.id, on: day)?.record.stage?.group == "IV")
    }

    /// A record imported again replaces its own findings but keeps what a lab file attached, after its own, with the
    /// lab file's report (both backends).
    @Test(arguments: Backend.available)
    func aRecordImportedAgainKeepsTheLabFilesFindings(backend: Backend) throws {
        let (store, _) = try backend.makeBoard(Fixtures.bundle)
        _ = try Self.importing(store, [Self.batch(caseId: "C-1", FindingImportTests.rows)])
        var record = Fixtures.cases[0]
        record.provenance = Provenance(file: "bundle.json", recordId: "b", format: "fhir")
        record.findings.removeLast()
        record.findings.append(Finding(id: "C-1-F9", kind: .snv, gene: "KRAS", hgvsP: "p.G12C"))
        try store.importBundle(BoardBundle(cases: [record]), dryRun: false, now: Fixtures.now, progress: nil)
        let stored = try #require(try store.caseRecord(id: "C-1", on: LocalDate(Fixtures.now))).record
        #expect(stored.findings.map(\.id).prefix(2) == ["C-1-F1", "C-1-F9"])
        #expect(stored.findings.count == 52 && !stored.findings.contains { $0.id == "C-1-F2" })
        #expect(stored.reports.contains { $0.id == "vcf:t.vcf:TUMOR" })
        #expect(try store.headline(caseId: "C-1")?.findingCount == 52)
        for gene in ["KRAS", "BRAF"] {
            #expect(
                try store.search(gene, limit: 10).contains { $0.kind == "findings" && $0.caseId == "C-1" }, "\(gene)")
        }
    }

    @Test(arguments: Backend.available)
    func labFindingsAttachOnceAndAnotherSpecimensCopyIsItsOwn(backend: Backend) throws {
        let (store, _) = try backend.makeBoard(Fixtures.bundle)
        let rows = FindingImportTests.rows
        let from = try store.auditHead().sequence
        let first = try Self.importing(store, [Self.batch(caseId: "C-1", rows)])
        #expect(first.counts["finding"]?.created == 50 && first.changedCases == ["C-1"])
        let record = try #require(try store.caseRecord(id: "C-1", on: LocalDate(Fixtures.now))).record
        #expect(record.findings.count == 52 && record.findings.contains { $0.id == "C-1-F1" })
        #expect(record.findings.contains { $0.id == "C-1/1:1000:A:G" && $0.reportId == "vcf:t.vcf:TUMOR" })
        #expect(record.reports.contains { $0.id == "vcf:t.vcf:TUMOR" } && record.question == "First-line therapy?")
        let again = try Self.importing(store, [Self.batch(caseId: "C-1", rows)])
        #expect(again.counts["finding"]?.unchanged == 50 && again.counts["finding"]?.created == 0)
        #expect(again.changedCases.isEmpty)
        var changed = rows
        changed[5].vaf = 0.99
        let third = try Self.importing(store, [Self.batch(caseId: "C-1", changed)])
        #expect(third.counts["finding"]?.updated == 1 && third.changedCases == ["C-1"])
        // The same variants in a metastasis are findings of their own.
        let metastasis = try Self.importing(
            store, [Self.batch(caseId: "C-1", report: "vcf:m.vcf:MET", specimen: "MET", rows)])
        #expect(metastasis.counts["finding"]?.created == 50)
        let all = try #require(try store.caseRecord(id: "C-1", on: LocalDate(Fixtures.now))).record.findings
        #expect(all.count == 102 && all.contains { $0.id == "C-1/1:1000:A:G@MET" })
        #expect(all.first { $0.id == "C-1/1:1005:A:G" }?.vaf == 0.99)
        #expect(try store.headline(caseId: "C-1")?.findingCount == 102)
        #expect(try store.search("BRAF", limit: 10).contains { $0.caseId == "C-1" && $0.kind == "findings" })
        let events = try store.auditEvents(caseId: "C-1", limit: 100).filter {
            $0.sequence > from && $0.action == "case.findings"
        }
        #expect(events.map(\.after) == ["52 findings", "52 findings", "102 findings"])
        #expect(try store.verify().isOK)
    }

    @Test(arguments: Backend.available)
    func samplesFindTheirCasesAndUnknownOnesAreReportedOrRefused(backend: Backend) throws {
        let (store, _) = try backend.makeBoard(Fixtures.bundle)
        let rows = Array(FindingImportTests.rows.prefix(3))
        let before = try store.counts()
        #expect(throws: StoreError.self) { try Self.importing(store, [Self.batch(sample: "nobody", rows)]) }
        #expect(
            throws: LabFindingAccount.noSuchCase("C-404")
        ) { try Self.importing(store, [Self.batch(caseId: "C-404", rows)]) }
        #expect(
            try Self.importing(store, [Self.batch(caseId: "C-1", rows)], dryRun: true).counts["finding"]?.created == 3)
        #expect(try store.counts() == before)
        let mixed = try Self.importing(
            store, [Self.batch(sample: "C-3", rows), Self.batch(sample: "nobody", report: "vcf:t.vcf:nobody", rows)])
        #expect(
            mixed.skipped == ["t.vcf: 3 finding(s) of sample nobody: no case has that id or specimen id (use --case)"])
        #expect(try store.headline(caseId: "C-3")?.findingCount == 4)
        // A MAF's barcode no case has becomes a case of its own, its patient the barcode's participant.
        let made = try Self.importing(
            store, [Self.batch(sample: "TCGA-AB-1234-01", report: "maf:t.maf:TCGA-AB-1234-01", rows, createsCase: true)]
        )
        #expect(made.counts["case"]?.created == 1 && made.changedCases == ["TCGA-AB-1234-01"])
        #expect(made.notes.contains { $0.hasPrefix("1 new case(s), one per sample that matched no case") })
        let headline = try #require(try store.headline(caseId: "TCGA-AB-1234-01"))
        #expect(headline.pseudonym == "TCGA-AB-1234" && headline.findingCount == 3)
        // The next file of that sample finds the case by its report's specimen.
        let next = try Self.importing(store, [Self.batch(sample: "TCGA-AB-1234-01", report: "vcf:u.vcf:X", rows)])
        #expect(next.counts["case"]?.updated == 1 && next.changedCases == ["TCGA-AB-1234-01"])
    }

    @Test(arguments: Backend.available)
    func aCaseListUpdatesCreatesAndPutsCasesOnTheAgendaInItsOrder(backend: Backend) throws {
        let (store, _) = try backend.makeBoard(Fixtures.bundle)
        let meeting = try store.createMeeting(
            BothBackendsMeetingTests.details, id: "M-GI", timeZone: BothBackendsMeetingTests.utc, now: Fixtures.now)
        let items = [
            CaseListItem(
                caseId: "C-2", mrn: nil, presenter: "Dr. Lee", plannedMinutes: 10, cannotCreate: nil,
                update: { $0.question = "Imatinib for three years?" }, create: { _, _ in Fixtures.cases[1] }),
            CaseListItem(
                caseId: nil, mrn: "MRN-777", presenter: nil, plannedMinutes: nil, cannotCreate: nil, update: { _ in },
                create: { id, patient in
                    Case(
                        id: id,
                        patient: patient
                            ?? Patient(
                                id: "P-777", identifiers: [.init(kind: .mrn, value: "MRN-777")],
                                name: PersonName(text: "New Patient")),
                        diagnosis: Diagnosis(text: "Sarcoma"))
                }, position: 1),
        ]
        let dry = try store.importCaseList(
            items, meetingId: meeting.id, file: "list.csv", dryRun: true, now: Fixtures.now)
        #expect(dry.created == ["C-0004"] && dry.updated == ["C-2"])
        #expect(try store.agenda(meetingId: meeting.id).isEmpty)
        let done = try store.importCaseList(
            items, meetingId: meeting.id, file: "list.csv", dryRun: false, now: Fixtures.now)
        #expect(done.created == ["C-0004"] && done.updated == ["C-2"] && done.added == ["C-2", "C-0004"])
        let agenda = try store.agenda(meetingId: meeting.id)
        #expect(agenda.map(\.item.caseId) == ["C-0004", "C-2"] && agenda.map(\.item.position) == [1, 2])
        #expect(agenda[1].item.presenter == "Dr. Lee" && agenda[1].item.plannedMinutes == 10)
        #expect(try store.headline(caseId: "C-0004")?.status == .onAgenda)
        // Again: nothing new; the slot already there takes the list's presenter.
        var presenting = items
        presenting[0].presenter = "Dr. Chen"
        let again = try store.importCaseList(
            presenting, meetingId: meeting.id, file: "list.csv", dryRun: false, now: Fixtures.now)
        #expect(again.alreadyOnAgenda == ["C-2", "C-0004"] && again.unchanged == ["C-2", "C-0004"])
        #expect(again.created.isEmpty && again.updated.isEmpty)
        #expect(try store.agenda(meetingId: meeting.id).map(\.item.presenter) == [nil, "Dr. Chen"])
        #expect(try store.verify().isOK)
    }
}
