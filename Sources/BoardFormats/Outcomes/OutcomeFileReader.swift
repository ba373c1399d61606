import BoardModel
import Foundation

/// Reads outcomes from a file: native JSON (`{"outcomes": [...]}` or a list of outcome records), a cBioPortal
/// timeline file (TREATMENT and STATUS events), or FHIR (a Bundle or one resource: mCODE CancerDiseaseStatus
/// Observations, MedicationAdministration and MedicationStatement). The format is told by the content, not the name.
public enum OutcomeFileReader {
    public static func read(path: String) throws -> OutcomeFileContent {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, message: "cannot read the file")
        }
        return try read(data: data, file: path)
    }

    public static func read(data: Data, file: String) throws -> OutcomeFileContent {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError(file: file, message: "not UTF-8 text")
        }
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.first
        if start == "{" || start == "[" {
            let root = try JSONNode.parse(data, file: file)
            if root["resourceType"].exists { return try OutcomeFHIRReader.read(root, file: file) }
            return try native(root, data: data, file: file)
        }
        return try OutcomeTimelineReader.read(text, file: file)
    }

    /// Native outcome records: the fields of `CaseOutcome` (id, caseId, kind, date, regimen, drugs, …).
    static func native(_ root: JSONNode, data: Data, file: String) throws -> OutcomeFileContent {
        var account = ImportAccount(file: file, format: "native outcomes")
        let wrapped = root["outcomes"].exists
        let list = wrapped ? root["outcomes"] : root
        let path = wrapped ? "$.outcomes" : "$"
        guard list.value is [Any] else {
            throw ImportError(
                file: file, location: path, message: "expected a list of outcomes (or {\"outcomes\": [...]})")
        }
        let known = Set(CaseOutcome.fieldNames)
        var records: [OutcomeFileRecord] = []
        for (i, item) in list.array.enumerated() {
            account.read()
            let location = "\(path)[\(i)]"
            for key in item.keys {
                if known.contains(key) { account.used(key) } else { account.unused(key) }
            }
            guard let itemData = try? JSONSerialization.data(withJSONObject: item.value as Any) else { continue }
            do {
                let outcome = try NativeReader.decoder.decode(CaseOutcome.self, from: itemData)
                if outcome.isRetracted {
                    account.skip("retracted outcomes (an outcome is retracted in the store, never imported retracted)")
                    continue
                }
                let subject = outcome.caseId.isEmpty ? nil : outcome.caseId
                records.append(OutcomeFileRecord(outcome: outcome, subject: subject, location: location))
            } catch let DecodingError.dataCorrupted(context) {
                throw ImportError(
                    file: file, location: location + pathText(context.codingPath), message: context.debugDescription)
            } catch let DecodingError.keyNotFound(key, _) {
                throw ImportError(file: file, location: location, message: "expected \"\(key.stringValue)\"")
            } catch let DecodingError.typeMismatch(_, context) {
                throw ImportError(
                    file: file, location: location + pathText(context.codingPath), message: context.debugDescription)
            } catch let DecodingError.valueNotFound(_, context) {
                throw ImportError(
                    file: file, location: location + pathText(context.codingPath), message: context.debugDescription)
            }
        }
        return OutcomeFileContent(records: records, account: account)
    }

    static func pathText(_ path: [CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
