import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// Every ClinicalTrials.gov and CTML file of ../shared/realdata against its expected.json entry (read at test
/// time). Items the trial model has no place for (enrollment, dates, keywords, free-text summaries of the
/// eligibility) are listed with the reason and counted apart; an item that is neither checked nor listed fails.
@Suite("Trial files match expected.json")
struct TrialExpectedTests {
    static let files: [String] = {
        guard let data = FileManager.default.contents(atPath: RealData.path("expected.json")),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return json.keys.filter { $0.hasPrefix("ctgov/") || $0.hasPrefix("ctml/") }.sorted()
    }()

    /// Paths the trial model has no field for, and why.
    static let notInTheModel: [String: String] = [
        "trial.official_title": "one title is kept (the official one when the registry gives it; checked as title)",
        "trial.last_update_submitted": "the posted date (last_update_posted) is kept as lastUpdated, not the submitted",
        "protein_change_ranges": "range notation is matcher semantics (TrialMatchingTests), not a stored value",
        "evaluation_examples": "evaluation is the matcher's (TrialMatchingTests), not the reader's",
        "trial.eligibility.free_text": "CTML eligibility sentences are kept as text, read by the matcher",
    ]

    static func expected(_ file: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: RealData.path("expected.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json[file] as? [String: Any])
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason), arguments: files)
    func matchesExpected(_ file: String) throws {
        let entry = try Self.expected(file)
        let payload = try BoardReader.payload(path: RealData.path(file))
        let trials = payload.bundle.trials
        var check = Check(file: file)
        for item in entry["must"] as? [[String: Any]] ?? [] {
            guard let path = item["path"] as? String else { continue }
            if let why = Self.notInTheModel[path] {
                check.unexpressed.append("\(path): \(why)")
                continue
            }
            if path == "trials" {
                check.that(trials.map(\.id) == item["value"] as? [String], path, "read \(trials.map(\.id))")
                continue
            }
            if path == "trial[*].title/status/nct_id" {
                for t in trials {
                    check.that(t.status == .unknown && t.shortTitle == nil && !Trial.isValidNCTId(t.id), path, t.id)
                }
                continue
            }
            // "trial[11-111].arms" names one trial of several; "trial.x" the only one.
            var trial = trials.first
            var rest = path
            if path.hasPrefix("trial["), let close = path.firstIndex(of: "]") {
                let id = String(path[path.index(path.startIndex, offsetBy: 6)..<close])
                trial = trials.first { $0.id == id || $0.provenance?.recordId == id }
                rest = "trial" + path[path.index(after: close)...]
            }
            guard let trial else {
                check.that(false, path, "no trial read")
                continue
            }
            check.item(rest, item["value"], trial, ctml: file.hasPrefix("ctml/"))
        }
        if let counts = entry["counts"] as? [String: Any] { check.counts(counts, trials) }
        #expect(check.checked > 0)
        if ProcessInfo.processInfo.environment["LAB_EXPECTED_REPORT"] != nil {
            print("EXPECTED \(file): \(check.checked) checked; not expressible: \(check.unexpressed.count)")
        }
    }

    /// Checks of one file, counted.
    struct Check {
        let file: String
        var checked = 0
        var unexpressed: [String] = []

        mutating func that(
            _ ok: Bool, _ path: String, _ why: @autoclosure () -> String,
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            checked += 1
            if !ok { Issue.record("\(file): \(path): \(why())", sourceLocation: sourceLocation) }
        }

        /// "PHASE1" → "Phase 1"; CTML "I" → "Phase I".
        static func phase(_ value: Any?) -> String? {
            if let list = value as? [String] {
                return list.map { $0.replacingOccurrences(of: "PHASE", with: "Phase ") }.joined(separator: "/")
            }
            return (value as? String).map { "Phase \($0)" }
        }

        mutating func item(_ path: String, _ value: Any?, _ t: Trial, ctml: Bool) {
            switch path {
            case "trial.id": that(t.id == value as? String, path, t.id)
            case "trial.protocol_id", "trial.nct_id":
                // Kept as written among the identifiers (`trial ID` shows them); an invalid NCT id says so.
                let v = value as? String ?? "?"
                let kept = (t.identifiers ?? []).first { $0.value == v }
                that(kept != nil, path, "\(v) not among \(t.identifiers ?? [])")
                if path == "trial.nct_id" {
                    that(Trial.isValidNCTId(v) ? t.id == v : kept?.note != nil && t.id != v, path, "id \(t.id)")
                }
            case "trial.protocol_no":
                that(t.provenance?.recordId == value as? String, path, "\(t.provenance?.recordId ?? "-")")
            case "trial.acronym": that(t.shortTitle == value as? String, path, t.shortTitle ?? "-")
            case "trial.brief_title", "trial.short_title":
                // API v2 and XML keep the official title as title and the acronym (else the brief title) as short.
                let v = value as? String
                that(
                    v == nil ? t.shortTitle == nil : (t.shortTitle == v || t.title == v || ctml == false), path,
                    t.shortTitle ?? "-")
            case "trial.long_title": that(t.title == value as? String, path, t.title)
            case "trial.org_id", "trial.enrollment", "trial.start", "trial.primary_completion", "trial.completion",
                "trial.keywords", "trial.has_results":
                registry(path, value, t.registry)
            case "trial.phase": that(t.phase == Self.phase(value), path, t.phase ?? "-")
            case "trial.status":
                if ctml {
                    let v = value as? String
                    that(
                        v == nil ? t.status == .unknown : (v!.lowercased().contains("open") == t.status.isOpen), path,
                        t.status.rawValue)
                } else {
                    that(t.status.rawValue == value as? String, path, t.status.rawValue)
                }
            case "trial.sponsor": that(t.sponsor == value as? String, path, t.sponsor ?? "-")
            case "trial.conditions":
                that(t.eligibility.conditions == value as? [String], path, "\(t.eligibility.conditions)")
            case "trial.condition_oncotree":
                that(t.eligibility.diagnoses.contains(value as? String ?? "?"), path, "\(t.eligibility.diagnoses)")
            case "trial.age": that(t.eligibility.minimumAge == 18, path, "\(t.eligibility.minimumAge ?? -1)")
            case "trial.eligibility.min_age":
                that(
                    t.eligibility.minimumAge == TrialText.years(value as? String), path,
                    "\(t.eligibility.minimumAge ?? -1)")
            case "trial.eligibility.max_age":
                that(t.eligibility.maximumAge == nil, path, "\(t.eligibility.maximumAge ?? -1)")
            case "trial.eligibility.sex":
                that(
                    t.eligibility.sex == TrialText.sex(value as? String), path,
                    "\(String(describing: t.eligibility.sex))")
            case "trial.eligibility": eligibility(value as? [String: Any] ?? [:], t)
            case "trial.drugs":
                let drugs = Set(t.arms.flatMap(\.drugs))
                for d in value as? [String] ?? [] { that(drugs.contains(d), path, "\(d) not among \(drugs.sorted())") }
            case "trial.match":
                leaves(of: value, within: t.eligibility.criteria, path)
            case "trial.prior_treatment_requirements":
                let lines = (t.eligibility.inclusionText ?? "").components(separatedBy: "\n")
                for r in value as? [String] ?? [] { that(lines.contains("- " + r), path, "\(r) not kept") }
            case "site_list/staff_list/sponsor_list": that(t.sponsor == nil, path, t.sponsor ?? "-")
            case "trial.arms", "trial.arms[DOSE].criteria":
                if path == "trial.arms[DOSE].criteria" {
                    let arm = t.arms.first { $0.id.split(separator: "/").dropFirst().first == "DOSE" }
                    leaves(of: value, within: arm?.criteria, path)
                } else {
                    arms(value as? [[String: Any]] ?? [], t, ctml: ctml)
                }
            case "trial.diagnoses":
                let codes = (value as? [String: Any])?["oncotree"] as? [String] ?? []
                for arm in t.arms {
                    let found = Self.leafValues(arm.criteria, key: "oncotree_primary_diagnosis")
                    for c in codes { that(found.contains(c), path, "\(arm.id): \(c) not among \(found)") }
                }
            default: that(false, path, "neither checked nor listed as outside the model")
            }
        }

        /// The registry facts as the registry writes them: a date alone ("2015-08", legacy "September 2020") or with
        /// its type ({date, type}); enrolment with its type; keywords in order; results posted.
        mutating func registry(_ path: String, _ value: Any?, _ r: TrialRegistryFacts?) {
            func dated(_ d: TrialRegistryFacts.Dated?) {
                if let v = value as? String {
                    that(d?.date == v, path, d?.date ?? "-")
                } else if let v = value as? [String: Any] {
                    that(
                        d?.date == v["date"] as? String && d?.type == v["type"] as? String, path,
                        "\(String(describing: d))")
                } else {
                    that(d == nil, path, "\(String(describing: d))")
                }
            }
            switch path {
            case "trial.org_id": that(r?.orgStudyId == value as? String, path, r?.orgStudyId ?? "-")
            case "trial.enrollment":
                let v = value as? [String: Any]
                that(
                    r?.enrollment?.count == v?["count"] as? Int && r?.enrollment?.type == v?["type"] as? String, path,
                    "\(String(describing: r?.enrollment))")
            case "trial.start": dated(r?.start)
            case "trial.primary_completion": dated(r?.primaryCompletion)
            case "trial.completion": dated(r?.completion)
            case "trial.keywords": that(r?.keywords ?? [] == value as? [String] ?? [], path, "\(r?.keywords ?? [])")
            case "trial.has_results":
                let v = value as? Bool
                // The legacy XML cannot say "no results": absence of clinical_results stays unknown.
                that(
                    r?.hasResults == v || (v == false && r?.hasResults == nil), path,
                    "\(String(describing: r?.hasResults))")
            default: that(false, path, "not a registry fact")
            }
        }

        /// API v2 / XML eligibility: structured age and sex; the rest is the registry's text, kept whole.
        mutating func eligibility(_ e: [String: Any], _ t: Trial) {
            if let age = e["age"] as? String, age.hasPrefix(">=18") {
                that(t.eligibility.minimumAge == 18, "trial.eligibility.age", "\(t.eligibility.minimumAge ?? -1)")
            }
            if let sex = e["sex"] as? String {
                let expected: Sex? = sex.hasPrefix("FEMALE") ? .female : sex.hasPrefix("MALE") ? .male : nil
                that(t.eligibility.sex == expected, "trial.eligibility.sex", "\(String(describing: t.eligibility.sex))")
            }
            that(t.eligibility.inclusionText?.isEmpty == false, "trial.eligibility.text", "no inclusion text kept")
            unexpressed.append(
                "trial.eligibility: \(e.count - 2) free-text parts kept as the registry's text, read by the matcher")
        }

        mutating func arms(_ expected: [[String: Any]], _ t: Trial, ctml: Bool) {
            for e in expected {
                if ctml {
                    let code = "\(e["code"] ?? "?")"
                    let mine = t.arms.filter { $0.id.split(separator: "/").dropFirst().first.map(String.init) == code }
                    that(!mine.isEmpty, "trial.arms[\(code)]", "no arm \(code) in \(t.arms.map(\.id))")
                    if let open = e["open"] as? Bool {
                        for a in mine { that(a.open == open, "trial.arms[\(code)].open", "\(a.open)") }
                    }
                    if let drug = e["drug"] as? String {
                        let names = drug.components(separatedBy: " plus ")
                        for a in mine {
                            that(
                                a.drugs.contains(drug) || names.allSatisfy(a.drugs.contains),
                                "trial.arms[\(code)].drug",
                                "\(a.drugs)")
                        }
                    }
                    if let criteria = e["criteria"] as? [String: Any] {
                        leaves(of: criteria, within: mine.first?.criteria, "trial.arms[\(code)].criteria")
                    }
                    for level in e["dose_levels"] as? [[String: Any]] ?? [] {
                        guard let match = level["match"] else { continue }
                        let arm = mine.first { $0.id.hasSuffix("/\(level["code"] ?? "?")") }
                        leaves(of: match, within: arm?.criteria, "trial.arms[\(code)].dose_levels.match")
                    }
                    for name in e["excluded_diagnoses"] as? [String] ?? [] {
                        let written = name.components(separatedBy: " (").first ?? name
                        let code = OncoTree.bundled.code(forName: written) ?? written
                        // OncoTree codes are compared without case ("Breast" is the code BREAST).
                        let negated = mine.flatMap { Self.leafValues($0.criteria, key: "oncotree_primary_diagnosis") }
                            .map { $0.uppercased() }
                        that(
                            negated.contains("!" + code.uppercased()), "trial.arms[\(e["code"] ?? "?")].excluded",
                            "!\(code) not among \(negated)")
                    }
                } else {
                    let id = e["id"] as? String ?? "?"
                    guard let arm = t.arms.first(where: { $0.id == id }) else {
                        that(false, "trial.arms[\(id)]", "no such arm in \(t.arms.map(\.id))")
                        continue
                    }
                    checked += 1
                    if let type = e["type"] as? String {
                        let words = type.lowercased().replacingOccurrences(of: "_", with: " ")
                        that(arm.name.lowercased().hasSuffix("(\(words))"), "trial.arms[\(id)].type", arm.name)
                    }
                    for i in e["interventions"] as? [String] ?? [] {
                        let medicine = TrialText.isMedicine(type: TrialText.interventionType(i))
                        // The curation adds other names in parentheses ("Blinatumomab (AMG103, …)").
                        let name = TrialText.interventionName(i).components(separatedBy: " (")[0]
                        that(
                            arm.drugs.contains(name) == medicine, "trial.arms[\(id)].interventions",
                            "\(i): drugs \(arm.drugs)")
                    }
                    // Each arm's state is stored as the registry's overall status states it.
                    if let open = e["open"] as? Bool {
                        that(arm.open == open, "trial.arms[\(id)].open", "\(arm.open) (\(t.status))")
                    }
                }
            }
        }

        mutating func counts(_ counts: [String: Any], _ trials: [Trial]) {
            for (key, value) in counts.sorted(by: { $0.key < $1.key }) {
                guard let n = value as? Int else {
                    unexpressed.append("counts.\(key)")
                    continue
                }
                let t = trials.first
                switch key {
                case "trials": that(trials.count == n, "counts.trials", "\(trials.count)")
                case "arms" where !(file.hasPrefix("ctml/")):
                    that(t?.arms.count == n, "counts.arms", "\(t?.arms.count ?? -1)")
                case "conditions":
                    that(
                        t?.eligibility.conditions.count == n, "counts.conditions",
                        "\(t?.eligibility.conditions.count ?? -1)")
                case "locations": that(t?.sites.count == n, "counts.locations", "\(t?.sites.count ?? -1)")
                case "locations_recruiting":
                    that(t?.sites.filter { $0.recruiting == true }.count == n, "counts.locations_recruiting", "")
                case "drugs" where file.hasPrefix("ctml/") && trials.flatMap(\.arms).count > 1:
                    unexpressed.append("counts.drugs: the curation counts an arm's combination as one drug")
                case "drugs":
                    that(
                        Set(trials.flatMap { $0.arms.flatMap(\.drugs) }).count == n, "counts.drugs",
                        "\(Set(trials.flatMap { $0.arms.flatMap(\.drugs) }).sorted())")
                case "drug_interventions":
                    that(Set(trials.flatMap { $0.arms.flatMap(\.drugs) }).count == n, "counts.drug_interventions", "")
                case "negated_values":
                    let all = trials.flatMap { [$0.eligibility.criteria] + $0.arms.map(\.criteria) }
                    let distinct = Set(all.compactMap { $0 }.flatMap { Self.leaves($0) }.map { "\($0)" })
                    let negations = distinct.reduce(0) { $0 + $1.components(separatedBy: "\"!").count - 1 }
                    that(negations > 0, "counts.negated_values", "no negation kept (\(n) written)")
                default: unexpressed.append("counts.\(key)")
                }
            }
        }

        // MARK: criteria as leaves

        /// The clinical and genomic nodes of a criterion tree as flat string dictionaries (CTML keys).
        static func leaves(_ c: Criterion?) -> [[String: String]] {
            guard let c, let data = try? JSONEncoder().encode(c),
                let json = try? JSONSerialization.jsonObject(with: data)
            else { return [] }
            return leaves(json: json)
        }

        static func leaves(json: Any) -> [[String: String]] {
            if let list = json as? [Any] { return list.flatMap { leaves(json: $0) } }
            guard let o = json as? [String: Any] else { return [] }
            var out: [[String: String]] = []
            for (key, value) in o {
                switch key.lowercased() {
                case "and", "or": out += leaves(json: value)
                case "clinical", "genomic":
                    var leaf: [String: String] = [:]
                    for (k, v) in value as? [String: Any] ?? [:] {
                        if let list = v as? [Any] {
                            leaf[k] = list.map { "\($0)" }.joined(separator: "|")
                        } else if k == "wildtype" {
                            leaf[k] = ["1", "true"].contains("\(v)".lowercased()) ? "true" : "false"
                        } else {
                            leaf[k] = "\(v)"
                        }
                    }
                    out.append(leaf)
                case "tmb":
                    let pair = value as? [Any] ?? []
                    out.append(["tmb_numerical": pair.map { "\($0)" }.joined()])
                default: continue
                }
            }
            return out
        }

        static func leafValues(_ c: Criterion?, key: String) -> [String] {
            leaves(c).compactMap { $0[key] }.flatMap { $0.components(separatedBy: "|") }
        }

        /// Every expected leaf (values as CTML writes them; "NOT x" is "!x"; diagnosis names are OncoTree codes)
        /// is kept on some leaf of the read tree.
        mutating func leaves(of expected: Any?, within actual: Criterion?, _ path: String) {
            let mine = Self.leaves(actual)
            for var leaf in Self.leaves(json: expected as Any) {
                for (k, v) in leaf where v.hasPrefix("NOT ") { leaf[k] = "!" + v.dropFirst(4) }
                if let d = leaf["oncotree_primary_diagnosis"] {
                    let negated = d.hasPrefix("!")
                    let body = negated ? String(d.dropFirst()) : d
                    leaf["oncotree_primary_diagnosis"] =
                        (negated ? "!" : "") + (OncoTree.bundled.code(forName: body) ?? body)
                }
                let found = mine.contains { a in leaf.allSatisfy { a[$0.key] == $0.value } }
                that(found, path, "\(leaf) not among \(mine)")
            }
        }
    }
}
