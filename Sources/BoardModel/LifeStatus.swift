import Foundation

/// A patient's age and vital status as summaries and lists say it. A deceased patient is never shown with a
/// current age: the age at death when both dates are recorded, otherwise no age at all. An age a file states
/// without a birth date (cBioPortal AGE, a phenopacket's time at last encounter) is shown as that recorded age.
public struct LifeStatus: Sendable, Hashable {
    public var birthDate: LocalDate?
    public var vitalStatus: VitalStatus
    public var deceasedOn: LocalDate?
    public var causeOfDeath: String?
    /// ISO 8601 duration ("P60Y", "P7M") a source recorded, used only when there is no birth date.
    public var recordedAge: String?

    public init(
        birthDate: LocalDate?, vitalStatus: VitalStatus, deceasedOn: LocalDate? = nil, causeOfDeath: String? = nil,
        recordedAge: String? = nil
    ) {
        self.birthDate = birthDate
        self.vitalStatus = deceasedOn != nil ? .deceased : vitalStatus
        self.deceasedOn = deceasedOn
        self.causeOfDeath = causeOfDeath
        self.recordedAge = recordedAge
    }

    public init(_ p: Patient) {
        self.init(
            birthDate: p.birthDate, vitalStatus: p.vitalStatus, deceasedOn: p.deceasedOn, causeOfDeath: p.causeOfDeath,
            recordedAge: p.recordedAge)
    }

    /// "60 y" or "7 mo" from the recorded ISO 8601 duration's largest unit; nil when there is a birth date or
    /// nothing readable was recorded.
    public var recordedAgeValue: String? {
        guard birthDate == nil, let raw = recordedAge?.uppercased(), raw.hasPrefix("P") else { return nil }
        let units: [(Character, String)] = [("Y", "y"), ("M", "mo"), ("W", "wk"), ("D", "d")]
        var number = ""
        for c in raw.dropFirst() {
            if c == "T" { break }
            if c.isNumber {
                number.append(c)
            } else if let unit = units.first(where: { $0.0 == c }), let n = Int(number) {
                return "\(n) \(unit.1)"
            } else {
                number = ""
            }
        }
        return nil
    }

    public var isDeceased: Bool { vitalStatus == .deceased }

    /// Age at death for the deceased (nil when either date is missing); age on `day` otherwise.
    public func age(on day: LocalDate) -> Int? {
        guard let birthDate else { return nil }
        if isDeceased { return deceasedOn.map { birthDate.years(until: $0) } }
        return birthDate.years(until: day)
    }

    /// "107 y", "age unknown", or "deceased 1990-07-29 (COVID-19), 43 y at death". With `hideDates` the date of
    /// death reads "date removed" (it identifies like a birth date); `say` masks the free-text cause.
    public func phrase(on day: LocalDate, hideDates: Bool = false, say: (String) -> String = { $0 }) -> String {
        guard isDeceased else {
            return age(on: day).map { "\($0) y" } ?? recordedAgeValue.map { "\($0) (recorded age, no birth date)" }
                ?? "age unknown"
        }
        let when = deceasedOn.map { hideDates ? "date removed" : $0.description } ?? "date not recorded"
        let cause = causeOfDeath.map { "; cause: \(say($0))" } ?? ""
        return "deceased (\(when)\(cause)), "
            + (age(on: day).map { "\($0) y at death" }
                ?? "age at death unknown" + (recordedAgeValue.map { " (last recorded age \($0))" } ?? ""))
    }
}
