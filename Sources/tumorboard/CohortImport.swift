import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// Cohort files among the paths of `tumorboard import`: recognised by content and imported as external
/// precedents (read-only, apart from the board's cases), each file in one transaction; a bad file is one
/// clear error and changes nothing.
enum CohortImport {
    /// The paths split into cohort files and the rest.
    static func split(_ paths: [String]) -> (cohorts: [String], others: [String]) {
        var cohorts: [String] = []
        var others: [String] = []
        for path in paths {
            let head = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 1 << 16) } ?? Data()
            if head.range(of: Data("\"tumorboard-cohort/".utf8)) != nil,
                let data = FileManager.default.contents(atPath: path), CohortReader.recognises(data)
            {
                cohorts.append(path)
            } else {
                others.append(path)
            }
        }
        return (cohorts, others)
    }

    /// Reads every file first (nothing is written if one is bad), then imports each.
    static func run(_ paths: [String], store: any PrecedentStore, dryRun: Bool) throws -> [String] {
        let files = try paths.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ImportError(file: path, message: "cannot read the file")
            }
            return try CohortReader.read(data, file: path)
        }
        return try files.map { file in
            if dryRun {
                return "would import \(file.precedents.count) external precedents from \(file.institution)"
            }
            let result = try store.importCohort(file, now: Date())
            return "imported \(file.precedents.count) external precedents from \(file.institution)"
                + (result.replaced > 0 ? " (replacing \(result.replaced) of an earlier import)" : "")
        }
    }
}
