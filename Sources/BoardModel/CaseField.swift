import Foundation

/// The details of a case the coordinator corrects on the case screen (what the readiness checklist flags), each
/// shown as text the prompt starts from and read back from what was typed, validated as every reader validates:
/// OncoTree codes against the bundled release, ECOG through `ValidValues`, TNM categories and stage groups by their
/// pattern. A refused value throws `InvalidValue` (what was expected, what was typed). "-" clears a field.
public enum CaseField: String, CaseIterable, Sendable {
    case diagnosis, histology, stage, ecog, consent, question, referrer

    /// The field as the prompt names it.
    public var label: String {
        switch self {
        case .diagnosis: "diagnosis (OncoTree code, then the pathologist's words)"
        case .histology: "histology"
        case .stage: "stage (TNM and/or group, e.g. cT3 N2 M1c IVB)"
        case .ecog: "ECOG (0–5)"
        case .consent: "consent (research yes/no, trials yes/no)"
        case .question: "question for the board"
        case .referrer: "referring clinician"
        }
    }

    /// The field's current value as text that reads back to the same value.
    public func value(of record: Case) -> String {
        switch self {
        case .diagnosis:
            return [record.diagnosis.oncotreeCode, record.diagnosis.text].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: " ")
        case .histology: return record.diagnosis.histology ?? ""
        case .stage: return record.stage.map(Self.stageText) ?? ""
        case .ecog: return record.performance?.ecog.map(String.init) ?? ""
        case .consent:
            return [
                record.consent.research.map { "research \($0 ? "yes" : "no")" },
                record.consent.trials.map { "trials \($0 ? "yes" : "no")" },
            ].compactMap { $0 }.joined(separator: ", ")
        case .question: return record.question
        case .referrer: return record.referringClinician ?? ""
        }
    }

    /// Sets the field from what was typed, or throws without changing the record.
    public func apply(_ typed: String, to record: inout Case, oncoTree: OncoTree = .bundled) throws(InvalidValue) {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        let clear = text.isEmpty || text == "-"
        switch self {
        case .diagnosis:
            if clear {
                throw InvalidValue(field: "diagnosis", expected: "an OncoTree code (a case keeps one)", got: "")
            }
            try Self.setDiagnosis(text, on: &record, oncoTree: oncoTree)
        case .histology: record.diagnosis.histology = clear ? nil : text
        case .stage:
            if clear {
                record.stage = nil
            } else {
                var stage = try Self.stage(parsing: text)
                stage.system = record.stage?.system
                stage.assessedOn = nil
                record.stage = stage
            }
        case .ecog:
            var performance = record.performance ?? PerformanceStatus()
            performance.ecog = clear ? nil : try ValidValues.ecog(parsing: text)
            record.performance = performance.ecog == nil && performance.karnofsky == nil ? nil : performance
        case .consent:
            let recorded = record.consent.recordedOn
            record.consent = clear ? Consent() : try Self.consent(parsing: text)
            record.consent.recordedOn = clear ? nil : recorded
        case .question: record.question = clear ? "" : text
        case .referrer: record.referringClinician = clear ? nil : text
        }
    }

    // MARK: Diagnosis

    /// "LUAD" or "LUAD Lung adenocarcinoma, right upper lobe" (the code, then the pathologist's words) or the
    /// completion "LUAD — Lung Adenocarcinoma". A retired code is refused with the code that took it over.
    static func setDiagnosis(_ text: String, on record: inout Case, oncoTree: OncoTree) throws(InvalidValue) {
        let parts = text.replacingOccurrences(of: " — ", with: " ").split(separator: " ", maxSplits: 1)
        let code = String(parts[0])
        let words = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        switch oncoTree.lookup(code) {
        case .current(let current):
            let name = oncoTree.name(of: current) ?? current
            let oldWords = record.diagnosis.text
            record.diagnosis.oncotreeCode = current
            // The completion's own name is not the pathologist's words: those stay unless new ones were typed.
            if !words.isEmpty, words.lowercased() != name.lowercased() {
                record.diagnosis.text = words
            } else if oldWords.isEmpty {
                record.diagnosis.text = name
            }
        case .retired(let old, let now, let how):
            throw InvalidValue(
                field: "diagnosis", expected: "a current OncoTree code (\(old) was retired, \(how): use \(now))",
                got: old)
        case .split(let old, let into):
            throw InvalidValue(
                field: "diagnosis",
                expected: "a current OncoTree code (\(old) was split into \(into.joined(separator: ", ")): choose one)",
                got: old)
        case .unknown(let unknown):
            throw InvalidValue(
                field: "diagnosis", expected: "an OncoTree code of release \(OncoTree.release) (Tab completes)",
                got: unknown)
        }
    }

    // MARK: Stage

    /// The stage as typed back: "cT3 N2 M1c IVB".
    static func stageText(_ stage: Stage) -> String {
        let prefix = stage.basis == "pathological" ? "p" : (stage.basis == "clinical" ? "c" : "")
        return [stage.t.map { prefix + $0 }, stage.n, stage.m, stage.group].compactMap { $0 }.joined(separator: " ")
    }

    /// TNM categories (T0–T4, Tis, TX with a c/p/yp prefix on T; N0–N3, NX; M0, M1a–d, MX) and a stage group
    /// (0, I–IV with letters and a digit as in IA2 or IIIB; Ann Arbor/Lugano suffixes E, S, X; Binet A–C), in any
    /// order, the word "stage" allowed; anything else is refused by name.
    public static func stage(parsing text: String) throws(InvalidValue) -> Stage {
        var stage = Stage()
        let tokens = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        for token in tokens where token.lowercased() != "stage" {
            if let (basis, t) = category(token, letter: "T", values: #"(X|is|0|[1-4][a-d]?[0-9]?)"#) {
                stage.t = t
                if let basis { stage.basis = basis }
            } else if let (_, n) = category(token, letter: "N", values: #"(X|0|[1-3][a-c]?(mi)?)"#) {
                stage.n = n
            } else if let (_, m) = category(token, letter: "M", values: #"(X|0|1[a-d]?)"#) {
                stage.m = m
            } else if token.range(of: #"^(0|I|II|III|IV)([A-C][0-9]?)?[ESX]?$"#, options: .regularExpression) != nil
                || ["A", "B", "C"].contains(token)
            {
                stage.group = token
            } else {
                throw InvalidValue(
                    field: "stage", expected: "TNM categories and/or a stage group, e.g. cT3 N2 M1c IVB",
                    got: "\"\(token)\"")
            }
        }
        return stage
    }

    /// A T, N or M category with an optional c/p/yc/yp prefix: the basis it names and the category without it.
    static func category(_ token: String, letter: Character, values: String) -> (basis: String?, value: String)? {
        guard
            token.range(of: "^(y?[cp])?\(letter)\(values)$", options: [.regularExpression, .caseInsensitive]) != nil,
            let at = token.firstIndex(where: { $0.uppercased() == String(letter) })
        else { return nil }
        let prefix = token[..<at].lowercased()
        let basis: String? = prefix.hasSuffix("p") ? "pathological" : prefix.hasSuffix("c") ? "clinical" : nil
        return (basis, String(letter) + String(token[token.index(after: at)...]))
    }

    // MARK: Consent

    /// "research yes, trials no", "research yes", "yes no" (research, then trials).
    static func consent(parsing text: String) throws(InvalidValue) -> Consent {
        var consent = Consent()
        var pending: String?
        var bare: [Bool] = []
        let words = text.lowercased().replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        for word in words {
            let answer: Bool? =
                ["yes", "y", "ja", "true"].contains(word)
                ? true : ["no", "n", "nein", "false"].contains(word) ? false : nil
            if word == "research" || word == "trials" || word == "trial" {
                pending = word
            } else if let answer {
                switch pending {
                case "research": consent.research = answer
                case "trials", "trial": consent.trials = answer
                default: bare.append(answer)
                }
                pending = nil
            } else {
                throw InvalidValue(
                    field: "consent", expected: "research yes/no and trials yes/no, e.g. research yes, trials no",
                    got: "\"\(word)\"")
            }
        }
        if !bare.isEmpty {
            if consent.research == nil { consent.research = bare.removeFirst() }
            if let next = bare.first, consent.trials == nil { consent.trials = next }
        }
        guard consent.research != nil || consent.trials != nil else {
            throw InvalidValue(
                field: "consent", expected: "research yes/no and trials yes/no, e.g. research yes, trials no",
                got: "\"\(text)\"")
        }
        return consent
    }
}
