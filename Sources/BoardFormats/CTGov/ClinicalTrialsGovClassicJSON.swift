import Foundation

/// The classic ClinicalTrials.gov API's JSON (retired in 2024, still in archives such as AllAPIJSON.zip):
/// `{"FullStudiesResponse": {"FullStudies": [{"Rank": 1, "Study": {...}}]}}`, or one `{"FullStudy": {...}}`.
/// Its modules carry the same fields as API v2 under PascalCase names with list wrappers
/// (`ConditionList.Condition`, `ArmGroupList.ArmGroup`, `ConditionMeshList.ConditionMesh`); this turns a
/// classic study into the v2 shape, so that one reader gives the same trial for both.
enum ClinicalTrialsGovClassicJSON {
    static func recognises(_ root: JSONNode) -> Bool {
        root["FullStudiesResponse"].exists || root["FullStudy"]["Study"].exists
            || root["Study"]["ProtocolSection"].exists
    }

    /// The studies of a classic document, each as an API v2 study node (keeping the JSON paths of the source).
    static func studies(_ root: JSONNode) -> [JSONNode] {
        let wrapped: [JSONNode]
        if root["FullStudiesResponse"].exists {
            wrapped = root["FullStudiesResponse"]["FullStudies"].array.map { $0["Study"] }
        } else if root["FullStudy"].exists {
            wrapped = [root["FullStudy"]["Study"]]
        } else {
            wrapped = [root["Study"]]
        }
        return wrapped.map { JSONNode(v2($0), path: $0.path) }
    }

    static func list(_ node: JSONNode, _ wrapper: String, _ item: String) -> [JSONNode] { node[wrapper][item].array }

    /// "Active, not recruiting" → ACTIVE_NOT_RECRUITING; "Phase 1/Phase 2" → PHASE1, PHASE2; "Female" → FEMALE.
    /// The entries that have a value (an absent type is left out, not stored as null).
    static func compact(_ entries: [String: Any?]) -> [String: Any] { entries.compactMapValues { $0 } }

    static func upperSnake(_ s: String) -> String {
        s.uppercased().replacingOccurrences(of: ", ", with: "_").replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
    }

    static func v2(_ study: JSONNode) -> [String: Any] {
        let p = study["ProtocolSection"]
        let ident = p["IdentificationModule"]
        var identification: [String: Any] = [:]
        for (from, to) in [
            ("NCTId", "nctId"), ("BriefTitle", "briefTitle"), ("OfficialTitle", "officialTitle"),
            ("Acronym", "acronym"),
        ] {
            if let v = ident[from].string { identification[to] = v }
        }
        var status: [String: Any] = [:]
        if let s = p["StatusModule"]["OverallStatus"].string { status["overallStatus"] = upperSnake(s) }
        if let d = p["StatusModule"]["LastUpdatePostDateStruct"]["LastUpdatePostDate"].string {
            status["lastUpdatePostDateStruct"] = ["date": d]
        }
        if let d = p["StatusModule"]["LastUpdateSubmitDate"].string { status["lastUpdateSubmitDate"] = d }
        var design: [String: Any] = [:]
        design["phases"] = list(p["DesignModule"], "PhaseList", "Phase").compactMap(\.string).map {
            upperSnake($0).replacingOccurrences(of: "_", with: "")
        }
        .map { $0 == "NOTAPPLICABLE" ? "NA" : $0 }
        if let t = p["DesignModule"]["StudyType"].string { design["studyType"] = upperSnake(t) }
        let arms = p["ArmsInterventionsModule"]
        let armGroups: [[String: Any]] = list(arms, "ArmGroupList", "ArmGroup").map { g in
            var out: [String: Any] = [:]
            if let v = g["ArmGroupLabel"].string { out["label"] = v }
            if let v = g["ArmGroupType"].string { out["type"] = upperSnake(v) }
            if let v = g["ArmGroupDescription"].string { out["description"] = v }
            out["interventionNames"] = list(g, "ArmGroupInterventionList", "ArmGroupInterventionName").compactMap(
                \.string)
            return out
        }
        let interventions: [[String: Any]] = list(arms, "InterventionList", "Intervention").map { i in
            var out: [String: Any] = [:]
            if let v = i["InterventionName"].string { out["name"] = v }
            if let v = i["InterventionType"].string { out["type"] = upperSnake(v) }
            if let v = i["InterventionDescription"].string { out["description"] = v }
            out["armGroupLabels"] = list(i, "InterventionArmGroupLabelList", "InterventionArmGroupLabel").compactMap(
                \.string)
            return out
        }
        let e = p["EligibilityModule"]
        var eligibility: [String: Any] = [:]
        if let v = e["EligibilityCriteria"].string { eligibility["eligibilityCriteria"] = v }
        if let v = e["MinimumAge"].string { eligibility["minimumAge"] = v }
        if let v = e["MaximumAge"].string { eligibility["maximumAge"] = v }
        if let v = e["Gender"].string { eligibility["sex"] = upperSnake(v) }
        let locations: [[String: Any]] = list(p["ContactsLocationsModule"], "LocationList", "Location").map { l in
            var out: [String: Any] = [:]
            if let v = l["LocationFacility"].string { out["facility"] = v }
            if let v = l["LocationCity"].string { out["city"] = v }
            if let v = l["LocationCountry"].string { out["country"] = v }
            if let v = l["LocationStatus"].string { out["status"] = upperSnake(v) }
            return out
        }
        var sponsor: [String: Any] = [:]
        if let v = p["SponsorCollaboratorsModule"]["LeadSponsor"]["LeadSponsorName"].string {
            sponsor["leadSponsor"] = ["name": v]
        }
        let meshes: [[String: Any]] = list(
            study["DerivedSection"]["ConditionBrowseModule"], "ConditionMeshList", "ConditionMesh"
        )
        .compactMap { m in m["ConditionMeshTerm"].string.map { ["term": $0] } }
        var out: [String: Any] = [
            "protocolSection": [
                "identificationModule": identification, "statusModule": status, "designModule": design,
                "armsInterventionsModule": ["armGroups": armGroups, "interventions": interventions],
                "eligibilityModule": eligibility,
                "conditionsModule": [
                    "conditions": list(p["ConditionsModule"], "ConditionList", "Condition").compactMap(\.string)
                ],
                "contactsLocationsModule": ["locations": locations], "sponsorCollaboratorsModule": sponsor,
            ] as [String: Any],
            "derivedSection": ["conditionBrowseModule": ["meshes": meshes]],
        ]
        if study["ResultsSection"].exists { out["resultsSection"] = [:] as [String: Any] }
        // Fields the board does not keep, marked under their v2 names so the account lists them as not used.
        guard var section = out["protocolSection"] as? [String: Any] else { return out }
        func put(_ value: Any?, _ module: String, _ key: String) {
            guard let value else { return }
            var target = section[module] as? [String: Any] ?? [:]
            target[key] = value
            section[module] = target
        }
        // The registry facts, in the classic API's field names (OrgStudyId, EnrollmentCount/Type, StartDate/Type …).
        put(ident["OrgStudyIdInfo"]["OrgStudyId"].string.map { ["id": $0] }, "identificationModule", "orgStudyIdInfo")
        let enrollment = p["DesignModule"]["EnrollmentInfo"]
        put(
            enrollment["EnrollmentCount"].int.map {
                compact(["count": $0, "type": enrollment["EnrollmentType"].string])
            },
            "designModule", "enrollmentInfo")
        for (classic, v2) in [
            ("StartDate", "startDateStruct"), ("PrimaryCompletionDate", "primaryCompletionDateStruct"),
            ("CompletionDate", "completionDateStruct"),
        ] {
            let date = p["StatusModule"]["\(classic)Struct"]
            put(
                date[classic].string.map { compact(["date": $0, "type": date["\(classic)Type"].string]) },
                "statusModule", v2)
        }
        let keywords = list(p["ConditionsModule"], "KeywordList", "Keyword").compactMap(\.string)
        if !keywords.isEmpty { put(keywords, "conditionsModule", "keywords") }
        out["protocolSection"] = section
        return out
    }
}
