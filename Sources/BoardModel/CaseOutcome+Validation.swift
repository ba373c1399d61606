import Foundation

extension ValidValues {
    /// CTCAE grades an outcome records: 3 (severe), 4 (life-threatening), 5 (death related to the event).
    public static let severeGradeRange = 3...5

    /// An outcome's date: on the calendar and not after `today` (an outcome is something that happened).
    public static func outcomeDate(_ value: LocalDate, today: LocalDate = LocalDate(Date())) throws(InvalidValue)
        -> LocalDate
    {
        _ = try date(value, field: "date")
        guard value <= today else {
            throw InvalidValue(field: "date", expected: "a date not after \(today)", got: "\(value), in the future")
        }
        return value
    }

    /// An outcome's date from text (formats as `date(parsing:)`).
    public static func outcomeDate(parsing text: String, today: LocalDate = LocalDate(Date())) throws(InvalidValue)
        -> LocalDate
    {
        try outcomeDate(try date(parsing: text, field: "date"), today: today)
    }

    /// A CTCAE grade of a severe toxicity: 3–5.
    public static func severeGrade(_ value: Int) throws(InvalidValue) -> Int {
        guard severeGradeRange.contains(value) else {
            throw InvalidValue(field: "grade", expected: "a CTCAE grade 3–5", got: String(value))
        }
        return value
    }

    /// A CTCAE grade from text: "3", "G3", "grade 3".
    public static func severeGrade(parsing text: String) throws(InvalidValue) -> Int {
        guard let value = Int(strip(prefixes: ["GRADE", "G"], suffixes: [], from: text)) else {
            throw InvalidValue(field: "grade", expected: "a CTCAE grade 3–5", got: quoted(text))
        }
        return try severeGrade(value)
    }

    /// Response criteria for a diagnosis (OncoTree code; nil or unknown codes allow all five).
    public static func criteria(_ value: ResponseCriteria, oncotreeCode: String?) throws(InvalidValue)
        -> ResponseCriteria
    {
        guard value.isDiseaseSpecific, let allowed = ResponseCriteria.allowed(forOncoTreeCode: oncotreeCode),
            !allowed.contains(value)
        else {
            return value
        }
        let code = oncotreeCode ?? ""
        let expected =
            allowed.isEmpty
            ? "no response criteria for \(code) (RECIST 1.1, iRECIST, RANO, Lugano and IMWG are not written for it)"
            : "criteria for \(code): \(allowed.map(\.rawValue).joined(separator: " or "))"
        throw InvalidValue(field: "criteria", expected: expected, got: value.rawValue)
    }

    /// Criteria from text ("RECIST", "iRECIST", "RANO", "Lugano", "IMWG").
    public static func criteria(parsing text: String, oncotreeCode: String?) throws(InvalidValue) -> ResponseCriteria {
        guard let value = ResponseCriteria(parsing: text) else {
            throw InvalidValue(
                field: "criteria",
                expected: "one of " + ResponseCriteria.allCases.map(\.rawValue).joined(separator: ", "),
                got: quoted(text))
        }
        return try criteria(value, oncotreeCode: oncotreeCode)
    }

    /// A response category of the given criteria, spelt as the criteria spell it.
    public static func response(_ text: String, criteria: ResponseCriteria) throws(InvalidValue) -> String {
        guard let value = criteria.category(text) else {
            throw InvalidValue(
                field: "response",
                expected: "a \(criteria.rawValue) category (\(criteria.categories.joined(separator: ", ")))",
                got: quoted(text))
        }
        return value
    }
}

extension CaseOutcome {
    /// What stops this outcome from being saved, each problem naming its field. `diagnosisCode` is the case's
    /// OncoTree code (it decides the allowed criteria); `others` are the case's other outcomes (a response needs
    /// a treatment started on or before it; nothing follows a death).
    public func validationErrors(
        diagnosisCode: String?, others: [CaseOutcome], today: LocalDate = LocalDate(Date())
    ) -> [InvalidValue] {
        let (kind, regimen, drugs, trialId) = (event.kind, event.regimen, event.drugs, event.trialId)
        let (criteria, response, stopReason, grade, term) = (
            event.criteria, event.response, event.stopReason, event.grade, event.term
        )
        var problems: [InvalidValue] = []
        func check<T>(_ body: () throws(InvalidValue) -> T) {
            do { _ = try body() } catch { problems.append(error) }
        }
        func missing(_ field: String, _ expected: String) {
            problems.append(InvalidValue(field: field, expected: expected, got: "nothing"))
        }
        check { () throws(InvalidValue) in try ValidValues.outcomeDate(date, today: today) }
        let allowed = kind.fields
        for (field, present) in presentFields where present && !allowed.contains(field) {
            problems.append(
                InvalidValue(field: field, expected: "no \(field) on a \(kind.label) outcome", got: "a value"))
        }
        switch kind {
        case .treatmentStarted:
            if (regimen ?? "").trimmingCharacters(in: .whitespaces).isEmpty && drugs.isEmpty {
                missing("regimen", "a regimen or its drugs")
            }
            if let trialId, !Trial.isValidNCTId(trialId) {
                problems.append(InvalidValue(field: "trial", expected: "an NCT id (NCT and 8 digits)", got: trialId))
            }
        case .treatmentNotStarted:
            if (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty { missing("reason", "why it did not start") }
        case .response:
            if let criteria {
                check { () throws(InvalidValue) in try ValidValues.criteria(criteria, oncotreeCode: diagnosisCode) }
                if let response {
                    check { () throws(InvalidValue) in try ValidValues.response(response, criteria: criteria) }
                } else {
                    missing("response", "a \(criteria.rawValue) category")
                }
            } else {
                missing(
                    "criteria",
                    "the response criteria (" + ResponseCriteria.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
        case .treatmentStopped:
            if stopReason == nil {
                missing("stop reason", StopReason.allCases.map(\.rawValue).joined(separator: ", "))
            }
        case .toxicity:
            if let grade {
                check { () throws(InvalidValue) in try ValidValues.severeGrade(grade) }
            } else {
                missing("grade", "a CTCAE grade 3–5")
            }
            if (term ?? "").trimmingCharacters(in: .whitespaces).isEmpty { missing("term", "the CTCAE term") }
        case .progression, .death, .lostToFollowUp:
            break
        }
        problems += sequenceProblems(others: others.filter { $0.id != id })
        return problems
    }

    /// Problems with where the event falls among the case's others.
    private func sequenceProblems(others: [CaseOutcome]) -> [InvalidValue] {
        let kind = event.kind
        var problems: [InvalidValue] = []
        let started = others.filter { $0.kind == .treatmentStarted }
        if kind.needsTreatment {
            if let treatmentId {
                if let treatment = started.first(where: { $0.id == treatmentId }) {
                    if treatment.date > date {
                        problems.append(
                            InvalidValue(
                                field: "date",
                                expected: "a \(kind.label) on or after the treatment started (\(treatment.date))",
                                got: "\(date)"))
                    }
                } else {
                    problems.append(
                        InvalidValue(
                            field: "treatment", expected: "the id of a treatment-started outcome of the case",
                            got: treatmentId))
                }
            } else if !started.contains(where: { $0.date <= date }) {
                let first = started.map(\.date).min()
                problems.append(
                    InvalidValue(
                        field: "date",
                        expected: first.map { "a \(kind.label) on or after the treatment started (\($0))" }
                            ?? "a \(kind.label) after a treatment started (record the treatment start first)",
                        got: "\(date)"))
            }
        }
        if let death = others.first(where: { $0.kind == .death }) {
            if kind == .death {
                problems.append(
                    InvalidValue(
                        field: "kind", expected: "one death per case (recorded on \(death.date))", got: "death"))
            } else if date > death.date {
                problems.append(
                    InvalidValue(
                        field: "date", expected: "a date on or before the death (\(death.date))", got: "\(date)"))
            }
        }
        if kind == .death, let later = others.filter({ $0.date > date }).map(\.date).max() {
            problems.append(
                InvalidValue(
                    field: "date", expected: "a death on or after the case's last event (\(later))", got: "\(date)"))
        }
        return problems
    }

    /// The kind-specific fields and whether this outcome has a value in them.
    private var presentFields: [(String, Bool)] {
        let e = event
        return [
            ("regimen", e.regimen != nil), ("drugs", !e.drugs.isEmpty), ("followed", e.followedRecommendation != nil),
            ("trial", e.trialId != nil), ("criteria", e.criteria != nil), ("response", e.response != nil),
            ("stop reason", e.stopReason != nil), ("grade", e.grade != nil), ("term", e.term != nil),
            ("treatment", treatmentId != nil),
        ]
    }
}

extension OutcomeKind {
    /// The kind-specific fields this kind takes (`reason`, the decision and the source go with every kind).
    public var fields: Set<String> {
        switch self {
        case .treatmentStarted: ["regimen", "drugs", "followed", "trial"]
        case .treatmentNotStarted: []
        case .response: ["criteria", "response", "treatment"]
        case .treatmentStopped: ["stop reason", "treatment"]
        case .toxicity: ["grade", "term", "treatment"]
        case .progression: ["treatment"]
        case .death, .lostToFollowUp: []
        }
    }
}
