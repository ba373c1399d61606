import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// mCODE renamed its profiles between STU1 and STU4; the reader must give the same case for both spellings.
@Suite("FHIR mCODE profile names across STU1–STU4")
struct FHIRProfileNameTests {
    static func bundle(stage: String, t: String, variant: String, marker: String, ecog: String) -> String {
        let base = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
        return """
            {"resourceType":"Bundle","type":"collection","entry":[
             {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"pt-1","gender":"male"}},
             {"resource":{"resourceType":"Condition","id":"c1","meta":{"profile":["\(base)mcode-primary-cancer-condition"]},"subject":{"reference":"Patient/pt-1"},
               "code":{"coding":[{"system":"http://snomed.info/sct","code":"254637007","display":"Non-small cell lung cancer (disorder)"}]}}},
             {"resource":{"resourceType":"Observation","id":"o1","meta":{"profile":["\(base)\(stage)"]},"subject":{"reference":"urn:uuid:p"},
               "code":{"coding":[{"system":"http://snomed.info/sct","code":"399537006"}]},"valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"1222806003","display":"American Joint Committee on Cancer stage IIIC (qualifier value)"}]}}},
             {"resource":{"resourceType":"Observation","id":"o2","meta":{"profile":["\(base)\(t)"]},"subject":{"reference":"Patient/pt-1"},
               "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"1228938002","display":"American Joint Committee on Cancer cT3 (qualifier value)"}]}}},
             {"resource":{"resourceType":"Observation","id":"o3","meta":{"profile":["\(base)\(variant)"]},"subject":{"reference":"Patient/pt-1"},
               "component":[{"code":{"coding":[{"system":"http://loinc.org","code":"48018-6"}]},"valueCodeableConcept":{"coding":[{"system":"http://www.genenames.org/geneId","code":"HGNC:3236","display":"EGFR"}]}},
                            {"code":{"coding":[{"system":"http://loinc.org","code":"48005-3"}]},"valueCodeableConcept":{"coding":[{"system":"http://varnomen.hgvs.org","code":"NP_005219.2:p.Leu858Arg"}]}},
                            {"code":{"coding":[{"system":"http://loinc.org","code":"81258-6"}]},"valueQuantity":{"value":0.31}}]}},
             {"resource":{"resourceType":"Observation","id":"o4","meta":{"profile":["\(base)\(marker)"]},"subject":{"reference":"Patient/pt-1"},
               "code":{"coding":[{"system":"http://loinc.org","code":"85337-4"}]},"valueCodeableConcept":{"text":"Negative"}}},
             {"resource":{"resourceType":"Observation","id":"o5","meta":{"profile":["\(base)\(ecog)"]},"subject":{"reference":"Patient/pt-1"},
               "code":{"coding":[{"system":"http://loinc.org","code":"89247-1"}]},"valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA9623-2","display":"1"}]}}},
             {"resource":{"resourceType":"Encounter","id":"e1"}}
            ]}
            """
    }

    @Test(arguments: [
        (
            "STU1",
            bundle(
                stage: "mcode-tnm-clinical-stage-group", t: "mcode-tnm-clinical-primary-tumor-category",
                variant: "mcode-cancer-genetic-variant", marker: "mcode-tumor-marker",
                ecog: "mcode-ecog-performance-status")
        ),
        (
            "STU4",
            bundle(
                stage: "mcode-tnm-stage-group", t: "mcode-tnm-primary-tumor-category", variant: "mcode-genomic-variant",
                marker: "mcode-tumor-marker-test", ecog: "mcode-ecog-performance-status")
        ),
    ])
    func sameCaseFromEitherSpelling(version: String, json: String) throws {
        let payload = try FHIRReader.read(data: Data(json.utf8), file: "\(version).json")
        let c = try #require(payload.bundle.cases.first)
        #expect(c.id == "pt-1" && c.diagnosis.oncotreeCode == "NSCLC")
        #expect(c.stage?.group == "IIIC" && c.stage?.t == "T3" && c.stage?.basis == "clinical")
        #expect(c.performance?.ecog == 1)
        let egfr = try #require(c.findings.first { $0.gene == "EGFR" })
        #expect(egfr.hgvsP == "p.Leu858Arg" && egfr.vaf == 0.31)
        #expect(c.findings.contains { $0.biomarker?.name == "ER" && $0.biomarker?.status == "Negative" })
        #expect(payload.accounts.first?.skipped["Encounter resources: not used by the board"] == 1)
    }
}
