import BoardModel
import Foundation

/// The registry facts of a study (`TrialRegistryFacts`) from API v2 JSON (the classic API's JSON is turned into v2
/// first) and from the legacy XML record, field for field as ClinicalTrials.gov's study data structure names them.
enum RegistryFactsReading {
    /// API v2: `identificationModule.orgStudyIdInfo.id`, `briefTitle`, `designModule.enrollmentInfo.{count,type}`,
    /// `statusModule.{start,primaryCompletion,completion}DateStruct.{date,type}`, `conditionsModule.keywords`,
    /// and the study's `hasResults` (a `resultsSection` also means results are posted).
    static func v2(_ study: JSONNode) -> TrialRegistryFacts? {
        let p = study["protocolSection"]
        let ident = p["identificationModule"]
        let status = p["statusModule"]
        let enrollment = p["designModule"]["enrollmentInfo"]
        func dated(_ node: JSONNode) -> TrialRegistryFacts.Dated? {
            node["date"].string.map { .init(date: $0, type: TrialRegistryFacts.type(node["type"].string)) }
        }
        let facts = TrialRegistryFacts(
            orgStudyId: ident["orgStudyIdInfo"]["id"].string, briefTitle: ident["briefTitle"].string,
            enrollment: enrollment["count"].int.map {
                .init(count: $0, type: TrialRegistryFacts.type(enrollment["type"].string))
            },
            start: dated(status["startDateStruct"]), primaryCompletion: dated(status["primaryCompletionDateStruct"]),
            completion: dated(status["completionDateStruct"]),
            keywords: p["conditionsModule"]["keywords"].array.compactMap(\.string),
            hasResults: study["hasResults"].bool ?? (study["resultsSection"].exists ? true : nil))
        return facts.isEmpty ? nil : facts
    }

    /// Legacy XML: `id_info/org_study_id`, `brief_title`, `enrollment` (with its `type` attribute), `start_date`,
    /// `primary_completion_date` and `completion_date` (each with `type`), every `keyword`, and `clinical_results`.
    static func xml(_ root: XMLElementTree) -> TrialRegistryFacts? {
        func dated(_ name: String) -> TrialRegistryFacts.Dated? {
            root.child(name).flatMap { e in
                root.text(name).map { .init(date: $0, type: TrialRegistryFacts.type(e.attributes["type"])) }
            }
        }
        let enrollment = root.child("enrollment")
        let facts = TrialRegistryFacts(
            orgStudyId: root.child("id_info")?.text("org_study_id"), briefTitle: root.text("brief_title"),
            enrollment: root.text("enrollment").flatMap(Int.init).map {
                .init(count: $0, type: TrialRegistryFacts.type(enrollment?.attributes["type"]))
            },
            start: dated("start_date"), primaryCompletion: dated("primary_completion_date"),
            completion: dated("completion_date"),
            keywords: root.children("keyword").map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty },
            // The legacy record says nothing about results when it has none: absent is "not posted" only if the
            // record is complete, which it cannot show, so absence stays unknown.
            hasResults: root.child("clinical_results") != nil ? true : nil)
        return facts.isEmpty ? nil : facts
    }
}
