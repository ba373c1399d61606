import BoardModel
import Foundation
import Testing

@testable import BoardStore

@Suite("Finding import: attach, re-import, mapping, evidence")
struct FindingImportTests {
    func store() throws -> BoardStore {
        let s = try BoardStore.inMemory()
        try s.importBundle(Fixtures.bundle, now: Fixtures.now)
        return s
    }

    func batch(caseId: String? = nil, sample: String? = nil, _ findings: [Finding]) -> FindingBatch {
        FindingBatch(
            caseId: caseId, sample: sample,
            report: MolecularReport(id: "vcf:t.vcf:TUMOR", assay: "VCF", specimen: Specimen(id: "TUMOR")),
            findings: findings)
    }

    static let rows = (0..<50).map { i in
        Finding(
            id: "1:\(1000 + i):A:G", kind: .snv, gene: i % 2 == 0 ? "BRAF" : nil, hgvsP: i == 0 ? "p.Val600Glu" : nil,
            vaf: Double(i) / 100, depth: 100 + i, filter: i == 3 ? "lowqual" : nil)
    }

    @Test func attachesWithoutReplacingOtherDataAndReimportIsUnchanged() throws {
        let s = try store()
        let summary = try s.importRecords(
            BoardBundle(), findingBatches: [batch(caseId: "C-1", Self.rows)], now: Fixtures.now)
        #expect(summary.counts["finding"]?.created == 50)
        let record = try #require(try s.caseRecord(id: "C-1"))
        #expect(record.record.findings.count == 52)  // the two it had, plus the file's
        #expect(record.record.findings.contains { $0.id == "C-1-F1" })
        #expect(record.record.findings.contains { $0.id == "C-1/1:1000:A:G" && $0.reportId == "vcf:t.vcf:TUMOR" })
        #expect(record.record.reports.contains { $0.id == "vcf:t.vcf:TUMOR" })
        #expect(record.record.question == "First-line therapy?")
        let again = try s.importRecords(
            BoardBundle(), findingBatches: [batch(caseId: "C-1", Self.rows)], now: Fixtures.now)
        #expect(again.counts["finding"]?.unchanged == 50 && again.counts["finding"]?.created == 0)
        var changed = Self.rows
        changed[5].vaf = 0.99
        let third = try s.importRecords(
            BoardBundle(), findingBatches: [batch(caseId: "C-1", changed)], now: Fixtures.now)
        #expect(third.counts["finding"]?.updated == 1)
        #expect(try s.headline(caseId: "C-1")?.findingCount == 52)
    }

    @Test func sampleMapsToCaseIdOrSpecimenAndUnknownSamplesFail() throws {
        let s = try store()
        var withSpecimen = Fixtures.cases[1]
        withSpecimen.reports = [MolecularReport(id: "R-9", specimen: Specimen(id: "TCGA-XX-0001-01"))]
        try s.importBundle(BoardBundle(cases: [withSpecimen]), now: Fixtures.now)
        try s.importRecords(
            BoardBundle(),
            findingBatches: [
                batch(sample: "C-3", Array(Self.rows.prefix(2))),
                batch(sample: "TCGA-XX-0001-01", Array(Self.rows.prefix(3))),
            ], now: Fixtures.now)
        #expect(try s.caseRecord(id: "C-3")?.record.findings.count == 3)
        #expect(try s.caseRecord(id: "C-2")?.record.findings.count == 4)
        #expect(throws: StoreError.self) {
            try s.importRecords(BoardBundle(), findingBatches: [batch(sample: "nobody", Self.rows)], now: Fixtures.now)
        }
        #expect(
            throws: LabFindingAccount.noSuchCase("C-404")
        ) {
            try s.importRecords(BoardBundle(), findingBatches: [batch(caseId: "C-404", Self.rows)], now: Fixtures.now)
        }
        // The refusal says how to make the case without writing JSON (quoted when the id needs it).
        #expect("\(LabFindingAccount.noSuchCase("C-404"))".contains("make it first with `tumorboard case add C-404`"))
        #expect("\(LabFindingAccount.noSuchCase("individual 6"))".contains("`tumorboard case add 'individual 6'`"))
        // One unknown sample among known ones is skipped with a reason.
        let mixed = try s.importRecords(
            BoardBundle(), findingBatches: [batch(sample: "C-3", Self.rows), batch(sample: "nobody", Self.rows)],
            now: Fixtures.now)
        #expect(mixed.skipped.contains { $0.contains("sample nobody") })
    }

    @Test func dryRunAndFailuresLeaveTheStoreUnchanged() throws {
        let s = try store()
        let before = try s.counts()
        try s.importRecords(
            BoardBundle(), findingBatches: [batch(caseId: "C-1", Self.rows)], dryRun: true, now: Fixtures.now)
        #expect(try s.counts() == before)
        #expect(throws: StoreError.self) {
            try s.importRecords(
                BoardBundle(cases: [Fixtures.cases[0]]),
                findingBatches: [batch(caseId: "C-1", Self.rows), batch(caseId: "C-404", Self.rows)], now: Fixtures.now)
        }
        #expect(try s.caseRecord(id: "C-1")?.record.findings.count == 2)
    }

    /// Findings that exercise every branch of the hand-written body: escapes, non-ASCII, partners, copy number,
    /// numbers JSONEncoder spells with an exponent, evidence, a biomarker, a non-somatic origin, a report.
    static let awkward: [Finding] =
        rows + [
            Finding(
                id: "x\"y\\z/\u{1}\n", reportId: "vcf:a.vcf:T", kind: .structural, gene: "Ünï", partners: ["A", "B"],
                breakpoints: "DEL 2:1-5", origin: .unknown, classification: .likelyPathogenic),
            Finding(id: "cn", kind: .copyNumber, gene: "ERBB2", copyNumberCall: .amplification, copyNumber: 12.5),
            Finding(id: "v", kind: .snv, vaf: 0.123456789012345, depth: 0, origin: .germline),
            Finding(id: "tiny", kind: .snv, vaf: 0.00001, copyNumber: 1e20),
            Finding(id: "tmb", kind: .biomarker, biomarker: Biomarker(kind: .tmb, value: 14.2, unit: "mut/Mb")),
            Finding(
                id: "ev", kind: .snv, gene: "BRAF", hgvsP: "p.V600E",
                evidence: [
                    EvidenceEntry(
                        source: "CIViC", level: EvidenceLevel(scale: .civic, code: "A"), type: "Predictive",
                        therapy: "Vemurafenib")
                ]),
        ]

    @Test func bodyRoundTripsAndHoldsWhatTheEncoderWouldLessTheColumns() throws {
        for f in Self.awkward {
            let body = try FindingJSON.bodyText(f)
            let back = try FindingJSON.decode(
                id: f.id, kind: f.kind.rawValue, gene: f.gene, reportId: f.reportId, body: body)
            #expect(back == f)
            // The fast reader agrees with JSONDecoder wherever it answers, and answers for plain lab-file rows.
            let reference = try FindingJSON.decodeWithFoundation(
                id: f.id, kind: f.kind.rawValue, gene: f.gene, reportId: f.reportId, body: body)
            let fast = FindingBodyReader.read(
                id: f.id, kind: f.kind.rawValue, gene: f.gene, reportId: f.reportId, body: body)
            #expect(fast == nil || fast == reference)
            if f.evidence.isEmpty && f.biomarker == nil && f.partners == nil && !body.contains("\\") {
                #expect(fast != nil, "\(body)")
            }
            // The same members as JSONEncoder's whole finding, without those the columns hold or the decoder defaults.
            var expected = try JSONSerialization.jsonObject(with: Data(Codec.encode(f).utf8)) as! [String: Any]
            for key in ["id", "kind", "gene", "reportId"] { expected[key] = nil }
            if f.evidence.isEmpty { expected["evidence"] = nil }
            if f.origin == .somatic { expected["origin"] = nil }
            let got = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
            #expect(NSDictionary(dictionary: got).isEqual(to: expected), "\(body)")
            // Keys sorted, as Codec writes them, so equal findings give equal bytes.
            let keys = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]).keys
                .sorted()
            let order = keys.map { body.range(of: "\"\($0)\":")!.lowerBound }
            #expect(order == order.sorted())
        }
    }

    @Test func theFastBodyReaderFallsBackRatherThanGuess() throws {
        let cases = [
            #"{"vaf":1e-05,"depth":3}"#, #"{"hgvsP":"p.V600E","exon":"15\/18"}"#, #"{"unknownKey":"x"}"#,
            #"{"depth":1.5}"#,
            #"{"origin":"alien"}"#, #"{"vaf":0.5,}"#, #"{"vaf":0.5} x"#, #"{ "depth" : 7 }"#, #"{}"#,
        ]
        for body in cases {
            let fast = FindingBodyReader.read(id: "F", kind: "snv", gene: "BRAF", reportId: nil, body: body)
            let reference = try? FindingJSON.decodeWithFoundation(
                id: "F", kind: "snv", gene: "BRAF", reportId: nil, body: body)
            #expect(fast == nil || fast == reference, "\(body)")
        }
        #expect(
            FindingBodyReader.read(id: "F", kind: "snv", gene: nil, reportId: nil, body: #"{ "depth" : 7 }"#)?.depth
                == 7)
        #expect(
            FindingBodyReader.read(id: "F", kind: "snv", gene: nil, reportId: nil, body: #"{"exon":"15\/18"}"#) == nil)
        #expect(
            try FindingJSON.decode(id: "F", kind: "snv", gene: nil, reportId: nil, body: #"{"exon":"15\/18"}"#).exon
                == "15/18")
    }

    @Test func evidenceIsKeptForFindingsImportedLater() throws {
        let s = try store()
        let entry = EvidenceEntry(
            source: "CIViC", level: EvidenceLevel(scale: .civic, code: "B"), type: "Predictive", therapy: "Dabrafenib")
        let first = try s.importRecords(
            BoardBundle(), evidence: [EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: entry)],
            now: Fixtures.now)
        #expect(first.counts["evidence entry"]?.created == 1)
        #expect(
            first.notes.contains { $0.contains("matched no finding in the store yet (kept") } && first.skipped.isEmpty)
        // A lab file arrives afterwards: its BRAF V600E gets the entry as it is written.
        let summary = try s.importRecords(
            BoardBundle(), findingBatches: [batch(caseId: "C-2", Self.rows)], now: Fixtures.now)
        #expect(summary.counts["evidence link"]?.created == 1)
        let braf = try #require(try s.caseRecord(id: "C-2")?.record.findings.first { $0.hgvsP == "p.Val600Glu" })
        #expect(braf.evidence == [entry])
        #expect(try s.headline(caseId: "C-2")?.topFinding == braf.label)
        let again = try s.importRecords(
            BoardBundle(), findingBatches: [batch(caseId: "C-2", Self.rows)], now: Fixtures.now)
        #expect(again.counts["finding"]?.unchanged == 50)
        // So does a case record imported afterwards, and the entry is stored once however often it is imported.
        var record = Fixtures.cases[2]
        record.findings.append(Finding(id: "C-3-F2", kind: .snv, gene: "braf", hgvsP: "p.V600E"))
        try s.importBundle(BoardBundle(cases: [record]), now: Fixtures.now)
        #expect(try s.caseRecord(id: "C-3")?.record.findings.first { $0.id == "C-3-F2" }?.evidence == [entry])
        let twice = try s.importRecords(
            BoardBundle(), evidence: [EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: entry)],
            now: Fixtures.now)
        #expect(twice.counts["evidence entry"]?.unchanged == 1 && twice.counts["evidence entry"]?.created == 0)
        #expect(twice.counts["evidence link"]?.unchanged == 2)
    }

    @Test func evidenceAttachesToMatchingFindings() throws {
        let s = try store()
        try s.importRecords(BoardBundle(), findingBatches: [batch(caseId: "C-3", Self.rows)], now: Fixtures.now)
        let entry = EvidenceEntry(
            source: "CIViC", level: EvidenceLevel(scale: .civic, code: "A"), type: "Predictive", therapy: "Vemurafenib")
        let summary = try s.importRecords(
            BoardBundle(),
            evidence: [
                EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: entry),
                EvidenceAttachment(gene: "EGFR", variant: "L858R", entry: entry),
                EvidenceAttachment(gene: "ALK", variant: "F1174L", entry: entry),
            ], now: Fixtures.now)
        #expect(summary.counts["evidence link"]?.created == 2)  // BRAF p.Val600Glu in C-3 and EGFR p.L858R in C-1
        #expect(summary.notes.contains { $0.contains("1 evidence entry matched no finding") })
        let braf = try #require(try s.caseRecord(id: "C-3")?.record.findings.first { $0.hgvsP == "p.Val600Glu" })
        #expect(braf.evidence == [entry])
        #expect(try s.headline(caseId: "C-3")?.topFinding == braf.label)
        let again = try s.importRecords(
            BoardBundle(), evidence: [EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: entry)],
            now: Fixtures.now)
        #expect(again.counts["evidence link"]?.unchanged == 1 && again.counts["evidence link"]?.created == 0)
        #expect(EvidenceMatch.shortProtein("p.(Arg320Ter)") == "R320*")
        #expect(EvidenceMatch.matches("V600", braf) && !EvidenceMatch.matches("V60", braf))
    }

    @Test func partialCasesCompleteExistingOnes() throws {
        let s = try store()
        let partial = Case(
            id: "C-1", patient: Patient(id: "P-1", name: PersonName()),
            diagnosis: Diagnosis(text: "Breast Invasive Carcinoma"),
            reports: [MolecularReport(id: "cbioportal:S1", specimen: Specimen(id: "S1"))])
        try s.importRecords(BoardBundle(), partialCases: [partial], now: Fixtures.now)
        let c = try #require(try s.caseRecord(id: "C-1")?.record)
        #expect(c.diagnosis.text == "Lung adenocarcinoma" && c.patient.name.given == "José")
        #expect(c.reports.map(\.id) == ["cbioportal:S1"] && c.findings.count == 2)
        let fresh = Case(id: "NEW", patient: Patient(id: "P-NEW", name: PersonName()), diagnosis: Diagnosis(text: ""))
        try s.importRecords(BoardBundle(), partialCases: [fresh], now: Fixtures.now)
        #expect(try s.caseRecord(id: "NEW")?.record.diagnosis.text == CaseMerge.placeholder)
    }

    /// cBioPortal survival reaches a case that already exists (a sample file or a MAF read first), and a re-import
    /// with new follow-up replaces the months (review 7 #8).
    @Test func survivalReachesAnExistingCase() throws {
        let s = try store()
        func partial(_ months: Double) -> Case {
            var c = Case(id: "C-1", patient: Patient(id: "P-1", name: PersonName()), diagnosis: Diagnosis(text: ""))
            c.patient.survival = SurvivalRecord(overallMonths: months, diseaseFree: .diseaseFree)
            return c
        }
        try s.importRecords(BoardBundle(), partialCases: [partial(8.5)], now: Fixtures.now)
        #expect(try s.caseRecord(id: "C-1")?.record.patient.survival?.overallMonths == 8.5)
        try s.importRecords(BoardBundle(), partialCases: [partial(12)], now: Fixtures.now)
        let c = try #require(try s.caseRecord(id: "C-1")?.record)
        #expect(c.patient.survival == SurvivalRecord(overallMonths: 12, diseaseFree: .diseaseFree))
        #expect(c.diagnosis.text == "Lung adenocarcinoma", "nothing else is blanked")
    }

    /// A MAF's samples no case knows each become their own case (by specimen id), never merged; a second import
    /// updates those cases instead of making new ones.
    @Test func samplesWithoutACaseEachBecomeOneCase() throws {
        let s = try store()
        func maf(_ sample: String, _ rows: [Finding]) -> FindingBatch {
            var b = FindingBatch(
                caseId: nil, sample: sample,
                report: MolecularReport(id: "maf:t.maf:\(sample)", assay: "MAF", specimen: Specimen(id: sample)),
                findings: rows)
            b.createsCase = true
            return b
        }
        let first = try s.importRecords(
            BoardBundle(),
            findingBatches: [
                maf("TCGA-A1-A0SB-01", Array(Self.rows.prefix(3))),
                maf("TCGA-A1-A0SB-02", Array(Self.rows.prefix(2))),
            ], now: Fixtures.now)
        #expect(first.counts["case"]?.created == 2)
        #expect(try s.caseRecord(id: "TCGA-A1-A0SB-01")?.record.findings.count == 3)
        #expect(try s.caseRecord(id: "TCGA-A1-A0SB-02")?.record.findings.count == 2)
        let again = try s.importRecords(
            BoardBundle(), findingBatches: [maf("TCGA-A1-A0SB-01", Array(Self.rows.prefix(4)))], now: Fixtures.now)
        #expect(again.counts["case"]?.created ?? 0 == 0 && again.counts["finding"]?.created == 1)
        #expect(try s.caseRecord(id: "TCGA-A1-A0SB-01")?.record.findings.count == 4)
    }

    /// GDC barcodes: an aliquot's findings go to the case of its sample (first four fields, with or without the
    /// vial, as cBioPortal's SAMPLE_ID) or of its participant (first three); a name that only looks alike never
    /// attaches; an unknown barcode makes its sample's case, which the sample's next aliquot finds.
    @Test func tcgaAliquotsAttachToTheirSampleOrParticipant() throws {
        let s = try store()
        func lab(_ sample: String, creates: Bool = true) -> FindingBatch {
            var b = FindingBatch(
                caseId: nil, sample: sample,
                report: MolecularReport(id: "maf:t.maf:\(sample)", assay: "MAF", specimen: Specimen(id: sample)),
                findings: Array(Self.rows.prefix(2)))
            b.createsCase = creates
            return b
        }
        var patient = Fixtures.cases[0]
        patient.id = "TCGA-A1-A0SB"
        patient.patient.id = "TCGA-A1-A0SB"
        patient.patient.identifiers = []
        var sampled = Fixtures.cases[1]
        sampled.id = "P-7"
        sampled.patient.id = "TCGA-A2-A04W"
        sampled.patient.identifiers = []
        sampled.reports = [MolecularReport(id: "cbioportal:TCGA-A2-A04W-01", specimen: Specimen(id: "TCGA-A2-A04W-01"))]
        try s.importBundle(BoardBundle(cases: [patient, sampled]), now: Fixtures.now)
        let before = try s.cases().count
        let summary = try s.importRecords(
            BoardBundle(),
            findingBatches: [
                lab("TCGA-A1-A0SB-01A-11D-A142-09"), lab("TCGA-A2-A04W-01A-11D-A099-09"),
                lab("TCGA-A1-A0SF-01A-11D-A142-09"), lab("TCGA-A1-A0SF-01B-21D-A142-09"),
            ], now: Fixtures.now)
        #expect(try s.caseRecord(id: "TCGA-A1-A0SB")?.record.findings.count == patient.findings.count + 2)
        #expect(try s.caseRecord(id: "P-7")?.record.findings.count == sampled.findings.count + 2)
        // One new case for the unknown sample (two aliquots of it), named by the sample, its patient the participant.
        #expect(try s.cases().count == before + 1)
        let made = try #require(try s.caseRecord(id: "TCGA-A1-A0SF-01")?.record)
        #expect(made.patient.id == "TCGA-A1-A0SF" && made.reports.count == 2)
        #expect(summary.notes.contains { $0.contains("1 new case(s), one per sample that matched no case") })
        // Not a barcode: exact names only.
        #expect(throws: StoreError.self) {
            try s.importRecords(BoardBundle(), findingBatches: [lab("TCGA-A1-A0S", creates: false)], now: Fixtures.now)
        }
    }

    @Test func barcodeFieldsFollowTheGDCSpecification() {
        let aliquot = SampleBarcode("TCGA-A1-A0SB-01A-11D-A142-09")
        #expect(aliquot?.participant == "TCGA-A1-A0SB" && aliquot?.sample == "TCGA-A1-A0SB-01")
        #expect(aliquot?.vial == "TCGA-A1-A0SB-01A")
        #expect(
            aliquot?.broader(than: "TCGA-A1-A0SB-01A-11D-A142-09") == [
                "TCGA-A1-A0SB-01A", "TCGA-A1-A0SB-01", "TCGA-A1-A0SB",
            ])
        #expect(SampleBarcode("TCGA-AB-2802")?.sample == nil)
        #expect(SampleBarcode("TCGA-AB-2802")?.broader(than: "TCGA-AB-2802") == [])
        #expect(SampleBarcode("TARGET-20-PADZCG-04A-01R")?.participant == "TARGET-20-PADZCG")
        for bad in ["TCGA-A1", "TCGA-A1-A0S", "XYZ-A1-A0SB-01A", "TCGA-A1-A0SB-1A", "TCGA-A1-A0SB-01A-1D", "S-1"] {
            #expect(SampleBarcode(bad) == nil, "\(bad)")
        }
    }

    /// New finding members (locus, SV, read counts, VAF source) round-trip through the store's body, the fast
    /// reader agrees with JSONDecoder, and a body written before they existed still reads.
    @Test func newFindingFieldsRoundTripAndOldBodiesStillRead() throws {
        var f = Finding(
            id: "10:89700299:A:A[10:89712341[", kind: .structural, origin: .unknown, chrom: "10", position: 89_700_299,
            ref: "A", alt: "A[10:89712341[")
        f.svType = .deletion
        f.svSize = 12041
        f.svLength = -12023
        f.partnerChrom = "10"
        f.partnerPosition = 89_712_341
        f.mateId = "m1"
        f.precise = true
        f.vaf = 0.5
        f.vafSource = "INFO PURPLE_AF (purity-adjusted)"
        f.altCount = 114
        f.refCount = 34
        f.normalDepth = 40
        f.normalAltCount = 0
        f.normalVAF = 0
        f.genotype = "0/1"
        f.sampleFilter = "LowQual"
        f.qual = 6693.99
        f.sourceId = "gridss708fb_1029o"
        f.end = 89_712_341
        f.hgvsPShort = "p.V600E"
        f.proteinDerivedFrom = "x"
        let body = try FindingJSON.bodyText(f)
        let fast = try #require(
            FindingBodyReader.read(id: f.id, kind: f.kind.rawValue, gene: nil, reportId: nil, body: body))
        let reference = try FindingJSON.decodeWithFoundation(
            id: f.id, kind: f.kind.rawValue, gene: nil, reportId: nil, body: body)
        #expect(fast == f && reference == f)
        let old = try FindingJSON.decode(
            id: "1:5:C:T", kind: "snv", gene: "KRAS", reportId: nil, body: #"{"depth":10,"hgvsP":"p.G12V","vaf":0.2}"#)
        #expect(old.hgvsP == "p.G12V" && old.chrom == nil && old.svType == nil && old.label == "KRAS p.G12V")
        #expect(Finding(id: "1:1007:A:C", kind: .snv).label == "1:1007 A>C")
    }
}

@Suite("Import of case additions and patient identity")
struct CaseAdditionTests {
    @Test func timelineEventsNeverCreateACaseAndTheOtherPatientIsRefused() throws {
        let s = try BoardStore.inMemory(user: "t")
        try s.importBundle(Fixtures.bundle, now: Fixtures.now)
        let before = try s.cases().count
        let addition = Case(
            id: "P-NOBODY", patient: Patient(id: "P-NOBODY", name: PersonName()), diagnosis: Diagnosis(text: ""),
            treatmentHistory: [TherapyLine(line: 1, drugs: ["X"])], provenance: Provenance(file: "/x/data_timeline.txt")
        )
        // The patient-not-in-store rule: the whole file is refused, naming it, and the store is unchanged.
        do {
            _ = try s.importRecords(BoardBundle(), caseAdditions: [addition], now: Fixtures.now)
            Issue.record("an addition about a patient not in the store must be refused")
        } catch let e as StoreError {
            #expect("\(e)".contains("data_timeline.txt: 1 patient not in the store"))
            #expect("\(e)".contains("nothing was imported") && !"\(e)".contains("P-NOBODY"))
        }
        #expect(try s.caseRecord(id: "P-NOBODY") == nil && s.cases().count == before)

        let mine = Patient(
            id: "P-1", identifiers: [PatientIdentifier(kind: .mrn, value: "MRN-1")],
            name: PersonName(given: "A", family: "Bcd"), birthDate: LocalDate("1970-01-01"))
        try s.importBundle(
            BoardBundle(cases: [Case(id: "C-T1", patient: mine, diagnosis: Diagnosis(text: "x"))]), now: Fixtures.now)
        let other = Case(
            id: "C-T1",
            patient: Patient(id: "fhir-9", name: PersonName(family: "Xyz"), birthDate: LocalDate("1980-02-02")),
            diagnosis: Diagnosis(text: "y"), provenance: Provenance(file: "/x/other.json"))
        #expect(throws: StoreError.self) { try s.requireSamePatient(caseId: "C-T1", records: [other]) }
        let same = Case(
            id: "C-T1",
            patient: Patient(
                id: "fhir-1", identifiers: [PatientIdentifier(kind: .mrn, value: "MRN-1")], name: PersonName()),
            diagnosis: Diagnosis(text: "y"))
        try s.requireSamePatient(caseId: "C-T1", records: [same])
        #expect(throws: StoreError.self) { try s.requireSamePatient(caseId: "C-T1", records: [same, other]) }
    }

    @Test func theReportAccountsForEachFileAsJSON() throws {
        var summary = ImportSummary()
        summary.accounts = [
            ImportAccount(file: "/a/x.tsv", format: "civic", recordsRead: 3, unusedFields: ["gene_civic_url": 3]),
            ImportAccount(file: "/a/x.tsv", format: "civic", recordsRead: 1),
        ]
        let report = ImportReport(summary: summary, notes: ["n"], dryRun: true)
        #expect(report.files.count == 1 && report.files[0].recordsRead == 4)
        let json = String(decoding: try report.json(), as: UTF8.self)
        #expect(json.contains("\"gene_civic_url\" : 3") && json.contains("\"dryRun\" : true"))
    }
}
