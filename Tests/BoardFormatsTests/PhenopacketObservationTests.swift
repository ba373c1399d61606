import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// Phenopackets v2 elements the case keeps in the file's words (schema 2.0: PhenotypicFeature, Measurement,
/// MedicalAction.therapeuticRegimen with TimeElement ages and RegimenStatus, Biosample.procedure, Disease.clinical
/// TnmFinding with NCIT "pT2b Stage Finding" terms): nothing is dropped silently, nothing is read as what it is not.
@Suite("Phenopackets: phenotypes, measurements, regimen ages, biopsies, written TNM")
struct PhenopacketObservationTests {
    static let json = """
        {"id":"pp","subject":{"id":"s","sex":"MALE","timeAtLastEncounter":{"age":{"iso8601duration":"P9M"}}},
         "phenotypicFeatures":[
           {"type":{"id":"HP:0100518","label":"Dysuria"},"severity":{"id":"HP:0012828","label":"Severe"}},
           {"type":{"id":"HP:0000555","label":"Leukocoria "},"modifiers":[{"id":"HP:0012835","label":"Left"}],
            "onset":{"age":{"iso8601duration":"P4M"}}},
           {"type":{"id":"HP:0012625","label":"Stage 3 chronic kidney disease"},"excluded":true}],
         "measurements":[
           {"assay":{"id":"LOINC:79893-4","label":"Left eye Intraocular pressure"},
            "value":{"quantity":{"unit":{"id":"UCUM:mm[Hg]","label":"millimetres of mercury"},"value":25.0,
              "referenceRange":{"unit":{"id":"LOINC:56844-4"},"low":10.0,"high":21.0}}},
            "timeObserved":{"age":{"iso8601duration":"P6M"}}}],
         "diseases":[{"term":{"id":"NCIT:C7541","label":"Retinoblastoma"},
           "clinicalTnmFinding":[{"id":"NCIT:C48766","label":"pT2b Stage Finding"},
                                 {"id":"NCIT:C48750","label":"pN2 Stage Finding"},
                                 {"id":"NCIT:C48700","label":"M1 Stage Finding"}]}],
         "biosamples":[{"id":"b1","tumorProgression":{"id":"NCIT:C8509","label":"Primary Neoplasm"},
           "procedure":{"code":{"id":"NCIT:C15189","label":"Biopsy"}},
           "measurements":[{"assay":{"id":"LOINC:33728-7","label":"Size.maximum dimension in Tumor"},
             "value":{"quantity":{"unit":{"id":"UCUM:mm","label":"millimeter"},"value":15.0}},
             "timeObserved":{"age":{"iso8601duration":"P8M2W"}}}]}],
         "medicalActions":[{"therapeuticRegimen":{"ontologyClass":{"id":"NCIT:C10894",
             "label":"Carboplatin/Etoposide/Vincristine"},"startTime":{"age":{"iso8601duration":"P7M"}},
             "endTime":{"age":{"iso8601duration":"P8M"}},"regimenStatus":"COMPLETED"},
           "treatmentTarget":{"id":"NCIT:C7541","label":"Retinoblastoma"}}],
         "metaData":{"phenopacketSchemaVersion":"2.0"}}
        """

    func read() throws -> (ImportPayload, Case) {
        let payload = try PhenopacketReader.read(data: Data(Self.json.utf8), file: "pp.json")
        return (payload, try #require(payload.bundle.cases.first))
    }

    @Test func phenotypesAreKeptInTheFilesWordsAndNeverAStage() throws {
        let (payload, c) = try read()
        #expect(
            c.phenotypes == [
                "Dysuria (HP:0100518), severe (HP:0012828)",
                "Leukocoria (HP:0000555), Left (HP:0012835), onset at age P4M",
                "excluded: Stage 3 chronic kidney disease (HP:0012625)",
            ])
        #expect(c.stage?.group == nil, "a phenotype's \"Stage 3\" is not a cancer stage")
        let unused = payload.accounts.first?.unusedFields.keys.filter { $0.hasPrefix("phenotypicFeatures") } ?? []
        #expect(unused.isEmpty, "\(unused)")
    }

    @Test func measurementsOfTheSubjectAndOfBiosamples() throws {
        let (payload, c) = try read()
        #expect(
            c.measurements == [
                "Left eye Intraocular pressure (LOINC:79893-4) 25 mm[Hg] (reference 10–21), at age P6M",
                "Size.maximum dimension in Tumor (LOINC:33728-7) of biosample b1 15 mm, at age P8M2W",
            ])
        // The value and its unit are used; the reference range's own unit code is reported as not used.
        let unused = payload.accounts.first?.unusedFields.keys.filter { $0.contains("measurements.value") } ?? []
        #expect(unused == ["measurements.value.quantity.referenceRange.unit.id"], "\(unused)")
        let text = CaseSummaryText(record: c, today: LocalDate("2026-01-01")!).render()
        #expect(text.contains("Measured:\n  Left eye Intraocular pressure"))
    }

    @Test func aRegimenGivenByAgesKeepsTheAgesAndItsStatus() throws {
        let (_, c) = try read()
        let cev = try #require(c.treatmentHistory.first { $0.regimen == "Carboplatin/Etoposide/Vincristine" })
        #expect(cev.start == nil && cev.end == nil, "no date is computed from an age")
        #expect(cev.ages == "P7M – P8M" && cev.status == "completed")
        #expect(cev.period == "at age P7M – P8M, completed")
    }

    @Test func aBiopsyThatTookTheTumourIsSurgery() throws {
        let (_, c) = try read()
        #expect(c.treatmentHistory.contains { $0.setting == "surgery" && $0.regimen == "Biopsy" })
    }

    @Test func theTNMAsWrittenAndWhereItsBasisCameFrom() throws {
        let (_, c) = try read()
        let stage = try #require(c.stage)
        #expect(stage.t == "T2b" && stage.n == "N2" && stage.m == "M1" && stage.basis == "pathological")
        let data = try CaseJSON(record: c, today: LocalDate("2026-01-01")!).data()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let s = try #require(json["stage"] as? [String: Any])
        #expect(s["written"] as? [String: String] == ["t": "pT2b", "n": "pN2", "m": "M1"])
        #expect((s["basisFrom"] as? String)?.contains("prefixes") == true)
    }
}
