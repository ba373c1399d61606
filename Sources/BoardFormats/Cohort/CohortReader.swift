import BoardModel
import Foundation

/// Reads a cohort file written by `CohortWriter` (here or at a partner board): the `tumorboard` section's
/// precedents, each checked to be a member of the Phenopackets cohort beside it. One clear error for a bad
/// file: which file, the JSON path, what was expected.
public enum CohortReader {
    /// Whether the data is a cohort file (a JSON object with a `tumorboard` section of this format family).
    public static func recognises(_ data: Data) -> Bool {
        guard data.prefix(1 << 16).range(of: Data("\"tumorboard\"".utf8)) != nil,
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let section = root["tumorboard"] as? [String: Any], let format = section["format"] as? String
        else { return false }
        return format.hasPrefix("tumorboard-cohort/") && root["cohort"] != nil
    }

    public static func read(_ data: Data, file: String) throws -> CohortFile {
        let document: CohortDocument
        do {
            document = try JSONDecoder().decode(CohortDocument.self, from: data)
        } catch let error as DecodingError {
            if let syntax = JSONSyntax.firstProblem(in: data) {
                throw ImportError(file: file, location: syntax.location, message: "not valid JSON (\(syntax.message))")
            }
            throw ImportError(file: file, location: path(of: error), message: message(of: error))
        } catch {
            throw ImportError(file: file, location: "$", message: "not JSON")
        }
        guard document.tumorboard.format == CohortWriter.format else {
            throw ImportError(
                file: file, location: "$.tumorboard.format",
                message: "expected \(CohortWriter.format), got \(document.tumorboard.format)")
        }
        let cohort = document.tumorboard.file
        if cohort.institution.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ImportError(
                file: file, location: "$.tumorboard.institution", message: "the exporting institution is not named")
        }
        if cohort.exportId.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ImportError(file: file, location: "$.tumorboard.exportId", message: "expected an export id")
        }
        let members = Set(document.cohort.members.map(\.id))
        var seen = Set<String>()
        for (index, p) in cohort.precedents.enumerated() {
            let at = "$.tumorboard.precedents[\(index)]"
            if !seen.insert(p.id).inserted {
                throw ImportError(file: file, location: at + ".id", message: "the id appears twice")
            }
            if !members.contains(p.id) {
                throw ImportError(
                    file: file, location: at + ".id", message: "expected the id of a member of $.cohort.members")
            }
            if p.daysFrom != "diagnosis" && p.daysFrom != "decision" {
                throw ImportError(
                    file: file, location: at + ".daysFrom", message: "expected \"diagnosis\" or \"decision\"")
            }
            for (r, rec) in p.recommendations.enumerated() where rec.evidence.map({ !$0.isValid }) ?? false {
                throw ImportError(
                    file: file, location: at + ".recommendations[\(r)].evidence",
                    message: "expected a level of \(rec.evidence!.scale.rawValue)")
            }
            if let age = p.ageAtDiagnosis, !(0...120).contains(age) {
                throw ImportError(
                    file: file, location: at + ".ageAtDiagnosis", message: "expected an age of 0–120 years")
            }
        }
        return cohort
    }

    static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        case .keyNotFound(let key, let c):
            return render(c.codingPath + [key])
        @unknown default: return "$"
        }
        return render(context.codingPath)
    }

    static func render(_ path: [CodingKey]) -> String {
        "$" + path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
    }

    static func message(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "expected \(type)"
        case .valueNotFound(let type, _): "expected a value (\(type))"
        case .keyNotFound(let key, _): "expected the key \"\(key.stringValue)\""
        case .dataCorrupted(let c): c.debugDescription
        @unknown default: "not a cohort file"
        }
    }
}
