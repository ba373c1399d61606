import Foundation

/// Precedents that share a diagnosis and an alteration class, summed up above the list: "7 earlier cases with
/// FGFR2 fusion, IHCH: 5 recommended FGFR inhibitor; best response PR 3, SD 1, PD 1; median time on treatment
/// 7.1 months".
public struct PrecedentGroup: Codable, Sendable, Hashable {
    /// "FGFR2 fusion, IHCH" or just "IHCH".
    public var title: String
    public var caseIds: [String]
    /// What the first-choice recommendations recommended, most often first.
    public var recommended: [Tally]
    /// Best responses, best category first.
    public var bestResponses: [Tally]
    /// Median of the months on treatment of the treated precedents (ongoing ones counted at their last outcome).
    public var medianMonthsOnTreatment: Double?
    public var treated: Int
    /// Treated precedents still on treatment at their last outcome (counted in the median at that outcome).
    public var ongoing: Int
    /// Treatments started with nothing recorded since: no time on treatment yet, so not in the median.
    public var justStarted: Int

    public struct Tally: Codable, Sendable, Hashable {
        public var label: String
        public var count: Int
    }

    /// The groups of a ranked list, largest first (ties: the group of the better-ranked precedent first).
    public static func groups(_ precedents: [Precedent]) -> [PrecedentGroup] {
        var order: [String] = []
        var members: [String: [Precedent]] = [:]
        for p in precedents {
            let key = title(of: p)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(p)
        }
        return order.enumerated().sorted { a, b in
            let (x, y) = (members[a.element]!.count, members[b.element]!.count)
            return x != y ? x > y : a.offset < b.offset
        }.map { make(title: $0.element, members[$0.element]!) }
    }

    static func title(of p: Precedent) -> String {
        let code = p.oncotreeCode ?? p.diagnosis
        guard let best = p.similarity.shared.first else { return code }
        let alteration =
            best.theirs.alterationClass == .mutation
            ? "\(best.theirs.gene) mutation" : "\(best.theirs.gene) \(best.theirs.alterationClass.rawValue)"
        return "\(alteration), \(code)"
    }

    static func make(title: String, _ members: [Precedent]) -> PrecedentGroup {
        let gists = members.compactMap { $0.firstRecommendation.map(TherapyClass.gist(of:)) }
        let courses = members.compactMap(\.course)
        let best = courses.compactMap(\.bestResponse)
        let months = courses.compactMap(\.monthsOnTreatment).sorted()
        let median: Double? =
            months.isEmpty
            ? nil
            : months.count % 2 == 1
                ? months[months.count / 2] : (months[months.count / 2 - 1] + months[months.count / 2]) / 2
        return PrecedentGroup(
            title: title, caseIds: members.map(\.caseId), recommended: tally(gists, order: nil),
            bestResponses: tally(best, order: PrecedentCourse.responseOrder), medianMonthsOnTreatment: median,
            treated: months.count, ongoing: courses.filter { $0.ongoing && $0.daysOnTreatment != nil }.count,
            justStarted: courses.filter { $0.ongoing && $0.daysOnTreatment == nil }.count)
    }

    /// Counts of each label: most frequent first, or in `order` when given.
    static func tally(_ labels: [String], order: [String]?) -> [Tally] {
        var counts: [String: Int] = [:]
        var firstSeen: [String] = []
        for label in labels {
            if counts[label] == nil { firstSeen.append(label) }
            counts[label, default: 0] += 1
        }
        let sorted: [String]
        if let order {
            sorted = firstSeen.sorted {
                (order.firstIndex(of: $0.uppercased()) ?? order.count)
                    < (order.firstIndex(of: $1.uppercased()) ?? order.count)
            }
        } else {
            sorted = firstSeen.enumerated().sorted {
                counts[$0.element]! != counts[$1.element]!
                    ? counts[$0.element]! > counts[$1.element]! : $0.offset < $1.offset
            }.map(\.element)
        }
        return sorted.map { Tally(label: $0, count: counts[$0]!) }
    }

    /// "7 earlier cases with FGFR2 fusion, IHCH: 5 recommended FGFR inhibitor, 2 clinical trial; best response
    /// PR 3, SD 1; median time on treatment 7.1 months (5 treated, 1 ongoing)".
    public var sentence: String {
        let n = caseIds.count
        var parts = ["\(n) earlier case\(n == 1 ? "" : "s") with \(title)"]
        var details: [String] = []
        if !recommended.isEmpty {
            details.append(
                recommended.enumerated().map {
                    $0.offset == 0
                        ? "\($0.element.count) recommended \($0.element.label)"
                        : "\($0.element.count) \($0.element.label)"
                }
                .joined(separator: ", "))
        }
        if !bestResponses.isEmpty {
            details.append("best response " + bestResponses.map { "\($0.label) \($0.count)" }.joined(separator: ", "))
        }
        if let median = medianMonthsOnTreatment {
            details.append(
                String(format: "median time on treatment %.1f months", median)
                    + " (\(treated) treated" + (ongoing > 0 ? ", \(ongoing) ongoing)" : ")"))
        } else if justStarted == 0 {
            details.append("no treatment outcome recorded")
        }
        if justStarted > 0 {
            details.append("\(justStarted) started with nothing recorded since")
        }
        parts[0] += ": " + details.joined(separator: "; ")
        return parts[0]
    }
}
