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
            provenance: Provenance(file: file, recordId: id, format: "phenopacket"), metastaticSites: draft.metastases)
        use.accounted(root["metaData"])
        var payload = ImportPayload(bundle: BoardBundle(cases: [record]))
        if version == nil { draft.notes.append("\(draft.name): no metaData.phenopacketSchemaVersion; read as 2.0") }
        payload.notes = draft.notes
        use.fill(&draft.account, root: root)
        draft.genes.record(into: &draft.account)
        payload.accounts = [draft.account]
        return payload
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
    @discardableResult
    static func apply(_ findings: JSONNode, to stage: inout Stage) -> String? {
        var prefixes: Set<String> = []
        for f in findings.array {
            guard let label = f["label"].string else { continue }
            if let t = ClinicalVocabulary.tnmParts(label, letter: "T") {
                stage.t = t.category
                prefixes.insert(t.prefix)
            } else if let n = ClinicalVocabulary.tnmParts(label, letter: "N") {
                stage.n = n.category
                prefixes.insert(n.prefix)
            } else if let m = ClinicalVocabulary.tnmParts(label, letter: "M") {
                stage.m = m.category
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

    static func finding(_ gi: JSONNode, fallbackId: String, subjectId: String) -> Finding? {
        let vi = gi["variantInterpretation"]
        let vd = vi["variationDescriptor"]
        guard vd.exists else { return nil }
        var hgvsC: String?
        var hgvsP: String?
        var hgvsG: String?
        var transcript: String?
        for e in vd["expressions"].array {
            guard let value = e["value"].string else { continue }
            switch e["syntax"].string {
            case "hgvs.c": hgvsC = value
            case "hgvs.p": hgvsP = value
            case "hgvs.g", "hgvs": hgvsG = value
            case "transcript_reference": transcript = value
            default: break
            }
        }
        if let c = hgvsC, let colon = c.firstIndex(of: ":") {
            transcript = transcript ?? String(c[..<colon])
            hgvsC = String(c[c.index(after: colon)...])
        }
        if let p = hgvsP, let colon = p.firstIndex(of: ":") { hgvsP = String(p[p.index(after: colon)...]) }
        // "RB1 c.958C>T (p.Arg320Ter)": the protein change is often only in the label.
        if hgvsP == nil, let label = vd["label"].string, let open = label.range(of: "(p."),
            let close = label[open.upperBound...].firstIndex(of: ")")
        {
            hgvsP = "p." + label[open.upperBound..<close]
        }
        let vcf = vd["vcfRecord"]
        let allele = vd["variation"]["allele"]
        var key: String
        if let chrom = vcf["chrom"].string, let pos = vcf["pos"].string, let ref = vcf["ref"].string,
            let alt = vcf["alt"].string
        {
            key = "\(chrom):\(pos):\(ref):\(alt)"
        } else if allele.exists,
            let seq = allele["location"]["sequenceId"].string ?? allele["location"]["sequence_id"].string,
            let start = allele["location"]["interval"]["start"]["value"].int
                ?? allele["location"]["sequenceInterval"]["startNumber"]["value"].int,
            let alt = allele["state"]["sequence"].string ?? allele["literalSequenceExpression"]["sequence"].string
        {
            // VRS intervals are 0-based interbase: the first changed base is start + 1.
            key = "\(seq):\(start + 1):\(alt)"
            if hgvsG == nil, hgvsC == nil, let end = allele["location"]["interval"]["end"]["value"].int,
                end == start + 1
            {
                hgvsG = "\(seq):g.\(start + 1)>\(alt)"
            }
        } else {
            key = vd["id"].string ?? fallbackId
        }
        var extensionValue: [String: String] = [:]
        for ext in vd["extensions"].array {
            if let n = ext["name"].string, let v = ext["value"].string { extensionValue[n] = v }
        }
        func percent(_ s: String?) -> Double? {
            guard let s, let v = Double(s.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces))
            else { return nil }
            let fraction = s.contains("%") || v > 1 ? v / 100 : v
            return (0...1).contains(fraction) ? fraction : nil
        }
        let classification: Classification? =
            switch vi["acmgPathogenicityClassification"].string {
            case "PATHOGENIC": .pathogenic
            case "LIKELY_PATHOGENIC": .likelyPathogenic
            case "UNCERTAIN_SIGNIFICANCE": .vus
            case "LIKELY_BENIGN": .likelyBenign
            case "BENIGN": .benign
            default: nil
            }
        let gene =
            vd["geneContext"]["symbol"].string.flatMap { GeneSymbols.looksLikeSymbol($0) ? $0 : nil }
            ?? vd["geneContext"]["valueId"].string.flatMap(GeneSymbols.approvedSymbol(hgncId:))
        // Called on the individual: constitutional (germline); on a biosample: the tumour's (somatic).
        let on = gi["subjectOrBiosampleId"].string
        let origin: VariantOrigin = on == nil ? .unknown : on == subjectId ? .germline : .somatic
        let copyNumber = vd["variation"]["copyNumber"]
        let copyChangeNode = vd["variation"]["copyNumberChange"]
        if copyNumber.exists || copyChangeNode.exists {
            let node = copyNumber.exists ? copyNumber : copyChangeNode
            let copies = node["number"]["value"].double ?? node["copies"]["value"].double
            let location =
                node["derivedSequenceExpression"]["location"].exists
                ? node["derivedSequenceExpression"]["location"] : node["location"]
            let seq = location["sequenceId"].string ?? location["sequence_id"].string ?? "?"
            let start =
                location["sequenceInterval"]["startNumber"]["value"].string ?? location["interval"]["start"]["value"]
                .string ?? "?"
            let end =
                location["sequenceInterval"]["endNumber"]["value"].string ?? location["interval"]["end"]["value"].string
                ?? "?"
            var call: CopyNumberCall? =
                copies.map {
                    $0 < 0.5
                        ? .homozygousDeletion
                        : $0 < 1.5 ? .heterozygousDeletion : $0 >= 5 ? .amplification : $0 > 2.5 ? .gain : nil
                } ?? nil
            if let change = node["copyChange"].string ?? node["copyChange"]["id"].string {
                call = copyChange[change.uppercased()] ?? call
            }
            return Finding(
                id: "phenopacket:" + (vd["id"].string ?? fallbackId), kind: .copyNumber, gene: gene,
                copyNumberCall: call,
                copyNumber: copies,
                breakpoints: "\(seq):\(start)-\(end)" + (extensionValue["mosaicism"].map { ", mosaic \($0)" } ?? ""),
                origin: origin, classification: classification)
        }
        let change = hgvsC ?? hgvsG ?? ""
        var kind: FindingKind = ["del", "ins", "dup"].contains { change.contains($0) } ? .indel : .snv
        if let ref = vcf["ref"].string, let alt = vcf["alt"].string, ref.count != alt.count { kind = .indel }
        return Finding(
            id: "phenopacket:" + key, kind: kind, gene: gene, transcript: transcript, hgvsC: hgvsC ?? hgvsG,
            hgvsP: hgvsP,
            vaf: percent(extensionValue["allele-frequency"] ?? extensionValue["allele_frequency"]), origin: origin,
            classification: classification)
    }

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
