import BoardModel
import Foundation

/// Outcomes from a cBioPortal timeline file (File-Formats.md, "Timeline Data"): tab-separated, `#` metadata lines
/// allowed, columns PATIENT_ID, START_DATE, STOP_DATE, EVENT_TYPE and the event's own ones. START_DATE and
/// STOP_DATE count days from the date of diagnosis (point zero), so records carry days and are dated against the
/// case's diagnosis date when tied to a case.
///
/// TREATMENT (TREATMENT_TYPE, SUBTYPE, AGENT; "X + Y" is one combination of two agents) gives a treatment start
/// and, with a STOP_DATE, a stop whose reason the file does not state. STATUS gives progression, death, or a
/// response whose criteria the file does not name. Other event types are accounted for as skipped.
enum OutcomeTimelineReader {
    static let used = [
        "PATIENT_ID", "START_DATE", "STOP_DATE", "EVENT_TYPE", "TREATMENT_TYPE", "SUBTYPE", "AGENT", "STATUS",
    ]

    static func read(_ text: String, file: String) throws -> OutcomeFileContent {
        var account = ImportAccount(file: file, format: "cbioportal timeline")
        var records: [OutcomeFileRecord] = []
        var header: [String]?
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard let columns = header else {
                header = try self.header(cells, line: number, file: file)
                continue
            }
            try RowWidth.check(cells, declared: RowWidth.declared(columns), file: file, line: number)
            account.read()
            let row = try Row(cells: cells, columns: columns, line: number, file: file)
            records += row.records(&account)
        }
        guard header != nil else { throw ImportError(file: file, message: "empty file; expected a timeline header") }
        return OutcomeFileContent(records: records, account: account)
    }

    /// The header line's column names, upper-cased; refused without the columns every event needs.
    static func header(_ cells: [String], line: Int, file: String) throws -> [String] {
        let names = cells.map { $0.uppercased() }
        for required in ["PATIENT_ID", "START_DATE", "EVENT_TYPE"] where !names.contains(required) {
            throw ImportError(
                file: file, location: "line \(line)",
                message: "expected a timeline header with \(required) (cBioPortal timeline data)")
        }
        return names
    }

    /// One data line: its cells by column name, and the outcomes it gives.
    struct Row {
        var cells: [String]
        var columns: [String]
        var line: Int
        var file: String
        var patient: String
        var location: String { "line \(line)" }

        /// Refused without a patient id (every event belongs to a patient).
        init(cells: [String], columns: [String], line: Int, file: String) throws {
            (self.cells, self.columns, self.line, self.file, self.patient) = (cells, columns, line, file, "")
            guard let patient = value("PATIENT_ID") else {
                throw ImportError(
                    file: file, location: "line \(line), column PATIENT_ID", message: "expected the patient's id")
            }
            self.patient = patient
        }

        /// The cell under `name`; nil when absent, empty or one of the files' ways of writing "not available".
        func value(_ name: String) -> String? {
            guard let i = columns.firstIndex(of: name), i < cells.count else { return nil }
            let v = cells[i]
            return v.isEmpty || ["NA", "N/A", "[NOT AVAILABLE]", "NULL"].contains(v.uppercased()) ? nil : v
        }

        /// The line's outcomes (none for events that are not outcomes), with every column accounted for.
        func records(_ account: inout ImportAccount) -> [OutcomeFileRecord] {
            for (i, name) in columns.enumerated() where i < cells.count && !cells[i].isEmpty {
                if !OutcomeTimelineReader.used.contains(name) { account.unused(name) }
            }
            let event = value("EVENT_TYPE")?.uppercased() ?? ""
            guard event == "TREATMENT" || event == "STATUS" else {
                account.skip("\(event.isEmpty ? "untyped" : event) timeline events: not outcomes")
                return []
            }
            guard let (start, stop) = days(&account) else { return [] }
            return event == "TREATMENT" ? treatment(start: start, stop: stop, &account) : status(start: start, &account)
        }

        /// START_DATE and STOP_DATE as days from diagnosis; nil (skipped) without a usable start, and an unusable
        /// stop reported and left out.
        func days(_ account: inout ImportAccount) -> (start: Int, stop: Int?)? {
            guard let startText = value("START_DATE"), let start = Int(startText) else {
                account.invalid(
                    "START_DATE", found: value("START_DATE") ?? "", at: location + ", column START_DATE",
                    expected: "a whole number of days from diagnosis")
                account.skip("timeline events without a usable START_DATE")
                return nil
            }
            var stop: Int?
            if let stopText = value("STOP_DATE") {
                stop = Int(stopText)
                if stop == nil || stop! < start {
                    account.invalid(
                        "STOP_DATE", found: stopText, at: location + ", column STOP_DATE",
                        expected: "a whole number of days from diagnosis, not before START_DATE")
                    stop = nil
                }
            }
            for name in ["PATIENT_ID", "START_DATE", "EVENT_TYPE"] { account.used(name) }
            if stop != nil { account.used("STOP_DATE") }
            return (start, stop)
        }

        /// A TREATMENT event: a treatment start, and a stop (reason not stated) when it has a STOP_DATE.
        func treatment(start: Int, stop: Int?, _ account: inout ImportAccount) -> [OutcomeFileRecord] {
            let type = value("TREATMENT_TYPE")
            let subtype = value("SUBTYPE")
            let isRadiation = (type ?? "").lowercased().contains("radiation")
            let agents =
                isRadiation
                ? []
                : (value("AGENT") ?? "").components(separatedBy: "+").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty }
            for name in ["TREATMENT_TYPE", "SUBTYPE", "AGENT"] where value(name) != nil { account.used(name) }
            // A radiotherapy's AGENT is its dose: part of the regimen, not a drug.
            let regimen = [type, subtype, isRadiation ? value("AGENT") : nil].compactMap { $0 }.joined(separator: ": ")
            if regimen.isEmpty && agents.isEmpty {
                account.skip("TREATMENT events naming no treatment (no TREATMENT_TYPE, SUBTYPE or AGENT)")
                return []
            }
            let localId = "line-\(line)"
            var out = [
                record(.treatmentStarted, day: start, localId: localId) {
                    $0.regimen = regimen.isEmpty ? nil : regimen
                    $0.drugs = agents
                }
            ]
            if let stop {
                out.append(
                    record(.treatmentStopped, day: stop) {
                        $0.stopReason = .notStated
                        $0.treatmentId = localId
                    })
            }
            return out
        }

        /// A STATUS event: progression, death or a response without named criteria; other values are skipped.
        func status(start: Int, _ account: inout ImportAccount) -> [OutcomeFileRecord] {
            guard let status = value("STATUS") else {
                account.skip("STATUS events without a STATUS value")
                return []
            }
            account.used("STATUS")
            guard let (kind, response) = OutcomeTimelineReader.statusMeaning(status) else {
                account.skip("STATUS values that are not an outcome the board records (e.g. \"\(status.prefix(30))\")")
                return []
            }
            return [
                record(kind, day: start) {
                    if let response {
                        $0.criteria = .notStated
                        $0.response = response
                    }
                    $0.reason = kind == .response ? nil : "STATUS \(status)"
                }
            ]
        }

        /// An outcome of this line's patient, dated later against the case's diagnosis (`day` from diagnosis).
        func record(_ kind: OutcomeKind, day: Int, localId: String = "", _ change: (inout CaseOutcome) -> Void)
            -> OutcomeFileRecord
        {
            var o = CaseOutcome(
                id: localId, caseId: "", kind: kind, date: LocalDate(year: 1, month: 1, day: 1),
                source: "\(URL(fileURLWithPath: file).lastPathComponent) \(location)", recordedBy: "",
                recordedAt: Date(timeIntervalSince1970: 0))
            change(&o)
            return OutcomeFileRecord(outcome: o, subject: patient, daysFromDiagnosis: day, location: location)
        }
    }

    /// What a STATUS value says: progression ("Progression", "PD", "Recurrence"), death, or a response category
    /// written without its criteria ("Complete Response", "PR"). Nil for anything else (no guess).
    static func statusMeaning(_ raw: String) -> (OutcomeKind, String?)? {
        let t = raw.lowercased().trimmingCharacters(in: .whitespaces)
        let responses: [String: String] = [
            "cr": "CR", "complete response": "CR", "pr": "PR", "partial response": "PR", "sd": "SD",
            "stable disease": "SD", "pd": "PD", "progressive disease": "PD", "ne": "NE", "not evaluable": "NE",
        ]
        if let category = responses[t] { return category == "PD" ? (.progression, nil) : (.response, category) }
        if ["progression", "progressed", "disease progression", "recurrence", "recurred", "relapse"].contains(t) {
            return (.progression, nil)
        }
        if ["death", "dead", "deceased", "died"].contains(t) { return (.death, nil) }
        return nil
    }
}
