import BoardModel
import Foundation

/// The genome build of each report of a case, loaded once per case (only for findings that lie where a variant
/// with evidence lies).
struct ReportBuilds {
    private var byCase: [String: [String: String]] = [:]

    /// `load` reads the case (each backend its own way), once per case.
    mutating func build(caseId: String, report: String?, load: (String) throws -> Case?) throws -> String? {
        if byCase[caseId] == nil {
            var builds: [String: String] = [:]
            for r in try load(caseId)?.reports ?? [] { builds[r.id] = r.genomeBuild }
            byCase[caseId] = builds
        }
        guard let report else { return nil }
        return byCase[caseId]?[report]
    }
}
