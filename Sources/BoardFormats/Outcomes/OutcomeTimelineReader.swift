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
                let names = cells.map { $0.uppercased() }
                for required in ["PATIENT_ID", "START_DATE", "EVENT_TYPE"] where !names.contains(required) {
                    throw ImportError(
                        file: file, location: "line \(number)",
                        message: "expected a timeline header with \(required) (cBioPortal timeline data)")
                }
                header = names
                continue
            }
            account.read()
            func value(_ name: String) -> String? {
                guard let i = columns.firstIndex(of: name), i < cells.count else { return nil }
                let v = cells[i]
                return v.isEmpty || ["NA", "N/A", "[NOT AVAILABLE]", "NULL"].contains(v.uppercased()) ? nil : v
            }
            for (i, name) in columns.enumerated() where i < cells.count && !cells[i].isEmpty {
                if !used.contains(name) { account.unused(name) }
            }
            let location = "line \(number)"
            guard let patient = value("PATIENT_ID") else {
                throw ImportError(
                    file: file, location: location + ", column PATIENT_ID", message: "expected the patient's id")
            }
            let event = value("EVENT_TYPE")?.uppercased() ?? ""
            guard event == "TREATMENT" || event == "STATUS" else {
                account.skip("\(event.isEmpty ? "untyped" : event) timeline events: not outcomes")
                continue
            }
            guard let startText = value("START_DATE"), let start = Int(startText) else {
                account.invalid(
                    "START_DATE", found: value("START_DATE") ?? "", at: location + ", column START_DATE",
                    expected: "a whole number of days from diagnosis")
                account.skip("timeline events without a usable START_DATE")
                continue
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
            if event == "TREATMENT" {
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
                let regimen =
                    [type, subtype, isRadiation ? value("AGENT") : nil].compactMap { $0 }.joined(separator: ": ")
                if regimen.isEmpty && agents.isEmpty {
                    account.skip("TREATMENT events naming no treatment (no TREATMENT_TYPE, SUBTYPE or AGENT)")
                    continue
                }
                let localId = "line-\(number)"
                records.append(
                    record(.treatmentStarted, day: start, localId: localId) {
                        $0.regimen = regimen.isEmpty ? nil : regimen
                        $0.drugs = agents
                    })
                if let stop {
                    records.append(
                        record(.treatmentStopped, day: stop) {
                            $0.stopReason = .notStated
                            $0.treatmentId = localId
                        })
                }
            } else {
                guard let status = value("STATUS") else {
                    account.skip("STATUS events without a STATUS value")
                    continue
                }
                account.used("STATUS")
                guard let (kind, response) = statusMeaning(status) else {
                    account.skip(
                        "STATUS values that are not an outcome the board records (e.g. \"\(status.prefix(30))\")")
                    continue
                }
                records.append(
                    record(kind, day: start) {
                        if let response {
                            $0.criteria = .notStated
                            $0.response = response
                        }
                        $0.reason = kind == .response ? nil : "STATUS \(status)"
                    })
            }
        }
        guard header != nil else { throw ImportError(file: file, message: "empty file; expected a timeline header") }
        return OutcomeFileContent(records: records, account: account)
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
