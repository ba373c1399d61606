import Foundation

/// A clinical trial the board may refer a patient to, with its structured eligibility.
public struct Trial: Codable, Sendable, Hashable, Identifiable {
    /// NCT id where registered, else the sponsor's protocol number.
    public var id: String
    public var title: String
    public var shortTitle: String?
    public var phase: String?
    @Defaulted<RecruitmentStatus> public var status: RecruitmentStatus
    public var sponsor: String?
    @Defaulted<[TrialSite]> public var sites: [TrialSite]
    @Defaulted<[TrialArm]> public var arms: [TrialArm]
    @Defaulted<Eligibility> public var eligibility: Eligibility
    public var provenance: Provenance?
    /// The registry's study type: "interventional", "observational" or "expanded access"; nil when not stated.
    public var studyType: String?
    /// When the registry last posted a change to this record (ClinicalTrials.gov `lastUpdatePostDateStruct`, legacy
    /// XML `last_update_posted`): an import never lets an older version of the record replace a newer one.
    public var lastUpdated: LocalDate?
    /// The trial's other identifiers as the file gives them (CTML `nct_id`, `protocol_id`, `protocol_no`), kept even
    /// when not valid as a registry id, so `trial ID` shows what the file said. Nil when the file gives none beyond
    /// the trial's id (so stored bodies of other trials keep their bytes).
    public var identifiers: [TrialIdentifier]?
    /// Enrolment, study dates, keywords, the sponsor's study id and whether results are posted, as the registry
    /// gives them; nil when the file gives none (CTML, native JSON), so stored bodies of those trials keep their bytes.
    public var registry: TrialRegistryFacts?

    public init(
        id: String, title: String, shortTitle: String? = nil, phase: String? = nil,
        status: RecruitmentStatus = .unknown, sponsor: String? = nil, sites: [TrialSite] = [],
        arms: [TrialArm] = [], eligibility: Eligibility = Eligibility(), provenance: Provenance? = nil
    ) {
        self.id = id
        self.title = title
        self.shortTitle = shortTitle
        self.phase = phase
        self.status = status
        self.sponsor = sponsor
        self.sites = sites
        self.arms = arms
        self.eligibility = eligibility
        self.provenance = provenance
    }

    enum CodingKeys: String, CodingKey {
        case id, title, shortTitle, phase, status, sponsor, sites, arms, eligibility, provenance, studyType
        case lastUpdated, identifiers, registry
    }

    /// Whether an id has the shape of a ClinicalTrials.gov identifier (NCT and eight digits).
    public static func isValidNCTId(_ id: String) -> Bool {
        id.count == 11 && id.hasPrefix("NCT") && id.dropFirst(3).allSatisfy(\.isASCII)
            && id.dropFirst(3).allSatisfy(\.isNumber)
    }
}

/// ClinicalTrials.gov overall status, in its own spelling: every value of the registry's OverallStatus
/// (studies and expanded-access records).
public enum RecruitmentStatus: String, Codable, Sendable, CaseIterable {
    case notYetRecruiting = "NOT_YET_RECRUITING"
    case recruiting = "RECRUITING"
    case enrollingByInvitation = "ENROLLING_BY_INVITATION"
    case activeNotRecruiting = "ACTIVE_NOT_RECRUITING"
    case suspended = "SUSPENDED"
    case terminated = "TERMINATED"
    case completed = "COMPLETED"
    case withdrawn = "WITHDRAWN"
    case unknown = "UNKNOWN"
    /// Expanded access: available, no longer or temporarily not available, approved for marketing.
    case available = "AVAILABLE"
    case noLongerAvailable = "NO_LONGER_AVAILABLE"
    case temporarilyNotAvailable = "TEMPORARILY_NOT_AVAILABLE"
    case approvedForMarketing = "APPROVED_FOR_MARKETING"
    case withheld = "WITHHELD"

    public var isOpen: Bool {
        self == .recruiting || self == .enrollingByInvitation || self == .notYetRecruiting || self == .available
    }

    /// Any spelling the registry has used ("Active, not recruiting", "ACTIVE_NOT_RECRUITING", "Enrolling by invitation").
    public init?(registry text: String) {
        let key = text.uppercased().replacingOccurrences(of: ", ", with: "_").replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
        self.init(rawValue: key == "UNKNOWN_STATUS" ? "UNKNOWN" : key)
    }

    public var label: String {
        rawValue.lowercased().replacingOccurrences(of: "_", with: " ")
    }
}

/// One identifier of a trial as its file wrote it ("nct_id" "XXX00000001"), with a note when it is not usable as
/// what its name claims ("not a valid NCT id").
public struct TrialIdentifier: Codable, Sendable, Hashable {
    /// The file's name for it: "nct_id", "protocol_id", "protocol_no", "org study id".
    public var kind: String
    public var value: String
    public var note: String?

    public init(kind: String, value: String, note: String? = nil) {
        self.kind = kind
        self.value = value
        self.note = note
    }
}

/// A site where the trial runs.
public struct TrialSite: Codable, Sendable, Hashable {
    public var name: String
    public var city: String?
    public var country: String?
    public var recruiting: Bool?

    public init(name: String, city: String? = nil, country: String? = nil, recruiting: Bool? = nil) {
        self.name = name
        self.city = city
        self.country = country
        self.recruiting = recruiting
    }
}

/// An arm (or a dose level within it) with its own criteria on top of the trial's.
public struct TrialArm: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    @Defaulted<[String]> public var drugs: [String]
    /// The arm's own accrual state (CTML `arm_suspended`). A registry arm has none of its own: whether it takes
    /// patients is the trial's status, and screens show an arm of a trial that is not recruiting as not open.
    /// Matching reads eligibility, not recruitment.
    @Defaulted<Defaults.True> public var open: Bool
    public var criteria: Criterion?
    /// The registry's description of the arm (umbrella and basket trials state the arm's own criteria here:
    /// "Subprotocol H: BRAF V600E/R/K/D mutation").
    public var description: String?

    public init(
        id: String, name: String, drugs: [String] = [], open: Bool = true, criteria: Criterion? = nil,
        description: String? = nil
    ) {
        self.id = id
        self.name = name
        self.drugs = drugs
        self.open = open
        self.criteria = criteria
        self.description = description
    }

    enum CodingKeys: String, CodingKey { case id, name, drugs, open, criteria, description }

}

/// Who may enter a trial: structured fields plus the registry's free text.
public struct Eligibility: Codable, Sendable, Hashable {
    public var minimumAge: Int?
    public var maximumAge: Int?
    /// nil or "all" for any sex.
    public var sex: Sex?
    /// OncoTree codes (subtrees count), or `_SOLID_` / `_LIQUID_`.
    @Defaulted<[String]> public var diagnoses: [String]
    /// Condition names as registered, when not mapped to OncoTree.
    @Defaulted<[String]> public var conditions: [String]
    public var criteria: Criterion?
    public var inclusionText: String?
    public var exclusionText: String?

    public init(
        minimumAge: Int? = nil, maximumAge: Int? = nil, sex: Sex? = nil, diagnoses: [String] = [],
        conditions: [String] = [], criteria: Criterion? = nil, inclusionText: String? = nil,
        exclusionText: String? = nil
    ) {
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.sex = sex
        self.diagnoses = diagnoses
        self.conditions = conditions
        self.criteria = criteria
        self.inclusionText = inclusionText
        self.exclusionText = exclusionText
    }

    enum CodingKeys: String, CodingKey {
        case minimumAge, maximumAge, sex, diagnoses, conditions, criteria, inclusionText, exclusionText
    }
}
