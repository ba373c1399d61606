import Foundation
import Testing

@testable import BoardFormats
@testable import BoardModel

/// Cases written from the specifications for what the new-user runs found: CIViC assertions without an AMP tier,
/// cBioPortal's metadata rows, Phenopacket TNM prefixes and diagnoses, located JSON errors.
@Suite("Readers: new-user findings, from the specifications")
struct NewUserFindingsTests {
    static func tsv(_ rows: [[String]]) -> Data {
        Data(rows.map { $0.joined(separator: "\t") }.joined(separator: "\n").utf8)
    }

    // MARK: CIViC assertion summaries

    static let assertionHeader = [
        "gene", "variant", "disease", "drugs", "assertion_type", "assertion_direction", "clinical_significance",
        "acmg_codes", "amp_category", "assertion_id",
    ]

    /// CIViC assertions carry an AMP/ASCO/CAP tier for predictive/prognostic/diagnostic types; a predisposing
    /// assertion is classified by ACMG codes and has no tier. It is kept with the tier unknown, never skipped.
    @Test func assertionWithoutAnAMPTierIsKeptWithTheTierUnknown() throws {
        let data = Self.tsv([
            Self.assertionHeader,
            [
                "VHL", "R167Q", "Von Hippel-Lindau Disease", "", "Predisposing", "Supports", "Pathogenic", "PS4,PM1",
                "", "4",
            ],
            [
                "BRAF", "V600E", "Melanoma", "Dabrafenib", "Predictive", "Supports", "Sensitivity/Response", "",
                "Tier I - Level A", "7",
            ],
        ])
        let payload = try CIViCReader.read(data: data, file: "a.tsv")
        #expect(payload.evidence.count == 2)
        let vhl = try #require(payload.evidence.first { $0.gene == "VHL" })
        #expect(vhl.entry.level == EvidenceLevel(scale: .amp, code: EvidenceScale.unstated))
        #expect(vhl.entry.level.description == "AMP/ASCO/CAP tier unknown")
        #expect(vhl.entry.type == "Predisposing" && (vhl.entry.reference ?? "").contains("ACMG PS4, PM1"))
        // Ranked after every stated tier.
        let braf = try #require(payload.evidence.first { $0.gene == "BRAF" })
        #expect(vhl.entry.level.rank > braf.entry.level.rank)
        #expect(payload.accounts.first?.skipped.isEmpty == true)
    }

    /// A tier that is written but is not of the scale is refused and reported, not stored as unknown.
    @Test func aWrittenTierOutsideTheScaleIsReported() throws {
        let data = Self.tsv([
            Self.assertionHeader,
            [
                "BRAF", "V600E", "Melanoma", "Dabrafenib", "Predictive", "Supports", "Sensitivity/Response", "",
                "Tier 9", "8",
            ],
        ])
        let payload = try CIViCReader.read(data: data, file: "a.tsv")
        #expect(payload.evidence.isEmpty)
        #expect(payload.accounts.first?.invalid.first?.location == "line 2, column amp_category")
    }

    // MARK: Phenopackets

    static func phenopacket(diseases: String, biosamples: String = "[]", features: String = "[]") -> Data {
        Data(
            """
            {"id": "p1", "subject": {"id": "S1"}, "diseases": \(diseases), "biosamples": \(biosamples),
             "phenotypicFeatures": \(features), "metaData": {"phenopacketSchemaVersion": "2.0"}}
            """.utf8)
    }

    /// AJCC prefixes belong to each category: a pathological T and N with the clinical M read "pT3 pN0 cM0", and
    /// an unprefixed M stays unprefixed ("pT2b pN2 M1"), as written.
    @Test func tnmCategoriesKeepTheirPrefixesAsWritten() throws {
        let mixed = Self.phenopacket(
            diseases: #"[{"term": {"id": "NCIT:C7541", "label": "Retinoblastoma"},"#
                + #" "clinicalTnmFinding": [{"id": "NCIT:C140678", "label": "cM0 TNM Finding v8"}]}]"#,
            biosamples: #"[{"id": "b1", "tumorProgression": {"id": "NCIT:C8509", "label": "Primary Neoplasm"},"#
                + #" "pathologicalTnmFinding": [{"id": "NCIT:C140720", "label": "pT3 TNM Finding v8"},"#
                + #" {"id": "NCIT:C140711", "label": "pN0 TNM Finding v8"}]}]"#)
        let one = try #require(try PhenopacketReader.read(data: mixed, file: "p.json").bundle.cases.first)
        #expect(one.stage?.summary == "pT3 pN0 cM0")
        #expect(one.stage?.t == "T3" && one.stage?.n == "N0" && one.stage?.m == "M0")
        let written = Self.phenopacket(
            diseases: #"[{"term": {"id": "NCIT:C39853", "label": "Infiltrating Urothelial Carcinoma"},"#
                + #" "clinicalTnmFinding": [{"id": "NCIT:C48766", "label": "pT2b"},"#
                + #" {"id": "NCIT:C48750", "label": "pN2"}, {"id": "NCIT:C48700", "label": "M1"}]}]"#)
        let two = try #require(try PhenopacketReader.read(data: written, file: "p.json").bundle.cases.first)
        #expect(two.stage?.summary == "pT2b pN2 M1")
        // A record without per-category prefixes keeps the one-basis form.
        #expect(Stage(basis: "clinical", t: "T2", n: "N1", m: "M0").summary == "cT2 N1 M0")
    }

    /// A syndrome with no OncoTree node and the tumour as a phenotypic feature: the tumour's code gives the
    /// OncoTree node and the note says so; a diagnosis nothing maps says it is unmapped.
    @Test func diagnosisMappingIsSaidAsItWasMade() throws {
        let syndrome = Self.phenopacket(
            diseases: #"[{"term": {"id": "OMIM:609322", "label": "Rhabdoid tumor predisposition syndrome 1"}}]"#,
            features: #"[{"type": {"id": "HP:0034402", "label": "Rhabdoid tumor of the kidney"}}]"#)
        let payload = try PhenopacketReader.read(data: syndrome, file: "p.json")
        #expect(payload.bundle.cases.first?.diagnosis.oncotreeCode == "MRT")
        #expect(payload.notes.contains { $0.contains("OncoTree MRT from the tumour \"Rhabdoid tumor of the kidney\"") })
        #expect(!payload.notes.contains { $0.contains("has no OncoTree mapping") })
        let odd = Self.phenopacket(diseases: #"[{"term": {"id": "NCIT:C0000001", "label": "Odd carcinoma"}}]"#)
        let unmapped = try PhenopacketReader.read(data: odd, file: "p.json")
        #expect(unmapped.bundle.cases.first?.diagnosis.oncotreeCode == nil)
        #expect(unmapped.notes.contains { $0.contains("\"Odd carcinoma\" (NCIT:C0000001) has no OncoTree mapping") })
    }

    /// NCIt codes the OncoTree release cross-references map through the release itself (C3808 is MRT's), by CURIE
    /// or by system; a code listed for several nodes maps to none.
    @Test func ncitCodesMapThroughOncoTreesOwnReferences() {
        let curie = OncoTreeCrosswalk.map(codings: [.init(system: nil, code: "NCIT:C3808")], text: nil)
        #expect(curie?.oncotree == "MRT" && curie?.via.contains("OncoTree cross-reference") == true)
        let system = OncoTreeCrosswalk.map(
            codings: [.init(system: "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl", code: "C6906")], text: nil)
        #expect(system?.oncotree == "ATRT")
        for (code, node) in OncoTreeCrosswalk.oncoTreeReferences.prefix(50) {
            #expect(OncoTree.bundled.nodes[node] != nil, "\(code) → \(node)")
        }
    }

    // MARK: Truncated or malformed JSON

    /// RFC 8259 syntax errors are located: line, column, byte offset, and the JSON path reached.
    @Test func syntaxProblemsAreLocated() throws {
        let truncated = Data(#"{"id": "p1", "subject": {"id": "S1"}, "diseases": [{"term": {"id": "X""#.utf8)
        let end = try #require(JSONSyntax.firstProblem(in: truncated))
        #expect(end.path == "$.diseases[0].term")
        #expect(end.offset == truncated.count && end.line == 1)
        #expect(end.message == "unexpected end of the file; expected ',' or '}'")
        let doubled = Data("{\n  \"a\": [1, 2,,3]\n}".utf8)
        let comma = try #require(JSONSyntax.firstProblem(in: doubled))
        #expect(comma.line == 2 && comma.column == 14 && comma.path == "$.a[2]", "\(comma)")
        #expect(comma.message.hasPrefix("expected a value"))
        let unquoted = try #require(JSONSyntax.firstProblem(in: Data(#"{"a": {"b": 1, c: 2}}"#.utf8)))
        #expect(unquoted.path == "$.a" && unquoted.message == "expected a key in double quotes, found 'c'")
        let trailing = try #require(JSONSyntax.firstProblem(in: Data(#"[1, {"x": []}] x"#.utf8)))
        #expect(trailing.path == "$" && trailing.message == "text after the end of the JSON value")
        let open = try #require(JSONSyntax.firstProblem(in: Data(#"{"a": "unterminated"#.utf8)))
        #expect(open.message.contains("inside a string") && open.path == "$.a")
        // Well-formed text has no problem, however nested.
        for good in [#"{"a": [1, -2.5e3, true, null, {"b": "\u00e9\n"}], "c": {}}"#, "[]", " 42 ", "\u{FEFF}{}"] {
            #expect(JSONSyntax.firstProblem(in: Data(good.utf8)) == nil, "\(good)")
        }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONSyntax.firstProblem(in: Data(deep.utf8)) == nil)
    }

    /// Every JSON reader names the file, the place and the path of a truncated file.
    @Test func everyJSONReaderLocatesATruncatedFile() throws {
        let cut = Data(#"{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType""#.utf8)
        let readers: [(String, (Data) throws -> Void)] = [
            ("fhir.json", { _ = try FHIRReader.read(data: $0, file: "fhir.json") }),
            ("pheno.json", { _ = try PhenopacketReader.read(data: $0, file: "pheno.json") }),
            ("study.json", { _ = try ClinicalTrialsGovReader.read(data: $0, file: "study.json") }),
            ("trial.json", { _ = try CTMLReader.read(data: $0, file: "trial.json") }),
            ("board.json", { _ = try NativeReader.read(data: $0, file: "board.json") }),
        ]
        for (file, read) in readers {
            do {
                try read(cut)
                Issue.record("\(file): a truncated file was read")
            } catch let error as ImportError {
                #expect(error.file == file)
                #expect(
                    error.location
                        == "line 1, column \(cut.count + 1) (byte \(cut.count)), at $.entry[0].resource.resourceType",
                    "\(error)")
                #expect(error.message == "not valid JSON (unexpected end of the file; expected ':')", "\(error)")
            }
        }
    }

    // MARK: cBioPortal clinical files

    /// The file-format spec's header: display names, descriptions, datatypes, priorities, then attribute ids. AGE 60
    /// is the patient's age (shown as recorded, no birth date); a NUMBER column holding a word is reported; a
    /// study's own column is kept as a named attribute of the patient (not listed as not used).
    @Test func clinicalColumnsByTheFileFormat() throws {
        let data = Self.tsv([
            ["#Patient Identifier", "Age", "Sex", "Overall Survival Status", "ECOG", "Weight", "Custom"],
            ["#Patient identifier", "Age in years", "Sex", "OS", "ECOG", "kg", "x"],
            ["#STRING", "NUMBER", "STRING", "STRING", "NUMBER", "NUMBER", "STRING"],
            ["#1", "1", "1", "1", "1", "1", "1"],
            ["PATIENT_ID", "AGE", "SEX", "OS_STATUS", "ECOG_STATUS", "WEIGHT", "CUSTOM"],
            ["P-1", "60", "Female", "1:DECEASED", "2", "heavy", "kept"],
            ["P-2", "[Not Available]", "Male", "0:LIVING", "NA", "70", ""],
        ])
        let payload = try CBioPortalClinicalReader.read(data: data, file: "data_clinical_patient.txt")
        let p1 = try #require(payload.partialCases.first { $0.id == "P-1" })
        #expect(p1.patient.recordedAge == "P60Y" && p1.patient.sex == .female && p1.patient.vitalStatus == .deceased)
        #expect(p1.performance?.ecog == 2)
        #expect(
            LifeStatus(birthDate: nil, vitalStatus: .alive, recordedAge: p1.patient.recordedAge).phrase(
                on: LocalDate(year: 2026, month: 1, day: 1)) == "60 y (recorded age, no birth date)")
        let p2 = try #require(payload.partialCases.first { $0.id == "P-2" })
        #expect(p2.patient.recordedAge == nil && p2.patient.vitalStatus == .alive && p2.performance == nil)
        let account = try #require(payload.accounts.first)
        #expect(
            account.invalid.map(\.field) == ["WEIGHT"] && account.invalid.first?.location == "line 6, column WEIGHT")
        #expect(account.unusedFields["CUSTOM"] == nil && account.unusedFields["WEIGHT"] == nil)
        #expect(account.usedFields["CUSTOM"] == 1 && account.usedFields["WEIGHT"] == 2)
        #expect(p1.patient.attributes?.map(\.shown) == ["Custom (CUSTOM): kept"], "the invalid weight is not kept")
        #expect(p2.patient.attributes?.map(\.shown) == ["Weight (WEIGHT): 70"])
        #expect(account.unusedFields["AGE"] == nil && account.usedFields["AGE"] == 1)
    }

    // MARK: FHIR, finding detail, show hints

    /// R4 AdministrativeGender is male | female | other | unknown: "12" is reported, not silently read as unknown.
    @Test func anInvalidFHIRGenderIsReported() throws {
        let data = Data(
            #"{"resourceType": "Patient", "id": "p1", "gender": 12, "name": [{"family": "Doe"}]}"#.utf8)
        let payload = try FHIRReader.read(data: data, file: "patient.json")
        #expect(payload.bundle.cases.first?.patient.sex == .unknown || payload.bundle.cases.isEmpty)
        let invalid = try #require(payload.accounts.first?.invalid.first)
        #expect(invalid.field == "Patient.gender" && invalid.location == "$.gender")
    }

    /// A MAF that gives only HGVSp_Short still shows the protein change in the finding's detail.
    @Test func theShortProteinChangeIsShownWhenThereIsNoOther() {
        var f = Finding(id: "F", kind: .snv, gene: "BRCA2")
        f.hgvsPShort = "p.D191G"
        let text = FindingDetailText(finding: f, reports: [], diagnosisCode: nil).render()
        #expect(text.contains("p.D191G"), "\(text)")
    }

    /// The hint to open one finding names the case as a shell word (quoted when it holds a space).
    @Test func theShowHintQuotesACaseIdWithASpace() {
        #expect(CaseSummaryText.shellWord("individual 6") == "'individual 6'")
        #expect(CaseSummaryText.shellWord("TCGA-A1-A0SB-01") == "TCGA-A1-A0SB-01")
        #expect(CaseSummaryText.shellWord("it's") == #"'it'\''s'"#)
    }
}
