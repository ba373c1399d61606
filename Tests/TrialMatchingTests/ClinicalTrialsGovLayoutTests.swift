import BoardModel
import Foundation
import Testing

@testable import BoardFormats
@testable import TrialMatching

/// The classic ClinicalTrials.gov API JSON (FullStudiesResponse / FullStudy) reads into the same trial as API v2,
/// every overall status the registry uses is known, and the study type is kept.
@Suite struct ClinicalTrialsGovLayoutTests {
    func read(_ json: String) throws -> Trial {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ctgov-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try #require(try BoardReader.payload(path: file.path).bundle.trials.first)
    }

    static let classic = """
        {"FullStudiesResponse": {"APIVrs": "1.01.05", "FullStudies": [{"Rank": 1, "Study": {"ProtocolSection": {
         "IdentificationModule": {"NCTId": "NCT09999991", "BriefTitle": "Synthetic classic study", "Acronym": "SYN-1"},
         "StatusModule": {"OverallStatus": "Active, not recruiting"},
         "DesignModule": {"StudyType": "Interventional", "PhaseList": {"Phase": ["Phase 1", "Phase 2"]}},
         "ConditionsModule": {"ConditionList": {"Condition": ["Rare Thing", "Other Rare Thing"]}},
         "ArmsInterventionsModule": {"ArmGroupList": {"ArmGroup": [{"ArmGroupLabel": "Arm A", "ArmGroupType": "Experimental",
           "ArmGroupInterventionList": {"ArmGroupInterventionName": ["Drug: Olaparib"]}}]}},
         "EligibilityModule": {"EligibilityCriteria": "Inclusion Criteria:\\n\\n* ECOG 0-1\\n\\nExclusion Criteria:\\n\\n* Prior olaparib",
           "Gender": "Female", "MinimumAge": "18 Years"}},
         "DerivedSection": {"ConditionBrowseModule": {"ConditionMeshList": {"ConditionMesh": [{"ConditionMeshTerm": "Breast Neoplasms"}]}}}}}]}}
        """

    static let v2 = """
        {"protocolSection": {"identificationModule": {"nctId": "NCT09999991", "briefTitle": "Synthetic classic study", "acronym": "SYN-1"},
         "statusModule": {"overallStatus": "ACTIVE_NOT_RECRUITING"},
         "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1", "PHASE2"]},
         "conditionsModule": {"conditions": ["Rare Thing", "Other Rare Thing"]},
         "armsInterventionsModule": {"armGroups": [{"label": "Arm A", "type": "EXPERIMENTAL", "interventionNames": ["Drug: Olaparib"]}]},
         "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\\n\\n* ECOG 0-1\\n\\nExclusion Criteria:\\n\\n* Prior olaparib",
           "sex": "FEMALE", "minimumAge": "18 Years"}},
         "derivedSection": {"conditionBrowseModule": {"meshes": [{"term": "Breast Neoplasms"}]}}}
        """

    @Test func classicAndV2GiveTheSameTrial() throws {
        var a = try read(Self.classic)
        var b = try read(Self.v2)
        a.provenance = nil
        b.provenance = nil
        #expect(a == b)
        #expect(a.status == .activeNotRecruiting && a.phase == "Phase 1/Phase 2" && a.studyType == "interventional")
        // Neither listed condition maps; the MeSH condition term does.
        #expect(
            a.eligibility.diagnoses == ["BREAST"] && a.eligibility.conditions == ["Rare Thing", "Other Rare Thing"])
        #expect(a.arms.map(\.drugs) == [["Olaparib"]])
    }

    @Test func everyOverallStatusOfTheRegistry() {
        for text in [
            "Available", "No longer available", "Temporarily not available", "Approved for marketing", "Withheld",
            "Enrolling by invitation", "Active, not recruiting", "NOT_YET_RECRUITING", "Unknown status",
        ] {
            #expect(RecruitmentStatus(registry: text) != nil, "\(text)")
        }
        #expect(RecruitmentStatus(registry: "Available") == .available && RecruitmentStatus.available.isOpen)
    }
}

/// Umbrella trials state each arm's own criteria in the arm group descriptions: they are read per arm, and no
/// arm is "also fits" without them.
@Suite struct ArmDescriptionTests {
    @Test func armDescriptionsAreTheArmsOwnCriteria() throws {
        let arms = [
            TrialArm(
                id: "Subprotocol H", name: "Subprotocol H", drugs: ["Dabrafenib"],
                description: "Subprotocol H: BRAF V600E/R/K/D mutation"),
            TrialArm(id: "Arm B", name: "Arm B", drugs: ["Osimertinib"], description: "Arm B: EGFR T790M"),
        ]
        let trial = Trial(
            id: "NCT09999992", title: "Synthetic umbrella", status: .recruiting, arms: arms,
            eligibility: Eligibility(minimumAge: 18))
        let engine = MatchEngine(trials: [trial])
        let braf = Fixtures.makeCase(findings: [
            Finding(id: "f1", kind: .snv, gene: "BRAF", hgvsP: "p.V600E", classification: .oncogenic)
        ])
        let matches = engine.matchEveryArm(braf, on: Fixtures.day)
        let h = try #require(matches.first { $0.armId == "Subprotocol H" })
        let b = try #require(matches.first { $0.armId == "Arm B" })
        #expect(h.status == .eligible, "\(Fixtures.describe(h))")
        #expect(b.status == .notEligible, "\(Fixtures.describe(b))")
        #expect(b.outcomes.contains { $0.criterion.hasPrefix("arm Arm B: ") && $0.outcome == .notMet })
    }
}
