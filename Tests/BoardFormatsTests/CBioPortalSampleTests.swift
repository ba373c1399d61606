import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// cBioPortal sample attributes (docs.cbioportal.org "Clinical data": SAMPLE_ID, ONCOTREE_CODE, SAMPLE_TYPE,
/// SAMPLE_DISPLAY_NAME, a description, the tumour site) kept on the specimen; the GDC sample-type code of a TCGA
/// barcode as the specimen type when no column states one; timeline days shown by `show`.
@Suite("cBioPortal samples and timeline by the file-format specification")
struct CBioPortalSampleTests {
    @Test func sampleAttributesAreStoredOnTheSpecimen() throws {
        let text =
            "PATIENT_ID\tSAMPLE_ID\tANATOMIC_SITE\tSAMPLE_TUMOR_STATUS\tSAMPLE_DESCRIPTION\n"
            + "P1\tS1\tC72.9 : Central nervous system\tTumor\tEmbryonal Tumor\n"
            + "P1\tS2\tC42.0 : Blood\tNormal\t\n" + "P2\tS3\tNot Reported\tTumor\t\"Neoplasm, malignant embyonal\"\n"
        let p = try CBioPortalClinicalReader.read(data: Data(text.utf8), file: "data_clinical_sample.txt")
        let s1 = try #require(p.partialCases[0].reports.first { $0.specimen?.id == "S1" }?.specimen)
        #expect(s1.description == "Embryonal Tumor" && s1.oncotreeCode == "EMBT")
        #expect(s1.site == "C72.9 : Central nervous system")
        #expect(s1.summary.hasPrefix("Embryonal Tumor [EMBT]"))
        #expect(p.partialCases[0].diagnosis.oncotreeCode == "EMBT")
        let shown = CaseSummaryText(record: p.partialCases[0], today: LocalDate("2026-01-01")!).render()
        #expect(shown.contains("S1: Embryonal Tumor [EMBT], Tumor, site C72.9 : Central nervous system"))
        let s2 = try #require(p.partialCases[0].reports.first { $0.specimen?.id == "S2" }?.specimen)
        #expect(s2.description == nil && s2.oncotreeCode == nil && s2.type == "normal")
        let s3 = try #require(p.partialCases[1].reports.first?.specimen)
        #expect(s3.description == "Neoplasm, malignant embyonal" && s3.oncotreeCode == nil && s3.site == nil)
        #expect(!p.accounts[0].unusedFields.keys.contains("SAMPLE_DESCRIPTION"))
    }

    @Test func aTCGABarcodeGivesTheSampleTypeWhenNoColumnStatesIt() throws {
        #expect(SampleBarcode("TCGA-E2-A15E-06")?.sampleType == "metastatic")
        #expect(SampleBarcode("TCGA-A1-A0SB-01A")?.sampleType == "primary solid tumour")
        #expect(SampleBarcode("TCGA-A1-A0SB-11")?.sampleType == "solid tissue normal")
        #expect(SampleBarcode("TCGA-A1-A0SB")?.sampleType == nil)
        let text =
            "PATIENT_ID\tSAMPLE_ID\tSAMPLE_TYPE\nTCGA-E2-A15E\tTCGA-E2-A15E-06\t\nP9\tTCGA-E2-A15E-01\tRecurrence\n"
        let p = try CBioPortalClinicalReader.read(data: Data(text.utf8), file: "data_clinical_samples.txt")
        #expect(p.partialCases[0].reports[0].specimen?.type == "metastatic")
        #expect(p.partialCases[1].reports[0].specimen?.type == "Recurrence", "a stated type wins")
    }

    @Test func showPrintsTheTimelineDaysOfEveryTreatment() throws {
        let timeline =
            "PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\tTREATMENT_TYPE\tSUBTYPE\tAGENT\n"
            + "P1\t125\t145\tTREATMENT\tMedical Therapy\tChemotherapy\tX\nP1\t145\t160\tTREATMENT\tMedical Therapy\t\tX + Y\n"
            + "P1\t125\t200\tTREATMENT\tRadiation Therapy\tIMRT\t\n"
        let t = try CBioPortalClinicalReader.read(data: Data(timeline.utf8), file: "data_timeline.txt")
        let text = CaseSummaryText(record: t.caseAdditions[0], today: LocalDate("2026-01-01")!).render()
        #expect(text.contains("X — Chemotherapy (days 125–145 from the study's index date)"))
        #expect(text.contains("X + Y — Medical Therapy (days 145–160 from the study's index date)"))
        #expect(text.contains("IMRT (days 125–200 from the study's index date)"))
    }
}
