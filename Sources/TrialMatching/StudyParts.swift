import BoardModel
import Foundation

/// A trial's eligibility text split into the parts of the study it names, as a screener reads a protocol
/// whose criteria differ by part: registry headings ("Inclusion Criteria Stage 1", "Inclusion criteria stage 2",
/// "Exclusion Criteria for Stage 1") and CTML requirements that open with the part they govern ("Dose expansion
/// part for single agent TNO155: - Group 1: … - Group 2: …"). Text outside any part holds for every arm; a
/// part's text holds for the arms of that part only. When an arm cannot be placed in a part, the text is not
/// split at all (every sentence then holds for every arm, as before).
struct StudyParts {
    struct Part {
        /// "stage 2", or the words of a named part ("dose expansion single agent tno155").
        let key: String
        /// The part's number when it is numbered ("Stage 2" → 2).
        let number: Int?
        var inclusion: String
        var exclusion: String
        /// Named parts list their cohorts as dash bullets inside one requirement.
        let named: Bool
    }

    var commonInclusion: String
    var commonExclusion: String
    var parts: [Part]
    /// Arm id → index into `parts`; empty when the text is not split.
    var partOfArm: [String: Int]

    init(inclusion: String, exclusion: String, arms: [TrialArm]) {
        var common = ["", ""]
        var parts: [Part] = []
        for (side, text) in [inclusion, exclusion].enumerated() {
            var current: Int?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if let (key, number) = Self.heading(line) {
                    current = parts.firstIndex { $0.key == key }
                    if current == nil {
                        parts.append(Part(key: key, number: number, inclusion: "", exclusion: "", named: false))
                        current = parts.count - 1
                    }
                    continue
                }
                if let (key, body) = Self.namedPart(line) {
                    parts.append(
                        Part(
                            key: key, number: nil, inclusion: side == 0 ? Self.bullets(body) : "",
                            exclusion: side == 1 ? Self.bullets(body) : "", named: true))
                    current = nil
                    continue
                }
                if let p = current {
                    if side == 0 { parts[p].inclusion += line + "\n" } else { parts[p].exclusion += line + "\n" }
                } else {
                    common[side] += line + "\n"
                }
            }
        }
        let assignment = Self.assign(arms, to: parts)
        if parts.isEmpty || assignment == nil {
            commonInclusion = inclusion
            commonExclusion = exclusion
            self.parts = []
            partOfArm = [:]
        } else {
            commonInclusion = common[0]
            commonExclusion = common[1]
            self.parts = parts
            partOfArm = assignment ?? [:]
        }
    }

    var isSplit: Bool { !parts.isEmpty }

    // MARK: Headings

    nonisolated(unsafe) static let headingPattern = try! Regex(
        #"^(?:(?:inclusion|exclusion)\s+criteria\s*)?(?:for\s+)?(?:the\s+)?(stage|part|phase|cohort)\s+([0-9]{1,2}|i{1,3}|iv|[a-d])\s*:?$"#
    ).ignoresCase()

    /// "Inclusion Criteria Stage 1", "Inclusion criteria stage 2", "for Stage 1" (an exclusion block's first
    /// line once "Exclusion Criteria" has been cut off): the part's key and number.
    static func heading(_ line: String) -> (String, Int?)? {
        var t = line.trimmingCharacters(in: .whitespaces)
        while let last = t.last, ":.".contains(last) { t.removeLast() }
        guard t.count < 60, let m = t.firstMatch(of: headingPattern) else { return nil }
        let kind = String(m.output[1].substring ?? "").lowercased()
        let id = String(m.output[2].substring ?? "").lowercased()
        let number = Int(id) ?? ScreenerText.romans.first { $0.0 == id }?.1
        return (kind + " " + (number.map(String.init) ?? id), number)
    }

    /// "- Dose escalation part for single agent TNO155: - Advanced NSCLC …": the part's words and its body.
    static func namedPart(_ line: String) -> (String, String)? {
        var t = Substring(line.trimmingCharacters(in: .whitespaces))
        while let first = t.first, "-*•".contains(first) { t = t.dropFirst().drop(while: \.isWhitespace) }
        guard let colon = t.firstIndex(of: ":") else { return nil }
        let head = t[..<colon].lowercased()
        guard head.count <= 100, let r = head.range(of: " part for ") ?? head.range(of: " part of ") else { return nil }
        let key = words(String(head[..<r.lowerBound]) + " " + String(head[r.upperBound...])).joined(separator: " ")
        return (key, String(t[t.index(after: colon)...]))
    }

    /// A requirement listing its items as " - " bullets inside one string, one item a line.
    static func bullets(_ body: String) -> String {
        body.replacing(try! Regex(#"(^|\s)-\s+(?=[A-Z])"#), with: { _ in "\n- " })
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            .filter { !["the", "for", "part", "of", "a", "an"].contains($0) }
    }

    // MARK: Arms

    /// Which part each arm belongs to, or nil when some arm cannot be placed. Named parts go to the arm whose
    /// name holds every word of the part's name; numbered parts to the arm that names the part ("Stage 2"), else
    /// later parts to the arm the other arms' descriptions offer after progression ("may have the option of
    /// receiving Atezolizumab + Chemo") and the first part to the rest.
    static func assign(_ arms: [TrialArm], to parts: [Part]) -> [String: Int]? {
        guard !parts.isEmpty, !arms.isEmpty else { return nil }
        var result: [String: Int] = [:]
        let numbered = parts.indices.filter { parts[$0].number != nil }
        let offered = Set(
            arms.flatMap { arm -> [String] in
                let d = (arm.description ?? "").lowercased()
                guard let r = d.range(of: "option of receiving ") else { return [] }
                return arms.filter { other in
                    other.id != arm.id
                        && d[r.upperBound...].hasPrefix(
                            other.name.lowercased().split(separator: "(").first.map {
                                $0.trimmingCharacters(in: .whitespaces)
                            } ?? "~")
                }.map(\.id)
            })
        for arm in arms {
            let armWords = Set(words(arm.name + " " + arm.id))
            let text = (arm.name + " " + (arm.description ?? "")).lowercased()
            if let named = parts.indices.filter({ parts[$0].named && Set(words(parts[$0].key)).isSubset(of: armWords) })
                .max(by: { words(parts[$0].key).count < words(parts[$1].key).count })
            {
                result[arm.id] = named
            } else if let p = numbered.first(where: { text.contains(parts[$0].key) }) {
                result[arm.id] = p
            } else if !numbered.isEmpty {
                let ordered = numbered.sorted { parts[$0].number! < parts[$1].number! }
                result[arm.id] = offered.contains(arm.id) ? ordered.last! : ordered.first!
            } else {
                return nil
            }
        }
        // A numbered split means something only when the arms fall into more than one part.
        if parts.allSatisfy({ !$0.named }), Set(result.values).count < 2 { return nil }
        return result
    }
}
