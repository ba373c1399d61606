import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// Asserts ../shared/realdata/expected.json (hand-curated, read at test time) for every clinical-record file:
/// FHIR, Phenopackets, cBioPortal clinical and CIViC. Each `must` item is checked against what the reader
/// produced, through a view that names the model's fields in the curation's words. Items the model cannot hold are
/// listed in `notInTheModel` with the reason; an item that is neither checkable nor listed fails the test, so the
/// list stays honest.
@Suite("expected.json: clinical records")
struct ExpectedRecordsTests {
    static let files: [String] = {
        guard let data = FileManager.default.contents(atPath: RealData.path("expected.json")),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return json.keys.filter {
            ["fhir/", "phenopackets/", "cbioportal_clinical/", "civic/"].contains(where: $0.hasPrefix)
        }.sorted()
    }()

    static func expected(_ file: String) -> [String: Any] {
        let data = FileManager.default.contents(atPath: RealData.path("expected.json"))!
        return (try! JSONSerialization.jsonObject(with: data) as! [String: Any])[file] as! [String: Any]
    }

    /// Paths the model has no place for, and why (reported by the test, never silently passed).
    static let notInTheModel: [String: String] = [
        "patient.karyotypic_sex": "karyotypic sex: not a field of Patient",
        "report": "report grouper members: reports keep lab, assay, date and specimen only",
        "report.results": "report result references: not kept",
        "diagnostic_procedures": "imaging and bronchoscopy: diagnostic procedures are counted as skipped, not therapy",
        "asserter": "Practitioner references: not kept",
        "request": "the MedicationRequest an administration answers: not kept",
        "reason": "a medication's reason reference: not kept",
        "reason.oncotree": "a medication's reason code is the prescriber's indication, not a diagnosis of the case",
        "stage.assessment": "stage assessment reference: not kept",
        "diagnostic_implication":
            "a diagnostic implication is kept on its variant, its level unknown when not on a known scale; significance and disease are not compared here",
        "tumours":
            "tumours named as phenotypic features: their OncoTree code is the diagnosis' code, the words its histology",
        "diagnosis.other_cancer_conditions": "further conditions of the same tumour are merged into the diagnosis",
        "schema_version": "refused files keep nothing",
        "columns": "the header of a CIViC export is not stored",
        "oncotree_examples": "no ONCOTREE_CODE column: the curator's mapping from free text is not made by the reader",
        "stage.pathological": "one Stage per case: the pathological group equals the clinical one here (IIIA)",
        "diagnoses":
            "non-cancer diseases are kept as comorbidities (checked through diagnoses.excluded and no diagnosis)",
    ]

    /// What a reader made of one file, and how it failed if it refused the file.
    struct Outcome {
        var payload: ImportPayload?
        var error: ImportError?
    }

    static func read(_ file: String) -> Outcome {
        do { return Outcome(payload: try BoardReader.payload(path: RealData.path(file))) } catch let e as ImportError {
            return Outcome(error: e)
        } catch { return Outcome(error: ImportError(file: file, message: "\(error)")) }
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason), arguments: files)
    func mustItems(file: String) throws {
        let entry = Self.expected(file)
        let outcome = Self.read(file)
        var checked = 0
        var notInModel: [String] = []
        for item in entry["must"] as? [[String: Any]] ?? [] {
            if let path = item["path"] as? String {
                if let reason = Self.notInTheModel[path] {
                    notInModel.append("\(path): \(reason)")
                    continue
                }
                let result = View.check(path: path, item: item, outcome: outcome, file: file)
                switch result {
                case .pass: checked += 1
                case .fail(let why): Issue.record("\(file): \(path): \(why)")
                case .unknownPath: Issue.record("\(file): \(path) is neither checked nor listed as outside the model")
                case .notInModel(let why): notInModel.append("\(path): \(why)")
                }
            } else if let what = item["what"] as? String {
                switch View.checkWhat(what, item: item, outcome: outcome, file: file) {
                case .pass: checked += 1
                case .fail(let why): Issue.record("\(file): \(what) \(item["match"] ?? ""): \(why)")
                case .unknownPath: Issue.record("\(file): \(what) is neither checked nor listed as outside the model")
                case .notInModel(let why): notInModel.append("\(what): \(why)")
                }
            }
        }
        // Counts the account can show: records read (rows, entries, resources) and the records made of them.
        let counts = entry["counts"] as? [String: Any] ?? [:]
        if let payload = outcome.payload, let account = payload.accounts.first {
            for key in ["rows", "entries", "resources"] {
                guard let n = counts[key] as? Int else { continue }
                #expect(account.recordsRead == n, "\(file): \(key) \(n), records read \(account.recordsRead)")
                checked += 1
            }
            let cases = payload.partialCases + payload.caseAdditions
            if let n = counts["patients"] as? Int, file.hasPrefix("cbioportal") {
                #expect(cases.count == n, "\(file): patients \(n), read \(cases.count)")
                checked += 1
            }
            if let n = counts["samples"] as? Int {
                let samples = cases.reduce(0) { $0 + $1.reports.count }
                #expect(samples == n, "\(file): samples \(n), read \(samples)")
                checked += 1
            }
            if let n = counts["events"] as? Int {
                let events = cases.reduce(0) { $0 + $1.treatmentHistory.count }
                #expect(events == n, "\(file): events \(n), read \(events)")
                checked += 1
            }
        }
        #expect(checked > 0, "no expected.json item of \(file) was checked")
        if !notInModel.isEmpty { print("\(file): not in the model: " + notInModel.joined(separator: "; ")) }
    }

    /// Nothing lost silently: every field or column with a value is used, listed as not used, or inside a record
    /// skipped with its reason — counted independently of the reader, field by field.
    @Test(.enabled(if: RealData.enabled, RealData.reason), arguments: files)
    func everyFieldIsAccountedFor(file: String) throws {
        let outcome = Self.read(file)
        guard let payload = outcome.payload else {
            #expect(outcome.error != nil)
            return
        }
        let account = try #require(payload.accounts.first { $0.file == RealData.path(file) })
        let independent = try Census.count(file)
        for (field, count) in independent {
            let seen =
                (account.usedFields[field] ?? 0) + (account.unusedFields[field] ?? 0)
                + (account.fieldsOfSkippedRecords[field] ?? 0)
            #expect(seen == count, "\(file): field \(field) has \(count) values; the account shows \(seen)")
        }
        for field in Set(account.usedFields.keys).union(account.unusedFields.keys).union(
            account.fieldsOfSkippedRecords.keys)
        {
            #expect(independent[field] != nil, "\(file): the account names \(field), which the file does not have")
        }
        #expect(account.recordsRead > 0)
    }
}

/// Counts a file's values per field name without the readers' code: JSON scalars by path (FHIR names start with
/// the resource type), TSV cells by column.
enum Census {
    static func count(_ file: String) throws -> [String: Int] {
        let data = try #require(RealData.data(file))
        if file.hasSuffix(".json") {
            let root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            var counts: [String: Int] = [:]
            func walk(_ value: Any, _ name: String) {
                switch value {
                case let o as [String: Any]: for (k, v) in o { walk(v, name.isEmpty ? k : name + "." + k) }
                case let l as [Any]: for v in l { walk(v, name) }
                case is NSNull: return
                case let s as String where s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty: return
                default: counts[name, default: 0] += 1
                }
            }
            if file.hasPrefix("fhir/"), let o = root as? [String: Any] {
                let type = o["resourceType"] as? String ?? "Resource"
                if type == "Bundle" {
                    for (k, v) in o where k != "entry" { walk(v, "Bundle." + k) }
                    for case let e as [String: Any] in o["entry"] as? [Any] ?? [] {
                        for (k, v) in e where k != "resource" { walk(v, "Bundle.entry." + k) }
                        if let r = e["resource"] as? [String: Any] {
                            let t = r["resourceType"] as? String ?? "entry"
                            for (k, v) in r { walk(v, t + "." + k) }
                        }
                    }
                } else {
                    for (k, v) in o { walk(v, type + "." + k) }
                }
            } else {
                walk(root, "")
            }
            return counts
        }
        // TSV: the header is the first line not starting with "#"; records are split on LF only.
        let lines = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "").split(
            separator: "\n", omittingEmptySubsequences: true
        )
        .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let headerIndex = lines.firstIndex(where: { !$0.hasPrefix("#") }) else { return [:] }
        let header = lines[headerIndex].components(separatedBy: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
        let missing: Set<String> = file.hasPrefix("civic/") ? ["", "N/A", "NA"] : CBioPortalClinicalReader.missing
        var counts: [String: Int] = [:]
        for line in lines[(headerIndex + 1)...] where !line.hasPrefix("#") {
            for (i, raw) in line.components(separatedBy: "\t").enumerated() where i < header.count {
                var cell = raw.trimmingCharacters(in: .whitespaces)
                if file.hasPrefix("cbioportal"), cell.count >= 2, cell.hasPrefix("\""), cell.hasSuffix("\"") {
                    cell = String(cell.dropFirst().dropLast())
                }
                if file.hasPrefix("civic/") { cell = cell.trimmingCharacters(in: .whitespacesAndNewlines) }
                if missing.contains(file.hasPrefix("civic/") ? cell : cell.uppercased()) { continue }
                counts[header[i], default: 0] += 1
            }
        }
        return counts
    }
}
