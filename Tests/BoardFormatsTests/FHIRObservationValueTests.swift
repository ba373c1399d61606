import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// FHIR R4 Observation values as the lab wrote them: Quantity.comparator, an IHC score, the metastatic site's
/// body site, the stage's system and basis (mCODE TNMStagingMethodVS and stage-group codes), and the Genomics
/// Reporting variant components read by LOINC code; the same Observation in two bundles is one finding.
@Suite("FHIR observation values by the specifications")
struct FHIRObservationValueTests {
    static let patient = #"{"resource":{"resourceType":"Patient","id":"p1","gender":"female"}}"#

    func read(_ entries: [String], bundle: String = "b1") throws -> Case {
        let json =
            #"{"resourceType":"Bundle","id":"\#(bundle)","type":"collection","entry":["#
            + ([Self.patient] + entries).joined(separator: ",") + "]}"
        let payload = try FHIRReader.read(data: Data(json.utf8), file: "\(bundle).json")
        return try #require(payload.bundle.cases.first)
    }

    static func marker(_ loinc: String, _ value: String) -> String {
        #"{"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"#
            + #""meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-tumor-marker"]},"#
            + #""code":{"coding":[{"system":"http://loinc.org","code":"\#(loinc)"}]},\#(value)}}"#
    }

    @Test func aQuantityComparatorIsKeptAndShown() throws {
        let c = try read([
            Self.marker(
                "16112-5",
                #""valueQuantity":{"value":10,"comparator":">=","unit":"%"},"valueCodeableConcept":{"text":"Positive"}"#
            )
        ])
        let er = try #require(c.findings.first?.biomarker)
        #expect(er.comparator == ">=" && er.value == 10)
        #expect(c.findings[0].label == "ER >=10 % (Positive)")
    }

    @Test func aHER2ImmunohistochemistryScoreReadsAsTheLabWritesIt() throws {
        let number = try read([
            Self.marker("85319-2", #""valueQuantity":{"value":3},"valueCodeableConcept":{"text":"Positive"}"#)
        ])
        #expect(number.findings[0].biomarker?.score == "3+")
        #expect(number.findings[0].label == "HER2 3+ (Positive)")
        let text = try read([Self.marker("85319-2", #""valueString":"3+""#)])
        #expect(text.findings[0].label == "HER2 (3+)")
        // A FISH result (85318-4) is no IHC score.
        let fish = try read([Self.marker("85318-4", #""valueQuantity":{"value":2.5}"#)])
        #expect(fish.findings[0].biomarker?.score == nil)
        // The assay is kept: LOINC names it (85318-4 by FISH, 85319-2 by Immune stain), or the method does.
        #expect(fish.findings[0].biomarker?.method == "FISH" && number.findings[0].biomarker?.method == "IHC")
        let byMethod = try read([
            Self.marker(
                "48676-1", #""valueString":"Positive","method":{"text":"Dual-probe in situ hybridization (ISH)"}"#)
        ])
        #expect(byMethod.findings[0].biomarker?.method == "ISH")
    }

    @Test func aMetastaticSiteIsNamedByItsBodySiteOrSaidToBeUnnamed() throws {
        func secondary(_ site: String) -> String {
            #"{"resource":{"resourceType":"Condition","subject":{"reference":"Patient/p1"},"#
                + #""meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-secondary-cancer-condition"]},"#
                + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"128462008"}]},"bodySite":[\#(site)]}}"#
        }
        let named = try read([
            secondary(
                #"{"coding":[{"system":"http://snomed.info/sct","code":"10200004","display":"Liver structure"}]}"#)
        ])
        #expect(named.metastaticSites[0].label == "Liver structure (SNOMED CT 10200004)")
        let unnamed = try read([secondary(#"{"coding":[{"system":"http://snomed.info/sct","code":"8935007"}]}"#)])
        #expect(unnamed.metastaticSites[0].label == "site not named in the file (SNOMED CT 8935007)")
        #expect(!unnamed.metastaticSites[0].label.contains("http"))
    }

    @Test func theStageKeepsItsEditionAndBasis() throws {
        // mCODE STU2 TNM clinical stage group: LOINC 21908-9, method from TNMStagingMethodVS.
        let observed = try read([
            #"{"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"#
                + #""code":{"coding":[{"system":"http://loinc.org","code":"21908-9"}]},"#
                + #""method":{"coding":[{"system":"http://snomed.info/sct","code":"897275008"}]},"#
                + #""valueCodeableConcept":{"coding":[{"system":"http://cancerstaging.org","code":"3C"}]}}}"#
        ])
        #expect(observed.stage?.system == "AJCC 8th edition" && observed.stage?.basis == "clinical")
        #expect(observed.stage?.group == "IIIC")
        // A Condition's stage.type naming the edition; its basis, not stated, stays unknown.
        let condition = try read([
            #"{"resource":{"resourceType":"Condition","subject":{"reference":"Patient/p1"},"#
                + #""meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition"]},"#
                + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009","display":"Malignant neoplasm of breast (disorder)"}]},"#
                + #""stage":[{"summary":{"coding":[{"system":"http://snomed.info/sct","code":"1222806003","display":"American Joint Committee on Cancer stage IIIC (qualifier value)"}]},"#
                + #""type":{"coding":[{"system":"http://snomed.info/sct","code":"897275008","display":"American Joint Commission on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system (tumor staging)"}]}}]}}"#
        ])
        #expect(condition.stage?.system == "AJCC 8th edition" && condition.stage?.basis == nil)
        let typed = try read([
            #"{"resource":{"resourceType":"Condition","subject":{"reference":"Patient/p1"},"#
                + #""meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition"]},"#
                + #""code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009"}]},"#
                + #""stage":[{"summary":{"text":"Stage 2A"},"type":{"coding":[{"system":"http://snomed.info/sct","code":"261023001","display":"Pathological staging"}]}}]}}"#
        ])
        #expect(typed.stage?.basis == "pathological")
        let shown = CaseSummaryText(record: typed, today: LocalDate("2026-01-01")!).render()
        #expect(shown.contains("Stage:       pathological stage IIA"))
    }

    static let braf =
        #"{"fullUrl":"urn:uuid:16fdd5fc-e665-48af-99e4-48d603f3e12d","resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/p1"},"#
        + #""meta":{"profile":["http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/variant"]},"#
        + #""code":{"coding":[{"system":"http://loinc.org","code":"69548-6"}]},"valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA9633-4"}]},"component":["#
        + #"{"code":{"coding":[{"system":"http://loinc.org","code":"81290-9"}]},"valueCodeableConcept":{"coding":[{"system":"http://varnomen.hgvs.org","code":"NC_000007.13:g.140453136A>T"}]}},"#
        + #"{"code":{"coding":[{"system":"http://loinc.org","code":"81252-9"}]},"valueCodeableConcept":{"coding":[{"system":"http://www.ncbi.nlm.nih.gov/clinvar","code":"13961"}]}},"#
        + #"{"code":{"coding":[{"system":"http://loinc.org","code":"48005-3"}]},"valueCodeableConcept":{"coding":[{"system":"http://varnomen.hgvs.org","code":"p.Val600Glu"}]}},"#
        + #"{"code":{"coding":[{"system":"http://loinc.org","code":"48006-1"}]},"valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA6698-0","display":"Missense"}]}},"#
        + #"{"code":{"coding":[{"system":"http://loinc.org","code":"48018-6"}]},"valueCodeableConcept":{"coding":[{"system":"http://www.genenames.org/geneId","code":"HGNC:1097","display":"BRAF"}]}}]}}"#

    @Test func variantComponentsAreReadByTheirLOINCCodes() throws {
        let c = try read([Self.braf])
        let f = try #require(c.findings.first)
        #expect(f.gene == "BRAF" && f.hgvsP == "p.Val600Glu")
        #expect(f.hgvsC == nil, "a g. expression is not a c. one")
        #expect(f.hgvsG == "NC_000007.13:g.140453136A>T")
        #expect(f.chrom == "7" && f.position == 140_453_136 && f.ref == "A" && f.alt == "T")
        #expect(f.sourceId == "ClinVar 13961")
        #expect(f.consequence == "missense_variant", "81252-9 is a variant id, not a consequence")
    }

    @Test func ampLevelsAreMappedByTheGuidelinesTiers() throws {
        typealias B = FHIRReader.Builder
        #expect(B.evidenceLevel("AMP/ASCO/CAP guidelines - Level A")?.code == "I-A")
        #expect(B.evidenceLevel("Tier II - Level D")?.code == "II-D")
        #expect(B.evidenceLevel("AMP/ASCO/CAP Tier III")?.code == "III")
        #expect(B.evidenceLevel("AMP Guidelines") == nil, "a scale without a level is no level")
        #expect(B.evidenceLevel("Tier I") == nil, "tier I holds levels A and B: not one level")
        #expect(B.evidenceLevel("OncoKB Level 1")?.scale == .oncokb)
    }

    @Test func genomicHGVSPlacesTheVariant() {
        let del = GenomicHGVS("2:g.212578380del")
        #expect(del?.chrom == "2" && del?.start == 212_578_380 && del?.ref == nil)
        let range = GenomicHGVS("NC_000023.11:g.100_102del")
        #expect(range?.chrom == "X" && range?.start == 100 && range?.end == 102)
        #expect(GenomicHGVS("NM_004333.4:c.1799T>A") == nil)
        #expect(GenomicHGVS("NT_187361.1:g.5A>T") == nil)
    }

    @Test func theSameObservationInTwoBundlesIsOneFinding() throws {
        let tmb = { (unit: String) in
            #"{"fullUrl":"urn:uuid:40e85eda-4d31-4bd2-a5a0-c39d63f9824f","resource":{"resourceType":"Observation","status":"final","#
                + #""subject":{"reference":"Patient/p1"},"code":{"text":"Tumor Mutational Burden"},"#
                + #""valueQuantity":{"value":25,"unit":"\#(unit)","system":"http://unitsofmeasure.org","code":"1/1000000{Base}"}}}"#
        }
        let a = try read([tmb("Mutations/Megabase")], bundle: "first")
        let b = try read([tmb("somatic variants per megabase")], bundle: "second")
        #expect(a.findings[0].id == b.findings[0].id)
        // A different result under the same uuid is not taken for the same one.
        let other = try read([Self.braf.replacingOccurrences(of: "p.Val600Glu", with: "p.Val617Phe")], bundle: "x")
        let first = try read([Self.braf], bundle: "y")
        #expect(other.findings[0].id != first.findings[0].id)
        // Without a global identity, the bundle scopes the id.
        let plain = { (bundle: String) in
            try self.read(
                [
                    #"{"resource":{"resourceType":"Observation","id":"t1","status":"final","subject":{"reference":"Patient/p1"},"code":{"text":"Tumor Mutational Burden"},"valueQuantity":{"value":5}}}"#
                ],
                bundle: bundle)
        }
        #expect(try plain("one").findings[0].id != plain("two").findings[0].id)
    }
}
