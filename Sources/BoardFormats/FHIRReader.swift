import Foundation
import BoardModel

/// Reads HL7 FHIR R4 JSON — a Bundle of any type or a single resource — into cases: Patient, cancer
/// Conditions, staging, performance status, tumour markers, genomic variants (mCODE STU1–STU4 and Genomics
/// Reporting), therapeutic implications, medications and procedures. Profiles are recognised by the last
/// segment of their URL and, when absent, by LOINC/SNOMED codes, because STU1…STU4 renamed them
/// (mcode-tnm-clinical-stage-group → mcode-tnm-stage-group, mcode-cancer-genetic-variant → mcode-genomic-variant…).
/// Resources the board does not use are counted, not fatal.
public enum FHIRReader {
    static func recognises(_ root: JSONNode) -> Bool {
        root["resourceType"].string != nil
    }

    public static func read(data: Data, file: String, caseId: String? = nil) throws -> ImportPayload {
        try read(root: JSONNode.parse(data, file: file), file: file, caseId: caseId)
    }

    static func read(root: JSONNode, file: String, caseId: String?) throws -> ImportPayload {
        guard let type = root["resourceType"].string else {
            throw ImportError(file: file, location: "$.resourceType", message: "missing resourceType; expected a FHIR R4 resource or Bundle")
        }
        var resources: [(node: JSONNode, fullUrl: String?)] = []
        if type == "Bundle" {
            for entry in root["entry"].array {
                let resource = entry["resource"]
                guard resource.object != nil else { continue }
                guard resource["resourceType"].string != nil else {
                    throw ImportError(file: file, location: resource.path + ".resourceType", message: "missing resourceType in a Bundle entry")
                }
                resources.append((resource, entry["fullUrl"].string))
            }
        } else {
            resources.append((root, nil))
        }
        var builder = Builder(file: file, caseId: caseId)
        builder.index(resources)
        try builder.build()
        return builder.payload()
    }

    struct Coding { var system: String?; var code: String?; var display: String? }

    static func codings(_ concept: JSONNode) -> [Coding] {
        concept["coding"].array.map { Coding(system: $0["system"].string, code: $0["code"].string, display: $0["display"].string) }
    }

    /// The words of a CodeableConcept: text, else the first display, else the first code.
    static func words(_ concept: JSONNode) -> String? {
        concept["text"].string ?? codings(concept).compactMap(\.display).first ?? codings(concept).compactMap(\.code).first
    }

    static func profiles(_ r: JSONNode) -> [String] {
        r["meta"]["profile"].array.compactMap { $0.string?.split(separator: "/").last.map { String($0).lowercased() } }
    }

    /// Per-patient accumulation of what the resources say.
    struct Draft {
        var patient: Patient
        var provenance: Provenance
        var diagnosis: Diagnosis?
        var extraPrimaries: [String] = []
        var comorbidities: [String] = []
        var stage = Stage()
        var performance = PerformanceStatus()
        var therapies: [(start: LocalDate?, end: LocalDate?, drug: String?, regimen: String?, setting: String?)] = []
        var reports: [MolecularReport] = []
        var findings: [Finding] = []
    }

    struct Builder {
        let file: String
        let caseId: String?
        var byRef: [String: JSONNode] = [:]
        var all: [JSONNode] = []
        var patients: [String: Draft] = [:]
        var patientOrder: [String] = []
        /// Findings whose subject is not a Patient in the file: attached by reference id (or --case).
        var orphans: [String: [Finding]] = [:]
        var skipped: [String: Int] = [:]
        var evidence: [(findingRef: String, entry: EvidenceEntry)] = []
        var findingKeyByRef: [String: (patient: String?, subject: String, index: Int)] = [:]
        var notes: [String] = []

        init(file: String, caseId: String?) {
            self.file = file
            self.caseId = caseId
        }

        mutating func index(_ resources: [(node: JSONNode, fullUrl: String?)]) {
            var seen: Set<String> = []
            for (node, fullUrl) in resources {
                let type = node["resourceType"].string!
                let id = node["id"].string ?? fullUrl.map { $0.replacingOccurrences(of: "urn:uuid:", with: "") }
                if let id, !seen.insert(type + "/" + id).inserted {
                    skipped["duplicate \(type) entries (same id)", default: 0] += 1
                    continue
                }
                all.append(node)
                if let id { byRef[type + "/" + id] = node }
                if let fullUrl { byRef[fullUrl] = node }
            }
        }

        func id(of r: JSONNode) -> String? {
            let type = r["resourceType"].string ?? ""
            if let id = r["id"].string { return id }
            return byRef.first { $0.value.path == r.path && $0.key.hasPrefix("urn:uuid:") }.map { String($0.key.dropFirst(9)) }
                ?? byRef.first { $0.value.path == r.path && !$0.key.hasPrefix(type + "/") }.map { $0.key }
        }

        func resolve(_ reference: String?) -> JSONNode? {
            guard let reference else { return nil }
            if let hit = byRef[reference] { return hit }
            let parts = reference.split(separator: "/")
            if parts.count >= 2 { return byRef[parts.suffix(2).joined(separator: "/")] }
            return nil
        }

        /// The patient key a resource belongs to; nil and the reference's id when the Patient is not in the file.
        func owner(_ r: JSONNode) -> (patient: String?, subject: String?) {
            let ref = r["subject"]["reference"].string ?? r["patient"]["reference"].string
            if let target = resolve(ref), target["resourceType"].string == "Patient", let pid = id(of: target) { return (pid, pid) }
            if patientOrder.count == 1 { return (patientOrder[0], patientOrder[0]) }
            return (nil, ref.map { String($0.split(separator: "/").last ?? Substring($0)) })
        }

        mutating func build() throws {
            for r in all where r["resourceType"].string == "Patient" { try patient(r) }
            var referencedMismatch = 0
            for r in all {
                let type = r["resourceType"].string!
                let ref = r["subject"]["reference"].string ?? r["patient"]["reference"].string
                if ref != nil, resolve(ref) == nil, patientOrder.count == 1, ["Condition", "Observation", "MedicationStatement", "Procedure"].contains(type) {
                    referencedMismatch += 1
                }
                switch type {
                case "Patient": break
                case "Condition": condition(r)
                case "Observation": observation(r)
                case "MedicationStatement", "MedicationRequest", "MedicationAdministration": medication(r)
                case "Procedure": procedure(r)
                case "DiagnosticReport": report(r)
                case "Specimen", "Practitioner", "Organization", "PractitionerRole": break // read through references
                default: skipped["\(type) resources: not used by the board", default: 0] += 1
                }
            }
            if referencedMismatch > 0 {
                notes.append("\(file): \(referencedMismatch) resource(s) name a patient not in the file; attached to its only Patient")
            }
            for (ref, entry) in evidence {
                guard let key = findingKeyByRef[ref] else { skipped["therapeutic implications without their variant", default: 0] += 1; continue }
                if let p = key.patient { patients[p]!.findings[key.index].evidence.append(entry) }
                else { orphans[key.subject]![key.index].evidence.append(entry) }
            }
        }

        mutating func patient(_ r: JSONNode) throws {
            guard let pid = id(of: r) else {
                throw ImportError(file: file, location: r.path + ".id", message: "Patient without id or fullUrl; expected an id to key the case")
            }
            let names = r["name"].array
            let official = names.first { $0["use"].string == "official" } ?? names.first
            let given = official?["given"].array.compactMap(\.string).joined(separator: " ")
            let name = PersonName(given: given?.isEmpty == false ? given : nil, family: official?["family"].string, text: official?["text"].string)
            var identifiers: [PatientIdentifier] = []
            for ident in r["identifier"].array {
                guard let value = ident["value"].string else { continue }
                let typeCode = FHIRReader.codings(ident["type"]).first?.code
                let kind: PatientIdentifier.Kind = typeCode == "MR" ? .mrn : typeCode == "SS" || typeCode == "NI" ? .national : .other
                identifiers.append(PatientIdentifier(kind: kind, system: ident["system"].string, value: value))
            }
            let sex: Sex = switch r["gender"].string { case "female": .female; case "male": .male; case "other": .other; default: .unknown }
            let patient = Patient(id: pid, identifiers: identifiers, name: name, birthDate: ClinicalVocabulary.date(r["birthDate"].string), sex: sex)
            patients[pid] = Draft(patient: patient, provenance: Provenance(file: file, recordId: "Patient/\(pid)", format: "fhir"))
            patientOrder.append(pid)
        }

        mutating func condition(_ r: JSONNode) {
            guard let pid = owner(r).patient else { skipped["Conditions of a patient not in the file", default: 0] += 1; return }
            let profiles = FHIRReader.profiles(r)
            let text = FHIRReader.words(r["code"]).map(ClinicalVocabulary.clean) ?? "condition"
            let status = FHIRReader.codings(r["clinicalStatus"]).first?.code
            let isPrimary = profiles.contains { $0.contains("primary-cancer-condition") }
                || (!profiles.contains { $0.contains("secondary-cancer-condition") } && ClinicalVocabulary.isCancer(text) && !ClinicalVocabulary.isMetastasis(text))
            let isSecondary = profiles.contains { $0.contains("secondary-cancer-condition") } || (ClinicalVocabulary.isCancer(text) && ClinicalVocabulary.isMetastasis(text))
            if isSecondary {
                skipped["secondary cancer conditions (metastases): no field in the case model", default: 0] += 1
                return
            }
            if isPrimary {
                if patients[pid]!.diagnosis != nil { patients[pid]!.extraPrimaries.append(text); return }
                let codes = FHIRReader.codings(r["code"]).compactMap(\.code)
                var histology: String?
                for ext in r["extension"].array where (ext["url"].string ?? "").lowercased().contains("histology") {
                    histology = FHIRReader.words(ext["valueCodeableConcept"]).map(ClinicalVocabulary.clean)
                }
                let site = r["bodySite"].array.first
                var laterality: Laterality?
                for ext in (site?["extension"].array ?? []) where (ext["url"].string ?? "").contains("laterality") {
                    let words = (FHIRReader.words(ext["valueCodeableConcept"]) ?? "").lowercased()
                    laterality = words.contains("left") ? .left : words.contains("right") ? .right : words.contains("bilateral") ? .bilateral : nil
                }
                patients[pid]!.diagnosis = Diagnosis(oncotreeCode: ClinicalVocabulary.oncotree(codes: codes, text: text), text: text,
                                                     histology: histology, primarySite: site.flatMap { FHIRReader.words($0) }.map(ClinicalVocabulary.clean),
                                                     laterality: laterality,
                                                     diagnosedOn: ClinicalVocabulary.date(r["onsetDateTime"].string ?? r["recordedDate"].string))
                if let summary = r["stage"].array.first.flatMap({ FHIRReader.words($0["summary"]) }), patients[pid]!.stage.group == nil {
                    patients[pid]!.stage.group = ClinicalVocabulary.stageGroup(summary)
                }
                return
            }
            if status == "resolved" || status == "inactive" || status == "remission" {
                skipped["Conditions no longer active", default: 0] += 1
                return
            }
            let raw = FHIRReader.words(r["code"]) ?? ""
            if raw.hasSuffix("(finding)") || raw.hasSuffix("(situation)") || raw.hasSuffix("(procedure)") || raw.hasSuffix("(person)") {
                skipped["Conditions that are findings or situations, not diseases", default: 0] += 1
                return
            }
            if !patients[pid]!.comorbidities.contains(text) { patients[pid]!.comorbidities.append(text) }
        }

        static let stageCodes: Set<String> = ["21908-9", "21902-2", "21914-7", "399537006", "399588009", "399390009"]
        static let tCodes: Set<String> = ["21905-5", "21899-0", "399504009", "384625004"]
        static let nCodes: Set<String> = ["21906-3", "21900-6", "399534004", "371494008"]
        static let mCodes: Set<String> = ["21907-1", "21901-4", "399387003", "371497001"]
        static let pathologicalCodes: Set<String> = ["21902-2", "21899-0", "21900-6", "21901-4", "399588009", "384625004", "371494008", "371497001"]
        static let markers: [String: String] = ["48676-1": "HER2", "85319-2": "HER2", "85318-4": "HER2", "16112-5": "ER", "85337-4": "ER", "40556-3": "ER",
                                               "16113-3": "PR", "85339-0": "PR", "40557-1": "PR", "85147-7": "HER2", "10334-1": "CA-125", "2857-1": "PSA",
                                               "83052-1": "PD-L1", "85313-5": "Ki-67", "29593-1": "Ki-67"]

        mutating func observation(_ r: JSONNode) {
            let profiles = FHIRReader.profiles(r)
            let codes = Set(FHIRReader.codings(r["code"]).compactMap(\.code))
            let words = (FHIRReader.words(r["code"]) ?? "").lowercased()
            func has(_ fragment: String) -> Bool { profiles.contains { $0.contains(fragment) } }
            let (pid, subject) = owner(r)
            if has("therapeutic-implication") || codes.contains("therapeutic-implication") || codes.contains("51961-1") {
                therapeuticImplication(r); return
            }
            if has("grouper") || codes.contains("grouper") { return } // a list of members, read through them
            if has("variant") || codes.contains("69548-6") {
                variant(r, pid: pid, subject: subject); return
            }
            if has("tumor-mutation-burden") || codes.contains("94076-7") || words.contains("mutational burden") || words.contains("mutation burden") {
                biomarker(r, pid: pid, subject: subject, kind: .tmb, name: "TMB"); return
            }
            if has("microsatellite") || codes.contains("81695-9") || words.contains("microsatellite") || words.hasPrefix("msi") {
                biomarker(r, pid: pid, subject: subject, kind: .msi, name: "MSI"); return
            }
            guard let pid else { skipped["Observations of a patient not in the file", default: 0] += 1; return }
            let basis = has("patholog") || !codes.isDisjoint(with: Self.pathologicalCodes) ? "pathological" : "clinical"
            let value = FHIRReader.codings(r["valueCodeableConcept"])
            let valueWords = r["valueCodeableConcept"]["text"].string ?? value.first(where: { $0.system?.contains("cancerstaging") == true })?.code
                ?? value.compactMap(\.display).first ?? value.compactMap(\.code).first
            if has("stage-group") || !codes.isDisjoint(with: Self.stageCodes) {
                if let v = valueWords {
                    patients[pid]!.stage.group = ClinicalVocabulary.stageGroup(v)
                    patients[pid]!.stage.basis = basis
                    patients[pid]!.stage.assessedOn = ClinicalVocabulary.date(r["effectiveDateTime"].string)
                    if let method = FHIRReader.words(r["method"]), method.contains("AJCC") || method.contains("American Joint") {
                        patients[pid]!.stage.system = method.contains("8th") ? "AJCC 8" : "AJCC"
                    }
                }
                return
            }
            let tnm: [(String, Set<String>, Character, WritableKeyPath<Stage, String?>)] = [
                ("primary-tumor-category", Self.tCodes, "T", \.t), ("regional-nodes-category", Self.nCodes, "N", \.n),
                ("distant-metastases-category", Self.mCodes, "M", \.m)]
            for (fragment, set, letter, keyPath) in tnm where has(fragment) || !codes.isDisjoint(with: set) {
                let candidates = value.compactMap(\.code) + value.compactMap(\.display) + [valueWords].compactMap { $0 }
                if let category = candidates.lazy.compactMap({ ClinicalVocabulary.tnmCategory($0, letter: letter) }).first {
                    patients[pid]!.stage[keyPath: keyPath] = category
                    patients[pid]!.stage.basis = patients[pid]!.stage.basis ?? basis
                }
                return
            }
            if has("ecog") || codes.contains("89247-1") {
                patients[pid]!.performance.ecog = score(r)
                patients[pid]!.performance.assessedOn = ClinicalVocabulary.date(r["effectiveDateTime"].string)
                return
            }
            if has("karnofsky") || codes.contains("89243-0") {
                patients[pid]!.performance.karnofsky = score(r)
                return
            }
            if has("tumor-marker") || !codes.isDisjoint(with: Set(Self.markers.keys)) {
                let name = codes.compactMap { Self.markers[$0] }.first ?? FHIRReader.words(r["code"]).map { ClinicalVocabulary.clean($0) } ?? "marker"
                biomarker(r, pid: pid, subject: subject, kind: name == "PD-L1" ? .pdl1 : .other, name: name)
                return
            }
            skipped["Observations that are not oncology data (vital signs, labs, surveys…)", default: 0] += 1
        }

        func score(_ r: JSONNode) -> Int? {
            if let i = r["valueInteger"].int { return i }
            if let q = r["valueQuantity"]["value"].int { return q }
            let concept = r["valueCodeableConcept"]
            for c in FHIRReader.codings(concept) {
                if let code = c.code, let i = Int(code) { return i }
                if let d = c.display, let i = Int(d.prefix { $0.isNumber }) { return i }
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
            return byRef.filter { $0.value.path == r.path }.map(\.key) + (r["id"].string.map { [type + "/" + $0] } ?? [])
        }

        mutating func biomarker(_ r: JSONNode, pid: String?, subject: String?, kind: Biomarker.Kind, name: String) {
            let value = r["valueQuantity"]["value"].double
            let unit = r["valueQuantity"]["unit"].string
            let status = r["valueString"].string ?? FHIRReader.words(r["valueCodeableConcept"]).map(ClinicalVocabulary.clean)
                ?? r["interpretation"].array.first.flatMap { FHIRReader.words($0) }
            let id = "fhir:" + (id(of: r) ?? "\(name)-\(r.path)")
            let finding = Finding(id: id, kind: .biomarker, biomarker: Biomarker(kind: kind, name: name, value: value,
                                  unit: kind == .tmb ? "mut/Mb" : unit, status: status))
            add(finding, ref: nil, pid: pid, subject: subject)
        }

        mutating func variant(_ r: JSONNode, pid: String?, subject: String?) {
            var gene: String?, hgvsC: String?, hgvsP: String?, hgvsG: String?, vaf: Double?, origin = VariantOrigin.somatic
            var classification: Classification?, transcript: String?, clinvar: String?
            for comp in r["component"].array {
                let code = FHIRReader.codings(comp["code"]).compactMap(\.code).first ?? ""
                let concept = comp["valueCodeableConcept"]
                let first = FHIRReader.codings(concept).first
                let text = first?.display ?? first?.code ?? concept["text"].string ?? comp["valueString"].string
                switch code {
                case "48018-6": gene = first?.display ?? (first?.code.flatMap { $0.hasPrefix("HGNC:") ? nil : $0 }) ?? concept["text"].string
                    if gene == nil, let hgnc = first?.code { gene = hgnc }
                case "48004-6": hgvsC = text
                case "48005-3": hgvsP = text
                case "81290-9": hgvsG = text
                case "81252-9": clinvar = first?.code
                case "51958-7": transcript = text
                case "81258-6", "81259-4": vaf = comp["valueQuantity"]["value"].double.map { $0 > 1 ? $0 / 100 : $0 }
                case "48002-0":
                    let t = (text ?? "").lowercased()
                    origin = t.contains("germline") ? .germline : t.contains("somatic") ? .somatic : .unknown
                case "53037-8":
                    let t = (text ?? "").lowercased()
                    classification = t.contains("likely pathogenic") ? .likelyPathogenic : t.contains("pathogenic") ? .pathogenic
                        : t.contains("uncertain") ? .vus : t.contains("likely benign") ? .likelyBenign : t.contains("benign") ? .benign : nil
                default: break
                }
            }
            if let c = hgvsC, let colon = c.firstIndex(of: ":") {
                if transcript == nil { transcript = String(c[..<colon]) }
                hgvsC = String(c[c.index(after: colon)...])
            }
            if let p = hgvsP, let colon = p.firstIndex(of: ":") { hgvsP = String(p[p.index(after: colon)...]) }
            let change = hgvsC ?? hgvsG ?? ""
            let kind: FindingKind = ["del", "ins", "dup"].contains { change.contains($0) } ? .indel : .snv
            let rid = id(of: r) ?? r.path
            let finding = Finding(id: "fhir:" + rid, kind: kind, gene: gene, transcript: transcript, hgvsC: hgvsC ?? hgvsG, hgvsP: hgvsP,
                                  consequence: clinvar.map { "ClinVar \($0)" }, vaf: vaf, origin: origin, classification: classification)
            add(finding, ref: refs(of: r).first, pid: pid, subject: subject)
            for ref in refs(of: r).dropFirst() { if let k = findingKeyByRef[refs(of: r).first!] { findingKeyByRef[ref] = k } }
        }

        mutating func therapeuticImplication(_ r: JSONNode) {
            var therapy: String?, level: String?, significance: String?, disease: String?
            for comp in r["component"].array {
                let code = FHIRReader.codings(comp["code"]).compactMap(\.code).first ?? ""
                let text = FHIRReader.words(comp["valueCodeableConcept"]) ?? comp["valueString"].string
                switch code {
                case "51963-7": therapy = text
                case "93044-6": level = text
                case "51961-1": significance = text
                case "associated-cancer", "81259-4": disease = text
                default: break
                }
            }
            // The level must be on a scale the board knows; "AMP Guidelines" alone names a scale, not a level.
            let parsed = level.flatMap(Self.evidenceLevel)
            guard let targets = Optional(r["derivedFrom"].array.compactMap { $0["reference"].string }), !targets.isEmpty else {
                skipped["therapeutic implications without a derivedFrom variant", default: 0] += 1; return
            }
            let entry = EvidenceEntry(source: "report", level: parsed ?? EvidenceLevel(scale: .amp, code: "III"),
                                      type: "Predictive", significance: significance, therapy: therapy, disease: disease,
                                      oncotreeCode: disease.flatMap { ClinicalVocabulary.oncotree(codes: [], text: $0) },
                                      reference: level.map { "level as reported: \($0)" })
            if parsed == nil { notes.append("\(file): a therapeutic implication's level \"\(level ?? "none")\" is not on a known scale; recorded as AMP III (unknown significance)") }
            for target in targets {
                let key = resolve(target).flatMap { refs(of: $0).first } ?? target
                evidence.append((key, entry))
            }
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
            guard let pid = owner(r).patient else { skipped["medications of a patient not in the file", default: 0] += 1; return }
            let drug = FHIRReader.words(r["medicationCodeableConcept"]) ?? resolve(r["medicationReference"]["reference"].string).flatMap { FHIRReader.words($0["code"]) }
            let start = ClinicalVocabulary.date(r["effectivePeriod"]["start"].string ?? r["effectiveDateTime"].string ?? r["authoredOn"].string)
            let end = ClinicalVocabulary.date(r["effectivePeriod"]["end"].string)
            patients[pid]!.therapies.append((start, end, drug.map(Self.drugName), nil, nil))
        }

        /// "Paclitaxel 100 MG Injection" → "Paclitaxel": the board speaks of agents, not products.
        static func drugName(_ text: String) -> String {
            let words = text.split(separator: " ")
            if let cut = words.firstIndex(where: { $0.first?.isNumber == true }), cut > 0 { return words[..<cut].joined(separator: " ") }
            return text
        }

        mutating func procedure(_ r: JSONNode) {
            let profiles = FHIRReader.profiles(r)
            let cancerRelated = profiles.contains { $0.contains("cancer-related") || $0.contains("radiotherapy") }
                || r["reasonReference"].array.contains { ref in
                    resolve(ref["reference"].string).map { ClinicalVocabulary.isCancer(FHIRReader.words($0["code"]) ?? "") } ?? false
                }
            guard cancerRelated, let pid = owner(r).patient else { skipped["Procedures not related to the cancer", default: 0] += 1; return }
            let text = FHIRReader.words(r["code"]).map(ClinicalVocabulary.clean)
            let setting = profiles.contains { $0.contains("radiation") || $0.contains("radiotherapy") } ? "radiotherapy" : "surgery"
            let start = ClinicalVocabulary.date(r["performedPeriod"]["start"].string ?? r["performedDateTime"].string)
            let end = ClinicalVocabulary.date(r["performedPeriod"]["end"].string)
            patients[pid]!.therapies.append((start, end, nil, text, setting))
        }

        mutating func report(_ r: JSONNode) {
            guard let pid = owner(r).patient else { skipped["DiagnosticReports of a patient not in the file", default: 0] += 1; return }
            let specimen = r["specimen"].array.first.flatMap { resolve($0["reference"].string) }
            let lab = r["performer"].array.first.flatMap { p in p["display"].string ?? resolve(p["reference"].string).flatMap { $0["name"].string } }
            let spec = specimen.map { s in
                Specimen(id: id(of: s), type: FHIRReader.words(s["type"]), site: FHIRReader.words(s["collection"]["bodySite"]),
                         collectedOn: ClinicalVocabulary.date(s["collection"]["collectedDateTime"].string))
            }
            let rid = id(of: r) ?? "report-\(patients[pid]!.reports.count + 1)"
            patients[pid]!.reports.append(MolecularReport(id: "fhir:" + rid, lab: lab, assay: FHIRReader.words(r["code"]),
                                                          reportedOn: ClinicalVocabulary.date(r["issued"].string ?? r["effectiveDateTime"].string), specimen: spec))
        }

        func payload() -> ImportPayload {
            var payload = ImportPayload()
            for pid in patientOrder {
                let d = patients[pid]!
                // Medication statements of the same agent form one line: first start to last end.
                var lines: [TherapyLine] = []
                var byDrug: [String: Int] = [:]
                for t in d.therapies.sorted(by: { ($0.start?.description ?? "") < ($1.start?.description ?? "") }) {
                    if let drug = t.drug, let i = byDrug[drug] {
                        lines[i].end = max(lines[i].end ?? t.start ?? lines[i].start!, t.end ?? t.start ?? lines[i].start!)
                        continue
                    }
                    lines.append(TherapyLine(line: lines.count + 1, setting: t.setting, regimen: t.regimen, drugs: t.drug.map { [$0] } ?? [],
                                             start: t.start, end: t.end))
                    if let drug = t.drug { byDrug[drug] = lines.count - 1 }
                }
                var findings = d.findings
                if let report = d.reports.first { for i in findings.indices where findings[i].reportId == nil { findings[i].reportId = report.id } }
                let stage = d.stage == Stage() ? nil : d.stage
                let perf = d.performance == PerformanceStatus() ? nil : d.performance
                let record = Case(id: patientOrder.count == 1 ? (caseId ?? pid) : pid, patient: d.patient,
                                  diagnosis: d.diagnosis ?? Diagnosis(text: "(no cancer diagnosis in the file)"),
                                  stage: stage, performance: perf, treatmentHistory: lines,
                                  comorbidities: d.comorbidities + d.extraPrimaries.map { "second primary: \($0)" },
                                  reports: d.reports, findings: findings, provenance: d.provenance)
                payload.bundle.cases.append(record)
            }
            let name = URL(fileURLWithPath: file).lastPathComponent
            for (subject, findings) in orphans.sorted(by: { $0.key < $1.key }) {
                let report = MolecularReport(id: "fhir:\(name):\(subject)", assay: "FHIR genomics report", specimen: Specimen(id: subject))
                payload.findingSets.append(FindingBatch(caseId: caseId, sample: subject, report: report, findings: findings))
            }
            if patientOrder.isEmpty && orphans.isEmpty {
                payload.skipped.append("\(name): no Patient and no findings; nothing the board uses")
            }
            for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) { payload.skipped.append("\(name): \(count) \(reason)") }
            payload.notes = notes
            return payload
        }
    }
}
