import Foundation

/// What followed a precedent's decision, read from its outcomes: the treatment given, how long, the best
/// response, progression, why it stopped. Days count from the treatment's start; months are days / 30.44.
/// A course is as good as its outcomes: without a treatment-started event there is no time on treatment.
public struct PrecedentCourse: Codable, Sendable, Hashable {
    public var treatment: String?
    /// Why treatment did not start, when the outcomes say it did not.
    public var notStarted: Bool
    /// Days from treatment start to stop (or death, or the last event while ongoing).
    public var daysOnTreatment: Int?
    /// Response assessments after the start: day and category.
    public var responses: [Mark]
    public var bestResponse: String?
    /// Day of the first progression (a progression event or a progression category).
    public var progressionDay: Int?
    public var stopDay: Int?
    public var stopReason: StopReason?
    public var deathDay: Int?
    /// Still on treatment at the last outcome recorded (no stop, death or loss to follow-up).
    public var ongoing: Bool
    public var severeToxicities: Int

    public struct Mark: Codable, Sendable, Hashable {
        public var day: Int
        public var category: String
    }

    public init(_ events: [TimedOutcome]) {
        let sorted = events.sorted { $0.day < $1.day }
        let start = sorted.first { $0.kind == .treatmentStarted }
        treatment = start.flatMap { s in s.regimen ?? (s.drugs.isEmpty ? nil : s.drugs.joined(separator: " + ")) }
        notStarted = start == nil && sorted.contains { $0.kind == .treatmentNotStarted }
        let origin = start?.day ?? 0
        let after = start == nil ? [] : sorted.filter { $0.day >= origin }
        responses = after.compactMap { e in
            guard e.kind == .response, let category = e.response else { return nil }
            return Mark(day: e.day - origin, category: category)
        }
        bestResponse = Self.best(responses.map(\.category))
        progressionDay =
            after.first {
                $0.kind == .progression || ($0.kind == .response && ResponseCriteria.isProgression($0.response ?? ""))
            }
            .map { $0.day - origin }
        let stop = after.first { $0.kind == .treatmentStopped }
        stopDay = stop.map { $0.day - origin }
        stopReason = stop?.stopReason
        deathDay = sorted.first { $0.kind == .death }.map { $0.day - origin }
        let lost = after.contains { $0.kind == .lostToFollowUp }
        ongoing = start != nil && stop == nil && deathDay == nil && !lost
        severeToxicities = after.filter { $0.kind == .toxicity }.count
        // Ongoing treatment counts to its last recorded event; with nothing recorded after the start its time on
        // treatment is not known yet (not zero), so it stays out of the medians.
        let lastSeen = after.map(\.day).max().map { $0 - origin }
        if start != nil {
            daysOnTreatment = stopDay ?? deathDay ?? (lastSeen == 0 ? nil : lastSeen)
        } else {
            daysOnTreatment = nil
        }
    }

    public var monthsOnTreatment: Double? { daysOnTreatment.map { Double($0) / 30.44 } }

    /// The best of several categories across criteria: complete before partial before minor before stable before
    /// progression; not-evaluable never counts.
    static func best(_ categories: [String]) -> String? {
        let order = responseOrder
        return categories.filter { order.contains($0.uppercased()) }
            .min { order.firstIndex(of: $0.uppercased())! < order.firstIndex(of: $1.uppercased())! }
    }

    /// Response categories of every criteria, best first, upper-cased (sCR → "SCR", iUPD → "IUPD").
    public static let responseOrder = [
        "SCR", "CR", "ICR", "CMR", "VGPR", "PR", "IPR", "PMR", "MR", "SD", "ISD", "NMR", "IUPD", "PD", "ICPD", "PMD",
    ]

    /// Whether a category is a response (complete, partial or minor), as the swimmer plot marks it.
    public static func isResponse(_ category: String) -> Bool {
        ["SCR", "CR", "ICR", "CMR", "VGPR", "PR", "IPR", "PMR", "MR"].contains(category.uppercased())
    }
}
