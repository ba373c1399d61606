import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

@Suite("ClinicalTrials.gov, CTML and CIViC readers")
struct TrialReaderTests {
    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func jsonAndXMLOfTheSameTrialAgree() throws {
        guard let json = RealData.data("ctgov/NCT02513394.json"), let xml = RealData.data("ctgov/NCT02513394.xml")
        else { return }
        #expect(BoardReader.detect(json) == "ctgov" && BoardReader.detect(xml) == "ctgov-xml")
        let a = try #require(try ClinicalTrialsGovReader.read(data: json, file: "a.json").bundle.trials.first)
        let b = try #require(try ClinicalTrialsGovXMLReader.read(data: xml, file: "b.xml").bundle.trials.first)
        #expect(a.id == "NCT02513394" && a.id == b.id)
        #expect(a.title == b.title && a.phase == "Phase 3" && a.phase == b.phase)
        #expect(a.eligibility.minimumAge == 18 && a.eligibility.minimumAge == b.eligibility.minimumAge)
        #expect(a.eligibility.sex == b.eligibility.sex && a.eligibility.conditions == b.eligibility.conditions)
        #expect(a.arms.map(\.id) == b.arms.map(\.id) && a.arms.count == 2)
        #expect(a.arms[0].drugs.contains("Palbociclib") && b.arms[0].drugs.contains("Palbociclib"))
        #expect(a.status == .activeNotRecruiting)
        #expect(a.sponsor == b.sponsor)
        #expect(a.eligibility.inclusionText?.contains("≥") == true && a.eligibility.exclusionText != nil)
        #expect(a.eligibility.diagnoses == ["BREAST"])
        let locations = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        let expected =
            ((locations["protocolSection"] as! [String: Any])["contactsLocationsModule"] as! [String: Any])["locations"]
            as! [Any]
        #expect(a.sites.count == expected.count)
    }

    @Test func pageOfStudiesAndBadIds() throws {
        let page =
            #"{"studies":[{"protocolSection":{"identificationModule":{"nctId":"NCT00000001","briefTitle":"A"}}},{"protocolSection":{"identificationModule":{"nctId":"NCT00000002","briefTitle":"B"},"designModule":{"phases":["PHASE1","PHASE2"]}}}]}"#
        let trials = try ClinicalTrialsGovReader.read(data: Data(page.utf8), file: "p.json").bundle.trials
        #expect(trials.map(\.id) == ["NCT00000001", "NCT00000002"] && trials[1].phase == "Phase 1/Phase 2")
        #expect(
            throws: ImportError(
                file: "p.json", location: "$.studies[0].protocolSection.identificationModule.nctId",
                message: "expected an NCT id (NCT and eight digits)")
        ) {
            try ClinicalTrialsGovReader.read(
                data: Data(#"{"studies":[{"protocolSection":{"identificationModule":{"nctId":"X1"}}}]}"#.utf8),
                file: "p.json")
        }
        #expect(throws: ImportError.self) {
            try ClinicalTrialsGovXMLReader.read(data: Data("<clinical_study><id_info>".utf8), file: "x.xml")
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func ctmlYAMLWithDoseLevelMatch() throws {
        guard let data = RealData.data("ctml/00-001.yml") else { return }
        #expect(BoardReader.detect(data) == "ctml")
        let trial = try #require(try CTMLReader.read(data: data, file: "00-001.yml").bundle.trials.first)
        #expect(trial.id == "00-001")
        #expect(trial.arms.map(\.id) == ["1/DOSE/1"])
        guard case .clinical(let c)? = trial.eligibility.criteria else {
            Issue.record("expected the top-level clinical criterion")
            return
        }
        #expect(c.diseaseStatus == ["Advanced", "Metastatic"])
        guard case .all(let parts)? = trial.arms[0].criteria else {
            Issue.record("expected an and-node")
            return
        }
        #expect(
            parts.contains(
                .genomic(
                    GenomicCriterion(
                        hugoSymbol: "EGFR", variantCategory: "Mutation", proteinChange: "p.L858R", exon: "19"))))
        #expect(parts.contains(.clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "_SOLID_", ageNumerical: ">=18"))))
    }

    static func negations(_ c: Criterion?) -> Int {
        switch c {
        case nil: return 0
        case .all(let l)?, .any(let l)?: return l.reduce(0) { $0 + negations($1) }
        case .clinical(let x)?:
            return [
                x.oncotreePrimaryDiagnosis, x.ageNumerical, x.gender, x.ecog, x.tmbNumerical, x.her2Status, x.erStatus,
                x.prStatus, x.priorTreatment,
            ]
            .compactMap { $0 }.filter { $0.hasPrefix("!") }.count
                + (x.diseaseStatus ?? []).filter { $0.hasPrefix("!") }.count
        case .genomic(let g)?:
            return [
                g.hugoSymbol, g.variantCategory, g.proteinChange, g.wildcardProteinChange, g.variantClassification,
                g.exon, g.cnvCall,
                g.mmrStatus, g.msStatus, g.fusionPartnerHugoSymbol,
            ].compactMap { $0 }.filter { $0.hasPrefix("!") }.count
        }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func ctmlJSONBasketTrial() throws {
        guard let data = RealData.data("ctml/NCT03297606_CAPTUR_Trial_v7.json") else { return }
        let payload = try CTMLReader.read(data: data, file: "captur.json")
        let trial = try #require(payload.bundle.trials.first)
        #expect(trial.id == "NCT03297606")
        let raw = String(decoding: data, as: UTF8.self)
        let rawArms = raw.components(separatedBy: "\"arm_code\"").count - 1
        #expect(trial.arms.count == rawArms)
        // Every `!` value in the file survives, minus those under keys the model has no field for (counted as skipped).
        let json = try JSONSerialization.jsonObject(with: data)
        func count(_ v: Any, key: String?) -> Int {
            if let s = v as? String {
                return s.hasPrefix("!")
                    && key.map { CTMLReader.clinicalKeys.contains($0) || CTMLReader.genomicKeys.contains($0) } == true
                    ? 1 : 0
            }
            if let a = v as? [Any] { return a.reduce(0) { $0 + count($1, key: key) } }
            if let d = v as? [String: Any] { return d.reduce(0) { $0 + count($1.value, key: $1.key) } }
            return 0
        }
        let expected = count(json, key: nil)
        let found =
            Self.negations(trial.eligibility.criteria) + trial.arms.reduce(0) { $0 + Self.negations($1.criteria) }
        #expect(expected > 0 && found == expected)
        #expect(
            trial.arms.contains { a in "\(String(describing: a.criteria))".contains("wildcardProteinChange: Optional(")
            })
        #expect(payload.skipped.contains { $0.contains("molecular_function") })
    }

    @Test func ctmlErrorsAreLocated() {
        #expect(
            throws: ImportError(
                file: "t.yml", location: "$.treatment_list.step[0].arm[0].match[0]",
                message: "expected one of the keys and, or, clinical, genomic; found genomics")
        ) {
            try CTMLReader.read(
                data: Data(
                    "protocol_no: 1\ntreatment_list:\n  step:\n  - arm:\n    - arm_code: A\n      match:\n      - genomics: {hugo_symbol: X}\n"
                        .utf8), file: "t.yml")
        }
        do {
            _ = try CTMLReader.read(data: Data("protocol_no: 1\ntreatment_list: [unclosed\n".utf8), file: "t.yml")
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.location?.hasPrefix("line ") == true && error.message.contains("YAML"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func civicMonthlyRelease() throws {
        guard let data = RealData.data("civic/01-Aug-2021-ClinicalEvidenceSummaries.tsv") else { return }
        #expect(BoardReader.detect(data) == "civic")
        let payload = try CIViCReader.read(data: data, file: "civic.tsv")
        let rows = RealData.lines("civic/01-Aug-2021-ClinicalEvidenceSummaries.tsv").dropFirst().filter { !$0.isEmpty }
            .count
        let account = try #require(payload.accounts.first)
        #expect(account.recordsRead == rows)
        #expect(payload.evidence.count + account.skippedCount == rows)
        #expect(payload.evidence.allSatisfy { $0.entry.level.isValid && $0.entry.level.scale == .civic })
        #expect(payload.evidence.allSatisfy { !"\($0)".contains("\u{FEFF}") })
        #expect(payload.evidence.contains { $0.gene == "JAK2" && $0.variant == "V617F" })
    }
}

/// Registry dates as the three ClinicalTrials.gov layouts write them (API v2 ISO dates; legacy XML and classic JSON
/// "Month D, YYYY" and "Month YYYY").
@Suite("ClinicalTrials.gov dates")
struct RegistryDateTests {
    @Test(
        arguments: [
            ("2023-06-13", "2023-06-13"), ("March 9, 2020", "2020-03-09"), ("June 2023", "2023-06-01"),
            ("May 1, 2017", "2017-05-01"), ("february 30, 2020", nil), ("Smarch 3, 2020", nil), ("", nil),
            ("2023-13-01", nil),
        ] as [(String, String?)])
    func reads(_ raw: String, _ expected: String?) {
        #expect(TrialText.registryDate(raw)?.description == expected)
    }

    /// The classic API's FullStudy carries the date under StatusModule.LastUpdatePostDateStruct.
    @Test func classicJSONKeepsTheLastUpdate() throws {
        let json = """
            {"FullStudy": {"Study": {"ProtocolSection": {
              "IdentificationModule": {"NCTId": "NCT00000001", "BriefTitle": "T"},
              "StatusModule": {"OverallStatus": "Recruiting",
                "LastUpdatePostDateStruct": {"LastUpdatePostDate": "June 13, 2023", "LastUpdatePostDateType": "Actual"},
                "LastUpdateSubmitDate": "June 12, 2023"}}}}}
            """
        let trial = try ClinicalTrialsGovReader.read(data: Data(json.utf8), file: "c.json").bundle.trials[0]
        #expect(trial.lastUpdated == LocalDate("2023-06-13"))
    }

    /// The registry facts by the study data structure's names, the same from API v2, the classic API and the
    /// legacy XML (whose count and date types are attributes): the sponsor's study id, enrolment, the three study
    /// dates as written, keywords and posted results. `trial ID` shows them.
    @Test func registryFactsAreKeptFromEveryLayout() throws {
        let v2 = """
            {"protocolSection": {
              "identificationModule": {"nctId": "NCT00000002", "orgStudyIdInfo": {"id": "AFT-05"},
                "briefTitle": "Brief", "officialTitle": "Official"},
              "statusModule": {"overallStatus": "ACTIVE_NOT_RECRUITING",
                "startDateStruct": {"date": "2015-08", "type": "ACTUAL"},
                "primaryCompletionDateStruct": {"date": "2020-11", "type": "ACTUAL"},
                "completionDateStruct": {"date": "2025-09", "type": "ESTIMATED"}},
              "designModule": {"enrollmentInfo": {"count": 5796, "type": "ACTUAL"}},
              "conditionsModule": {"conditions": ["Breast Cancer"], "keywords": ["HR+", "palbociclib"]}},
             "hasResults": true}
            """
        let classic = """
            {"FullStudy": {"Study": {"ProtocolSection": {
              "IdentificationModule": {"NCTId": "NCT00000002", "OrgStudyIdInfo": {"OrgStudyId": "AFT-05"},
                "BriefTitle": "Brief", "OfficialTitle": "Official"},
              "StatusModule": {"OverallStatus": "Active, not recruiting",
                "StartDateStruct": {"StartDate": "2015-08", "StartDateType": "Actual"},
                "PrimaryCompletionDateStruct": {"PrimaryCompletionDate": "2020-11", "PrimaryCompletionDateType": "Actual"},
                "CompletionDateStruct": {"CompletionDate": "2025-09", "CompletionDateType": "Estimated"}},
              "DesignModule": {"EnrollmentInfo": {"EnrollmentCount": "5796", "EnrollmentType": "Actual"}},
              "ConditionsModule": {"ConditionList": {"Condition": ["Breast Cancer"]},
                "KeywordList": {"Keyword": ["HR+", "palbociclib"]}}},
              "ResultsSection": {}}}}
            """
        let xml = """
            <clinical_study><id_info><org_study_id>AFT-05</org_study_id><nct_id>NCT00000002</nct_id></id_info>
              <brief_title>Brief</brief_title><official_title>Official</official_title>
              <overall_status>Active, not recruiting</overall_status>
              <start_date type="Actual">2015-08</start_date>
              <primary_completion_date type="Actual">2020-11</primary_completion_date>
              <completion_date type="Estimated">2025-09</completion_date>
              <enrollment type="Actual">5796</enrollment>
              <condition>Breast Cancer</condition><keyword>HR+</keyword><keyword>palbociclib</keyword>
              <clinical_results><baseline/></clinical_results>
            </clinical_study>
            """
        let expected = TrialRegistryFacts(
            orgStudyId: "AFT-05", briefTitle: "Brief", enrollment: .init(count: 5796, type: "ACTUAL"),
            start: .init(date: "2015-08", type: "ACTUAL"), primaryCompletion: .init(date: "2020-11", type: "ACTUAL"),
            completion: .init(date: "2025-09", type: "ESTIMATED"), keywords: ["HR+", "palbociclib"], hasResults: true)
        let read = [
            try ClinicalTrialsGovReader.read(data: Data(v2.utf8), file: "a.json"),
            try ClinicalTrialsGovReader.read(data: Data(classic.utf8), file: "b.json"),
            try ClinicalTrialsGovXMLReader.read(data: Data(xml.utf8), file: "c.xml"),
        ]
        for payload in read {
            let trial = try #require(payload.bundle.trials.first)
            #expect(trial.registry == expected)
            // Kept, so no longer listed as not used.
            let unused = payload.accounts.first?.unusedFields.keys.sorted() ?? []
            #expect(!unused.contains("enrollment") && !unused.contains("keywords"), "\(unused)")
            let text = TrialSummaryText(trial: trial).lines()
            #expect(text.contains("Study id:     AFT-05 (sponsor's)"))
            #expect(
                text.contains(
                    "Registry:     enrolment 5796 (actual) · start 2015-08 (actual) · primary completion 2020-11 (actual) "
                        + "· completion 2025-09 (estimated) · results posted"))
            #expect(text.contains("Keywords:     HR+; palbociclib"))
        }
        // A record without any of them stores none (other trials' bodies keep their bytes).
        let bare = #"{"protocolSection": {"identificationModule": {"nctId": "NCT00000003", "officialTitle": "T"}}}"#
        #expect(
            try ClinicalTrialsGovReader.read(data: Data(bare.utf8), file: "d.json").bundle.trials[0].registry == nil)
    }
}

/// Every CTML import ends with an account like every other format: trials read, the keys used, and every key with a
/// value the board does not use, at the trial, step, arm and dose-level levels; nct_id and protocol_id are kept as
/// the trial's identifiers (an nct_id that is not an NCT id is kept and flagged, never the trial's id).
@Suite("CTML account and identifiers")
struct CTMLAccountTests {
    static let yaml = """
        protocol_no: 00-001
        protocol_id: 00001
        nct_id: XXX00000001
        long_title: Long title
        status: Closed to Accrual
        site_list: [{site_name: Somewhere}]
        staff_list: []
        treatment_list:
          step:
          - step_code: 1
            step_internal_id: 7
            arm:
            - arm_code: A
              arm_internal_id: 111
              arm_suspended: Y
              dose_level:
              - level_code: 1
                level_internal_id: 1
                level_suspended: N
                match:
                - genomic: {hugo_symbol: EGFR, protein_change: p.L858R, made_up_key: x}
        """

    @Test func accountNamesWhatIsNotUsed() throws {
        let payload = try CTMLReader.read(data: Data(Self.yaml.utf8), file: "t.yml")
        let account = try #require(payload.accounts.first)
        #expect(payload.accounts.count == 1 && account.format == "ctml" && account.recordsRead == 1)
        for key in ["site_list", "step.step_internal_id", "arm.arm_internal_id", "dose_level.level_internal_id"] {
            #expect(account.unusedFields[key] == 1, "\(key)")
        }
        #expect(account.unusedFields["criteria key made_up_key"] == 1)
        #expect(account.unusedFields["staff_list"] == nil)
        #expect(account.usedFields["nct_id"] == 1 && account.usedFields["protocol_id"] == 1)
        let trial = try #require(payload.bundle.trials.first)
        #expect(trial.id == "00-001")
        #expect(trial.identifiers?.map(\.kind) == ["nct_id", "protocol_id", "protocol_no"])
        #expect(trial.identifiers?.first { $0.kind == "protocol_id" }?.value == "00001")
        #expect(trial.identifiers?.first { $0.kind == "nct_id" }?.note?.contains("not a valid NCT id") == true)
        #expect(trial.status == .activeNotRecruiting)
        let lines = TrialSummaryText(trial: trial).lines()
        #expect(lines.contains { $0.contains("nct_id XXX00000001 (not a valid NCT id") })
        #expect(lines.contains { $0.contains("protocol_id 00001") })
    }

    /// OnCore and CTRP accrual statuses as the registry's; an unknown one is reported as an invalid value.
    @Test(arguments: [
        ("Open to Accrual", RecruitmentStatus.recruiting), ("Closed to Accrual", .activeNotRecruiting),
        ("Closed to Accrual and Intervention", .activeNotRecruiting), ("Suspended", .suspended),
        ("Temporarily Closed to Accrual", .suspended), ("On Hold", .suspended), ("New", .notYetRecruiting),
        ("IRB Initial Approval", .notYetRecruiting), ("IRB Study Closure", .completed), ("Terminated", .terminated),
        ("Withdrawn", .withdrawn), ("Enrolling by Invitation", .enrollingByInvitation), ("Complete", .completed),
        ("Whatever", .unknown),
    ])
    func accrualStatus(_ written: String, _ status: RecruitmentStatus) throws {
        #expect(CTMLReader.status(written) == status)
    }

    @Test func anUnknownStatusIsReported() throws {
        let text = "protocol_no: 1\nstatus: Whatever\ntreatment_list: {step: []}\n"
        let account = try #require(try CTMLReader.read(data: Data(text.utf8), file: "s.yml").accounts.first)
        #expect(account.invalid.first?.field == "status" && account.invalid.first?.found == "Whatever")
    }

    /// The real CTML files: one account per file, with as many trials read as the file holds.
    @Test(
        .enabled(if: RealData.enabled, RealData.reason),
        arguments: [
            "ctml/00-001.yml", "ctml/NCT03297606_CAPTUR_Trial_v7.json", "ctml/NCT03114319_2023-05-26.json",
            "ctml/tmb.json", "ctml/trials_json_array.json",
        ])
    func realFilesHaveAnAccount(_ file: String) throws {
        let payload = try BoardReader.payload(path: RealData.path(file))
        #expect(payload.accounts.count == 1)
        #expect(payload.accounts.first?.recordsRead == payload.bundle.trials.count)
        #expect(payload.accounts.first?.usedFields["treatment_list"] == payload.bundle.trials.count)
    }
}
