import BoardModel
import Foundation

/// Reads cBioPortal clinical files (https://docs.cbioportal.org/file-formats/#clinical-data): patient files
/// (PATIENT_ID …) and sample files (SAMPLE_ID, PATIENT_ID …), each with up to four `#` metadata lines (display
/// names, descriptions, datatypes, priorities) before the header; and timeline files (#timeline-data: PATIENT_ID,
/// START_DATE, STOP_DATE, EVENT_TYPE …, days from an index date). Rows complete cases (partial records keyed by
/// PATIENT_ID); timeline events only add to cases already in the store and never create one.
///
/// Columns are matched by attribute id with spaces ignored ("ECOG _STATUS"), or by the display name in the first
/// metadata line ("TEST" whose display name is "Cancer Type"). Sentinels (`NA`, `[Not Available]`, `-999`,
/// `Not Reported`, `Invalid value` …) are missing values. An impossible value (ECOG 7, AGE 140) is reported in the
/// file's account and not stored; every column nothing was taken from is counted there by name.
public enum CBioPortalClinicalReader {
    /// Values cBioPortal and its data sources write for "no value".
    static let missing: Set<String> = [
        "", "NA", "N/A", "NAN", "NULL", "NONE", "[NOT AVAILABLE]", "[UNKNOWN]", "[NOT APPLICABLE]",
        "[NOT EVALUATED]", "[DISCREPANCY]", "[COMPLETED]", "[NOT REPORTED]", "UNKNOWN", "NOT REPORTED",
        "NOT AVAILABLE", "NOT APPLICABLE", "INVALID VALUE", "-999", "-999.0", "UNK",
    ]

    static func recognises(head: String) -> Bool {
        let lines = head.split(separator: "\n", maxSplits: 8).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let header = lines.first(where: { !$0.hasPrefix("#") }) else { return false }
        let columns = header.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        return columns.contains("PATIENT_ID")
            && (columns.first == "PATIENT_ID" || columns.first == "SAMPLE_ID" || columns.contains("SAMPLE_ID")
                || (columns.contains("START_DATE") && columns.contains("EVENT_TYPE")))
    }

    /// What a column is, from its attribute id (spaces removed, upper case) or its display name.
    enum Role: Equatable {
        case patient, sample, displayName, sex, age, osStatus, osMonths, dfsStatus, dfsMonths, ecog, karnofsky
        case cancerType, cancerTypeDetailed, oncotree
        case sampleType, sampleDescription, tumourStatus, primarySite, metastaticSite, tmb, msiScore, msiType, subtype,
            purity
        case start, stop, eventType, treatmentType, treatmentSubtype, agent
        case unused
    }

    static func role(id raw: String, display: String?) -> Role {
        let id = raw.replacingOccurrences(of: " ", with: "").uppercased()
        switch id {
        case "PATIENT_ID": return .patient
        case "SAMPLE_ID": return .sample
        case "PATIENT_DISPLAY_NAME": return .displayName
        case "SEX", "GENDER": return .sex
        case "AGE", "AGE_YEARS", "CURRENT_AGE": return .age
        case "OS_STATUS", "VITAL_STATUS": return .osStatus
        case "OS_MONTHS": return .osMonths
        case "DFS_STATUS": return .dfsStatus
        case "DFS_MONTHS": return .dfsMonths
        case "CANCER_TYPE": return .cancerType
        case "CANCER_TYPE_DETAILED": return .cancerTypeDetailed
        case "ONCOTREE_CODE": return .oncotree
        case "SAMPLE_TYPE", "SAMPLE_CLASS": return .sampleType
        case "SAMPLE_TUMOR_STATUS", "TUMOR_STATUS", "TUMOR_NORMAL": return .tumourStatus
        case "PRIMARY_SITE", "TUMOR_SITE", "ANATOMIC_SITE", "SAMPLE_SITE", "TISSUE_SITE": return .primarySite
        case "SAMPLE_DESCRIPTION", "DESCRIPTION", "SAMPLE_DISPLAY_NAME": return .sampleDescription
        case "METASTATIC_SITE": return .metastaticSite
        case "TMB_NONSYNONYMOUS", "TMB": return .tmb
        case "MSI_SCORE", "MSI_SCORE_MANTIS", "MSISENSOR_SCORE": return .msiScore
        case "MSI_TYPE", "MSI_STATUS": return .msiType
        case "SUBTYPE": return .subtype
        case "TUMOR_PURITY": return .purity
        case "START_DATE": return .start
        case "STOP_DATE": return .stop
        case "EVENT_TYPE": return .eventType
        case "TREATMENT_TYPE": return .treatmentType
        case "AGENT": return .agent
        default: break
        }
        if id.contains("ECOG") { return .ecog }
        if id.contains("KARNOFSKY") || id == "KPS" || id.hasPrefix("KPS_") { return .karnofsky }
        // A custom column whose display name says what it is (cbpManager writes the cancer type under "TEST").
        switch display?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "cancer type": return .cancerType
        case "cancer type detailed": return .cancerTypeDetailed
        case "oncotree code": return .oncotree
        case "sex", "gender": return .sex
        default: return .unused
        }
    }

    public static func read(data: Data, file: String) throws -> ImportPayload {
        let source = try TextSource(data: data, file: file)
        try source.requireUTF8(expected: "cBioPortal clinical text (tab-separated)")
        let name = URL(fileURLWithPath: file).lastPathComponent
        var metadata: [[String]] = []
        var header: [String] = []
        var roles: [Role] = []
        var cases: [String: Case] = [:]
        var order: [String] = []
        var timeline = false
        var account = ImportAccount(file: file, format: "cbioportal")
        var notes: [String] = []
        try source.forEachLine { line, number in
            if line.isEmpty { return true }
            if line.first == 0x23 {
                if header.isEmpty { metadata.append(line.string.dropFirst().components(separatedBy: "\t")) }
                return true
            }
            let cells = line.string.components(separatedBy: "\t").map(Self.cell)
            if header.isEmpty {
                header = cells
                let display = metadata.first
                roles = header.enumerated().map { i, id in
                    role(id: id, display: display.flatMap { i < $0.count ? $0[i] : nil })
                }
                guard roles.contains(.patient) else {
                    throw ImportError(
                        file: file, location: "line \(number)",
                        message: "expected a header with PATIENT_ID (cBioPortal clinical or timeline data)")
                }
                timeline = roles.contains(.start) && roles.contains(.eventType)
                account.format =
                    timeline
                    ? "cbioportal timeline" : roles.contains(.sample) ? "cbioportal samples" : "cbioportal patients"
                if !timeline, let bad = metadata.firstIndex(where: { $0.count != header.count }) {
                    throw ImportError(
                        file: file, location: "line \(bad + 1)",
                        message: "metadata line has \(metadata[bad].count) cells but the header has \(header.count)")
                }
                return true
            }
            try RowWidth.check(cells, declared: RowWidth.declared(header), file: file, line: number)
            account.read()
            var row = Row(header: header, roles: roles, cells: cells, line: number)
            checkDatatypes(row, declared: metadata.count >= 4 && !timeline ? metadata[2] : nil, account: &account)
            guard let pid = row.value(.patient) else {
                throw ImportError(
                    file: file, location: "line \(number), column PATIENT_ID",
                    message: "empty PATIENT_ID; expected the patient's id")
            }
            var record =
                cases[pid]
                ?? Case(
                    id: pid, patient: Patient(id: pid, name: PersonName()), diagnosis: Diagnosis(text: ""),
                    provenance: Provenance(file: file, recordId: pid, format: "cbioportal"))
            if cases[pid] == nil { order.append(pid) }
            if timeline {
                timelineEvent(&row, into: &record, account: &account)
            } else {
                patientColumns(&row, into: &record, account: &account)
                if row.value(.sample) != nil { sampleColumns(&row, into: &record, account: &account, notes: &notes) }
                customColumns(&row, metadata: metadata, into: &record)
            }
            for i in cells.indices where !isMissing(cells[i]) {
                if row.skippedWhole {
                    account.inSkippedRecord(header[i])
                } else if row.taken.contains(i) {
                    account.used(header[i])
                } else {
                    account.unused(header[i])
                }
            }
            cases[pid] = record
            return true
        }
        guard !header.isEmpty else {
            throw ImportError(file: file, message: "no header line; expected cBioPortal clinical data (PATIENT_ID …)")
        }
        var payload = ImportPayload()
        let records = order.map { cases[$0]! }
        if timeline { payload.caseAdditions = records } else { payload.partialCases = records }
        payload.notes = notes.map { "\(name): \($0)" }
        payload.accounts = [account]
        return payload
    }

    /// The metadata's third line declares each column's datatype (STRING, NUMBER, BOOLEAN; the file-format spec's
    /// four header lines are display names, descriptions, datatypes, priorities). A value that is not of its
    /// column's declared type is reported; columns whose role checks its own range (AGE, ECOG …) say it there.
    static func checkDatatypes(_ row: Row, declared: [String]?, account: inout ImportAccount) {
        guard let declared else { return }
        let ranged: Set<Role> = [.age, .ecog, .karnofsky, .tmb, .msiScore, .purity]
        for (i, cell) in row.cells.enumerated() where i < declared.count && !isMissing(cell) {
            guard i < row.roles.count, !ranged.contains(row.roles[i]) else { continue }
            let type = declared[i].trimmingCharacters(in: .whitespaces).uppercased()
            if !fits(cell, datatype: type) {
                account.invalid(
                    row.header[i], found: cell, at: "line \(row.line), column \(row.header[i])",
                    expected: "a \(type == "NUMBER" ? "number" : "TRUE or FALSE") (the datatype line declares \(type))")
            }
        }
    }

    /// Whether a value is of its column's declared datatype (any text is a STRING).
    static func fits(_ cell: String, datatype: String) -> Bool {
        switch datatype {
        case "NUMBER": Double(cell).map { $0.isFinite } ?? false
        case "BOOLEAN": ["TRUE", "FALSE"].contains(cell.uppercased())
        default: true
        }
    }

    /// The study's own columns (role `unused`: no board field reads them) become named attributes of the sample in
    /// a sample file and of the patient otherwise, with the display name, description, datatype and priority the
    /// header rows give (the file format's four `#` lines, in that order). A value that is not of its declared
    /// datatype was reported by `checkDatatypes` and is not kept.
    static func customColumns(_ row: inout Row, metadata: [[String]], into record: inout Case) {
        func header(_ line: Int, _ i: Int) -> String? {
            guard line < metadata.count, i < metadata[line].count else { return nil }
            let text = metadata[line][i].trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        var attributes: [ClinicalAttribute] = []
        for (i, role) in row.roles.enumerated() where role == .unused && i < row.cells.count {
            let cell = row.cells[i]
            let datatype = header(2, i)?.uppercased()
            guard !isMissing(cell) else { continue }
            row.taken.insert(i)  // an invalid value is in the account's invalid list, not among columns not used
            guard fits(cell, datatype: datatype ?? "STRING") else { continue }
            attributes.append(
                ClinicalAttribute(
                    id: row.header[i], value: cell, name: header(0, i), description: header(1, i), datatype: datatype,
                    priority: header(3, i)))
        }
        guard !attributes.isEmpty else { return }
        if let sid = row.value(.sample), let r = record.reports.firstIndex(where: { $0.id == "cbioportal:\(sid)" }) {
            let kept = record.reports[r].specimen?.attributes
            record.reports[r].specimen?.attributes = ClinicalAttribute.merged(kept, with: attributes)
        } else {
            let kept = record.patient.attributes
            record.patient.attributes = ClinicalAttribute.merged(kept, with: attributes)
        }
    }

    /// A cell without surrounding blanks or one pair of enclosing double quotes (cBioPortal has no quoting rule;
    /// exporters that quote a text containing commas mean the text inside).
    static func cell(_ raw: String) -> String {
        let t = raw.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { return String(t.dropFirst().dropLast()) }
        return t
    }

    static func isMissing(_ value: String) -> Bool { missing.contains(value.uppercased()) }

    /// One row with the columns by role; `taken` remembers which cells reached the record.
    struct Row {
        let header: [String]
        let roles: [Role]
        let cells: [String]
        let line: Int
        var taken: Set<Int> = []
        /// The row was skipped as a whole (its reason is counted in the account).
        var skippedWhole = false

        init(header: [String], roles: [Role], cells: [String], line: Int) {
            self.header = header
            self.roles = roles
            self.cells = cells
            self.line = line
        }

        func index(_ role: Role) -> Int? { roles.firstIndex(of: role) }

        /// The value in the first column with this role, nil when missing (and then nothing is taken).
        mutating func value(_ role: Role) -> String? {
            guard let i = index(role), i < cells.count, !CBioPortalClinicalReader.isMissing(cells[i]) else {
                return nil
            }
            taken.insert(i)
            return cells[i]
        }

        func location(_ role: Role) -> String { "line \(line), column \(index(role).map { header[$0] } ?? "?")" }
    }

    static func patientColumns(_ row: inout Row, into record: inout Case, account: inout ImportAccount) {
        if let name = row.value(.displayName) { record.patient.name = PersonName(text: name) }
        if let raw = row.value(.sex) {
            switch raw.lowercased() {
            case "f", "female", "woman": record.patient.sex = .female
            case "m", "male", "man": record.patient.sex = .male
            case "other", "intersex": record.patient.sex = .other
            default: account.invalid("SEX", found: raw, at: row.location(.sex), expected: "Female, Male or Other")
            }
        }
        if let raw = row.value(.age) {
            if let years = Double(raw), years.isFinite, let age = try? ValidValues.age(Int(years.rounded(.down))),
                years >= 0
            {
                record.patient.recordedAge = "P\(age)Y"
            } else {
                account.invalid("AGE", found: raw, at: row.location(.age), expected: "an age of 0–120 years")
            }
        }
        if let raw = row.value(.osStatus) {
            // "1:DECEASED" / "0:LIVING" (the coded form) or the bare words.
            let word = (raw.split(separator: ":", maxSplits: 1).last.map(String.init) ?? raw).trimmingCharacters(
                in: .whitespaces
            ).uppercased()
            switch word {
            case "DECEASED", "DEAD", "DIED": record.patient.vitalStatus = .deceased
            case "LIVING", "ALIVE": record.patient.vitalStatus = .alive
            default:
                account.invalid(
                    "OS_STATUS", found: raw, at: row.location(.osStatus), expected: "0:LIVING or 1:DECEASED")
            }
        }
        survivalColumns(&row, into: &record, account: &account)
        if let raw = row.value(.ecog) {
            if let score = Int(raw), (try? ValidValues.ecog(score)) != nil {
                record.performance = PerformanceStatus(ecog: score, karnofsky: record.performance?.karnofsky)
            } else {
                account.invalid("ECOG", found: raw, at: row.location(.ecog), expected: "an ECOG score 0–5")
            }
        }
        if let raw = row.value(.karnofsky) {
            if let score = Int(raw), (try? ValidValues.karnofsky(score)) != nil {
                record.performance = PerformanceStatus(ecog: record.performance?.ecog, karnofsky: score)
            } else {
                account.invalid(
                    "KARNOFSKY", found: raw, at: row.location(.karnofsky), expected: "a Karnofsky score 0–100 in tens")
            }
        }
        if row.value(.sample) == nil, let type = row.value(.cancerTypeDetailed) ?? row.value(.cancerType) {
            if record.diagnosis.text.isEmpty { record.diagnosis = diagnosis(text: type, code: nil) }
        }
    }

    /// OS_MONTHS, DFS_STATUS and DFS_MONTHS (cBioPortal's survival attributes): months as written, never dates.
    static func survivalColumns(_ row: inout Row, into record: inout Case, account: inout ImportAccount) {
        var survival = record.patient.survival ?? SurvivalRecord()
        for (role, name) in [(Role.osMonths, "OS_MONTHS"), (.dfsMonths, "DFS_MONTHS")] {
            guard let raw = row.value(role) else { continue }
            guard let months = Double(raw), months.isFinite, months >= 0 else {
                account.invalid(name, found: raw, at: row.location(role), expected: "a number of months ≥ 0")
                continue
            }
            if role == .osMonths { survival.overallMonths = months } else { survival.diseaseFreeMonths = months }
        }
        if let raw = row.value(.dfsStatus) {
            if let status = SurvivalRecord.DiseaseFree(cBioPortal: raw) {
                survival.diseaseFree = status
            } else {
                account.invalid(
                    "DFS_STATUS", found: raw, at: row.location(.dfsStatus),
                    expected: "0:DiseaseFree or 1:Recurred/Progressed")
            }
        }
        record.patient.survival = survival.isEmpty ? nil : survival
    }

    static func sampleColumns(
        _ row: inout Row, into record: inout Case, account: inout ImportAccount, notes: inout [String]
    ) {
        guard let sid = row.value(.sample) else { return }
        let status = row.value(.tumourStatus)
        let isNormal = status.map { $0.lowercased().hasPrefix("normal") } ?? false
        // A TCGA/TARGET barcode codes the sample type (GDC table: 06 metastatic, 11 solid tissue normal) when no
        // column states it.
        let sampleType = row.value(.sampleType) ?? SampleBarcode(sid)?.sampleType
        let description = row.value(.sampleDescription)
        var code: String?
        var text = row.value(.cancerTypeDetailed) ?? row.value(.cancerType)
        if let raw = row.value(.oncotree) {
            switch OncoTree.bundled.lookup(raw) {
            case .current(let c): code = c
            case .retired(let old, let now, let how):
                code = now
                notes.append("OncoTree code \(old) is retired in \(OncoTree.release) (\(how)); read as \(now)")
            case .split(let old, let into):
                notes.append(
                    "OncoTree code \(old) was split into \(into.joined(separator: ", ")) in \(OncoTree.release); kept as text, no code chosen"
                )
                account.invalid(
                    "ONCOTREE_CODE", found: raw, at: row.location(.oncotree),
                    expected: "one of \(into.joined(separator: ", ")) (\(old) was split)")
                text = text ?? "OncoTree \(old) (split in \(OncoTree.release))"
            case .unknown:
                account.invalid(
                    "ONCOTREE_CODE", found: raw, at: row.location(.oncotree),
                    expected: "a code of OncoTree \(OncoTree.release)")
                text = text ?? "OncoTree \(raw) (not in \(OncoTree.release))"
            }
        }
        let site = row.value(.primarySite)
        // A description that is an OncoTree name ("Embryonal Tumor") names the sample's code; other words stay text.
        let described = description.flatMap { OncoTree.bundled.code(forName: $0) }
        if !isNormal, record.diagnosis.text.isEmpty || record.diagnosis.text.hasPrefix("(no "),
            let words = text ?? description ?? code.flatMap({ OncoTree.bundled.name(of: $0) })
        {
            var d = diagnosis(text: words, code: code ?? (text == nil ? described : nil))
            d.primarySite = site
            record.diagnosis = d
        }
        if let metastasis = row.value(.metastaticSite), !isNormal {
            let m = MetastaticSite(site: metastasis)
            if !record.metastaticSites.contains(m) { record.metastaticSites.append(m) }
        }
        let purity = row.value(.purity)
        var fraction: Double?
        if let purity {
            if let v = Double(purity), v >= 0, v <= 100 {
                fraction = v > 1 ? v / 100 : v
            } else {
                account.invalid(
                    "TUMOR_PURITY", found: purity, at: row.location(.purity),
                    expected: "a fraction 0–1 or a percentage 0–100")
            }
        }
        let type = [sampleType, isNormal ? "normal" : status].compactMap { $0 }.joined(separator: ", ")
        let report = MolecularReport(
            id: "cbioportal:\(sid)",
            specimen: Specimen(
                id: sid, type: type.isEmpty ? nil : type, site: site, tumourPurity: fraction, description: description,
                oncotreeCode: code ?? described))
        if let i = record.reports.firstIndex(where: { $0.id == report.id }) {
            record.reports[i] = report
        } else {
            record.reports.append(report)
        }
        if let raw = row.value(.tmb) {
            if let tmb = Double(raw), tmb >= 0 {
                record.findings.append(
                    Finding(
                        id: "cbioportal:\(sid):TMB", reportId: report.id, kind: .biomarker,
                        biomarker: Biomarker(kind: .tmb, value: tmb, unit: "mut/Mb")))
            } else {
                account.invalid("TMB_NONSYNONYMOUS", found: raw, at: row.location(.tmb), expected: "a number ≥ 0")
            }
        }
        let msiScore = row.value(.msiScore)
        let msiType = row.value(.msiType)
        if msiScore != nil || msiType != nil {
            record.findings.append(
                Finding(
                    id: "cbioportal:\(sid):MSI", reportId: report.id, kind: .biomarker,
                    biomarker: Biomarker(kind: .msi, value: msiScore.flatMap(Double.init), status: msiType)))
        }
        if let subtype = row.value(.subtype) {
            record.findings.append(
                Finding(
                    id: "cbioportal:\(sid):SUBTYPE", reportId: report.id, kind: .biomarker,
                    biomarker: Biomarker(kind: .other, name: "Subtype", status: subtype)))
        }
    }

    /// The diagnosis for a cancer-type value: an OncoTree code written as such ("brca"), else a name OncoTree knows.
    static func diagnosis(text: String, code: String?) -> Diagnosis {
        if let code { return Diagnosis(oncotreeCode: code, text: text) }
        if case .current(let c) = OncoTree.bundled.lookup(text) { return Diagnosis(oncotreeCode: c, text: text) }
        return Diagnosis(oncotreeCode: OncoTree.bundled.code(forName: text), text: text)
    }

    /// A TREATMENT event becomes a therapy line: "X + Y" is one combination of two agents; radiation has no drugs.
    /// Days are relative to the study's index date, so no calendar date is invented from them.
    static func timelineEvent(_ row: inout Row, into record: inout Case, account: inout ImportAccount) {
        let event = row.value(.eventType)?.uppercased()
        guard event == "TREATMENT" else {
            account.skip("\(event ?? "untyped") timeline events: not used by the board")
            row.skippedWhole = true
            return
        }
        let start = row.value(.start)
        let stop = row.value(.stop)
        for (raw, role) in [(start, Role.start), (stop, Role.stop)] {
            if let raw, Int(raw) == nil {
                account.invalid(
                    role == .start ? "START_DATE" : "STOP_DATE", found: raw, at: row.location(role),
                    expected: "a whole number of days")
            }
        }
        let type = row.value(.treatmentType)
        // SUBTYPE in a timeline is the treatment's subtype, not a tumour subtype.
        var detail: String?
        if let i = row.header.firstIndex(where: { $0.uppercased() == "SUBTYPE" }), i < row.cells.count,
            !isMissing(row.cells[i])
        {
            detail = row.cells[i]
            row.taken.insert(i)
        }
        let agents = (row.value(.agent) ?? "").components(separatedBy: "+").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        let isRadiation = (type ?? "").lowercased().contains("radiation")
        let days = [Int(start ?? ""), Int(stop ?? "")].map { $0.map(String.init) ?? "?" }
        let when = "days \(days[0])–\(days[1]) from the study's index date"
        let regimen = [detail ?? type, "(\(when))"].compactMap { $0 }.joined(separator: " ")
        record.treatmentHistory.append(
            TherapyLine(
                line: nil, setting: isRadiation ? "radiotherapy" : nil,
                regimen: regimen, drugs: isRadiation ? [] : agents))
    }
}
