import BoardModel
import Foundation

/// The account of a CTML file: trials read, and every key of a trial, step, arm or dose level that carries a value
/// the board does not use ("site_list", "arm.arm_internal_id"), by name with a count, so a CTML import says what it
/// left out as every other import does. Keys the reader takes values from are counted as used. Empty values (null,
/// "", [], {}) are not counted either way: there is nothing in them to lose.
enum CTMLAccount {
    static let trialKeys: Set<String> = [
        "protocol_no", "nct_id", "trial_id", "protocol_id", "long_title", "short_title", "phase", "status", "age",
        "match", "treatment_list", "drug_list", "sponsor_list", "sponsor", "prior_treatment_requirements",
    ]
    static let stepKeys: Set<String> = ["step_code", "match", "arm"]
    static let armKeys: Set<String> = ["arm_code", "arm_description", "arm_suspended", "match", "dose_level", "drugs"]
    static let levelKeys: Set<String> = ["level_code", "level_description", "level_suspended", "match"]

    /// Counts one trial's keys into `account`.
    static func count(_ trial: JSONNode, into account: inout ImportAccount) {
        account.read()
        count(trial, known: trialKeys, prefix: "", into: &account)
        for step in trial["treatment_list"]["step"].array {
            count(step, known: stepKeys, prefix: "step.", into: &account)
            for arm in step["arm"].array {
                count(arm, known: armKeys, prefix: "arm.", into: &account)
                for level in arm["dose_level"].array {
                    count(level, known: levelKeys, prefix: "dose_level.", into: &account)
                }
            }
        }
    }

    static func count(_ node: JSONNode, known: Set<String>, prefix: String, into account: inout ImportAccount) {
        for key in node.keys where hasValue(node[key].value) {
            if prefix.isEmpty && key == "_summary" {
                // MatchMiner's derived facets: the status is read (when the protocol states none, it is the
                // trial's); the others restate the trial's own fields and are listed as not used.
                count(node[key], known: ["status"], prefix: "_summary.", into: &account)
            } else if known.contains(key) {
                account.used(prefix + key)
            } else {
                account.unused(prefix + key)
            }
        }
    }

    static func hasValue(_ value: Any?) -> Bool {
        switch value {
        case nil, is NSNull: false
        case let s as String: !s.trimmingCharacters(in: .whitespaces).isEmpty
        case let list as [Any]: !list.isEmpty
        case let map as [String: Any]: !map.isEmpty
        default: true
        }
    }

    /// The identifiers the file gives (nct_id, trial_id, protocol_id, protocol_no), each kept as written; an nct_id
    /// or trial_id that is not an NCT id says so (it is then not the trial's id). Nil when there are none.
    static func identifiers(_ trial: JSONNode) -> [TrialIdentifier]? {
        var ids: [TrialIdentifier] = []
        for key in ["nct_id", "trial_id", "protocol_id", "protocol_no"] {
            guard let value = trial[key].string?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            let registry = key == "nct_id" || key == "trial_id"
            let note =
                registry && !Trial.isValidNCTId(value)
                ? "not a valid NCT id; not used as the trial's id" : nil
            ids.append(TrialIdentifier(kind: key, value: value, note: note))
        }
        return ids.isEmpty ? nil : ids
    }
}
