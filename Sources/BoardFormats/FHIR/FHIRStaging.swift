import Foundation

/// What a FHIR stage says about itself: the staging system and edition (mCODE TNMStagingMethodVS, in
/// Observation.method or Condition.stage.type) and whether it is clinical or pathological (the stage-group
/// profile's LOINC code, or SNOMED CT "Clinical staging" / "Pathological staging" in Condition.stage.type).
extension FHIRReader {
    /// mCODE TNMStagingMethodVS (STU2/STU3) and STU1's NCIt code for AJCC 8th edition.
    static let stagingSystems: [String: String] = [
        "444256004": "AJCC 6th edition", "443830009": "AJCC 7th edition", "897275008": "AJCC 8th edition",
        "C146985": "AJCC 8th edition", "258235000": "UICC",
    ]
    /// LOINC stage-group and category codes and SNOMED CT staging kinds, by basis.
    static let clinicalStageCodes: Set<String> = [
        "21908-9", "21905-5", "21906-3", "21907-1", "260998006", "399537006",
    ]
    static let pathologicalStageCodes: Set<String> = [
        "21902-2", "21899-0", "21900-6", "21901-4", "261023001", "399588009",
    ]

    /// The staging system and edition a concept names ("AJCC 8th edition"), by code, else by its words
    /// ("AJCC Version 8", "American Joint Committee on Cancer … 8th edition"); nil when it names none.
    static func stagingSystem(_ concept: JSONNode) -> String? {
        for coding in codings(concept) {
            if let code = coding.code, let name = stagingSystems[code] { return name }
        }
        let words = ([concept["text"].string] + codings(concept).map(\.display)).compactMap { $0 }.joined(
            separator: " ")
        guard words.contains("AJCC") || words.contains("American Joint") else {
            return words.contains("UICC") || words.contains("International Union Against Cancer") ? "UICC" : nil
        }
        for edition in 6...9 {
            let ordinal = "\(edition)th"
            if words.contains("\(ordinal) edition") || words.contains("\(ordinal) Edition")
                || words.contains("Version \(edition)") || words.contains("version \(edition)")
            {
                return "AJCC \(ordinal) edition"
            }
        }
        return "AJCC, edition not stated"
    }

    /// "clinical" or "pathological" when a concept's codes or words say which; nil otherwise.
    static func stagingBasis(_ concept: JSONNode) -> String? {
        let codes = Set(codings(concept).compactMap(\.code))
        if !codes.isDisjoint(with: pathologicalStageCodes) { return "pathological" }
        if !codes.isDisjoint(with: clinicalStageCodes) { return "clinical" }
        let words = codedWords(concept).lowercased()
        if words.contains("patholog") { return "pathological" }
        if words.contains("clinical") { return "clinical" }
        return nil
    }
}
