import BoardModel
import Foundation

/// A meeting's case list from a spreadsheet (CSV/TSV as Excel and LibreOffice export it); the header
/// mapping is documented in docs/case-list-format.md.
///
/// Each row names a case by its id and/or the patient's MRN. Non-empty cells update an existing case;
/// a row that matches no case creates one (then a name and a diagnosis are required). Cells are checked
/// here against `ValidValues`: a cell whose value is invalid (ECOG 7, a birth date 31.02.1970, 300 planned
/// minutes) is reported in `problems` with its line and column and what was expected, and is not used — the
/// rest of the row and the list go on. A broken file (quoting, no id column, a repeated case) is refused.
public enum CaseListReader {
    /// The case fields a column can map to.
    public enum Column: String, Sendable, CaseIterable {
        case caseId, mrn, name, familyName, givenName, birthDate, sex, diagnosis, oncotreeCode, histology, primarySite
        case stage, ecog, question, referringClinician, consentResearch, consentTrials, presenter, plannedMinutes,
            position
    }

    /// Header names (compared lower-case, with spaces, `_`, `-` and `.` removed) for each column.
    public static let synonyms: [Column: [String]] = [
        .caseId: ["case", "caseid", "caseno", "casenumber", "id", "fall", "fallid", "fallnummer"],
        .mrn: ["mrn", "patientid", "medicalrecordnumber", "recordnumber", "pid", "patientennummer", "patnr"],
        .name: ["name", "patient", "patientname", "fullname"],
        .familyName: ["familyname", "lastname", "surname", "nachname"],
        .givenName: ["givenname", "firstname", "forename", "vorname"],
        .birthDate: ["birthdate", "dateofbirth", "dob", "born", "geburtsdatum"],
        .sex: ["sex", "gender", "geschlecht"],
        .diagnosis: [
            "diagnosis", "diagnose", "tumour", "tumor", "tumourtype", "tumortype", "entity", "entitat", "entität",
        ],
        .oncotreeCode: ["oncotree", "oncotreecode"],
        .histology: ["histology", "histologie"],
        .primarySite: ["site", "primarysite", "lokalisation"],
        .stage: ["stage", "stagegroup", "uicc", "uiccstage", "stadium"],
        .ecog: ["ecog", "ecogps", "performancestatus", "ps"],
        .question: ["question", "questionfortheboard", "fragestellung", "frage"],
        .referringClinician: ["referringclinician", "referrer", "referredby", "referringphysician", "zuweiser"],
        .consentResearch: ["consent", "researchconsent", "consentresearch", "einwilligung"],
        .consentTrials: ["trialconsent", "consenttrials", "studienkontakt"],
        .presenter: ["presenter", "presentedby", "vorstellender"],
        .plannedMinutes: ["minutes", "plannedminutes", "time", "duration", "min", "minuten"],
        .position: ["position", "order", "no", "nr", "#", "rank"],
    ]

    static func normalise(_ header: String) -> String {
        String(header.lowercased().filter { !" _-.\u{00A0}".contains($0) })
    }

    static let lookup: [String: Column] = {
        var map: [String: Column] = [:]
        for (column, names) in synonyms { for n in names { map[n] = column } }
        return map
    }()

    /// Reads the file; throws `ImportError` for a file it cannot read as a list, and reports invalid cells in
    /// `problems`. `today` is the day birth dates are checked against.
    public static func read(data: Data, file: String, today: LocalDate = LocalDate(Date())) throws -> CaseList {
        let table = try DelimitedText(data: data, file: file)
        guard let header = table.records.first else {
            throw ImportError(file: file, location: "line 1", message: "the file is empty; expected a header row")
        }
        var columns: [Int: Column] = [:]
        var ignored: [String] = []
        var seen: [Column: DelimitedText.Field] = [:]
        for (i, cell) in header.enumerated() {
            let name = cell.text.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { continue }
            guard let column = lookup[normalise(name)] else {
                ignored.append(name)
                continue
            }
            if let first = seen[column] {
                throw ImportError(
                    file: file, location: cell.location,
                    message:
                        "column \"\(name)\" maps to \(column.rawValue) like \"\(first.text)\" at column \(first.column); keep one"
                )
            }
            seen[column] = cell
            columns[i] = column
        }
        guard seen[.caseId] != nil || seen[.mrn] != nil else {
            throw ImportError(
                file: file, location: "line \(header.first?.line ?? 1)",
                message:
                    "the header needs a case id or an MRN column (e.g. \"Case ID\", \"MRN\"); see docs/case-list-format.md"
            )
        }
        var entries: [CaseListEntry] = []
        var problems: [ImportError] = []
        var ids = Set<String>()
        for record in table.records.dropFirst() {
            var entry = CaseListEntry(line: record.first?.line ?? 0)
            if record.count > header.count,
                let extra = record[header.count...].first(where: {
                    !$0.text.trimmingCharacters(in: .whitespaces).isEmpty
                })
            {
                throw ImportError(
                    file: file, location: extra.location, message: "more cells than header columns (\(header.count))")
            }
            for (i, cell) in record.enumerated() {
                guard let column = columns[i] else { continue }
                let value = cell.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if value.isEmpty { continue }
                if let problem = entry.set(column, value, cell: cell, file: file, today: today) {
                    problems.append(problem)
                }
            }
            if entry.caseId == nil && entry.mrn == nil {
                throw ImportError(
                    file: file, location: "line \(entry.line)", message: "the row has neither a case id nor an MRN")
            }
            let key = entry.caseId ?? "mrn:" + entry.mrn!
            if !ids.insert(key).inserted {
                throw ImportError(
                    file: file, location: "line \(entry.line)",
                    message: "the same case appears twice (\(entry.caseId ?? "same MRN"))")
            }
            entries.append(entry)
        }
        if entries.contains(where: { $0.position != nil }) {
            entries = entries.enumerated().sorted {
                ($0.element.position ?? Int.max, $0.offset) < ($1.element.position ?? Int.max, $1.offset)
            }.map(\.element)
        }
        return CaseList(
            file: file, separator: table.separator, entries: entries, ignoredColumns: ignored, problems: problems)
    }
}

/// The rows of a case list, in agenda order.
public struct CaseList: Sendable {
    public var file: String
    public var separator: Character
    public var entries: [CaseListEntry]
    /// Header names that map to no field (reported, not an error).
    public var ignoredColumns: [String]
    /// Cells whose value is invalid, with file, line and column and what was expected; their values were not used.
    public var problems: [ImportError] = []
}

/// One row: which case, and the values its non-empty cells give.
public struct CaseListEntry: Sendable, Hashable {
    public var line: Int
    public var caseId: String?
    public var mrn: String?
    public var name: PersonName?
    public var birthDate: LocalDate?
    public var sex: Sex?
    public var diagnosis: String?
    public var oncotreeCode: String?
    public var histology: String?
    public var primarySite: String?
    public var stage: String?
    public var ecog: Int?
    public var question: String?
    public var referringClinician: String?
    public var consentResearch: Bool?
    public var consentTrials: Bool?
    public var presenter: String?
    public var plannedMinutes: Int?
    public var position: Int?

    init(line: Int) { self.line = line }

    /// Sets one cell's value; returns the problem instead when the value is invalid (the field stays unset).
    mutating func set(
        _ column: CaseListReader.Column, _ value: String, cell: DelimitedText.Field, file: String,
        today: LocalDate
    ) -> ImportError? {
        func fail(_ message: String) -> ImportError {
            ImportError(file: file, location: cell.location, message: message + "; not imported")
        }
        switch column {
        case .caseId: caseId = value
        case .mrn: mrn = value
        case .name:
            if let comma = value.firstIndex(of: ",") {
                var n = name ?? PersonName()
                n.family = value[..<comma].trimmingCharacters(in: .whitespaces)
                n.given = value[value.index(after: comma)...].trimmingCharacters(in: .whitespaces)
                name = n
            } else {
                var n = name ?? PersonName()
                n.text = value
                name = n
            }
        case .familyName:
            var n = name ?? PersonName()
            n.family = value
            name = n
        case .givenName:
            var n = name ?? PersonName()
            n.given = value
            name = n
        case .birthDate:
            do { birthDate = try ValidValues.birthDate(parsing: value, today: today) } catch {
                return fail(error.reason)
            }
        case .sex:
            switch value.lowercased() {
            case "f", "female", "w", "weiblich", "femme", "woman": sex = .female
            case "m", "male", "männlich", "mannlich", "homme", "man": sex = .male
            case "o", "other", "d", "divers", "diverse", "x": sex = .other
            case "u", "unknown", "unbekannt", "?": sex = .unknown
            default: return fail("expected sex as female/male/other/unknown (or F/M/D/U), got \"\(value)\"")
            }
        case .diagnosis: diagnosis = value
        case .oncotreeCode: oncotreeCode = value.uppercased()
        case .histology: histology = value
        case .primarySite: primarySite = value
        case .stage: stage = value.uppercased().hasPrefix("STAGE ") ? String(value.dropFirst(6)) : value
        case .ecog:
            do { ecog = try ValidValues.ecog(parsing: value) } catch { return fail(error.reason) }
        case .question: question = value
        case .referringClinician: referringClinician = value
        case .consentResearch, .consentTrials:
            let yes = ["yes", "y", "ja", "j", "true", "1", "x", "oui"]
            let no = ["no", "n", "nein", "false", "0", "non"]
            let v = value.lowercased()
            guard yes.contains(v) || no.contains(v) else { return fail("expected yes or no, got \"\(value)\"") }
            if column == .consentResearch { consentResearch = yes.contains(v) } else { consentTrials = yes.contains(v) }
        case .presenter: presenter = value
        case .plannedMinutes:
            do { plannedMinutes = try ValidValues.plannedMinutes(parsing: value) } catch { return fail(error.reason) }
        case .position:
            guard let n = Int(value.trimmingCharacters(in: CharacterSet(charactersIn: ". "))), n >= 0 else {
                return fail("expected a position number, got \"\(value)\"")
            }
            position = n
        }
        return nil
    }

    /// Copies the row's values onto a case (empty cells leave fields alone).
    public func apply(to c: inout Case) {
        if let mrn {
            if let i = c.patient.identifiers.firstIndex(where: { $0.kind == .mrn }) {
                c.patient.identifiers[i].value = mrn
            } else {
                c.patient.identifiers.append(PatientIdentifier(kind: .mrn, value: mrn))
            }
        }
        if let name {
            if name.text != nil {
                c.patient.name = name
            } else {
                if let f = name.family { c.patient.name.family = f }
                if let g = name.given { c.patient.name.given = g }
                if name.family != nil || name.given != nil, c.patient.name.text != nil,
                    name.family != nil && name.given != nil
                {
                    c.patient.name.text = nil
                }
            }
        }
        if let birthDate { c.patient.birthDate = birthDate }
        if let sex { c.patient.sex = sex }
        if let diagnosis { c.diagnosis.text = diagnosis }
        if let oncotreeCode { c.diagnosis.oncotreeCode = oncotreeCode }
        if let histology { c.diagnosis.histology = histology }
        if let primarySite { c.diagnosis.primarySite = primarySite }
        if let stage {
            var s = c.stage ?? Stage()
            s.group = stage
            c.stage = s
        }
        if let ecog {
            var p = c.performance ?? PerformanceStatus()
            p.ecog = ecog
            c.performance = p
        }
        if let question { c.question = question }
        if let referringClinician { c.referringClinician = referringClinician }
        if let consentResearch { c.consent.research = consentResearch }
        if let consentTrials { c.consent.trials = consentTrials }
    }

    /// Why this row is not about `existing`'s patient, or nil: the row's MRN differs from the patient's, or its
    /// birth date does, or (when no MRN on both sides confirms the patient) its family name does. The message
    /// says what to do and quotes no identifier.
    public func identityConflict(with existing: Case) -> String? {
        let p = existing.patient
        func same(_ a: String, _ b: String) -> Bool {
            a.trimmingCharacters(in: .whitespaces).compare(
                b.trimmingCharacters(in: .whitespaces), options: [.caseInsensitive, .diacriticInsensitive])
                == .orderedSame
        }
        let fix = "check the row's case id and patient, or correct the patient in the case first; nothing was imported"
        if let mrn, let known = p.mrn, !same(mrn, known) {
            return "line \(line): case \(existing.id) belongs to a patient with another MRN; \(fix)"
        }
        if let birthDate, let known = p.birthDate, birthDate != known {
            return "line \(line): case \(existing.id) belongs to a patient with another birth date; \(fix)"
        }
        let confirmedByMRN = mrn != nil && p.mrn != nil
        if !confirmedByMRN, let rowName = name, let known = p.name.family ?? p.name.text {
            let differs: Bool
            if let family = rowName.family {
                differs = !same(family, known)
            } else if let text = rowName.text {
                differs = text.range(of: known, options: [.caseInsensitive, .diacriticInsensitive]) == nil
            } else {
                differs = false
            }
            if differs { return "line \(line): case \(existing.id) belongs to a patient with another name; \(fix)" }
        }
        return nil
    }

    /// What a row must have to create a case, as a message (nil when it has it).
    public var missingForNewCase: String? {
        var missing: [String] = []
        if name == nil { missing.append("a name") }
        if diagnosis == nil { missing.append("a diagnosis") }
        return missing.isEmpty
            ? nil : "line \(line): no case matches this row, and a new case needs " + missing.joined(separator: " and ")
    }

    /// A new case from the row (check `missingForNewCase` first).
    public func makeCase(id: String, patient existing: Patient?, file: String) -> Case {
        let patient = existing ?? Patient(id: "P-" + id, name: PersonName())
        var c = Case(
            id: id, patient: patient, diagnosis: Diagnosis(text: diagnosis ?? ""), status: .new,
            provenance: Provenance(
                file: (file as NSString).lastPathComponent, recordId: "line \(line)", format: "case list"))
        apply(to: &c)
        return c
    }
}
