import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

@Suite("FHIR, Phenopacket and cBioPortal readers")
struct CaseReaderTests {
    @Test func vocabularyCodesExistInOncoTree() {
        for code in Set(ClinicalVocabulary.conceptToOncoTree.values).union(ClinicalVocabulary.commonNames.values)
        where !code.hasPrefix("_") {
            #expect(OncoTree.bundled.node(code) != nil, "unknown OncoTree code \(code)")
        }
    }

    @Test func singleResourceAndErrorsWithoutIdentifiers() throws {
        let patient =
            #"{"resourceType":"Patient","id":"p1","name":[{"family":"Zyxwv","given":["Qqq"]}],"birthDate":"1951-02-03","gender":"female"}"#
        let payload = try FHIRReader.read(data: Data(patient.utf8), file: "p.json")
        #expect(payload.bundle.cases.map(\.id) == ["p1"])
        #expect(payload.bundle.cases[0].patient.birthDate == LocalDate(year: 1951, month: 2, day: 3))
        do {
            _ = try FHIRReader.read(
                data: Data(
                    #"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"name":[{"family":"Zyxwv"}],"birthDate":"1951-02-03"}}]}"#
                        .utf8), file: "b.json")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.location == "$.entry[0].resource.resourceType")
            #expect(!error.description.contains("Zyxwv") && !error.description.contains("1951"))
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func mCODEPatientBundle() throws {
        guard let data = RealData.data("fhir/patient_data.json") else { return }
        #expect(BoardReader.detect(data) == "fhir")
        let payload = try FHIRReader.read(data: data, file: "patient_data.json")
        let c = try #require(payload.bundle.cases.first)
        #expect(payload.bundle.cases.count == 1)
        #expect(c.id == "1e208b6b-77f1-4808-a32b-9f9caf1ec334" && c.patient.sex == .female)
        #expect(c.diagnosis.oncotreeCode == "BREAST")
        #expect(c.stage?.group == "IIIA")
        // The ECOG 3 / Karnofsky 90 Observations and the STK11 variant are about other patients: skipped and counted.
        #expect(c.performance == nil)
        #expect(!c.findings.contains { $0.kind == .snv || $0.kind == .indel })
        #expect(
            payload.accounts[0].skipped.contains {
                $0.key.hasPrefix("Observations about another patient") && $0.value == 3
            })
        #expect(
            c.findings.contains {
                $0.biomarker?.name == "HER2" && $0.biomarker?.status?.lowercased().contains("positive") == true
            })
        #expect(c.findings.contains { $0.biomarker?.name == "ER" })
        #expect(!c.findings.contains { $0.biomarker?.name == "PR" })
        #expect(c.treatmentHistory.filter { $0.drugs == ["paclitaxel"] }.count == 1)
        #expect(
            c.treatmentHistory.contains { $0.setting == "radiotherapy" }
                && c.treatmentHistory.contains { $0.setting == "surgery" })
        #expect(
            c.metastaticSites == [
                MetastaticSite(code: "8935007", system: "SNOMED CT", since: LocalDate("2017-07-21"))
            ])
        #expect(payload.accounts[0].skipped.keys.contains { $0.contains("duplicate") })
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func genomicsReportingBundle() throws {
        guard let data = RealData.data("fhir/Bundle-oncologyexamples-r4.json") else { return }
        let payload = try FHIRReader.read(data: data, file: "Bundle-oncologyexamples-r4.json")
        let c = try #require(payload.bundle.cases.first)
        #expect(c.id == "d0b4affa-91d6-46d1-af01-b30d9f16ef6d")
        #expect(c.findings.contains { $0.biomarker?.kind == .tmb && $0.biomarker?.value == 25 })
        #expect(c.findings.contains { $0.biomarker?.kind == .msi && $0.biomarker?.status == "High" })
        let variants = c.findings.filter { $0.kind != .biomarker }
        #expect(variants.count == 3)
        let jak2 = try #require(variants.first { $0.gene == "JAK2" })
        #expect(jak2.hgvsP == "p.Val617Phe" && jak2.origin == .germline)
        // "AMP Guidelines" names a scale, not a level: the four implications stay, their level unknown, never invented.
        #expect(
            jak2.evidence.count == 4
                && jak2.evidence.allSatisfy { !$0.level.isValid && $0.significance == "Responsive" })
        #expect(!payload.accounts[0].skipped.contains { $0.key.contains("AMP Guidelines") })
        #expect(c.reports.count == 1 && c.findings.allSatisfy { $0.reportId == c.reports[0].id })
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func syntheaRecordWithoutMCODE() throws {
        guard let data = RealData.data("fhir/Hoyt490_Cole117_ed89a35d-a3e5-4de4-a8cd-018c4e2f4edb.json") else { return }
        let payload = try FHIRReader.read(data: data, file: "synthea.json")
        let c = try #require(payload.bundle.cases.first)
        #expect(c.patient.sex == .male)
        #expect(c.diagnosis.text.lowercased().contains("prostate"))
        #expect(c.diagnosis.oncotreeCode == "PROSTATE")
        #expect(payload.accounts[0].skipped.keys.contains { $0.contains("Encounter") })
        // "Metastasis from malignant tumor of prostate": metastatic, site not stated.
        #expect(c.metastaticSites == [MetastaticSite(since: LocalDate("1999-10-04"))])
        #expect(c.patient.vitalStatus == .deceased && c.patient.deceasedOn == LocalDate("2001-10-03"))
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func phenopackets() throws {
        guard let rb = RealData.data("phenopackets/retinoblastoma.json"),
            let uc = RealData.data("phenopackets/urothelial-cancer.json")
        else { return }
        #expect(BoardReader.detect(rb) == "phenopacket")
        let retino = try #require(try PhenopacketReader.read(data: rb, file: "retinoblastoma.json").bundle.cases.first)
        #expect(retino.diagnosis.oncotreeCode == "RBL" && retino.patient.sex == .female)
        #expect(retino.stage?.group == "Group E" || retino.stage?.group == "E")
        #expect(retino.findings.contains { $0.kind == .copyNumber && $0.copyNumberCall == .heterozygousDeletion })
        let rb1 = try #require(retino.findings.first { $0.gene == "RB1" })
        #expect(
            rb1.hgvsC == "c.958C>T" && rb1.hgvsP == "p.Arg320Ter" && rb1.classification == .pathogenic
                && rb1.vaf == 0.25)
        #expect(retino.treatmentHistory.count == 3)
        #expect(
            retino.treatmentHistory[0].drugs == ["melphalan"]
                && retino.treatmentHistory[0].stopReason == "Adverse Event")
        let uro = try #require(try PhenopacketReader.read(data: uc, file: "urothelial-cancer.json").bundle.cases.first)
        #expect(uro.diagnosis.oncotreeCode == "BLCA" && uro.patient.sex == .male)
        #expect(uro.stage?.group == "IV" && uro.stage?.t == "T2b" && uro.stage?.n == "N2" && uro.stage?.m == "M1")
        #expect(uro.reports.count >= 2 && uro.diagnosis.histology?.contains("Urothelial") == true)
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func cBioPortalClinicalFiles() throws {
        guard let patients = RealData.data("cbioportal_clinical/data_clinical_patients.txt"),
            let samples = RealData.data("cbioportal_clinical/data_clinical_samples.txt")
        else { return }
        #expect(BoardReader.detect(patients) == "cbioportal" && BoardReader.detect(samples) == "cbioportal")
        let p = try CBioPortalClinicalReader.read(data: patients, file: "data_clinical_patients.txt")
        let patientRows =
            RealData.lines("cbioportal_clinical/data_clinical_patients.txt").filter {
                !$0.hasPrefix("#") && !$0.isEmpty
            }.count - 1
        #expect(
            p.partialCases.count
                == Set(
                    RealData.lines("cbioportal_clinical/data_clinical_patients.txt").filter {
                        !$0.hasPrefix("#") && !$0.isEmpty
                    }.dropFirst().map { $0.split(separator: "\t").first! }
                ).count)
        #expect(p.partialCases.count <= patientRows)
        let s = try CBioPortalClinicalReader.read(data: samples, file: "data_clinical_samples.txt")
        let rows = RealData.lines("cbioportal_clinical/data_clinical_samples.txt").filter {
            !$0.hasPrefix("#") && !$0.isEmpty
        }.dropFirst()
        #expect(s.partialCases.reduce(0) { $0 + $1.reports.count } == rows.count)
        let withSubtype = rows.filter {
            let cell = $0.split(separator: "\t", omittingEmptySubsequences: false)[2]
            return !cell.isEmpty && cell != "NA"
        }.count
        #expect(s.partialCases.reduce(0) { $0 + $1.findings.count } == withSubtype)
        #expect(s.partialCases.flatMap(\.findings).allSatisfy { $0.biomarker?.status != "NA" })
    }

    @Test func cBioPortalRejectsRaggedRows() {
        let text = "#A\tB\n#a\tb\n#STRING\tSTRING\n#1\t1\nPATIENT_ID\tSEX\nP1\tFemale\textra\n"
        #expect(
            throws: ImportError(
                file: "p.txt", location: "line 6",
                message:
                    "expected 2 fields as the header declares, found 3; a field holds a tab, or the row was joined with another"
            )
        ) {
            try CBioPortalClinicalReader.read(data: Data(text.utf8), file: "p.txt")
        }
    }
}
