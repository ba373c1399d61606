import BoardModel
import Foundation

/// A case the coordinator makes by hand (`tumorboard case add`), so that a VCF or MAF has a case to attach to
/// without writing JSON. Every detail is optional and validated as the readers and the case screen validate it
/// (OncoTree codes against the bundled release, stage by its pattern, ECOG 0–5, a real birth date); what is not
/// given stays unknown, never guessed.
public struct NewCase: Sendable {
    public var id: String
    public var name: String?
    /// "female", "male", "other" or "unknown".
    public var sex: String?
    public var birthDate: String?
    /// An OncoTree code, then optionally the pathologist's words ("LUAD Lung adenocarcinoma, right upper lobe").
    public var diagnosis: String?
    public var stage: String?
    public var ecog: String?
    public var question: String?

    public init(
        id: String, name: String? = nil, sex: String? = nil, birthDate: String? = nil, diagnosis: String? = nil,
        stage: String? = nil, ecog: String? = nil, question: String? = nil
    ) {
        self.id = id
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.diagnosis = diagnosis
        self.stage = stage
        self.ecog = ecog
        self.question = question
    }

    /// What a case id typed by hand may be: it names the case in commands, finding ids ("<case>/<variant>") and
    /// exports, so no spaces, slashes or control characters.
    public static let idRule = "1 to 64 letters, digits, '.', '_', '-' or ':', starting with a letter or digit"

    public static func isValidId(_ id: String) -> Bool {
        guard (1...64).contains(id.count), let first = id.unicodeScalars.first, Self.alnum(first) else { return false }
        return id.unicodeScalars.allSatisfy { Self.alnum($0) || ".-_:".unicodeScalars.contains($0) }
    }

    private static func alnum(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (CharacterSet.alphanumerics.contains(s))
    }

    /// The diagnosis text when none is given: said as not stated, so lists never show an empty diagnosis.
    public static let diagnosisNotStated = "not stated (case made by hand)"

    /// The case, or the first detail that is not valid (what was expected; a birth date or name is never echoed).
    public func record(today: LocalDate, oncoTree: OncoTree = .bundled) throws(InvalidValue) -> Case {
        guard Self.isValidId(id) else { throw InvalidValue(field: "case id", expected: Self.idRule, got: id) }
        let trimmedName = name?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let trimmedName, !trimmedName.isEmpty, Self.idHoldsName(id, name: trimmedName) {
            throw InvalidValue(
                field: "case id",
                expected: "an id without a part of the patient's name (ids show in lists and de-identified exports)",
                got: nil)
        }
        var patientSex = Sex.unknown
        if let sex {
            guard let known = Sex(rawValue: sex.lowercased()) else {
                throw InvalidValue(field: "sex", expected: "female, male, other or unknown", got: sex)
            }
            patientSex = known
        }
        let born = try birthDate.map { text throws(InvalidValue) in
            try ValidValues.birthDate(parsing: text, today: today)
        }
        let patient = Patient(
            id: "patient-of-" + id,
            name: PersonName(text: trimmedName?.isEmpty == false ? trimmedName : nil),
            birthDate: born, sex: patientSex)
        var record = Case(id: id, patient: patient, diagnosis: Diagnosis(text: Self.diagnosisNotStated))
        if let diagnosis {
            record.diagnosis.text = ""
            try CaseField.diagnosis.apply(diagnosis, to: &record, oncoTree: oncoTree)
        }
        if let stage { try CaseField.stage.apply(stage, to: &record, oncoTree: oncoTree) }
        if let ecog { try CaseField.ecog.apply(ecog, to: &record, oncoTree: oncoTree) }
        if let question { try CaseField.question.apply(question, to: &record, oncoTree: oncoTree) }
        return record
    }

    /// Whether a part of the name (two letters or more) is a word of the id, ignoring case and accents.
    static func idHoldsName(_ id: String, name: String) -> Bool {
        let fold = { (s: String) in s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        let words = Set(fold(id).split(whereSeparator: { !$0.isLetter }).map(String.init))
        return name.split(whereSeparator: { !$0.isLetter }).contains {
            $0.count >= 2 && words.contains(fold(String($0)))
        }
    }
}
