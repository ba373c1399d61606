import BoardModel
import Foundation

/// Reads a GA4GH Phenopacket v2 (schema 2.0.x, JSON; https://phenopacket-schema.readthedocs.io) into one case:
/// the subject (sex, date of birth or the age at last encounter as an ISO 8601 duration, vital status with cause
/// and time of death), the cancer disease with stage and TNM, biosamples (histology, tumour progression — primary,
/// metastatic, second primary — grade, diagnostic markers) as specimens and metastatic sites, genomic
/// interpretations (HGVS expressions, VCF record, VRS alleles and copy numbers) as findings, and medical actions
/// that treat the cancer (antineoplastic agents, regimens, procedures) as therapy lines.
/// A v1 phenopacket (genes/variants/htsFiles, schema 1.0) is refused with what to do instead. A record of a
/// disease that is not cancer gives no cancer diagnosis and no cancer therapy. Every field not taken is listed in
/// the file's account.
public enum PhenopacketReader {
    static func recognises(_ root: JSONNode) -> Bool {
        root["metaData"]["phenopacketSchemaVersion"].exists
            || (root["subject"].exists && root["metaData"].exists && root["id"].exists)
    }

    public static func read(data: Data, file: String, caseId: String? = nil) throws -> ImportPayload {
        try read(root: JSONNode.parse(data, file: file), file: file, caseId: caseId)
    }

    static func read(root untracked: JSONNode, file: String, caseId: String?) throws -> ImportPayload {
        let use = JSONUse()
        let root = untracked.tracked(by: use)
        let version = try schemaVersion(root, file: file)
        var draft = Draft(file: file, use: use)
        draft.account.read()
        let id = try root["id"].requireString(file, expected: "phenopacket id")
        let subject = root["subject"]
        let subjectId = try subject["id"].requireString(file, expected: "subject id")
        let patient = readSubject(subject, file: file, account: &draft.account)
        draft.readDiseases(root["diseases"])
        draft.readTumourFeatures(root["phenotypicFeatures"])
        draft.noteMapping()
        draft.readBiosamples(root["biosamples"], id: id)
        draft.readInterpretations(root["interpretations"], subjectId: subjectId)
        draft.readMedicalActions(root["medicalActions"])
        if !draft.foundCancer {
            draft.notes.append(
                "\(draft.name): no cancer in the phenopacket (\(root["diseases"].array.count) disease(s), none a neoplasm); no diagnosis or therapy lines made"
            )
        }
        // The case is the subject's: the document id is often a placeholder ("arbitrary.id") shared by unrelated files.
        let record = Case(
            id: caseId ?? subjectId, patient: patient, diagnosis: draft.diagnosis,
            stage: draft.stage == Stage() ? nil : draft.stage, treatmentHistory: draft.lines,
            comorbidities: draft.comorbidities, reports: draft.reports, findings: draft.findings,
            provenance: Provenance(file: file, recordId: id, format: "phenopacket"), metastaticSites: draft.metastases,
            phenotypes: PhenopacketObservations.phenotypes(root["phenotypicFeatures"]),
            measurements: PhenopacketObservations.measurements(root["measurements"])
                + root["biosamples"].array.flatMap {
                    PhenopacketObservations.measurements(
                        $0["measurements"], of: $0["id"].string.map { "biosample \($0)" })
                })
        use.accounted(root["metaData"])
        var payload = ImportPayload(bundle: BoardBundle(cases: [record]))
        if version == nil { draft.notes.append("\(draft.name): no metaData.phenopacketSchemaVersion; read as 2.0") }
        payload.notes = draft.notes
        use.fill(&draft.account, root: root)
        draft.genes.record(into: &draft.account)
        payload.accounts = [draft.account]
        return payload
    }

    /// A Phenopackets v2 RegimenStatus in the board's words: COMPLETED completed, STARTED ongoing,
    /// DISCONTINUED_EARLY stopped, NOT_STARTED not started; UNKNOWN_STATUS or absent is not stated (nil).
    static func regimenStatus(_ code: String?) -> String? {
        switch code {
        case "COMPLETED": "completed"
        case "STARTED": "ongoing"
        case "DISCONTINUED_EARLY": "stopped"
        case "NOT_STARTED": "not started"
        default: nil
        }
    }

    /// The schema version the file states (nil when it states none); v1 files are refused with what to do instead.
    static func schemaVersion(_ root: JSONNode, file: String) throws -> String? {
        let version = root["metaData"]["phenopacketSchemaVersion"].string
        let v1Layout = ["genes", "variants", "htsFiles"].contains { root[$0].exists }
        if let version, !version.hasPrefix("2") || v1Layout {
            throw ImportError(
                file: file, location: "$.metaData.phenopacketSchemaVersion",
                message:
                    "Phenopacket schema \(version) is not supported; expected 2.0.x (convert v1 files with phenopacket-tools: `phenopacket-tools convert`)"
            )
        }
        if version == nil, v1Layout {
            throw ImportError(
                file: file, location: "$",
                message:
                    "a Phenopacket v1 layout (genes, variants, htsFiles); expected schema 2.0.x (convert with phenopacket-tools)"
            )
        }
        return version
    }

    /// Sex, date of birth (a real date) or the age at the last encounter, and vital status with time and cause of death.
    static func readSubject(_ subject: JSONNode, file: String, account: inout ImportAccount) -> Patient {
        let subjectId = subject["id"].string ?? "subject"
        let sex: Sex =
            switch subject["sex"].string {
            case "FEMALE": .female
            case "MALE": .male
            case "OTHER_SEX": .other
            default: .unknown
            }
        var birth: LocalDate?
        if let raw = subject["dateOfBirth"].string {
            if ClinicalVocabulary.isRealDate(raw), let d = ClinicalVocabulary.date(raw) {
                birth = d
            } else {
                account.invalid(
                    "subject.dateOfBirth", found: "(not shown)", at: subject.path + ".dateOfBirth",
                    expected: "a real date (RFC 3339)")
            }
        }
        var age = subject["timeAtLastEncounter"]["age"]["iso8601duration"].string
        if let a = age, !ClinicalVocabulary.isISODuration(a) {
            account.invalid(
                "subject.timeAtLastEncounter", found: a, at: subject.path + ".timeAtLastEncounter.age.iso8601duration",
                expected: "an ISO 8601 duration such as P6M or P70Y")
            age = nil
        }
        let vital = subject["vitalStatus"]
        var status: VitalStatus = .unknown
        switch vital["status"].string {
        case "ALIVE": status = .alive
        case "DECEASED": status = .deceased
        default: break
        }
        var deceasedOn: LocalDate?
        if let raw = vital["timeOfDeath"]["timestamp"].string {
            if ClinicalVocabulary.isRealDate(raw), let d = ClinicalVocabulary.date(raw), birth.map({ d >= $0 }) ?? true
            {
                deceasedOn = d
            } else {
                account.invalid(
                    "subject.vitalStatus.timeOfDeath", found: "(not shown)", at: vital.path + ".timeOfDeath.timestamp",
                    expected: "a real date on or after the birth date")
            }
        }
        let cause = vital["causeOfDeath"]["label"].string.map { label in
            vital["causeOfDeath"]["id"].string.map { "\(label) (\($0))" } ?? label
        }
        var patient = Patient(
            id: subjectId, name: PersonName(), birthDate: birth, sex: sex, vitalStatus: status, deceasedOn: deceasedOn,
            causeOfDeath: cause, recordedAge: birth == nil ? age : nil)
        // An age at death without a date stays an age: the board keeps it with the cause.
        if deceasedOn == nil, let ageAtDeath = vital["timeOfDeath"]["age"]["iso8601duration"].string {
            patient.causeOfDeath = [cause, "at age \(ageAtDeath)"].compactMap { $0 }.joined(separator: ", ")
        }
        return patient
    }

    /// "Retinoblastoma pT3 TNM Finding v8", "pN2 Stage Finding", "M1 Stage Finding" → T/N/M on the stage; returns
    /// the basis the T and N prefixes state ("p" pathological, "c" clinical), nil when unprefixed or mixed.
    /// Each category keeps the prefix it was written with (`Stage.prefixes`: "pT3 pN0 cM0", "pT2b pN2 M1").
    @discardableResult
    static func apply(_ findings: JSONNode, to stage: inout Stage) -> String? {
        var prefixes: Set<String> = []
        for f in findings.array {
            guard let label = f["label"].string else { continue }
            for letter: Character in ["T", "N", "M"] {
                guard let part = ClinicalVocabulary.tnmParts(label, letter: letter) else { continue }
                switch letter {
                case "T": stage.t = part.category
                case "N": stage.n = part.category
                default: stage.m = part.category
                }
                stage.prefixes = (stage.prefixes ?? [:]).merging([String(letter): part.prefix]) { $1 }
                if letter != "M" { prefixes.insert(part.prefix) }
                break
            }
        }
        let bases = Set(prefixes.map { $0.contains("p") ? "pathological" : $0.contains("c") ? "clinical" : "" })
        return bases.count == 1 && bases.first != "" ? bases.first : nil
    }

    /// A disease stage term → (group, system). AJCC-style groups ("Stage IV") keep no system (the file names none);
    /// "Group A"–"Group E" of a retinoblastoma is the International Intraocular Retinoblastoma Classification, not an
    /// AJCC stage; any other group is kept under its term's code as the system.
    static func group(_ term: JSONNode, oncotree: String?) -> (String?, String?) {
        guard let label = term["label"].string else { return (nil, nil) }
        let code = term["id"].string
        if label.range(of: #"^Group [A-E]$"#, options: .regularExpression) != nil, oncotree == "RBL" {
            return (label, "International Intraocular Retinoblastoma Classification" + (code.map { " (\($0))" } ?? ""))
        }
        let group = ClinicalVocabulary.stageGroup(label)
        let ajcc = group.range(of: #"^(0|0is|[IV]{1,3}|IV)[A-C]?[0-9]?$"#, options: .regularExpression) != nil
        return (group, ajcc ? nil : code.map { "as coded: \($0)" })
    }

    /// VRS copy-change classes (EFO) → the board's copy-number calls.
    static let copyChange: [String: CopyNumberCall] = [
        "EFO:0030069": .homozygousDeletion, "EFO:0020073": .heterozygousDeletion, "EFO:0030068": .heterozygousDeletion,
        "EFO:0030067": .heterozygousDeletion, "EFO:0030070": .gain, "EFO:0030071": .gain, "EFO:0030072": .amplification,
    ]

    /// A biosample's diagnostic marker as a biomarker: the status word a label ends with ("Human Papillomavirus-16
    /// Positive", "Estrogen Receptor Negative") becomes the status, the rest the name; a label without one is kept
    /// whole as the name, its status unknown.
    static func marker(_ label: String) -> Biomarker {
        let words = label.trimmingCharacters(in: .whitespaces).split(separator: " ")
        if let last = words.last?.lowercased(), ["positive", "negative", "equivocal", "indeterminate"].contains(last),
            words.count > 1
        {
            return Biomarker(kind: .other, name: words.dropLast().joined(separator: " "), status: last)
        }
        return Biomarker(kind: .other, name: label)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }

}
