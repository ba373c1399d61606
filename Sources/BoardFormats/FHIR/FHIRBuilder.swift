import BoardModel
import Foundation

/// The reading of one FHIR document: its resources indexed by every reference form, each resource handed to the
/// reader of its kind, and per patient a draft that becomes the case (`payload`). The readers of each kind are in
/// the FHIR*Reading files.
extension FHIRReader {
    /// Per-patient accumulation of what the resources say.
    struct Draft {
        var patient: Patient
        var provenance: Provenance
        var diagnosis: Diagnosis?
        var extraPrimaries: [String] = []
        var comorbidities: [String] = []
        var metastases: [MetastaticSite] = []
        var stage = Stage()
        var performance = PerformanceStatus()
        var medications: [Course] = []
        var procedures: [Course] = []
        var reports: [MolecularReport] = []
        var findings: [Finding] = []
    }

    enum Owner {
        case patient(String)
        case other(String)
        case none
    }

    struct Builder {
        let file: String
        let caseId: String?
        let use: JSONUse
        var account = ImportAccount(file: "", format: "fhir")
        var genes = GeneNaming()
        var byRef: [String: JSONNode] = [:]
        var all: [JSONNode] = []
        var patients: [String: Draft] = [:]
        var patientOrder: [String] = []
        /// Every way the file refers to each patient ("Patient/x", "urn:uuid:x", the fullUrl, "x").
        var patientAliases: [String: String] = [:]
        /// Findings whose subject is not a Patient in the file (files with no Patient): attached by reference id (or --case).
        var orphans: [String: [Finding]] = [:]
        var evidence: [(findingRef: String, entry: EvidenceEntry)] = []
        var findingKeyByRef: [String: (patient: String?, subject: String, index: Int)] = [:]
        var notes: [String] = []
        /// Patients referred to by a file that holds no Patient (standalone Condition, MedicationRequest…): their
        /// data completes the case of that patient if the store has it, and never creates one.
        var absent: Set<String> = []
        /// Biopsies that state no cancer reason, linked to the cancer or skipped once every Condition is read.
        var pendingBiopsies: [JSONNode] = []
        /// The Bundle's identity, prefixed to finding and report ids ("fhir:<bundle>/<resource id>"); nil for a lone resource.
        var scope: String?

        init(file: String, caseId: String?, use: JSONUse) {
            self.file = file
            self.caseId = caseId
            self.use = use
        }

        var name: String { URL(fileURLWithPath: file).lastPathComponent }

        func scoped(_ resourceId: String) -> String { "fhir:" + (scope.map { "\($0)/" } ?? "") + resourceId }

        mutating func skip(_ r: JSONNode, _ reason: String) {
            account.skip(reason)
            use.accounted(r)
        }

        /// "Procedure/r2", or "Patient (resource 3)": a Patient's id is not shown, as it is often the MRN.
        static func entryName(_ node: JSONNode, at n: Int) -> String {
            let type = node["resourceType"].string ?? "?"
            return type == "Patient" ? "Patient (resource \(n + 1))" : "\(type)/\(node["id"].string ?? "?")"
        }

        mutating func index(_ resources: [(node: JSONNode, fullUrl: String?)]) {
            var seen: Set<String> = []
            var position: [String: Int] = [:]
            for (n, (node, fullUrl)) in resources.enumerated() {
                let type = node["resourceType"].string!
                let id = node["id"].string ?? fullUrl.map { $0.replacingOccurrences(of: "urn:uuid:", with: "") }
                if let id, !seen.insert(type + "/" + id).inserted {
                    skip(node, "duplicate \(type) entries (same id)")
                    continue
                }
                all.append(node)
                if let id { byRef[type + "/" + id] = node }
                if let fullUrl {
                    if let first = byRef[fullUrl] {
                        // Bundle.entry.fullUrl must be unique (bdl-7): both entries are kept, references to the
                        // fullUrl go to the first, and the account says so. A Patient entry is named by its place,
                        // never by its id or fullUrl, which are often the MRN (review 7 #12).
                        let patient = type == "Patient" || first["resourceType"].string == "Patient"
                        let other = Self.entryName(first, at: position[fullUrl] ?? 0)
                        notes.append(
                            "\(name): entries \(other) and \(Self.entryName(node, at: n)) share "
                                + (patient ? "one fullUrl" : "the fullUrl \(fullUrl)")
                                + ": both kept; references to it resolve to the first")
                    } else {
                        byRef[fullUrl] = node
                        position[fullUrl] = n
                    }
                }
                use.accounted(node["text"])  // generated narrative, not data
            }
        }

        func id(of r: JSONNode) -> String? {
            let type = r["resourceType"].string ?? ""
            if let id = r["id"].string { return id }
            return byRef.first { $0.value.path == r.path && $0.key.hasPrefix("urn:uuid:") }.map {
                String($0.key.dropFirst(9))
            }
                ?? byRef.first { $0.value.path == r.path && !$0.key.hasPrefix(type + "/") }.map { $0.key }
        }

        /// A reference as R4 allows it: fullUrl (urn:uuid or absolute), relative Type/id (with _history), absolute
        /// URL ending in Type/id, or #id for a resource contained in `container`.
        func resolve(_ reference: String?, in container: JSONNode? = nil) -> JSONNode? {
            guard var reference else { return nil }
            if reference.hasPrefix("#") {
                let local = String(reference.dropFirst())
                return container?["contained"].array.first { $0["id"].string == local }
            }
            if let hit = byRef[reference] { return hit }
            if let range = reference.range(of: "/_history/") { reference = String(reference[..<range.lowerBound]) }
            if let hit = byRef[reference] { return hit }
            let parts = reference.split(separator: "/")
            if parts.count >= 2 { return byRef[parts.suffix(2).joined(separator: "/")] }
            return nil
        }

        func reference(_ r: JSONNode) -> String? {
            r["subject"]["reference"].string ?? r["patient"]["reference"].string
        }

        /// Whose resource this is: a Patient of the file, another patient, or unstated.
        func owner(_ r: JSONNode) -> Owner {
            guard let ref = reference(r) else {
                return patientOrder.count == 1 ? .patient(patientOrder[0]) : .none
            }
            if let target = resolve(ref, in: r), target["resourceType"].string == "Patient", let pid = id(of: target),
                patients[pid] != nil
            {
                return .patient(pid)
            }
            var key = ref
            if let range = key.range(of: "/_history/") { key = String(key[..<range.lowerBound]) }
            if let pid = patientAliases[key] { return .patient(pid) }
            let parts = key.split(separator: "/")
            if parts.count >= 2, let pid = patientAliases[parts.suffix(2).joined(separator: "/")] {
                return .patient(pid)
            }
            return .other(ref)
        }

        /// The patient key for a resource about a Patient of the file; skips and counts one about another patient.
        mutating func ownPatient(_ r: JSONNode, _ what: String) -> String? {
            switch owner(r) {
            case .patient(let pid): return pid
            case .other(let ref) where patientOrder.isEmpty && !absent.isEmpty:
                _ = ref
                skip(r, "\(what) without a patient reference the file names")
                return nil
            case .other(let ref):
                // Counted by kind; the other patient's reference is an identifier and stays out of the summary.
                _ = ref
                if patientOrder.isEmpty {
                    skip(r, "\(what) of a patient not in the file")
                } else {
                    skip(r, "\(what) about another patient, not imported")
                }
                return nil
            case .none:
                skip(r, "\(what) without a subject in a file of \(patientOrder.count) patients")
                return nil
            }
        }

        mutating func build() throws {
            for r in all where r["resourceType"].string == "Patient" { try patient(r) }
            if patientOrder.isEmpty {
                for r in all
                where !["Observation", "Specimen", "Practitioner", "Organization", "PractitionerRole", "Medication"]
                    .contains(r["resourceType"].string ?? "")
                {
                    guard let ref = reference(r), ref.contains("Patient/") || ref.hasPrefix("urn:uuid:") else {
                        continue
                    }
                    var key = ref
                    if let range = key.range(of: "/_history/") { key = String(key[..<range.lowerBound]) }
                    let sid =
                        caseId
                        ?? String(key.split(separator: "/").last ?? Substring(key)).replacingOccurrences(
                            of: "urn:uuid:", with: "")
                    if patients[sid] == nil {
                        patients[sid] = Draft(
                            patient: Patient(id: sid, name: PersonName()),
                            provenance: Provenance(file: file, recordId: ref, format: "fhir"))
                        absent.insert(sid)
                    }
                    patientAliases[key] = sid
                    let parts = key.split(separator: "/")
                    if parts.count >= 2 { patientAliases[parts.suffix(2).joined(separator: "/")] = sid }
                }
            }
            for r in all {
                let type = r["resourceType"].string!
                switch type {
                case "Patient": break
                case "Condition": condition(r)
                case "Observation": observation(r)
                case "MedicationStatement", "MedicationRequest", "MedicationAdministration": medication(r)
                case "Procedure": procedure(r)
                case "DiagnosticReport": report(r)
                case "Specimen", "Practitioner", "Organization", "PractitionerRole", "Medication":
                    use.accounted(r)  // read through references
                default: skip(r, "\(type) resources: not used by the board")
                }
            }
            linkBiopsies()
            for (ref, entry) in evidence {
                guard let key = findingKeyByRef[ref] else {
                    account.skip("therapeutic implications without their variant")
                    continue
                }
                if let p = key.patient {
                    patients[p]!.findings[key.index].evidence.append(entry)
                } else {
                    orphans[key.subject]![key.index].evidence.append(entry)
                }
            }
        }

        typealias Regimen = (drugs: [String], dates: [LocalDate], end: LocalDate?, last: LocalDate?, status: String?)

        /// Agents given on the same days form one regimen (Synthea orders cisplatin and paclitaxel together every
        /// month: one line of two drugs, not 120 lines); a repeated order of one agent is one line. One order each on
        /// one day (docetaxel and leuprolide started the same day) stays two treatments. An end only when the record
        /// states one: the last order date is not the end of therapy. The regimen's status is its agents' when they
        /// agree, else unknown.
        static func regimens(_ medications: [Course]) -> [Regimen] {
            var regimens: [Regimen] = []
            for m in medications {
                let dates = m.dates.sorted()
                if dates.count >= 2, let i = regimens.firstIndex(where: { $0.dates == dates }) {
                    regimens[i].drugs.append(m.key)
                    regimens[i].end = [regimens[i].end, m.end].compactMap { $0 }.max()
                    regimens[i].last = [regimens[i].last, m.last].compactMap { $0 }.max()
                    if regimens[i].status != m.status { regimens[i].status = nil }
                } else {
                    regimens.append(([m.key], dates, m.end, m.last, m.status))
                }
            }
            return regimens
        }

        /// A reference written without its type ("4dee068c-…"), as some exporters do: matched by id.
        func resolveBare(_ reference: String?) -> JSONNode? {
            guard let reference, !reference.contains("/"), !reference.contains(":") else { return nil }
            return all.first { $0["id"].string == reference }
        }

        /// LOINC codes of genetic and genomic reports (Genomics Reporting IG and mCODE).
        static let genomicReportCodes: Set<String> = [
            "51969-4", "81247-9", "55232-3", "51968-6", "93126-1", "57128-1", "55233-1",
        ]

        mutating func payload() -> ImportPayload {
            var payload = ImportPayload()
            for pid in patientOrder + absent.sorted() {
                let tissue = Self.tissue(patients[pid]!.diagnosis?.oncotreeCode)
                let before = patients[pid]!.findings.count
                patients[pid]!.findings.removeAll { f in
                    guard let name = f.biomarker?.name, let needs = Self.markerTissue[name] else { return false }
                    return tissue != needs
                }
                account.skip(
                    "tumour markers of another cancer than the record's (PSA without prostate cancer…)",
                    count: before - patients[pid]!.findings.count)
                let d = patients[pid]!
                var entries: [(start: LocalDate?, line: TherapyLine)] = Self.regimens(d.medications).map { r in
                    (
                        r.dates.first,
                        TherapyLine(
                            line: nil, regimen: r.drugs.count > 1 ? r.drugs.joined(separator: " + ") : nil,
                            drugs: r.drugs, start: r.dates.first, end: r.end, status: r.status,
                            lastRecorded: r.end == nil ? r.last : nil)
                    )
                }
                for p in d.procedures {
                    let dates = p.dates.sorted()
                    entries.append(
                        (
                            dates.first,
                            TherapyLine(
                                line: nil, setting: p.setting, regimen: p.text, start: dates.first, end: p.end,
                                status: p.status, lastRecorded: p.end == nil ? p.last : nil)
                        ))
                }
                // In time order; FHIR states no line numbers (and surgery or radiotherapy is no systemic line), so none is made.
                let lines = entries.sorted(by: { ($0.start?.description ?? "") < ($1.start?.description ?? "") }).map(
                    \.line)
                var findings = d.findings
                // Variants no DiagnosticReport groups are this file's (Bundle's) own: they carry its scope as their
                // report id, so that another file about the same patient never replaces them and a re-import of
                // this one updates them in place.
                let reportOfLooseFindings = d.reports.first?.id ?? scoped("(no DiagnosticReport)")
                for i in findings.indices where findings[i].reportId == nil {
                    findings[i].reportId = reportOfLooseFindings
                }
                let stage = d.stage == Stage() ? nil : d.stage
                let perf = d.performance == PerformanceStatus() ? nil : d.performance
                let isAbsent = absent.contains(pid)
                if isAbsent && d.diagnosis == nil && lines.isEmpty && d.metastases.isEmpty && d.stage == Stage()
                    && d.performance == PerformanceStatus() && d.findings.isEmpty
                {
                    continue
                }
                let record = Case(
                    id: patientOrder.count == 1 ? (caseId ?? pid) : pid, patient: d.patient,
                    diagnosis: d.diagnosis ?? Diagnosis(text: "(no cancer diagnosis in the file)"),
                    stage: stage, performance: perf, treatmentHistory: lines,
                    comorbidities: d.comorbidities + d.extraPrimaries.map { "second primary: \($0)" },
                    reports: d.reports, findings: findings, provenance: d.provenance, metastaticSites: d.metastases)
                if isAbsent { payload.caseAdditions.append(record) } else { payload.bundle.cases.append(record) }
            }
            for (subject, findings) in orphans.sorted(by: { $0.key < $1.key }) {
                let report = MolecularReport(
                    id: "fhir:\(name):\(subject)", assay: "FHIR genomics report", specimen: Specimen(id: subject))
                payload.findingSets.append(
                    FindingBatch(caseId: caseId, sample: subject, report: report, findings: findings))
            }
            if !payload.caseAdditions.isEmpty {
                payload.notes.append(
                    "\(name): no Patient in the file; its data completes the case\(payload.caseAdditions.count == 1 ? "" : "s") of its \(payload.caseAdditions.count) patient\(payload.caseAdditions.count == 1 ? "" : "s"), which the store must hold"
                )
            }
            if patientOrder.isEmpty && orphans.isEmpty && payload.caseAdditions.isEmpty {
                payload.notes.append("\(name): no Patient and nothing the board uses about a patient in it")
            }
            payload.notes += notes
            return payload
        }
    }
}
