import Foundation

/// What the board decided for a case, with the evidence, who agreed and who signed.
/// A final decision is never edited: a change is a new version that `amends` it.
public struct Decision: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var caseId: String
    public var meetingId: String?
    @Defaulted<Defaults.One> public var version: Int
    @Defaulted<DecisionStatus> public var status: DecisionStatus
    @Defaulted<[Recommendation]> public var recommendations: [Recommendation]
    public var consensus: Consensus?
    @Defaulted<[Dissent]> public var dissent: [Dissent]
    /// Names from the meeting roster who were present for this case.
    @Defaulted<[String]> public var attendeesPresent: [String]
    public var followUp: FollowUp?
    /// The person who signed (the chair, or a delegate the chair named), as the board's settings name them.
    public var signedBy: String?
    public var signedAt: Date?
    /// The operating-system login that signed: the authenticated identity behind `signedBy`.
    public var signedByLogin: String?
    /// The login that asked the chair to sign, when someone other than the signer asked.
    public var signoffRequestedBy: String?
    /// The id of the decision this one amends.
    public var amends: String?
    public var amendmentReason: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: String, caseId: String, meetingId: String? = nil, version: Int = 1, status: DecisionStatus = .draft,
        recommendations: [Recommendation] = [], consensus: Consensus? = nil, dissent: [Dissent] = [],
        attendeesPresent: [String] = [], followUp: FollowUp? = nil, signedBy: String? = nil, signedAt: Date? = nil,
        signedByLogin: String? = nil, signoffRequestedBy: String? = nil, amends: String? = nil,
        amendmentReason: String? = nil, recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.caseId = caseId
        self.meetingId = meetingId
        self.version = version
        self.status = status
        self.recommendations = recommendations
        self.consensus = consensus
        self.dissent = dissent
        self.attendeesPresent = attendeesPresent
        self.followUp = followUp
        self.signedBy = signedBy
        self.signedAt = signedAt
        self.signedByLogin = signedByLogin
        self.signoffRequestedBy = signoffRequestedBy
        self.amends = amends
        self.amendmentReason = amendmentReason
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, caseId, meetingId, version, status, recommendations, consensus, dissent, attendeesPresent, followUp
        case signedBy, signedAt, signedByLogin, signoffRequestedBy, amends, amendmentReason, recordedBy, recordedAt
    }

    /// Problems that stop this decision from being saved (as a draft) or signed (as final). `atSignOff` adds what
    /// the chair's sign-off needs beyond a valid final record (an imported historical decision is not held to it):
    /// the consensus, so the minutes of a signed decision never read "not recorded".
    public func validationErrors(forSigning: Bool, atSignOff: Bool = false) -> [DecisionProblem] {
        var problems: [DecisionProblem] = []
        for (index, rec) in recommendations.enumerated() {
            if rec.kind == .clinicalTrial {
                if let trial = rec.trialId, !trial.isEmpty {
                    if trial.hasPrefix("NCT") && !Trial.isValidNCTId(trial) {
                        problems.append(
                            .init(
                                field: "recommendations[\(index)].trialId",
                                message: "\"\(trial)\" is not an NCT id (NCT and 8 digits)"))
                    }
                } else {
                    problems.append(
                        .init(
                            field: "recommendations[\(index)].trialId",
                            message: "a clinical-trial recommendation needs a trial"))
                }
            }
            if let level = rec.evidence, !level.isValid {
                problems.append(
                    .init(
                        field: "recommendations[\(index)].evidence",
                        message:
                            "\"\(level.code)\" is not a level of \(level.scale.rawValue) (expected one of \(level.scale.levels.joined(separator: ", ")))"
                    ))
            }
        }
        if let date = followUp?.date, !date.isOnCalendar {
            problems.append(.init(field: "followUp.date", message: "expected a real calendar date, got \(date)"))
        }
        if let weeks = followUp?.intervalWeeks, !(1...520).contains(weeks) {
            problems.append(
                .init(
                    field: "followUp.intervalWeeks",
                    message: "expected a follow-up interval of 1–520 weeks, got \(weeks)"))
        }
        if forSigning {
            if recommendations.isEmpty {
                problems.append(
                    .init(field: "recommendations", message: "a final decision needs at least one recommendation"))
            }
            // The minutes of a signed decision always say how the board agreed.
            if atSignOff && consensus == nil {
                problems.append(
                    .init(
                        field: "consensus", message: "record the consensus (unanimous, majority or none) before signing"
                    ))
            }
            if (signedBy ?? "").isEmpty {
                problems.append(.init(field: "signedBy", message: "a final decision must be signed by the chair"))
            }
        }
        return problems
    }
}

/// One validation problem, attached to the field it concerns.
public struct DecisionProblem: Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { "\(field): \(message)" }
}

public enum DecisionStatus: String, Codable, Sendable, CaseIterable { case draft, final, amended }

/// One thing the board recommends.
public struct Recommendation: Codable, Sendable, Hashable {
    public var kind: RecommendationKind
    public var therapy: String?
    @Defaulted<[String]> public var drugs: [String]
    public var trialId: String?
    @Defaulted<[String]> public var findingIds: [String]
    public var evidence: EvidenceLevel?
    /// 1 = first choice.
    @Defaulted<Defaults.One> public var priority: Int
    @Defaulted<String> public var rationale: String

    public init(
        kind: RecommendationKind, therapy: String? = nil, drugs: [String] = [], trialId: String? = nil,
        findingIds: [String] = [], evidence: EvidenceLevel? = nil, priority: Int = 1, rationale: String = ""
    ) {
        self.kind = kind
        self.therapy = therapy
        self.drugs = drugs
        self.trialId = trialId
        self.findingIds = findingIds
        self.evidence = evidence
        self.priority = priority
        self.rationale = rationale
    }

    enum CodingKeys: String, CodingKey { case kind, therapy, drugs, trialId, findingIds, evidence, priority, rationale }

}

extension Recommendation {
    /// The drugs of the recommendation: `drugs`, else the therapy text split at "+" and ",".
    public var drugNames: [String] {
        if !drugs.isEmpty { return drugs }
        return (therapy ?? "").split(whereSeparator: { $0 == "+" || $0 == "," }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    /// Evidence in the case that argues against a drug this recommendation gives (resistance, reduced
    /// sensitivity, adverse response), on any of the case's findings, cited or not: shown beside the
    /// recommendation so the board sees it before signing. It does not stop saving: a board may decide
    /// knowingly (osimertinib with savolitinib despite MET-driven resistance to osimertinib alone).
    public func evidenceAgainst(in findings: [Finding]) -> [(finding: Finding, entry: EvidenceEntry)] {
        let names = drugNames
        guard !names.isEmpty else { return [] }
        return findings.flatMap { f in f.evidenceAgainst(drugs: names).map { (f, $0) } }
    }
}

public enum RecommendationKind: String, Codable, Sendable, CaseIterable {
    case targetedTherapy = "targeted-therapy"
    case immunotherapy, chemotherapy
    case clinicalTrial = "clinical-trial"
    case surgery
    case radiotherapy, chemoradiation
    case standardOfCare = "standard-of-care"
    case bestSupportiveCare = "best-supportive-care"
    case surveillance
    case furtherDiagnostics = "further-diagnostics"
    case rebiopsy = "re-biopsy"
    case geneticCounselling = "genetic-counselling"

    public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}

public enum Consensus: String, Codable, Sendable, CaseIterable { case unanimous, majority, none }

/// A board member who disagreed, and why.
public struct Dissent: Codable, Sendable, Hashable {
    public var name: String
    public var reason: String
    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
}

/// When to look at the case again, and what to bring.
public struct FollowUp: Codable, Sendable, Hashable {
    public var date: LocalDate?
    public var intervalWeeks: Int?
    public var represent: String?
    public init(date: LocalDate? = nil, intervalWeeks: Int? = nil, represent: String? = nil) {
        self.date = date
        self.intervalWeeks = intervalWeeks
        self.represent = represent
    }
}
