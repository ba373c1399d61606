import Foundation

/// The person behind a case. Name, identifiers and birth date are identifying: they are masked in
/// privacy mode, removed in de-identified exports and never written to logs or error messages.
public struct Patient: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// Identifying: MRN and other institutional identifiers.
    public var identifiers: [PatientIdentifier]
    /// Identifying.
    public var name: PersonName
    /// Identifying.
    public var birthDate: LocalDate?
    public var sex: Sex
    /// A stable, non-identifying label for de-identified views ("PT-7QX3K2").
    public var pseudonym: String
    /// Alive, deceased or not recorded. A record that says nothing is `unknown`, never `alive`.
    public var vitalStatus: VitalStatus
    /// Identifying (a date of death). Only as recorded; never computed from survival months or ages.
    public var deceasedOn: LocalDate?
    /// The cause of death as recorded ("COVID-19 (MONDO:0100096)").
    public var causeOfDeath: String?
    /// The age the record states when it gives no birth date, as an ISO 8601 duration ("P60Y", "P6M");
    /// a birth date is never computed from it.
    public var recordedAge: String?
    /// Race as the record states it (US Core race: its text and OMB codes, "White (2106-3)"); nil when not
    /// stated, never inferred. Shown like an identifier: hidden in privacy mode and in de-identified exports.
    public var race: String?
    /// Ethnicity as the record states it ("Not Hispanic or Latino (2186-5)"); hidden like `race`.
    public var ethnicity: String?
    /// Survival months and disease-free status as a study reports them (cBioPortal); nil when not reported.
    public var survival: SurvivalRecord?
    /// The study's own clinical columns the board has no field for (cBioPortal custom attributes), as written; nil
    /// when there are none.
    public var attributes: [ClinicalAttribute]?

    public init(
        id: String, identifiers: [PatientIdentifier] = [], name: PersonName, birthDate: LocalDate? = nil,
        sex: Sex = .unknown, pseudonym: String? = nil, vitalStatus: VitalStatus = .unknown,
        deceasedOn: LocalDate? = nil,
        causeOfDeath: String? = nil, recordedAge: String? = nil, race: String? = nil, ethnicity: String? = nil
    ) {
        self.id = id
        self.identifiers = identifiers
        self.name = name
        self.birthDate = birthDate
        self.sex = sex
        self.pseudonym = pseudonym ?? Pseudonym.make(for: id)
        // A date of death means deceased, whatever else the record says.
        self.vitalStatus = deceasedOn != nil ? .deceased : vitalStatus
        self.deceasedOn = deceasedOn
        self.causeOfDeath = causeOfDeath
        self.recordedAge = recordedAge
        self.race = race
        self.ethnicity = ethnicity
    }

    enum CodingKeys: String, CodingKey {
        case id, identifiers, name, birthDate, sex, pseudonym, vitalStatus, deceasedOn, causeOfDeath, recordedAge
        case race, ethnicity, survival, attributes
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        let status = try c.decodeIfPresent(VitalStatus.self, forKey: .vitalStatus)
        let deceasedOn = try c.decodeIfPresent(LocalDate.self, forKey: .deceasedOn)
        let birthDate = try c.decodeIfPresent(LocalDate.self, forKey: .birthDate)
        if status == .alive, deceasedOn != nil {
            throw DecodingError.dataCorruptedError(
                forKey: .deceasedOn, in: c,
                debugDescription: "a date of death with vitalStatus \"alive\"; expected \"deceased\" or no date")
        }
        if let deceasedOn, let birthDate, deceasedOn < birthDate {
            throw DecodingError.dataCorruptedError(
                forKey: .deceasedOn, in: c,
                debugDescription: "date of death before the birth date; expected a date on or after it")
        }
        self.init(
            id: id,
            identifiers: try c.decodeIfPresent([PatientIdentifier].self, forKey: .identifiers) ?? [],
            name: try c.decode(PersonName.self, forKey: .name),
            birthDate: birthDate,
            sex: try c.decodeIfPresent(Sex.self, forKey: .sex) ?? .unknown,
            pseudonym: try c.decodeIfPresent(String.self, forKey: .pseudonym),
            vitalStatus: status ?? .unknown,
            deceasedOn: deceasedOn,
            causeOfDeath: try c.decodeIfPresent(String.self, forKey: .causeOfDeath),
            recordedAge: try c.decodeIfPresent(String.self, forKey: .recordedAge),
            race: try c.decodeIfPresent(String.self, forKey: .race),
            ethnicity: try c.decodeIfPresent(String.self, forKey: .ethnicity))
        survival = try c.decodeIfPresent(SurvivalRecord.self, forKey: .survival)
        attributes = try c.decodeIfPresent([ClinicalAttribute].self, forKey: .attributes)
    }

    /// Unknown vital status and absent death data are left out, so records written before they existed keep their bytes.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(identifiers, forKey: .identifiers)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(birthDate, forKey: .birthDate)
        try c.encode(sex, forKey: .sex)
        try c.encode(pseudonym, forKey: .pseudonym)
        if vitalStatus != .unknown { try c.encode(vitalStatus, forKey: .vitalStatus) }
        try c.encodeIfPresent(deceasedOn, forKey: .deceasedOn)
        try c.encodeIfPresent(causeOfDeath, forKey: .causeOfDeath)
        try c.encodeIfPresent(recordedAge, forKey: .recordedAge)
        try c.encodeIfPresent(race, forKey: .race)
        try c.encodeIfPresent(ethnicity, forKey: .ethnicity)
        try c.encodeIfPresent(survival, forKey: .survival)
        try c.encodeIfPresent(attributes, forKey: .attributes)
    }

    /// True only when the record says the patient died.
    public var isDeceased: Bool { vitalStatus == .deceased }

    /// The medical record number, if one is recorded.
    public var mrn: String? { identifiers.first { $0.kind == .mrn }?.value }

    /// The identifier to name the patient by beside the name: the MRN ("123"), else the first other identifier
    /// with what it is ("identifier 1007"); nil when the record has none.
    public var mainIdentifier: String? { mrn ?? identifiers.first.map(\.shown) }

    /// Age in whole years on a given day.
    public func age(on day: LocalDate) -> Int? { birthDate.map { $0.years(until: day) } }

    /// Whether two records describe the same person: true on the same id or a shared identifier, or the same
    /// birth date and family name; false when birth dates or family names contradict; nil when nothing tells.
    public func isSamePerson(as other: Patient) -> Bool? {
        if id == other.id { return true }
        for a in identifiers
        where other.identifiers.contains(where: {
            $0.value == a.value && ($0.system == a.system || $0.system == nil || a.system == nil)
        }) {
            return true
        }
        let families = [name.family, other.name.family].map { $0?.trimmingCharacters(in: .whitespaces).lowercased() }
        if let a = birthDate, let b = other.birthDate, a != b { return false }
        if let a = families[0], let b = families[1], !a.isEmpty, !b.isEmpty, a != b { return false }
        if birthDate != nil, birthDate == other.birthDate, let a = families[0], !a.isEmpty, a == families[1] {
            return true
        }
        return nil
    }

    /// Initials for masked display ("M.G.").
    public var initials: String {
        [name.given, name.family].compactMap { $0?.first.map { "\($0)." } }.joined()
    }
}

/// An identifier issued by a hospital, a lab or a state (a social security number, a driver's licence, a passport).
/// Every kind is identifying: hidden in privacy mode, removed from de-identified exports.
public struct PatientIdentifier: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case mrn, national, lab, other }
    public var kind: Kind
    public var system: String?
    public var value: String
    /// The name of the identifier's type as the record gives it ("Social Security Number", "Passport Number"),
    /// so that a number never shows unlabelled; nil when the record names no type.
    public var typeName: String?

    public init(kind: Kind, system: String? = nil, value: String, typeName: String? = nil) {
        self.kind = kind
        self.system = system
        self.value = value
        self.typeName = typeName
    }

    /// What the identifier is, in words: "MRN", the type's name, or "identifier" when the record does not say.
    public var label: String {
        switch kind {
        case .mrn: "MRN"
        case .national: typeName ?? "national identifier"
        case .lab: typeName ?? "lab identifier"
        case .other: typeName ?? "identifier"
        }
    }

    /// "MRN 123", "Social Security Number 999-…", "identifier 1007".
    public var shown: String { "\(label) \(value)" }
}

/// A person's name as written in the record; `text` keeps scripts where given/family do not apply.
public struct PersonName: Codable, Sendable, Hashable {
    public var given: String?
    public var family: String?
    public var text: String?

    public init(given: String? = nil, family: String? = nil, text: String? = nil) {
        self.given = given
        self.family = family
        self.text = text
    }

    /// "Family, Given" or the free text.
    public var display: String {
        if let text, !text.isEmpty { return text }
        switch (family, given) {
        case (let f?, let g?): return "\(f), \(g)"
        case (let f?, nil): return f
        case (nil, let g?): return g
        default: return "(unnamed)"
        }
    }

    /// A name the program wrote in place of one the source did not state ("(unnamed)", "(name not stated in the lab
    /// file)"): parenthesised words with no given or family name. It names nobody, so de-identification must not
    /// treat its words as name parts (they would replace "not stated in the lab file" in a diagnosis).
    public var isPlaceholder: Bool {
        guard given == nil, family == nil else { return false }
        let t = (text ?? "").trimmingCharacters(in: .whitespaces)
        return t.isEmpty || (t.hasPrefix("(") && t.hasSuffix(")"))
    }
}

/// Whether the patient is alive, as recorded. `unknown` when the record does not say.
public enum VitalStatus: String, Codable, Sendable, CaseIterable {
    case alive, deceased, unknown
}

/// Administrative sex as recorded.
public enum Sex: String, Codable, Sendable, CaseIterable {
    case female, male, other, unknown
}

/// Derives stable pseudonyms so that de-identified minutes can still refer to the same patient.
public enum Pseudonym {
    private static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// "PT-" followed by six characters from an FNV-1a hash of the internal id.
    public static func make(for id: String) -> String {
        var fnv = FNV()
        fnv.feed(id)
        var hash = fnv.value
        var chars: [Character] = []
        for _ in 0..<6 {
            chars.append(alphabet[Int(hash % 32)])
            hash /= 32
        }
        return "PT-" + String(chars)
    }
}
