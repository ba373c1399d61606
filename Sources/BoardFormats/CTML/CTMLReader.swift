import BoardModel
import Foundation
import Yams

/// Reads MatchMiner Clinical Trial Markup Language (YAML or JSON) into a trial: the top-level `match` becomes the
/// trial's criteria; `treatment_list.step[].arm[].dose_level[]` become arms, each carrying the conjunction of
/// the step, arm and dose-level `match` trees. Values keep their leading `!` (negation) and wildcard protein
/// changes as written; diagnosis names in oncotree_primary_diagnosis are turned into OncoTree codes when known.
/// YAML scalars are read as text, so protocol numbers such as `00001` keep their leading zeros.
public enum CTMLReader {
    static func recognises(head: String) -> Bool {
        head.contains("treatment_list")
            && (head.contains("protocol_no") || head.contains("nct_id") || head.contains("step"))
    }

    public static func read(data: Data, file: String) throws -> ImportPayload {
        let trimmed = data.drop {
            $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF
        }
        let root: JSONNode
        if trimmed.first == UInt8(ascii: "{") {
            root = try JSONNode.parse(data, file: file)
        } else {
            root = try yaml(data, file: file)
        }
        return try read(root: root, file: file)
    }

    static func yaml(_ data: Data, file: String) throws -> JSONNode {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError(
                file: file, location: JSONPosition.firstInvalidUTF8(in: data),
                message: "invalid UTF-8; expected UTF-8 YAML")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ImportError(file: file, message: "empty document; expected CTML (YAML or JSON)")
            }
            return JSONNode(plain(node))
        } catch let error as ImportError {
            throw error
        } catch let error as YamlError {
            throw ImportError(
                file: file, location: yamlLocation(error), message: "not valid YAML (\(yamlReason(error)))")
        } catch {
            throw ImportError(file: file, message: "not valid YAML")
        }
    }

    static func yamlLocation(_ error: YamlError) -> String? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return "line \(mark.line), column \(mark.column)"
        default: return nil
        }
    }

    static func yamlReason(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return "\(error)"
        }
    }

    /// YAML nodes to plain values: scalars stay text (plain empty/null/~ become null).
    static func plain(_ node: Yams.Node) -> Any {
        switch node {
        case .scalar(let s):
            if s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) { return NSNull() }
            return s.string
        case .mapping(let m):
            var dict: [String: Any] = [:]
            for (k, v) in m { dict[k.string ?? "\(k)"] = plain(v) }
            return dict
        case .sequence(let seq):
            return seq.map(plain)
        case .alias:
            return NSNull()
        }
    }

    /// Whether a JSON document is a top-level array of CTML trials (as MatchMiner's loaders accept).
    static func recognisesList(_ root: JSONNode) -> Bool {
        guard let list = root.value as? [Any], !list.isEmpty else { return false }
        return root.array.allSatisfy { $0["treatment_list"].exists || $0["protocol_no"].exists }
    }

    static func read(root: JSONNode, file: String) throws -> ImportPayload {
        if root.value is [Any] {
            // A list of trials: each read on its own, errors naming the element's JSON path.
            var payload = ImportPayload(bundle: BoardBundle())
            var account = ImportAccount(file: file, format: "ctml")
            for element in root.array {
                let one = try readOne(root: element, file: file)
                payload.bundle.trials += one.bundle.trials
                payload.skipped += one.skipped
                payload.notes += one.notes
                for a in one.accounts { account.merge(a) }
            }
            payload.accounts = [account]
            return payload
        }
        return try readOne(root: root, file: file)
    }

    static func readOne(root: JSONNode, file: String) throws -> ImportPayload {
        guard root.object != nil else {
            throw ImportError(
                file: file, location: root.path,
                message: "expected a CTML mapping with protocol_no or nct_id and treatment_list")
        }
        var unknownKeys: [String: Int] = [:]
        let (id, protocolNo) = try trialId(root, file: file)
        let trialCriteria = try criteria(root["match"], file: file, unknown: &unknownKeys)
        let steps = root["treatment_list"]["step"].array
        var arms = try self.arms(steps, file: file, unknown: &unknownKeys)
        // The trial's own drug list (`drug_list.drug[].drug_name`) is the drugs of every arm that names none.
        let trialDrugs = root["drug_list"]["drug"].array.compactMap { $0["drug_name"].string ?? $0.string }
        for i in arms.indices where arms[i].drugs.isEmpty { arms[i].drugs = trialDrugs }
        // Gene symbols through HGNC (previous and alias symbols of one gene become it; ambiguous ones stay).
        var genes = GeneNaming()
        let namedCriteria = trialCriteria?.readingGenes(&genes)
        for i in arms.indices { arms[i].criteria = arms[i].criteria?.readingGenes(&genes) }
        let ageText = root["age"].string?.lowercased() ?? ""
        let sponsor =
            root["sponsor_list"]["sponsor"].array.first.flatMap { $0["sponsor_name"].string } ?? root["sponsor"].string
        var trial = Trial(
            id: id, title: root["long_title"].string ?? root["short_title"].string ?? id,
            shortTitle: root["short_title"].string,
            phase: root["phase"].string.map { $0.hasPrefix("Phase") ? $0 : "Phase \($0)" },
            status: status(writtenStatus(root)?.string), sponsor: sponsor, arms: arms,
            eligibility: Eligibility(
                minimumAge: ageText.hasPrefix("adult") ? 18 : nil, criteria: namedCriteria,
                inclusionText: requirementsText(root["prior_treatment_requirements"])),
            provenance: Provenance(file: file, recordId: protocolNo ?? id, format: "ctml"))
        trial.identifiers = CTMLAccount.identifiers(root)
        trial.closeArmsOfClosedTrial()
        var payload = ImportPayload(bundle: BoardBundle(trials: [trial]))
        var account = ImportAccount(file: file, format: "ctml")
        CTMLAccount.count(root, into: &account)
        for (key, count) in unknownKeys { account.unused("criteria key \(key)", count: count) }
        let name = URL(fileURLWithPath: file).lastPathComponent
        if let written = writtenStatus(root), let text = written.string, trial.status == .unknown {
            account.invalid(
                written.path == root["status"].path ? "status" : "_summary.status", found: text, at: written.path,
                expected: "an accrual status (Open to Accrual, Closed to Accrual, Suspended, …)")
        }
        if let own = root["status"].string, let summary = summaryStatus(root)?.string, status(own) != status(summary) {
            payload.notes.append(
                "\(name) trial \(id): status \"\(own)\" and _summary.status \"\(summary)\" disagree; the protocol's status is used"
            )
        }
        payload.accounts = [account]
        for (key, count) in unknownKeys.sorted(by: { $0.key < $1.key }) {
            payload.skipped.append(
                "\(name) trial \(id): \(count) criteria key(s) \"\(key)\": not evaluated (not in the board's criterion model)"
            )
        }
        for (note, count) in genes.notes.sorted(by: { $0.key < $1.key }) {
            payload.notes.append("\(name) trial \(id): \(note)" + (count > 1 ? " (\(count) criteria)" : ""))
        }
        if steps.isEmpty { payload.notes.append("\(name) trial \(id): no treatment_list steps; the trial has no arms") }
        return payload
    }

    /// The trial's id (an NCT id when the file gives a valid one, else the protocol number) and its protocol number.
    static func trialId(_ root: JSONNode, file: String) throws -> (id: String, protocolNo: String?) {
        // CTIMS exports carry the registry id as `trial_id` (no `nct_id` key); taken only when it is an NCT id.
        let nct = root["nct_id"].string ?? root["trial_id"].string.flatMap { Trial.isValidNCTId($0) ? $0 : nil }
        let protocolNo = root["protocol_no"].string
        guard let id = nct.flatMap({ Trial.isValidNCTId($0) ? $0 : nil }) ?? protocolNo ?? nct else {
            throw ImportError(
                file: file, location: root.path + ".protocol_no",
                message: "missing protocol_no and nct_id; expected one to identify the trial")
        }
        return (id, protocolNo)
    }

    /// The accrual status the file writes: the protocol's own `status`, else MatchMiner's `_summary.status`, which
    /// the MatchMiner API derives from it (and from the institution's site status) when a trial is loaded and keeps
    /// in exported documents as a list of `{value, id}` facets (`[{"value": "Open to Accrual", "id": [1]}]`).
    static func writtenStatus(_ root: JSONNode) -> JSONNode? {
        root["status"].string != nil ? root["status"] : summaryStatus(root)
    }

    /// `_summary.status` as a list of facets, one facet, or plain text; nil when absent.
    static func summaryStatus(_ root: JSONNode) -> JSONNode? {
        let node = root["_summary"]["status"]
        if node.string != nil { return node }
        return node.array.map { $0["value"] }.first { $0.string != nil }
    }

    /// CTML's `status` text, the accrual statuses of the protocol systems MatchMiner reads (OnCore: New, On Hold,
    /// SRC/IRB approval, Open to Accrual, Closed to Accrual, Suspended, IRB Study Closure, Terminated; NCI CTRP: Active,
    /// Approved, In Review, Temporarily Closed to Accrual [and Intervention], Closed to Accrual [and Intervention],
    /// Enrolling by Invitation, Complete, Administratively Complete, Withdrawn), as the registry's status that means
    /// the same: open is recruiting, not yet open is not yet recruiting, closed to accrual is active not recruiting,
    /// temporarily closed is suspended. Anything else is unknown (and the account says so).
    static func status(_ text: String?) -> RecruitmentStatus {
        let s = (text ?? "").lowercased().trimmingCharacters(in: .whitespaces)
        if let registry = RecruitmentStatus(registry: s) { return registry }
        if s.hasPrefix("temporarily closed") || s.hasPrefix("suspended") || s == "on hold" { return .suspended }
        if s.hasPrefix("closed to accrual") { return .activeNotRecruiting }
        if s.hasPrefix("open") || s == "active" { return .recruiting }
        if ["new", "approved", "in review", "src approval", "irb initial approval", "activation coordinator signoff"]
            .contains(s)
        {
            return .notYetRecruiting
        }
        if ["complete", "administratively complete", "irb study closure", "closed"].contains(s) { return .completed }
        return .unknown
    }

    /// The arms of every step (`treatment_list.step[].arm[]`), each with its step's criteria and its own; an arm
    /// whose dose levels carry criteria becomes one arm per level ("step/arm/level").
    static func arms(_ steps: [JSONNode], file: String, unknown: inout [String: Int]) throws -> [TrialArm] {
        var arms: [TrialArm] = []
        for (si, step) in steps.enumerated() {
            let stepCode = step["step_code"].string ?? "\(si + 1)"
            let stepCriteria = try criteria(step["match"], file: file, unknown: &unknown)
            for (ai, arm) in step["arm"].array.enumerated() {
                let armCode = arm["arm_code"].string ?? "\(ai + 1)"
                arms += try self.arm(
                    arm, id: "\(stepCode)/\(armCode)", name: arm["arm_description"].string ?? armCode,
                    stepCriteria: stepCriteria, file: file, unknown: &unknown)
            }
        }
        return arms
    }

    /// One CTML arm: its drugs (named drugs, then dose-level codes that are drug names), and one arm per dose level
    /// when levels carry criteria of their own.
    static func arm(
        _ arm: JSONNode, id: String, name armName: String, stepCriteria: Criterion?, file: String,
        unknown: inout [String: Int]
    ) throws -> [TrialArm] {
        let armOpen = arm["arm_suspended"].string?.uppercased() != "Y"
        let armCriteria = try criteria(arm["match"], file: file, unknown: &unknown)
        let levels = arm["dose_level"].array
        let levelDrugs = levels.compactMap { l -> String? in
            guard let code = l["level_code"].string, code.rangeOfCharacter(from: .letters) != nil else {
                return nil
            }
            return code
        }
        let armDrugs = arm["drugs"].array.compactMap { $0["drug_name"].string ?? $0.string } + levelDrugs
        guard levels.contains(where: { $0["match"].exists }) else {
            return [
                TrialArm(
                    id: id, name: armName, drugs: armDrugs, open: armOpen,
                    criteria: conjunction([stepCriteria, armCriteria]))
            ]
        }
        var arms: [TrialArm] = []
        for (li, level) in levels.enumerated() {
            let levelCode = level["level_code"].string ?? "\(li + 1)"
            let levelCriteria = try criteria(level["match"], file: file, unknown: &unknown)
            let description = level["level_description"].string.map { " — \($0)" } ?? ""
            arms.append(
                TrialArm(
                    id: "\(id)/\(levelCode)", name: armName + description, drugs: armDrugs,
                    open: armOpen && level["level_suspended"].string?.uppercased() != "Y",
                    criteria: conjunction([stepCriteria, armCriteria, levelCriteria])))
        }
        return arms
    }

    /// CTML's `prior_treatment_requirements`: the protocol's own eligibility sentences (a list of strings, or one
    /// string), kept as inclusion text, one requirement a line, so that the matcher reads them as a screener would.
    static func requirementsText(_ node: JSONNode) -> String? {
        let lines = (node.string.map { [$0] } ?? node.array.compactMap(\.string))
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return lines.isEmpty ? nil : lines.map { "- " + $0 }.joined(separator: "\n")
    }

    static func conjunction(_ parts: [Criterion?]) -> Criterion? {
        let present = parts.compactMap { $0 }
        switch present.count {
        case 0: return nil
        case 1: return present[0]
        default: return .all(present.flatMap { if case .all(let inner) = $0 { return inner } else { return [$0] } })
        }
    }

    /// A `match` value: a list (all of it must hold) or one node.
    static func criteria(_ node: JSONNode, file: String, unknown: inout [String: Int]) throws -> Criterion? {
        guard node.exists else { return nil }
        let items = try node.array.map { try criterion($0, file: file, unknown: &unknown) }
        if node.object == nil && node.value as? [Any] == nil {
            throw ImportError(
                file: file, location: node.path, message: "expected a match list or object (and, or, clinical, genomic)"
            )
        }
        return items.count == 1 ? items[0] : .all(items)
    }

    static func criterion(_ node: JSONNode, file: String, unknown: inout [String: Int]) throws -> Criterion {
        if node["and"].exists {
            return .all(try node["and"].array.map { try criterion($0, file: file, unknown: &unknown) })
        }
        if node["or"].exists {
            return .any(try node["or"].array.map { try criterion($0, file: file, unknown: &unknown) })
        }
        if node["clinical"].exists { return .clinical(clinical(node["clinical"], unknown: &unknown)) }
        if node["genomic"].exists { return .genomic(genomic(node["genomic"], unknown: &unknown)) }
        throw ImportError(
            file: file, location: node.path,
            message:
                "expected one of the keys and, or, clinical, genomic; found \(node.keys.sorted().joined(separator: ", "))"
        )
    }

    static func text(_ node: JSONNode) -> String? {
        if let list = node.value as? [Any] { return list.compactMap { JSONNode($0).string }.joined(separator: ",") }
        return node.string
    }

    /// "!Renal Cell Carcinoma" → "!RCC" when the name is OncoTree's; codes and `_SOLID_`/`_LIQUID_` unchanged.
    static func diagnosis(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let negated = raw.hasPrefix("!")
        let body = negated ? String(raw.dropFirst()) : raw
        if body.hasPrefix("_") || OncoTree.bundled.node(body) != nil { return raw }
        guard let code = OncoTree.bundled.code(forName: body) else { return raw }
        return (negated ? "!" : "") + code
    }

    static let clinicalKeys: Set<String> = [
        "oncotree_primary_diagnosis", "age_numerical", "gender", "ecog", "tmb_numerical", "her2_status",
        "er_status", "pr_status", "disease_status", "prior_treatment",
    ]
    static let genomicKeys: Set<String> = [
        "hugo_symbol", "variant_category", "protein_change", "wildcard_protein_change", "variant_classification",
        "exon", "cnv_call", "wildtype", "mmr_status", "ms_status", "fusion_partner_hugo_symbol",
    ]

    static func clinical(_ node: JSONNode, unknown: inout [String: Int]) -> ClinicalCriterion {
        for key in node.keys where !clinicalKeys.contains(key) { unknown[key, default: 0] += 1 }
        let status = node["disease_status"]
        return ClinicalCriterion(
            oncotreePrimaryDiagnosis: diagnosis(node["oncotree_primary_diagnosis"].string),
            ageNumerical: text(node["age_numerical"]),
            gender: text(node["gender"]), ecog: text(node["ecog"]), tmbNumerical: text(node["tmb_numerical"]),
            her2Status: text(node["her2_status"]), erStatus: text(node["er_status"]), prStatus: text(node["pr_status"]),
            diseaseStatus: status.exists
                ? (status.value is [Any] ? status.array.compactMap(\.string) : status.string.map { [$0] }) : nil,
            priorTreatment: text(node["prior_treatment"]))
    }

    static func genomic(_ node: JSONNode, unknown: inout [String: Int]) -> GenomicCriterion {
        for key in node.keys where !genomicKeys.contains(key) { unknown[key, default: 0] += 1 }
        return GenomicCriterion(
            hugoSymbol: text(node["hugo_symbol"]), variantCategory: text(node["variant_category"]),
            proteinChange: text(node["protein_change"]), wildcardProteinChange: text(node["wildcard_protein_change"]),
            variantClassification: text(node["variant_classification"]), exon: text(node["exon"]),
            cnvCall: text(node["cnv_call"]), wildtype: node["wildtype"].bool, mmrStatus: text(node["mmr_status"]),
            msStatus: text(node["ms_status"]), fusionPartnerHugoSymbol: text(node["fusion_partner_hugo_symbol"]))
    }
}
