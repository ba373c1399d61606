import BoardModel
import Foundation

/// Reads HL7 FHIR R4 JSON — a Bundle of any type or a single resource — into cases: Patient (with vital status),
/// cancer Conditions (primary, and secondary ones as metastatic sites), staging, performance status, tumour markers,
/// genomic variants (mCODE STU1–STU4 and Genomics Reporting), therapeutic implications, antineoplastic medications
/// and cancer procedures. Profiles are recognised by the last segment of their URL and, when absent, by LOINC/SNOMED
/// codes, because STU1…STU4 renamed them.
///
/// References resolve as R4 §2.3 says: `urn:uuid:` and absolute fullUrls, relative `Type/id` (also with
/// `_history`), absolute URLs ending in `Type/id`, and `#id` for contained resources. Every resource is checked to be
/// about the record's patient: one whose subject is another patient is skipped and counted, never attached.
/// Records that are not oncology data stay out: only ATC L01/L02 agents become therapy lines, only genomic reports
/// become molecular reports. Everything not taken is listed in the file's account.
public enum FHIRReader {
    static func recognises(_ root: JSONNode) -> Bool {
        root["resourceType"].string != nil
    }

    public static func read(data: Data, file: String, caseId: String? = nil) throws -> ImportPayload {
        try read(root: JSONNode.parse(data, file: file), file: file, caseId: caseId)
    }

    /// Bundle.type values of FHIR R4 (bundle-type value set).
    static let bundleTypes: Set<String> = [
        "document", "message", "transaction", "transaction-response", "batch", "batch-response",
        "history", "searchset", "collection",
    ]

    static func read(root untracked: JSONNode, file: String, caseId: String?) throws -> ImportPayload {
        let use = JSONUse()
        let root = untracked.tracked(by: use)
        guard let type = root["resourceType"].string else {
            throw ImportError(
                file: file, location: "$.resourceType",
                message: "missing resourceType; expected a FHIR R4 resource or Bundle")
        }
        var account = ImportAccount(file: file, format: "fhir")
        var resources: [(node: JSONNode, fullUrl: String?)] = []
        if type == "Bundle" {
            guard let bundleType = root["type"].string else {
                throw ImportError(
                    file: file, location: "$.type",
                    message:
                        "Bundle without a type; FHIR R4 requires Bundle.type (one of \(bundleTypes.sorted().joined(separator: ", ")))"
                )
            }
            guard bundleTypes.contains(bundleType) else {
                throw ImportError(
                    file: file, location: "$.type",
                    message:
                        "unknown Bundle.type \"\(bundleType)\"; expected one of \(bundleTypes.sorted().joined(separator: ", "))"
                )
            }
            for entry in root["entry"].array {
                let resource = entry["resource"]
                let method = entry["request"]["method"].string?.uppercased()
                use.accounted(entry["request"])
                use.accounted(entry["response"])
                use.accounted(entry["search"])
                guard resource.object != nil else {
                    // A transaction may DELETE or a batch GET without a body; anything else must carry its resource.
                    if ["DELETE", "GET", "HEAD"].contains(method ?? "")
                        || ["batch-response", "transaction-response", "history"].contains(bundleType)
                    {
                        account.skip("Bundle entries without a resource (\(method ?? bundleType))")
                        use.accounted(entry)
                        continue
                    }
                    throw ImportError(
                        file: file, location: entry.path + ".resource",
                        message: "Bundle entry without a resource" + (method.map { " (request \($0))" } ?? "")
                            + "; expected a resource in a \(bundleType) Bundle")
                }
                guard resource["resourceType"].string != nil else {
                    throw ImportError(
                        file: file, location: resource.path + ".resourceType",
                        message: "missing resourceType in a Bundle entry")
                }
                resources.append((resource, entry["fullUrl"].string))
            }
            for key in ["id", "meta", "timestamp", "link", "identifier", "total", "signature"] {
                use.accounted(root[key])
            }
        } else {
            resources.append((root, nil))
        }
        account.read(resources.count)
        var builder = Builder(file: file, caseId: caseId, use: use)
        // Resource ids (even urn:uuid fullUrls) are reused across example bundles: a finding's or report's id is
        // scoped by the Bundle it came from (Bundle.identifier, else Bundle.id, else the file name).
        if type == "Bundle" {
            let identifier = [root["identifier"]["system"].string, root["identifier"]["value"].string].compactMap { $0 }
                .joined(separator: "|")
            builder.scope = identifier.isEmpty ? (root["id"].string ?? builder.name) : identifier
        }
        builder.account = account
        builder.index(resources)
        try builder.build()
        var payload = builder.payload()
        use.fill(&builder.account, root: root, name: Self.fieldNamer(root: untracked))
        builder.genes.record(into: &builder.account)
        payload.accounts = [builder.account]
        return payload
    }

    /// "$.entry[3].resource.code.coding[0].system" → "Observation.code.coding.system".
    static func fieldNamer(root: JSONNode) -> (JSONNode) -> String {
        let entries = ((root.value as? [String: Any])?["entry"] as? [Any]) ?? []
        let bareType = (root.value as? [String: Any])?["resourceType"] as? String ?? "Resource"
        return { node in
            let path = node.path
            if path.hasPrefix("$.entry["), let close = path.firstIndex(of: "]"),
                let index = Int(path[path.index(path.startIndex, offsetBy: 8)..<close])
            {
                let rest = path[path.index(after: close)...]
                let type =
                    ((index < entries.count ? entries[index] : nil) as? [String: Any]).flatMap {
                        ($0["resource"] as? [String: Any])?["resourceType"] as? String
                    } ?? "entry"
                if rest.hasPrefix(".resource") { return type + Self.fieldName("$" + rest.dropFirst(9)) }
                return "Bundle.entry" + Self.fieldName("$" + rest)
            }
            return bareType + Self.fieldName(path)
        }
    }

    /// "$.code.coding[0].system" → ".code.coding.system"; "$" → "".
    static func fieldName(_ path: String) -> String {
        let plain = JSONUse.plainName(path)
        return plain == "(document)" ? "" : "." + plain
    }

    struct Coding {
        var system: String?
        var code: String?
        var display: String?
    }

    static func codings(_ concept: JSONNode) -> [Coding] {
        concept["coding"].array.map {
            Coding(system: $0["system"].string, code: $0["code"].string, display: $0["display"].string)
        }
    }

    /// The words of a CodeableConcept: text, else the first display, else the first code. U+200B is removed.
    static func words(_ concept: JSONNode) -> String? {
        let w =
            concept["text"].string ?? codings(concept).compactMap(\.display).first
            ?? codings(concept).compactMap(\.code).first
        return w.map { $0.replacingOccurrences(of: "\u{200B}", with: "") }
    }

    /// The coded words (displays, then text) — for classification, where a wrong free text must not win over the code.
    static func codedWords(_ concept: JSONNode) -> String {
        (codings(concept).compactMap(\.display) + [concept["text"].string].compactMap { $0 }).joined(separator: " | ")
    }

    static func profiles(_ r: JSONNode) -> [String] {
        r["meta"]["profile"].array.compactMap { $0.string?.split(separator: "/").last.map { String($0).lowercased() } }
    }

    /// "Snomed CT 254837009" for a diagnosis' own code.
    static func label(_ coding: Coding) -> String? {
        guard let code = coding.code else { return nil }
        let system = coding.system ?? ""
        let name =
            system.contains("snomed")
            ? "SNOMED CT"
            : system.contains("icd-10")
                ? "ICD-10-CM"
                : system.contains("icd-o")
                    ? "ICD-O-3"
                    : system.contains("ncit") ? "NCIt" : system.isEmpty ? "" : system
        return name.isEmpty ? code : "\(name) \(code)"
    }

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
        var medications: [(drug: String, dates: [LocalDate], end: LocalDate?)] = []
        var procedures: [(key: String, text: String?, setting: String, dates: [LocalDate], end: LocalDate?)] = []
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

        mutating func index(_ resources: [(node: JSONNode, fullUrl: String?)]) {
            var seen: Set<String> = []
            for (node, fullUrl) in resources {
                let type = node["resourceType"].string!
                let id = node["id"].string ?? fullUrl.map { $0.replacingOccurrences(of: "urn:uuid:", with: "") }
                if let id, !seen.insert(type + "/" + id).inserted {
                    skip(node, "duplicate \(type) entries (same id)")
                    continue
                }
                all.append(node)
                if let id { byRef[type + "/" + id] = node }
                if let fullUrl, byRef[fullUrl] == nil { byRef[fullUrl] = node }
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

        mutating func patient(_ r: JSONNode) throws {
            guard let pid = id(of: r) else {
                throw ImportError(
                    file: file, location: r.path + ".id",
                    message: "Patient without id or fullUrl; expected an id to key the case")
            }
            let names = r["name"].array
            let official = names.first { $0["use"].string == "official" } ?? names.first
            let given = official?["given"].array.compactMap(\.string).joined(separator: " ")
            let name = PersonName(
                given: given?.isEmpty == false ? given : nil, family: official?["family"].string,
                text: official?["text"].string)
            var identifiers: [PatientIdentifier] = []
            for ident in r["identifier"].array {
                guard let value = ident["value"].string else { continue }
                let typeCode = FHIRReader.codings(ident["type"]).first?.code
                let kind: PatientIdentifier.Kind =
                    typeCode == "MR" ? .mrn : typeCode == "SS" || typeCode == "NI" ? .national : .other
                identifiers.append(PatientIdentifier(kind: kind, system: ident["system"].string, value: value))
            }
            let sex: Sex =
                switch r["gender"].string {
                case "female": .female
                case "male": .male
                case "other": .other
                default: .unknown
                }
            var birth = ClinicalVocabulary.date(r["birthDate"].string)
            if let raw = r["birthDate"].string, birth == nil || !ClinicalVocabulary.isRealDate(raw) {
                // Identifying: the value itself is never written to the report.
                account.invalid(
                    "Patient.birthDate", found: "(not shown)", at: r.path + ".birthDate",
                    expected: "a real calendar date YYYY-MM-DD")
                birth = nil
            }
            // R4 Patient.deceased[x]: a boolean or the date and time of death; absent means not recorded (unknown).
            var status: VitalStatus = .unknown
            var deceasedOn: LocalDate?
            if let flag = r["deceasedBoolean"].bool { status = flag ? .deceased : .alive }
            if let raw = r["deceasedDateTime"].string {
                status = .deceased
                if let date = ClinicalVocabulary.date(raw), ClinicalVocabulary.isRealDate(raw),
                    birth.map({ date >= $0 }) ?? true
                {
                    deceasedOn = date
                } else {
                    _ = raw
                    account.invalid(
                        "Patient.deceasedDateTime", found: "(not shown)", at: r.path + ".deceasedDateTime",
                        expected: "a real date on or after the birth date")
                }
            }
            let patient = Patient(
                id: pid, identifiers: identifiers, name: name, birthDate: birth, sex: sex, vitalStatus: status,
                deceasedOn: deceasedOn)
            patients[pid] = Draft(
                patient: patient, provenance: Provenance(file: file, recordId: "Patient/\(pid)", format: "fhir"))
            patientOrder.append(pid)
            for alias in ["Patient/\(pid)", "urn:uuid:\(pid)", pid] { patientAliases[alias] = pid }
            for (key, node) in byRef where node.path == r.path { patientAliases[key] = pid }
        }

        /// SNOMED CT codes of secondary (metastatic) malignant disease.
        static let secondaryCodes: Set<String> = [
            "128462008", "94225005", "94222008", "94381002", "94391008", "94503003", "94260004",
            "314994000", "363346000x",
        ]

        mutating func condition(_ r: JSONNode) {
            let profiles = FHIRReader.profiles(r)
            let coded = FHIRReader.codings(r["code"])
            let codedWords = FHIRReader.codedWords(r["code"])
            let verification = FHIRReader.codings(r["verificationStatus"]).first?.code
            if verification == "refuted" || verification == "entered-in-error" {
                skip(r, "Conditions refuted or entered in error")
                return
            }
            guard let pid = ownPatient(r, "Conditions") else { return }
            let text = FHIRReader.words(r["code"]).map(ClinicalVocabulary.clean) ?? "condition"
            let status = FHIRReader.codings(r["clinicalStatus"]).first?.code
            let secondary =
                profiles.contains { $0.contains("secondary-cancer-condition") }
                || coded.contains { Self.secondaryCodes.contains($0.code ?? "") }
                || ClinicalVocabulary.isMetastasis(codedWords)
            let suspicion =
                codedWords.contains("(situation)") || codedWords.lowercased().contains("suspected")
                || codedWords.lowercased().contains("history of")
            let cancer =
                profiles.contains { $0.contains("cancer-condition") }
                || (ClinicalVocabulary.isCancer(codedWords) && !suspicion)
            if secondary {
                // The site is the body site; "Metastasis from malignant tumor of prostate" asserts metastasis without one.
                let sites = r["bodySite"].array
                let since = ClinicalVocabulary.date(r["onsetDateTime"].string ?? r["recordedDate"].string)
                if sites.isEmpty {
                    let words = FHIRReader.codings(r["code"]).compactMap(\.display).first ?? text
                    let site = ClinicalVocabulary.metastasisSite(words)
                    append(MetastaticSite(site: site, since: since), to: pid)
                } else {
                    for site in sites {
                        let c = FHIRReader.codings(site).first
                        append(
                            MetastaticSite(
                                site: site["text"].string ?? c?.display, code: c?.code, system: c?.system, since: since),
                            to: pid)
                    }
                }
                return
            }
            if cancer {
                let codings = coded.compactMap { c in
                    c.code.map { OncoTreeCrosswalk.Coding(system: c.system, code: $0) }
                }
                // Synthea codes the stage into the disorder ("Non-small cell carcinoma of lung, TNM stage 1").
                if let r = codedWords.range(of: #"TNM stage ([0-4]|IV|III|II|I)\b"#, options: .regularExpression),
                    patients[pid]!.stage.group == nil
                {
                    patients[pid]!.stage.group = ClinicalVocabulary.stageGroup(String(codedWords[r].dropFirst(4)))
                    patients[pid]!.stage.system = "TNM (edition not stated)"
                }
                if let existing = patients[pid]!.diagnosis {
                    // The same tumour coded again (staged, in situ, refined) is not a second primary.
                    let tissue = { (code: String?) in code.flatMap { OncoTree.bundled.ancestors(of: $0).last } }
                    let mapped = OncoTreeCrosswalk.map(codings: codings, text: text)?.oncotree
                    if let t = tissue(mapped), t == tissue(existing.oncotreeCode) {
                        if let mapped, let old = existing.oncotreeCode, mapped != old,
                            OncoTree.bundled.isWithin(mapped, old)
                        {
                            patients[pid]!.diagnosis?.oncotreeCode = mapped
                        }
                        use.accounted(r["stage"])
                        return
                    }
                    if !patients[pid]!.extraPrimaries.contains(text) { patients[pid]!.extraPrimaries.append(text) }
                    return
                }
                var histology: String?
                var histologyCodings: [OncoTreeCrosswalk.Coding] = []
                for ext in r["extension"].array where (ext["url"].string ?? "").lowercased().contains("histology") {
                    histology = FHIRReader.words(ext["valueCodeableConcept"]).map(ClinicalVocabulary.clean)
                    histologyCodings = FHIRReader.codings(ext["valueCodeableConcept"]).compactMap { c in
                        c.code.map { OncoTreeCrosswalk.Coding(system: c.system, code: $0) }
                    }
                }
                let site = r["bodySite"].array.first
                var laterality: Laterality?
                for ext in (site?["extension"].array ?? []) where (ext["url"].string ?? "").contains("laterality") {
                    let words = (FHIRReader.words(ext["valueCodeableConcept"]) ?? "").lowercased()
                    laterality =
                        words.contains("left")
                        ? .left : words.contains("right") ? .right : words.contains("bilateral") ? .bilateral : nil
                }
                if laterality == nil {
                    let w = codedWords.lowercased()
                    laterality = w.contains(" left ") ? .left : w.contains(" right ") ? .right : nil
                }
                let mapping = OncoTreeCrosswalk.map(
                    codings: codings, text: text, histology: histologyCodings, histologyText: histology)
                let sourceCode = coded.first.flatMap(FHIRReader.label)
                if mapping == nil {
                    notes.append(
                        "\(name): diagnosis \"\(text)\"\(sourceCode.map { " (\($0))" } ?? "") has no OncoTree mapping; kept as text"
                    )
                }
                patients[pid]!.diagnosis = Diagnosis(
                    oncotreeCode: mapping?.oncotree, text: text,
                    histology: histology,
                    primarySite: site.flatMap { FHIRReader.words($0) }.map(ClinicalVocabulary.clean),
                    laterality: laterality,
                    diagnosedOn: ClinicalVocabulary.date(r["onsetDateTime"].string ?? r["recordedDate"].string),
                    sourceCode: sourceCode)
                if let summary = r["stage"].array.first.flatMap({ FHIRReader.words($0["summary"]) }),
                    patients[pid]!.stage.group == nil
                {
                    patients[pid]!.stage.group = ClinicalVocabulary.stageGroup(summary)
                    if let type = r["stage"].array.first.flatMap({ FHIRReader.words($0["type"]) })?.lowercased() {
                        patients[pid]!.stage.basis =
                            type.contains("patholog") ? "pathological" : type.contains("clinical") ? "clinical" : nil
                    }
                }
                return
            }
            if suspicion {
                skip(r, "Conditions that are suspicions or history, not diagnoses")
                return
            }
            if status == "resolved" || status == "inactive" || status == "remission" {
                skip(r, "Conditions no longer active")
                return
            }
            let raw = FHIRReader.words(r["code"]) ?? ""
            if raw.hasSuffix("(finding)") || raw.hasSuffix("(situation)") || raw.hasSuffix("(procedure)")
                || raw.hasSuffix("(person)")
            {
                skip(r, "Conditions that are findings or situations, not diseases")
                return
            }
            if !patients[pid]!.comorbidities.contains(text) { patients[pid]!.comorbidities.append(text) }
        }

        mutating func append(_ site: MetastaticSite, to pid: String) {
            if !patients[pid]!.metastases.contains(site) { patients[pid]!.metastases.append(site) }
        }

        static let stageCodes: Set<String> = ["21908-9", "21902-2", "21914-7", "399537006", "399588009", "399390009"]
        static let tCodes: Set<String> = ["21905-5", "21899-0", "399504009", "384625004"]
        static let nCodes: Set<String> = ["21906-3", "21900-6", "399534004", "371494008"]
        static let mCodes: Set<String> = ["21907-1", "21901-4", "399387003", "371497001"]
        static let pathologicalCodes: Set<String> = [
            "21902-2", "21899-0", "21900-6", "21901-4", "399588009", "384625004", "371494008", "371497001",
        ]
        static let markers: [String: String] = [
            "48676-1": "HER2", "85319-2": "HER2", "85318-4": "HER2", "16112-5": "ER", "85337-4": "ER", "40556-3": "ER",
            "16113-3": "PR", "85339-0": "PR", "40557-1": "PR", "85147-7": "HER2", "10334-1": "CA-125", "2857-1": "PSA",
            "83052-1": "PD-L1", "85313-5": "Ki-67", "29593-1": "Ki-67",
        ]
        /// LOINC answers of the ECOG scale (LL529-9): LA9622-7 = 0 … LA9627-6 = 5.
        static let ecogAnswers: [String: Int] = [
            "LA9622-7": 0, "LA9623-5": 1, "LA9624-3": 2, "LA9625-0": 3, "LA9626-8": 4, "LA9627-6": 5,
        ]

        mutating func observation(_ r: JSONNode) {
            let profiles = FHIRReader.profiles(r)
            let codes = Set(FHIRReader.codings(r["code"]).compactMap(\.code))
            let words = (FHIRReader.words(r["code"]) ?? "").lowercased()
            func has(_ fragment: String) -> Bool { profiles.contains { $0.contains(fragment) } }
            let isImplication =
                has("therapeutic-implication") || has("diagnostic-implication")
                || codes.contains("therapeutic-implication")
                || codes.contains("diagnostic-implication") || codes.contains("51961-1")
            if isImplication {
                implication(r)
                return
            }
            if has("grouper") || codes.contains("grouper") {
                use.accounted(r)
                return
            }  // a list of members, read through them
            let isVariant = has("variant") || codes.contains("69548-6")
            let isTMB =
                has("tumor-mutation-burden") || codes.contains("94076-7") || words.contains("mutational burden")
                || words.contains("mutation burden")
            let isMSI =
                has("microsatellite") || codes.contains("81695-9") || words.contains("microsatellite")
                || words.hasPrefix("msi")
            let isStage = has("stage-group") || !codes.isDisjoint(with: Self.stageCodes)
            let tnm: [(String, Set<String>, Character, WritableKeyPath<Stage, String?>)] = [
                ("primary-tumor-category", Self.tCodes, "T", \.t), ("regional-nodes-category", Self.nCodes, "N", \.n),
                ("distant-metastases-category", Self.mCodes, "M", \.m),
            ]
            let isTNM = tnm.contains { has($0.0) || !codes.isDisjoint(with: $0.1) }
            let isECOG = has("ecog") || codes.contains("89247-1")
            let isKPS = has("karnofsky") || codes.contains("89243-0")
            let isMarker = has("tumor-marker") || !codes.isDisjoint(with: Set(Self.markers.keys))
            guard isVariant || isTMB || isMSI || isStage || isTNM || isECOG || isKPS || isMarker else {
                skip(r, "Observations that are not oncology data (vital signs, labs, surveys…)")
                return
            }
            let status = r["status"].string
            if status == "entered-in-error" || status == "cancelled" {
                skip(r, "Observations entered in error or cancelled")
                return
            }
            let owner = owner(r)
            if case .other = owner, !patientOrder.isEmpty {
                _ = ownPatient(r, "Observations")
                return
            }
            if case .none = owner, patientOrder.count > 1 {
                _ = ownPatient(r, "Observations")
                return
            }
            var pid: String? = if case .patient(let p) = owner { p } else { nil }
            let subject: String? =
                if case .other(let ref) = owner { String(ref.split(separator: "/").last ?? Substring(ref)) } else {
                    pid
                }
            // Found by sample, like lab files.
            if let p = pid, absent.contains(p), isVariant || isTMB || isMSI { pid = nil }
            if isVariant {
                variant(r, pid: pid, subject: subject)
                return
            }
            if isTMB {
                biomarker(r, pid: pid, subject: subject, kind: .tmb, name: "TMB")
                return
            }
            if isMSI {
                biomarker(r, pid: pid, subject: subject, kind: .msi, name: "MSI")
                return
            }
            guard let pid else {
                skip(r, "Observations of a patient not in the file")
                return
            }
            let basis = has("patholog") || !codes.isDisjoint(with: Self.pathologicalCodes) ? "pathological" : "clinical"
            let value = FHIRReader.codings(r["valueCodeableConcept"])
            let valueWords =
                r["valueCodeableConcept"]["text"].string ?? value.first(where: {
                    $0.system?.contains("cancerstaging") == true
                })?.code
                ?? value.compactMap(\.display).first ?? value.compactMap(\.code).first
            if isStage {
                if let v = valueWords {
                    patients[pid]!.stage.group = ClinicalVocabulary.stageGroup(v)
                    patients[pid]!.stage.basis = basis
                    patients[pid]!.stage.assessedOn = ClinicalVocabulary.date(r["effectiveDateTime"].string)
                    if let method = FHIRReader.words(r["method"]),
                        method.contains("AJCC") || method.contains("American Joint")
                    {
                        patients[pid]!.stage.system = method.contains("8th") ? "AJCC 8" : "AJCC"
                    }
                }
                return
            }
            for (fragment, set, letter, keyPath) in tnm where has(fragment) || !codes.isDisjoint(with: set) {
                let candidates = value.compactMap(\.code) + value.compactMap(\.display) + [valueWords].compactMap { $0 }
                if let category = candidates.lazy.compactMap({ ClinicalVocabulary.tnmCategory($0, letter: letter) })
                    .first
                {
                    patients[pid]!.stage[keyPath: keyPath] = category
                    patients[pid]!.stage.basis = patients[pid]!.stage.basis ?? basis
                }
                return
            }
            if isECOG {
                if let s = score(r) {
                    do {
                        patients[pid]!.performance.ecog = try ValidValues.ecog(s)
                        patients[pid]!.performance.assessedOn = ClinicalVocabulary.date(r["effectiveDateTime"].string)
                    } catch {
                        account.invalid("ECOG", found: String(s), at: r.path + ".value[x]", expected: error.expected)
                    }
                }
                return
            }
            if isKPS {
                if let s = score(r) {
                    do {
                        patients[pid]!.performance.karnofsky = try ValidValues.karnofsky(s)
                        if patients[pid]!.performance.assessedOn == nil {
                            patients[pid]!.performance.assessedOn = ClinicalVocabulary.date(
                                r["effectiveDateTime"].string)
                        }
                    } catch {
                        account.invalid(
                            "Karnofsky", found: String(s), at: r.path + ".value[x]", expected: error.expected)
                    }
                }
                return
            }
            let name =
                codes.compactMap { Self.markers[$0] }.first ?? FHIRReader.words(r["code"]).map {
                    ClinicalVocabulary.clean($0)
                } ?? "marker"
            biomarker(r, pid: pid, subject: subject, kind: name == "PD-L1" ? .pdl1 : .other, name: name)
        }

        func score(_ r: JSONNode) -> Int? {
            if let i = r["valueInteger"].int { return i }
            if let q = r["valueQuantity"]["value"].int { return q }
            let concept = r["valueCodeableConcept"]
            for c in FHIRReader.codings(concept) {
                if let code = c.code, let s = Self.ecogAnswers[code] { return s }
                if let code = c.code, let i = Int(code) { return i }
                if let d = c.display, let i = Int(d.prefix { $0.isNumber || $0 == "-" }) { return i }
            }
            return nil
        }

        mutating func add(_ finding: Finding, ref: String?, pid: String?, subject: String?) {
            if let pid {
                if patients[pid]!.findings.contains(where: { $0.id == finding.id }) { return }
                patients[pid]!.findings.append(finding)
                if let ref { findingKeyByRef[ref] = (pid, pid, patients[pid]!.findings.count - 1) }
            } else {
                let key = caseId ?? subject ?? "unknown"
                orphans[key, default: []].append(finding)
                if let ref { findingKeyByRef[ref] = (nil, key, orphans[key]!.count - 1) }
            }
        }

        func refs(of r: JSONNode) -> [String] {
            let type = r["resourceType"].string ?? ""
            return byRef.filter { $0.value.path == r.path }.map(\.key).sorted()
                + (r["id"].string.map { [type + "/" + $0] } ?? [])
        }

        mutating func biomarker(_ r: JSONNode, pid: String?, subject: String?, kind: Biomarker.Kind, name: String) {
            let value = r["valueQuantity"]["value"].double
            let unit = r["valueQuantity"]["unit"].string ?? r["valueQuantity"]["code"].string
            let status =
                r["valueString"].string ?? FHIRReader.words(r["valueCodeableConcept"]).map(ClinicalVocabulary.clean)
                ?? r["interpretation"].array.first.flatMap { FHIRReader.words($0) }
            let id = scoped(id(of: r) ?? "\(name)-\(r.path)")
            let finding = Finding(
                id: id, kind: .biomarker,
                biomarker: Biomarker(
                    kind: kind, name: name, value: value,
                    unit: kind == .tmb ? "mut/Mb" : unit, status: status))
            add(finding, ref: nil, pid: pid, subject: subject)
        }

        /// Sequence Ontology and LOINC (LL379-9) answers of "DNA change type" (48019-4) → the finding's kind.
        static func kind(dnaChange code: String?) -> FindingKind? {
            switch code {
            case "SO:0001483", "SO:0001059", "LA6690-7": .snv
            case "SO:0000159", "SO:0000667", "SO:1000032", "SO:1000035", "SO:0002007", "LA6692-3", "LA6687-3",
                "LA6688-1", "LA6686-5":
                .indel
            case "SO:0001019", "SO:0001742", "SO:0001743", "SO:0001911", "SO:0001912": .copyNumber
            case "SO:1000036", "SO:0000199", "SO:0001784", "SO:0001537", "LA6689-9": .structural
            case "SO:0001565", "SO:0001886": .fusion
            default: nil
            }
        }

        mutating func variant(_ r: JSONNode, pid: String?, subject: String?) {
            // Value "Absent" (LA9634-2): the variant was looked for and not found.
            if FHIRReader.codings(r["valueCodeableConcept"]).contains(where: { $0.code == "LA9634-2" }) {
                skip(r, "variants reported absent")
                return
            }
            var gene: String?
            var hgvsC: String?
            var hgvsP: String?
            var hgvsG: String?
            var vaf: Double?
            var origin = VariantOrigin.unknown
            var classification: Classification?
            var transcript: String?
            var clinvar: String?
            var kind: FindingKind?
            var copies: Double?
            var unresolvedGene: String?
            for comp in r["component"].array {
                let code = FHIRReader.codings(comp["code"]).compactMap(\.code).first ?? ""
                let concept = comp["valueCodeableConcept"]
                let first = FHIRReader.codings(concept).first
                let text = first?.display ?? first?.code ?? concept["text"].string ?? comp["valueString"].string
                switch code {
                case "48018-6":
                    let found = GeneSymbols.symbol(
                        code: first?.code, display: first?.display, text: concept["text"].string)
                    gene = genes.symbol(found.symbol)
                    if found.symbol == nil { unresolvedGene = found.hgncId ?? first?.display ?? concept["text"].string }
                case "48004-6": hgvsC = first?.code ?? text
                case "48005-3": hgvsP = first?.code ?? text
                case "81290-9": hgvsG = first?.code ?? text
                case "81252-9": clinvar = first?.code
                case "51958-7": transcript = first?.code ?? text
                case "81258-6", "81259-4": vaf = comp["valueQuantity"]["value"].double.map { $0 > 1 ? $0 / 100 : $0 }
                case "48019-4": kind = Self.kind(dnaChange: first?.code) ?? kind
                case "82155-3": copies = comp["valueQuantity"]["value"].double
                case "62378-5":
                    let t = (text ?? "").lowercased()
                    if t.contains("gain") || t.contains("loss") || t.contains("amplification") || t.contains("deletion")
                    {
                        kind = .copyNumber
                    }
                case "48002-0":
                    let c = first?.code
                    let t = (text ?? "").lowercased()
                    origin =
                        c == "LA6683-2" || t.contains("germline")
                        ? .germline : c == "LA6684-0" || t.contains("somatic") ? .somatic : .unknown
                case "53037-8":
                    let t = (text ?? "").lowercased()
                    classification =
                        t.contains("likely pathogenic")
                        ? .likelyPathogenic
                        : t.contains("pathogenic")
                            ? .pathogenic
                            : t.contains("uncertain")
                                ? .vus
                                : t.contains("likely benign") ? .likelyBenign : t.contains("benign") ? .benign : nil
                default: break
                }
            }
            if let unresolvedGene {
                notes.append(
                    "\(name): gene \(unresolvedGene) is not an HGNC symbol and its id is not approved in the bundled HGNC release; stored without a gene"
                )
            }
            if let c = hgvsC, let colon = c.firstIndex(of: ":") {
                if transcript == nil { transcript = String(c[..<colon]) }
                hgvsC = String(c[c.index(after: colon)...])
            }
            if let p = hgvsP, let colon = p.firstIndex(of: ":") { hgvsP = String(p[p.index(after: colon)...]) }
            if kind == nil {
                let change = hgvsC ?? hgvsG ?? ""
                kind = ["del", "ins", "dup"].contains { change.contains($0) } ? .indel : .snv
            }
            let rid = id(of: r) ?? r.path
            var call: CopyNumberCall?
            if kind == .copyNumber, let copies {
                call =
                    copies < 0.5
                    ? .homozygousDeletion
                    : copies < 1.5 ? .heterozygousDeletion : copies >= 5 ? .amplification : copies > 2.5 ? .gain : nil
            }
            let finding = Finding(
                id: scoped(rid), kind: kind ?? .snv, gene: gene, transcript: transcript, hgvsC: hgvsC ?? hgvsG,
                hgvsP: hgvsP,
                consequence: clinvar.map { "ClinVar \($0)" }, vaf: vaf, copyNumberCall: call, copyNumber: copies,
                origin: origin, classification: classification)
            let allRefs = refs(of: r)
            add(finding, ref: allRefs.first, pid: pid, subject: subject)
            if let first = allRefs.first, let k = findingKeyByRef[first] {
                for ref in allRefs.dropFirst() { findingKeyByRef[ref] = k }
            }
        }

        /// Therapeutic and diagnostic implications (Genomics Reporting): knowledge about a variant of the record,
        /// attached to that variant. The associated cancer is the knowledge's disease, never the patient's diagnosis.
        mutating func implication(_ r: JSONNode) {
            var therapy: String?
            var level: String?
            var significance: String?
            var disease: String?
            for comp in r["component"].array {
                let code = FHIRReader.codings(comp["code"]).compactMap(\.code).first ?? ""
                let text = FHIRReader.words(comp["valueCodeableConcept"]) ?? comp["valueString"].string
                switch code {
                case "51963-7": therapy = text
                case "93044-6": level = text
                case "51961-1", "53037-8": significance = text
                case "associated-cancer", "81259-4": disease = text
                default: break
                }
            }
            // The level must be on a scale the board knows; "AMP Guidelines" alone names a scale, not a level.
            let parsed = level.flatMap(Self.evidenceLevel)
            let targets = r["derivedFrom"].array.compactMap { $0["reference"].string }
            guard !targets.isEmpty else {
                skip(r, "implications without a derivedFrom variant")
                return
            }
            // A level not on a known scale ("AMP Guidelines") is kept as unknown, never guessed: the drug and the
            // response the report states stay on the variant, ranked after every known level.
            let entry = EvidenceEntry(
                source: "report", level: parsed ?? Self.unknownLevel(level),
                type: therapy == nil ? "Diagnostic" : "Predictive", significance: significance,
                therapy: therapy, disease: disease,
                oncotreeCode: disease.flatMap { OncoTreeCrosswalk.map(codings: [], text: $0)?.oncotree },
                reference: level.map { "level as reported: \($0)" })
            for target in targets {
                let key = resolve(target, in: r).flatMap { refs(of: $0).first } ?? target
                evidence.append((key, entry))
            }
        }

        /// The level "unknown" on the scale the text names (OncoKB, ESCAT, CIViC, NCT/DKTK), else on AMP/ASCO/CAP,
        /// the tiers the Genomics Reporting IG's examples use ("Tier I - Level A"); it is no level of the scale, so it
        /// ranks last and shows as "not a level of this scale".
        static func unknownLevel(_ text: String?) -> EvidenceLevel {
            let t = (text ?? "").lowercased()
            let scale: EvidenceScale =
                t.contains("oncokb")
                ? .oncokb
                : t.contains("escat")
                    ? .escat
                    : t.contains("civic")
                        ? .civic
                        : t.contains("nct") || t.contains("dktk") ? .nct : .amp
            var level = EvidenceLevel(scale: scale, code: "")
            level.code = "unknown"
            return level
        }

        static func evidenceLevel(_ text: String) -> EvidenceLevel? {
            let t = text.trimmingCharacters(in: .whitespaces)
            for scale in [EvidenceScale.oncokb, .escat, .nct, .civic, .amp] {
                for prefix in ["\(scale.rawValue) ", "Level ", "Tier ", ""] where t.hasPrefix(prefix) {
                    let code = String(t.dropFirst(prefix.count))
                    if scale.accepts(code) { return EvidenceLevel(scale: scale, code: code) }
                }
            }
            return nil
        }

        mutating func medication(_ r: JSONNode) {
            let status = r["status"].string
            if ["entered-in-error", "cancelled", "not-taken", "not-done"].contains(status ?? "") {
                skip(r, "medications not given (\(status!))")
                return
            }
            var concept = r["medicationCodeableConcept"]
            if !concept.exists, let med = resolve(r["medicationReference"]["reference"].string, in: r) {
                concept = med["code"]
            }
            let codings = FHIRReader.codings(concept)
            let text = FHIRReader.words(concept) ?? ""
            let atc = codings.contains {
                ($0.system ?? "").lowercased().contains("atc") && Antineoplastics.isAntineoplastic(atc: $0.code ?? "")
            }
            let profiled = FHIRReader.profiles(r).contains { $0.contains("cancer-related-medication") }
            let ingredient = Antineoplastics.ingredient(
                in: (codings.compactMap(\.display) + [text]).joined(separator: " "))
            guard atc || profiled || ingredient != nil else {
                skip(r, "medications that are not antineoplastic (ATC L01/L02): analgesics, antibiotics, …")
                return
            }
            guard let pid = ownPatient(r, "medications") else { return }
            let drug = ingredient ?? Self.drugName(text)
            let timing = r["dosageInstruction"].array.first?["timing"]
            let startText =
                r["effectivePeriod"]["start"].string ?? r["effectiveDateTime"].string ?? timing?["event"].array.first?
                .string
                ?? timing?["repeat"]["boundsPeriod"]["start"].string ?? r["authoredOn"].string
            let endText = r["effectivePeriod"]["end"].string ?? timing?["repeat"]["boundsPeriod"]["end"].string
            let start = ClinicalVocabulary.date(startText)
            let end = ClinicalVocabulary.date(endText)
            if let i = patients[pid]!.medications.firstIndex(where: { $0.drug == drug }) {
                if let start { patients[pid]!.medications[i].dates.append(start) }
                if let end { patients[pid]!.medications[i].end = max(patients[pid]!.medications[i].end ?? end, end) }
            } else {
                patients[pid]!.medications.append((drug, start.map { [$0] } ?? [], end))
            }
        }

        /// "Paclitaxel 100 MG Injection" → "Paclitaxel": the board speaks of agents, not products.
        static func drugName(_ text: String) -> String {
            let words = text.split(separator: " ")
            if let cut = words.firstIndex(where: { $0.first?.isNumber == true }), cut > 0 {
                return words[..<cut].joined(separator: " ")
            }
            return text
        }

        /// Words of procedures that find or look, not treat.
        static let diagnosticWords = [
            "biopsy", "screening", "examination", "mammogra", "x-ray", "radiograph", "imaging", "scan", "ultrasound",
            "endoscopy", "colonoscopy", "bronchoscopy", "reconciliation", "assessment", "consultation", "counseling",
            "test", "ct of", "ct ", "mri", "magnetic resonance", "tomography", "densitometry", "bone density",
        ]

        mutating func procedure(_ r: JSONNode) {
            let profiles = FHIRReader.profiles(r)
            let status = r["status"].string
            if ["entered-in-error", "not-done"].contains(status ?? "") {
                skip(r, "procedures not done")
                return
            }
            let reasonIsCancer =
                r["reasonReference"].array.contains { ref in
                    guard let target = resolve(ref["reference"].string, in: r) ?? resolveBare(ref["reference"].string)
                    else { return false }
                    let w = FHIRReader.codedWords(target["code"])
                    return ClinicalVocabulary.isCancer(w) && !w.contains("(situation)")
                } || r["reasonCode"].array.contains { ClinicalVocabulary.isCancer(FHIRReader.codedWords($0)) }
            let radiation = profiles.contains { $0.contains("radiation") || $0.contains("radiotherapy") }
            let cancerRelated = profiles.contains { $0.contains("cancer-related") } || radiation || reasonIsCancer
            guard cancerRelated else {
                skip(r, "Procedures not related to the cancer")
                return
            }
            let text = FHIRReader.words(r["code"]).map(ClinicalVocabulary.clean)
            let lower = FHIRReader.codedWords(r["code"]).lowercased()
            if !radiation, Self.diagnosticWords.contains(where: { lower.contains($0) }) {
                skip(r, "diagnostic procedures (biopsy, imaging, examination): not treatment")
                return
            }
            guard let pid = ownPatient(r, "Procedures") else { return }
            let isRadiation =
                radiation || lower.contains("radiation") || lower.contains("radiotherapy")
                || lower.contains("brachytherapy")
            let setting = isRadiation ? "radiotherapy" : "surgery"
            let start = ClinicalVocabulary.date(r["performedPeriod"]["start"].string ?? r["performedDateTime"].string)
            let end = ClinicalVocabulary.date(r["performedPeriod"]["end"].string)
            let key = FHIRReader.codings(r["code"]).first?.code ?? text ?? "procedure"
            // A repeated procedure (a course of fractions, monthly chemoradiation) is one line from first to last.
            if let i = patients[pid]!.procedures.firstIndex(where: { $0.key == key && $0.setting == setting }) {
                if let start { patients[pid]!.procedures[i].dates.append(start) }
                if let end { patients[pid]!.procedures[i].end = max(patients[pid]!.procedures[i].end ?? end, end) }
            } else {
                patients[pid]!.procedures.append((key, text, setting, start.map { [$0] } ?? [], end))
            }
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

        mutating func report(_ r: JSONNode) {
            let profiles = FHIRReader.profiles(r)
            let codes = Set(FHIRReader.codings(r["code"]).compactMap(\.code))
            let categories = r["category"].array.flatMap { FHIRReader.codings($0).compactMap(\.code) }
            let words = (FHIRReader.words(r["code"]) ?? "").lowercased()
            let genomic =
                profiles.contains { $0.contains("genomic") || $0.contains("genetic") || $0.contains("genomics-report") }
                || !codes.isDisjoint(with: Self.genomicReportCodes) || categories.contains("GE")
                || ["genetic", "genomic", "molecular", "sequencing", "mutation"].contains { words.contains($0) }
            guard genomic else {
                skip(r, "DiagnosticReports that are not genomic (lab panels, imaging…)")
                return
            }
            guard let pid = ownPatient(r, "DiagnosticReports") else { return }
            let specimen = r["specimen"].array.first.flatMap { resolve($0["reference"].string, in: r) }
            let lab = r["performer"].array.first.flatMap { p in
                p["display"].string ?? resolve(p["reference"].string, in: r).flatMap { $0["name"].string }
            }
            let spec = specimen.map { s in
                Specimen(
                    id: id(of: s), type: FHIRReader.words(s["type"]),
                    site: FHIRReader.words(s["collection"]["bodySite"]),
                    collectedOn: ClinicalVocabulary.date(s["collection"]["collectedDateTime"].string))
            }
            let rid = id(of: r) ?? "report-\(patients[pid]!.reports.count + 1)"
            patients[pid]!.reports.append(
                MolecularReport(
                    id: scoped(rid), lab: lab, assay: FHIRReader.words(r["code"]),
                    reportedOn: ClinicalVocabulary.date(r["issued"].string ?? r["effectiveDateTime"].string),
                    specimen: spec))
        }

        /// Tumour markers that speak of one tissue's cancer only (a PSA in a lung-cancer record is screening).
        static let markerTissue: [String: String] = ["PSA": "PROSTATE", "CA-125": "OVARY"]

        mutating func payload() -> ImportPayload {
            var payload = ImportPayload()
            for pid in patientOrder + absent.sorted() {
                let tissue = patients[pid]!.diagnosis?.oncotreeCode.flatMap { OncoTree.bundled.ancestors(of: $0).last }
                let before = patients[pid]!.findings.count
                patients[pid]!.findings.removeAll { f in
                    guard let name = f.biomarker?.name, let needs = Self.markerTissue[name] else { return false }
                    return tissue != needs
                }
                account.skip(
                    "tumour markers of another cancer than the record's (PSA without prostate cancer…)",
                    count: before - patients[pid]!.findings.count)
                let d = patients[pid]!
                // Agents given on the same first day form one regimen (Synthea orders cisplatin and paclitaxel together
                // every month: one line of two drugs, not 120 lines); a repeated order of one agent is one line.
                var lines: [TherapyLine] = []
                var regimens: [(start: LocalDate?, drugs: [String], last: LocalDate?, dates: [LocalDate])] = []
                for m in d.medications {
                    let dates = m.dates.sorted()
                    // An end only when the record states one (effectivePeriod.end, boundsPeriod.end): the last order
                    // date is not the end of therapy.
                    let start = dates.first
                    let last = m.end
                    // Given together repeatedly (the same two or more days): one regimen. One order each on one day
                    // (docetaxel and leuprolide started the same day) stays two treatments.
                    if dates.count >= 2, let i = regimens.firstIndex(where: { $0.dates == dates }) {
                        regimens[i].drugs.append(m.drug)
                        regimens[i].last = [regimens[i].last, last].compactMap { $0 }.max()
                    } else {
                        regimens.append((start, [m.drug], last, dates))
                    }
                }
                var entries: [(start: LocalDate?, line: TherapyLine)] = regimens.map { r in
                    (
                        r.start,
                        TherapyLine(
                            line: nil, regimen: r.drugs.count > 1 ? r.drugs.joined(separator: " + ") : nil,
                            drugs: r.drugs, start: r.start, end: r.last)
                    )
                }
                for p in d.procedures {
                    let dates = p.dates.sorted()
                    entries.append(
                        (
                            dates.first,
                            TherapyLine(line: nil, setting: p.setting, regimen: p.text, start: dates.first, end: p.end)
                        ))
                }
                // In time order; FHIR states no line numbers (and surgery or radiotherapy is no systemic line), so none is made.
                lines = entries.sorted(by: { ($0.start?.description ?? "") < ($1.start?.description ?? "") }).map(
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
                    "\(name): no Patient in the file; its data completes the case of patient \(payload.caseAdditions.map(\.id).joined(separator: ", ")) if the store has it"
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
