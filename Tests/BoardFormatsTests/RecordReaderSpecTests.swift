import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// Cases written from the specifications (FHIR R4 Bundle and references, mCODE, Genomics Reporting, Phenopackets
/// v2, cBioPortal clinical and timeline formats, OncoTree releases), one per defect class of issue 13.
@Suite("Clinical records by the specifications")
struct RecordReaderSpecTests {
    func fhir(_ json: String, caseId: String? = nil) throws -> ImportPayload {
        try FHIRReader.read(data: Data(json.utf8), file: "spec.json", caseId: caseId)
    }

    static let patient =
        #"{"fullUrl":"urn:uuid:11111111-1111-1111-1111-111111111111","resource":{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1960-05-01","deceasedDateTime":"2020-03-04T10:00:00+01:00"}}"#

    @Test func aBundleWithoutTypeAndAnEntryWithoutResourceAreRefusedWithTheirPath() throws {
        do {
            _ = try fhir(#"{"resourceType":"Bundle","entry":[\#(Self.patient)]}"#)
            Issue.record("expected an error")
        } catch let e as ImportError {
            #expect(e.location == "$.type" && e.message.contains("Bundle.type"))
        }
        do {
            _ = try fhir(
                #"{"resourceType":"Bundle","type":"transaction","entry":[\#(Self.patient),{"fullUrl":"urn:uuid:x","request":{"method":"POST","url":"Observation"}}]}"#
            )
            Issue.record("expected an error")
        } catch let e as ImportError {
            #expect(e.location == "$.entry[1].resource" && e.message.contains("POST"))
        }
        // A DELETE carries no resource by design.
        let ok = try fhir(
            #"{"resourceType":"Bundle","type":"transaction","entry":[\#(Self.patient),{"request":{"method":"DELETE","url":"Observation/9"}}]}"#
        )
        #expect(ok.bundle.cases.count == 1)
        #expect(ok.accounts[0].skipped["Bundle entries without a resource (DELETE)"] == 1)
    }

    @Test func referencesResolveEveryWayR4AllowsAndOtherPatientsAreNeverAttached() throws {
        let json = """
            {"resourceType":"Bundle","type":"collection","entry":[\(Self.patient),
             {"resource":{"resourceType":"Condition","id":"c1","subject":{"reference":"urn:uuid:11111111-1111-1111-1111-111111111111"},
               "code":{"coding":[{"system":"http://snomed.info/sct","code":"408643008","display":"Infiltrating duct carcinoma of breast (disorder)"}]}}},
             {"resource":{"resourceType":"Observation","id":"o1","subject":{"reference":"http://example.org/fhir/Patient/p1/_history/3"},
               "code":{"coding":[{"system":"http://loinc.org","code":"89247-1"}]},"valueInteger":-1}},
             {"resource":{"resourceType":"Observation","id":"o2","subject":{"reference":"Patient/someone-else"},
               "code":{"coding":[{"system":"http://loinc.org","code":"89243-0"}]},"valueInteger":90}},
             {"resource":{"resourceType":"MedicationStatement","id":"m1","subject":{"reference":"Patient/p1"},"status":"completed",
               "contained":[{"resourceType":"Medication","id":"med","code":{"coding":[{"system":"http://www.whocc.no/atc","code":"L01CD01","display":"paclitaxel"}]}}],
               "medicationReference":{"reference":"#med"},"effectiveDateTime":"2019-01-02"}},
             {"resource":{"resourceType":"MedicationStatement","id":"m2","subject":{"reference":"Patient/p1"},"status":"completed",
               "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"198440","display":"Acetaminophen 500 MG Oral Tablet"}]}}},
             {"resource":{"resourceType":"DiagnosticReport","id":"d1","subject":{"reference":"Patient/p1"},
               "code":{"coding":[{"system":"http://loinc.org","code":"57698-3","display":"Lipid panel with direct LDL"}]}}}
            ]}
            """
        let payload = try fhir(json)
        let c = try #require(payload.bundle.cases.first)
        #expect(c.diagnosis.oncotreeCode == "IDC")
        #expect(c.diagnosis.sourceCode == "SNOMED CT 408643008")
        #expect(c.patient.vitalStatus == .deceased && c.patient.deceasedOn == LocalDate("2020-03-04"))
        // ECOG -1 is reported, not stored; the Karnofsky of another patient is counted, not attached.
        #expect(c.performance == nil)
        let account = payload.accounts[0]
        #expect(account.invalid.map(\.field) == ["ECOG"])
        #expect(account.skipped["Observations about another patient, not imported"] == 1)
        // ATC L01 through a contained Medication is a therapy line; the analgesic is not; the lipid panel is no report.
        #expect(c.treatmentHistory.map(\.drugs) == [["paclitaxel"]])
        #expect(account.skipped.keys.contains { $0.hasPrefix("medications that are not antineoplastic") })
        #expect(
            c.reports.isEmpty
                && account.skipped.keys.contains { $0.hasPrefix("DiagnosticReports that are not genomic") })
    }

    @Test func genesAreHGNCSymbolsAndVariantKindsComeFromCodedFields() throws {
        func variant(_ gene: String, _ extra: String) -> String {
            #"{"resource":{"resourceType":"Observation","id":"v\#(abs(gene.hashValue) % 1000)","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":"69548-6"}]},"component":[{"code":{"coding":[{"system":"http://loinc.org","code":"48018-6"}]},"valueCodeableConcept":{"coding":[\#(gene)]}}\#(extra)]}}"#
        }
        let json = """
            {"resourceType":"Bundle","type":"collection","entry":[\(Self.patient),
             \(variant(#"{"system":"http://www.genenames.org/geneId","code":"HGNC:1582","display":"Cyclin D1"}"#,
                   #",{"code":{"coding":[{"system":"http://loinc.org","code":"48019-4"}]},"valueCodeableConcept":{"coding":[{"system":"http://www.sequenceontology.org","code":"SO:0001019"}]}},{"code":{"coding":[{"system":"http://loinc.org","code":"82155-3"}]},"valueQuantity":{"value":9}}"#)),
             \(variant(#"{"system":"http://www.genenames.org/geneId","code":"HGNC:1097","display":"B-Raf proto-oncogene"}"#,
                   #",{"code":{"coding":[{"system":"http://loinc.org","code":"48005-3"}]},"valueCodeableConcept":{"coding":[{"code":"p.Val600Glu"}]}}"#))
            ]}
            """
        let payload = try fhir(json)
        let c = try #require(payload.bundle.cases.first)
        let cnv = try #require(c.findings.first { $0.kind == .copyNumber })
        // The HGNC id resolves through the bundled release; the display name "Cyclin D1" is never taken.
        #expect(cnv.gene == "CCND1" && cnv.copyNumberCall == .amplification && cnv.origin == .unknown)
        #expect(!payload.notes.contains { $0.contains("HGNC:1582") })
        let braf = try #require(c.findings.first { $0.gene == "BRAF" })
        #expect(braf.hgvsP == "p.Val600Glu" && braf.kind == .snv && braf.origin == .unknown)
    }

    @Test func secondaryCancerConditionsAreMetastaticSites() throws {
        let json = """
            {"resourceType":"Bundle","type":"collection","entry":[\(Self.patient),
             {"resource":{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009","display":"Malignant neoplasm of breast (disorder)"}]}}},
             {"resource":{"resourceType":"Condition","id":"c2","subject":{"reference":"Patient/p1"},"onsetDateTime":"2021-02-03",
               "meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-secondary-cancer-condition"]},
               "code":{"coding":[{"system":"http://snomed.info/sct","code":"128462008"}]},"bodySite":[{"coding":[{"system":"http://snomed.info/sct","code":"10200004","display":"Liver structure"}]}]}},
             {"resource":{"resourceType":"Condition","id":"c3","subject":{"reference":"Patient/p1"},"code":{"text":"Secondary malignant neoplasm of bone"}}}
            ]}
            """
        let c = try #require(try fhir(json).bundle.cases.first)
        #expect(c.diagnosis.oncotreeCode == "BREAST")
        #expect(
            c.metastaticSites == [
                MetastaticSite(
                    site: "Liver structure", code: "10200004", system: "SNOMED CT",
                    since: LocalDate("2021-02-03")),
                MetastaticSite(site: "bone"),
            ])
        #expect(c.comorbidities.isEmpty && c.isMetastatic)
    }

    @Test func phenopacketV1IsRefusedAndV2SubjectIsReadWithVitalStatusAndAge() throws {
        let v1 =
            #"{"id":"x","subject":{"id":"s"},"genes":[{"id":"HGNC:3688","symbol":"FGFR1"}],"metaData":{"phenopacketSchemaVersion":"1.0.0"}}"#
        #expect(throws: ImportError.self) { try PhenopacketReader.read(data: Data(v1.utf8), file: "v1.json") }
        do { _ = try PhenopacketReader.read(data: Data(v1.utf8), file: "v1.json") } catch let e as ImportError {
            #expect(e.message.contains("phenopacket-tools"))
        }
        let v2 = """
            {"id":"pp","subject":{"id":"s 1","sex":"FEMALE","timeAtLastEncounter":{"age":{"iso8601duration":"P45Y6M"}},
              "vitalStatus":{"status":"DECEASED","timeOfDeath":{"timestamp":"2021-06-01T00:00:00Z"},"causeOfDeath":{"id":"NCIT:C4872","label":"Breast Carcinoma"}}},
             "diseases":[{"term":{"id":"NCIT:C4872","label":"Breast Carcinoma"}}],
             "biosamples":[{"id":"b1","sampledTissue":{"id":"UBERON:0002107","label":"liver"},"tumorProgression":{"id":"NCIT:C3261","label":"Metastatic Neoplasm"},"histologicalDiagnosis":{"id":"NCIT:C4872","label":"Breast Carcinoma"}}],
             "medicalActions":[{"treatment":{"agent":{"id":"DrugCentral:257","label":"ibuprofen"}}},{"treatment":{"agent":{"id":"DrugCentral:2548","label":"letrozole"}}}],
             "metaData":{"phenopacketSchemaVersion":"2.0"}}
            """
        let payload = try PhenopacketReader.read(data: Data(v2.utf8), file: "v2.json")
        let c = try #require(payload.bundle.cases.first)
        #expect(c.patient.vitalStatus == .deceased && c.patient.deceasedOn == LocalDate("2021-06-01"))
        #expect(
            c.patient.causeOfDeath == "Breast Carcinoma (NCIT:C4872)" && c.patient.recordedAge == "P45Y6M"
                && c.patient.birthDate == nil)
        #expect(c.diagnosis.oncotreeCode == "BRCA")
        #expect(c.metastaticSites == [MetastaticSite(site: "liver", code: "UBERON:0002107")])
        #expect(c.treatmentHistory.map(\.drugs) == [["letrozole"]])
    }

    @Test func cBioPortalSentinelsValidValuesAndRetiredOncoTreeCodes() throws {
        let patients =
            "#Patient Identifier\tSex\tAge\tStatus\tECOG\n#x\tx\tx\tx\tx\n#STRING\tSTRING\tNUMBER\tSTRING\tNUMBER\n#1\t1\t1\t1\t1\n"
            + "PATIENT_ID\tSEX\tAGE\tOS_STATUS\tECOG_SCORE\nP1\tFemale\t-999\t1:DECEASED\t7\nP2\t[Not Available]\t64\t0:LIVING\t1\n"
        let p = try CBioPortalClinicalReader.read(data: Data(patients.utf8), file: "data_clinical_patient.txt")
        #expect(p.partialCases.map(\.patient.vitalStatus) == [.deceased, .alive])
        #expect(p.partialCases[0].patient.recordedAge == nil && p.partialCases[1].patient.recordedAge == "P64Y")
        #expect(p.partialCases[0].performance == nil && p.partialCases[1].performance?.ecog == 1)
        #expect(p.accounts[0].invalid.map(\.field) == ["ECOG"])
        let samples = "PATIENT_ID\tSAMPLE_ID\tONCOTREE_CODE\nP1\tS1\tGBM\nP2\tS2\tNOTACODE\nP3\tS3\tALL\n"
        let s = try CBioPortalClinicalReader.read(data: Data(samples.utf8), file: "data_clinical_sample.txt")
        #expect(s.partialCases[0].diagnosis.oncotreeCode == "GB")
        #expect(s.notes.contains { $0.contains("GBM is retired") })
        #expect(
            s.partialCases[1].diagnosis.oncotreeCode == nil && s.partialCases[1].diagnosis.text.contains("NOTACODE"))
        #expect(s.partialCases[2].diagnosis.oncotreeCode == nil && s.partialCases[2].diagnosis.text.contains("ALL"))
        #expect(s.accounts[0].invalid.map(\.field) == ["ONCOTREE_CODE", "ONCOTREE_CODE"])
    }

    @Test func timelineEventsOnlyAddToCasesAndCombinationsAreKept() throws {
        let timeline =
            "PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\tTREATMENT_TYPE\tSUBTYPE\tAGENT\nP1\t10\t40\tTREATMENT\tMedical Therapy\t\tCarboplatin + Paclitaxel\nP1\t5\t5\tSTATUS\t\t\t"
        let t = try CBioPortalClinicalReader.read(data: Data(timeline.utf8), file: "data_timeline.txt")
        #expect(t.partialCases.isEmpty && t.caseAdditions.count == 1)
        #expect(t.caseAdditions[0].treatmentHistory.map(\.drugs) == [["Carboplatin", "Paclitaxel"]])
        #expect(t.caseAdditions[0].treatmentHistory[0].start == nil)
        #expect(t.accounts[0].skipped["STATUS timeline events: not used by the board"] == 1)
    }

    @Test func oncoTreeReleasesAreAnsweredNotImported() throws {
        let tree = #"{"TISSUE":{"code":"TISSUE","children":{}}}"#
        let path = try TempFile.write(Data(tree.utf8), name: "oncotree.json")
        let payload = try BoardReader.payload(path: path)
        #expect(
            payload.recordCount == 0
                && payload.notes.contains {
                    $0.contains("OncoTree is bundled (release \(OncoTree.release)); nothing to import")
                })
        let flat =
            "level_1\tlevel_2\tlevel_3\tlevel_4\tlevel_5\tlevel_6\tlevel_7\tmetamaintype\nBreast (BREAST)\t\t\t\t\t\t\tBreast Cancer\n"
        let flatPath = try TempFile.write(Data(flat.utf8), name: "tumor_types.txt")
        #expect(try BoardReader.payload(path: flatPath).notes.contains { $0.contains("nothing to import") })
    }

    /// Phenopackets v2 Biosample.diagnosticMarkers (e.g. HPV status of a head and neck tumour) are the tumour's
    /// biomarkers: the status word is the status, the rest the marker's name; their fields count as used.
    @Test func phenopacketDiagnosticMarkersAreBiomarkers() throws {
        let json = """
            {"id":"pp","subject":{"id":"s","sex":"MALE"},
             "diseases":[{"term":{"id":"NCIT:C4044","label":"Oropharyngeal Squamous Cell Carcinoma"}}],
             "biosamples":[{"id":"b1","tumorProgression":{"id":"NCIT:C8509","label":"Primary Neoplasm"},
               "diagnosticMarkers":[{"id":"NCIT:C131488","label":"Human Papillomavirus-16 Positive"},
                                    {"id":"NCIT:C999","label":"p16 overexpression"}]}],
             "metaData":{"phenopacketSchemaVersion":"2.0"}}
            """
        let payload = try PhenopacketReader.read(data: Data(json.utf8), file: "hpv.json")
        let c = try #require(payload.bundle.cases.first)
        let markers = c.findings.compactMap(\.biomarker)
        #expect(
            markers == [
                Biomarker(kind: .other, name: "Human Papillomavirus-16", status: "positive"),
                Biomarker(kind: .other, name: "p16 overexpression"),
            ])
        #expect(c.findings.allSatisfy { $0.kind != .biomarker || $0.reportId == "phenopacket:pp:b1" })
        let account = try #require(payload.accounts.first)
        #expect(
            account.unusedFields.keys.filter { $0.contains("diagnosticMarkers") }.isEmpty, "\(account.unusedFields)")
    }
}
