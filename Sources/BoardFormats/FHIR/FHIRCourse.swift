import BoardModel

extension FHIRReader {
    /// One agent, or one repeated procedure, gathered across the resources that record it (a monthly order, each
    /// fraction of a radiotherapy course): its first dates, its end as the record states it, the last date it was
    /// recorded, and the status of its latest resource.
    struct Course {
        /// The agent, or the procedure's code.
        var key: String
        /// The procedure's label; nil for an agent.
        var text: String?
        /// "surgery" or "radiotherapy"; nil for an agent.
        var setting: String?
        var dates: [LocalDate] = []
        var end: LocalDate?
        var last: LocalDate?
        /// The status of the latest-dated resource, in the board's words (`Course.status(_:)`).
        var status: String?
        var statusDate: LocalDate?

        init(key: String, text: String? = nil, setting: String? = nil) {
            self.key = key
            self.text = text
            self.setting = setting
        }

        /// One more resource of this course. `end` is an end the resource states; `recorded` every date it shows.
        mutating func add(start: LocalDate?, end: LocalDate?, recorded: [LocalDate], status code: String?) {
            if let start { dates.append(start) }
            if let end { self.end = max(self.end ?? end, end) }
            let latest = recorded.max()
            if let latest { last = max(last ?? latest, latest) }
            if statusDate == nil || (latest.map { $0 >= statusDate! } ?? false) {
                status = Self.status(code)
                statusDate = latest ?? statusDate
            }
        }

        /// The FHIR R4 status codes of MedicationStatement, MedicationAdministration, MedicationRequest and
        /// Procedure that say where a treatment stands. "intended", "draft", "preparation" and "unknown" say
        /// nothing about a given treatment: nil.
        static func status(_ code: String?) -> String? {
            switch code {
            case "completed": "completed"
            case "stopped": "stopped"
            case "active", "in-progress": "ongoing"
            case "on-hold": "on hold"
            default: nil
            }
        }

        /// A status a resource's own effective date closes: a completed statement, administration or procedure
        /// recorded at one time was given then, so that time is an end of the course (FHIR R4: effective[x] is
        /// when the medication was taken; MedicationRequest.authoredOn is only when it was written).
        static func closes(_ code: String?, resource type: String) -> Bool {
            code == "completed" && type != "MedicationRequest"
        }
    }
}
