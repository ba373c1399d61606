import BoardModel
import Foundation

/// Reads ClinicalTrials.gov API v2 JSON — one study (`protocolSection` …) or a page (`{"studies": [...]}`) —
/// into trials: identification, status, phases, sponsor, conditions (mapped to OncoTree when the name is one),
/// arms with their drugs, eligibility (age, sex, the criteria text split into inclusion and exclusion) and sites.
/// The registry facts (enrolment, dates, keywords, the sponsor's study id, results posted) are kept beside them.
/// Results, documents and derived sections are not read.
public enum ClinicalTrialsGovReader {
    static func recognises(_ root: JSONNode) -> Bool {
        root["protocolSection"].exists || root["studies"].array.first?["protocolSection"].exists == true
            || ClinicalTrialsGovClassicJSON.recognises(root)
    }

    public static func read(data: Data, file: String) throws -> ImportPayload {
        try read(root: JSONNode.parse(data, file: file), file: file)
    }

    static func read(root: JSONNode, file: String) throws -> ImportPayload {
        let studies =
            ClinicalTrialsGovClassicJSON.recognises(root)
            ? ClinicalTrialsGovClassicJSON.studies(root)
            : root["studies"].exists ? root["studies"].array : [root]
        var payload = ImportPayload()
        for study in studies {
            payload.bundle.trials.append(try trial(study, file: file))
        }
        var account = ImportAccount(file: file, format: "ctgov")
        account.read(studies.count)
        payload.accounts = [account]
        let name = URL(fileURLWithPath: file).lastPathComponent
        let unread = studies.filter { $0["resultsSection"].exists }.count
        if unread > 0 {
            payload.skipped.append(
                "\(name): results sections of \(unread) stud\(unread == 1 ? "y" : "ies"): not used by the board")
        }
        return payload
    }

    static func trial(_ study: JSONNode, file: String) throws -> Trial {
        let p = study["protocolSection"]
        guard p.exists else {
            throw ImportError(
                file: file, location: p.path,
                message: "missing protocolSection; expected a ClinicalTrials.gov API v2 study")
        }
        try checkShape(p, file: file)
        let ident = p["identificationModule"]
        let nct = try ident["nctId"].requireString(file, expected: "identificationModule.nctId")
        guard Trial.isValidNCTId(nct) else {
            throw ImportError(
                file: file, location: ident["nctId"].path, message: "expected an NCT id (NCT and eight digits)")
        }
        let title = ident["officialTitle"].string ?? ident["briefTitle"].string ?? nct
        let phases = p["designModule"]["phases"].array.compactMap(\.string).map(TrialText.phase)
        let status = RecruitmentStatus(registry: p["statusModule"]["overallStatus"].string ?? "") ?? .unknown
        let interventions = p["armsInterventionsModule"]["interventions"].array
        var arms: [TrialArm] = []
        for (i, group) in p["armsInterventionsModule"]["armGroups"].array.enumerated() {
            let label = group["label"].string ?? "Arm \(i + 1)"
            let named = group["interventionNames"].array.compactMap(\.string)
            var drugs = named.filter { TrialText.isMedicine(type: TrialText.interventionType($0)) }
                .map(TrialText.interventionName)
            if named.isEmpty {
                drugs = interventions.filter { $0["armGroupLabels"].array.compactMap(\.string).contains(label) }
                    .filter { TrialText.isMedicine(type: $0["type"].string) }.compactMap { $0["name"].string }
            }
            let described =
                ([group["description"].string]
                + interventions.filter { $0["armGroupLabels"].array.compactMap(\.string).contains(label) }
                .map { $0["description"].string }).compactMap { $0 }.joined(separator: "\n")
            arms.append(
                TrialArm(
                    id: label,
                    name: label
                        + (group["type"].string.map { " (\($0.lowercased().replacingOccurrences(of: "_", with: " ")))" }
                            ?? ""),
                    drugs: drugs, description: described.isEmpty ? nil : described))
        }
        let e = p["eligibilityModule"]
        let (inclusion, exclusion) = TrialText.splitCriteria(e["eligibilityCriteria"].string)
        let conditions = p["conditionsModule"]["conditions"].array.compactMap(\.string)
        let sites = p["contactsLocationsModule"]["locations"].array.map { l in
            TrialSite(
                name: l["facility"].string ?? l["city"].string ?? "site", city: l["city"].string,
                country: l["country"].string,
                recruiting: l["status"].string.map { $0 == "RECRUITING" })
        }
        let eligibility = Eligibility(
            minimumAge: TrialText.years(e["minimumAge"].string), maximumAge: TrialText.years(e["maximumAge"].string),
            sex: TrialText.sex(e["sex"].string),
            diagnoses: TrialText.oncotreeCodes(
                conditions,
                mesh: study["derivedSection"]["conditionBrowseModule"]["meshes"].array.compactMap { $0["term"].string }),
            conditions: conditions, inclusionText: inclusion, exclusionText: exclusion)
        var trial = Trial(
            id: nct, title: title, shortTitle: ident["acronym"].string ?? ident["briefTitle"].string,
            phase: phases.isEmpty ? nil : phases.joined(separator: "/"), status: status,
            sponsor: p["sponsorCollaboratorsModule"]["leadSponsor"]["name"].string, sites: sites, arms: arms,
            eligibility: eligibility, provenance: Provenance(file: file, recordId: nct, format: "ctgov-json"))
        trial.studyType = p["designModule"]["studyType"].string.map(TrialText.studyType)
        trial.closeArmsOfClosedTrial()
        trial.registry = RegistryFactsReading.v2(study)
        let statusModule = p["statusModule"]
        trial.lastUpdated = TrialText.registryDate(
            statusModule["lastUpdatePostDateStruct"]["date"].string ?? statusModule["lastUpdateSubmitDate"].string)
        return trial
    }
}

extension ClinicalTrialsGovReader {
    /// The modules the board reads, and the lists inside them, must have the registry's types (the API v2 schema:
    /// modules are objects, arm groups, interventions, conditions, locations and phases are arrays, the criteria a
    /// string). A damaged record is refused with the path of the first wrong value, rather than stored with its arms
    /// or eligibility silently empty.
    static func checkShape(_ p: JSONNode, file: String) throws {
        guard p.object != nil else {
            throw ImportError(file: file, location: p.path, message: "expected protocolSection as an object")
        }
        let modules = [
            "identificationModule", "statusModule", "designModule", "armsInterventionsModule", "eligibilityModule",
            "conditionsModule", "contactsLocationsModule", "sponsorCollaboratorsModule",
        ]
        for name in modules where p[name].exists && p[name].object == nil {
            throw ImportError(file: file, location: p[name].path, message: "expected \(name) as an object")
        }
        let lists = [
            ("armsInterventionsModule", "armGroups"), ("armsInterventionsModule", "interventions"),
            ("conditionsModule", "conditions"), ("contactsLocationsModule", "locations"), ("designModule", "phases"),
        ]
        for (module, name) in lists where p[module][name].exists && !(p[module][name].value is [Any]) {
            throw ImportError(file: file, location: p[module][name].path, message: "expected \(name) as a list")
        }
        for node in p["armsInterventionsModule"]["armGroups"].array
            + p["armsInterventionsModule"]["interventions"].array
        where node.object == nil {
            throw ImportError(file: file, location: node.path, message: "expected an object")
        }
        let criteria = p["eligibilityModule"]["eligibilityCriteria"]
        if criteria.exists && !(criteria.value is String) {
            throw ImportError(file: file, location: criteria.path, message: "expected eligibilityCriteria as text")
        }
    }
}

/// Spellings shared by the ClinicalTrials.gov JSON and XML readers, so that both give the same trial.
enum TrialText {

    /// A registry date as API v2 ("2023-06-13") or the legacy XML and classic JSON ("March 9, 2020", "June 2023")
    /// write it; nil when it is none of these or not on the calendar.
    static func registryDate(_ raw: String?) -> LocalDate? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        if raw.first?.isNumber == true { return LocalDate(raw) }
        let words = raw.replacingOccurrences(of: ",", with: " ").split(separator: " ")
        let months = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        guard let m = months.firstIndex(of: words.first?.lowercased() ?? ""), let year = words.last.flatMap({ Int($0) })
        else { return nil }
        let day = words.count == 3 ? Int(words[1]) : 1
        guard let day, words.count <= 3, year >= 1000 else { return nil }
        return LocalDate(String(format: "%04d-%02d-%02d", year, m + 1, day))
    }

    /// "PHASE3" / "Phase 3" → "Phase 3"; "EARLY_PHASE1" → "Early Phase 1".
    static func phase(_ raw: String) -> String {
        switch raw.uppercased().replacingOccurrences(of: " ", with: "") {
        case "PHASE1": "Phase 1"
        case "PHASE2": "Phase 2"
        case "PHASE3": "Phase 3"
        case "PHASE4": "Phase 4"
        case "EARLY_PHASE1", "EARLYPHASE1": "Early Phase 1"
        case "NA", "N/A": "N/A"
        default: raw
        }
    }

    /// "INTERVENTIONAL" / "Expanded Access" → "interventional" / "expanded access".
    static func studyType(_ raw: String) -> String {
        raw.lowercased().replacingOccurrences(of: "_", with: " ")
    }

    /// ClinicalTrials.gov intervention types (InterventionType), spelled as API v2 writes them.
    static let interventionTypes: Set<String> = [
        "DRUG", "BIOLOGICAL", "GENETIC", "COMBINATION_PRODUCT", "BEHAVIORAL", "PROCEDURE", "RADIATION", "DEVICE",
        "DIAGNOSTIC_TEST", "DIETARY_SUPPLEMENT", "OTHER",
    ]

    /// The type before the colon of an intervention name ("Behavioral: EORTC QLQ-C30" → "BEHAVIORAL"); nil when the
    /// name does not start with a known type.
    static func interventionType(_ raw: String) -> String? {
        guard let colon = raw.firstIndex(of: ":") else { return nil }
        let type = raw[..<colon].trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(
            of: " ", with: "_")
        return interventionTypes.contains(type) ? type : nil
    }

    /// Whether an intervention is a medicine an arm gives (drug, biological, genetic, combination product); a
    /// questionnaire, procedure, radiation, device, test, supplement or "other" is not an arm's drug. Unstated: kept.
    static func isMedicine(type: String?) -> Bool {
        guard let type else { return true }
        let t = type.uppercased().replacingOccurrences(of: " ", with: "_")
        return ["DRUG", "BIOLOGICAL", "GENETIC", "COMBINATION_PRODUCT"].contains(t) || !interventionTypes.contains(t)
    }

    /// "Drug: Palbociclib" → "Palbociclib" (a name without a known type before a colon is kept whole).
    static func interventionName(_ raw: String) -> String {
        guard interventionType(raw) != nil, let colon = raw.firstIndex(of: ":") else { return raw }
        return raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// "18 Years" → 18; months, weeks and days count as 0 years; nil when absent or "N/A".
    static func years(_ raw: String?) -> Int? {
        guard let raw, let n = Int(raw.split(separator: " ").first ?? "") else { return nil }
        return raw.lowercased().contains("year") ? n : 0
    }

    static func sex(_ raw: String?) -> Sex? {
        switch raw?.uppercased() {
        case "FEMALE": .female
        case "MALE": .male
        default: nil
        }
    }

    /// Every listed condition mapped to OncoTree (the bundled names and the cited condition/MeSH crosswalk);
    /// when none of them maps, the registry's MeSH condition terms are tried instead (they are broader, so
    /// they only stand in for conditions that say nothing OncoTree knows).
    static func oncotreeCodes(_ conditions: [String], mesh: [String] = []) -> [String] {
        var codes: [String] = []
        for c in conditions {
            if let code = TrialConditionCrosswalk.code(for: c) ?? ClinicalVocabulary.commonNames[c.lowercased()],
                !codes.contains(code)
            {
                codes.append(code)
            }
        }
        if codes.isEmpty {
            for m in mesh {
                if let code = TrialConditionCrosswalk.code(for: m), !codes.contains(code) { codes.append(code) }
            }
        }
        return codes
    }

    /// Splits "Inclusion Criteria: … Exclusion Criteria: …" into its two parts.
    static func splitCriteria(_ text: String?) -> (String?, String?) {
        guard let text else { return (nil, nil) }
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard let ex = normalised.range(of: "exclusion criteria", options: .caseInsensitive) else {
            return (strip(normalised), nil)
        }
        let inclusion = String(normalised[..<ex.lowerBound])
        let exclusion = String(normalised[ex.upperBound...])
        return (strip(inclusion), strip(exclusion))
    }

    private static func strip(_ part: String) -> String? {
        var t = part.trimmingCharacters(in: .whitespacesAndNewlines)
        for head in ["Inclusion Criteria:", "Inclusion criteria:", "INCLUSION CRITERIA:", ":"] where t.hasPrefix(head) {
            t = String(t.dropFirst(head.count))
        }
        t = t.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}
