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
        let name = URL(fileURLWithPath: file).lastPathComponent
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
        var account = ImportAccount(file: file, format: "phenopacket")
        account.read()
        let id = try root["id"].requireString(file, expected: "phenopacket id")
        let subject = root["subject"]
        let subjectId = try subject["id"].requireString(file, expected: "subject id")
        var notes: [String] = []
        let patient = readSubject(subject, file: file, account: &account)

        // The cancer: the first disease (not excluded) that is a neoplasm; other diseases are comorbidities.
        var stage = Stage()
        var diagnosis = Diagnosis(text: "(no cancer diagnosis in the phenopacket)")
        var comorbidities: [String] = []
        var foundCancer = false
        for disease in root["diseases"].array {
            let label = disease["term"]["label"].string ?? disease["term"]["id"].string ?? "disease"
            let termId = disease["term"]["id"].string
            if disease["excluded"].bool == true {
                comorbidities.append("excluded: \(label)")
                continue
            }
            let mapping = OncoTreeCrosswalk.map(
                codings: termId.map { [OncoTreeCrosswalk.Coding(system: nil, code: $0)] } ?? [], text: label)
            let cancer =
                mapping != nil || ClinicalVocabulary.isCancer(label) || disease["diseaseStage"].exists
                || disease["clinicalTnmFinding"].exists
            guard cancer, !foundCancer else {
                if foundCancer && cancer {
                    comorbidities.append("second primary: \(label)")
                } else {
                    comorbidities.append(label)
                }
                continue
            }
            foundCancer = true
            diagnosis = Diagnosis(
                oncotreeCode: mapping?.oncotree, text: label, primarySite: disease["primarySite"]["label"].string,
                diagnosedOn: ClinicalVocabulary.date(disease["onset"]["timestamp"].string), sourceCode: termId)
            if let s = disease["diseaseStage"].array.first {
                (stage.group, stage.system) = group(s, oncotree: mapping?.oncotree)
            }
            // The basis is what the categories' prefixes say ("pT2b" is pathological even under clinicalTnmFinding);
            // unprefixed categories under clinicalTnmFinding are clinical.
            let written = apply(disease["clinicalTnmFinding"], to: &stage)
            if stage.t != nil || stage.n != nil || stage.m != nil { stage.basis = written ?? "clinical" }
            if mapping == nil {
                notes.append(
                    "\(name): diagnosis \"\(label)\"\(termId.map { " (\($0))" } ?? "") has no OncoTree mapping; kept as text"
                )
            }
        }
        // A tumour named only as a phenotypic feature (a predisposition syndrome's "Rhabdoid tumor of the kidney").
        var tumourFeature: String?
        for feature in root["phenotypicFeatures"].array where feature["excluded"].bool != true {
            guard let fid = feature["type"]["id"].string,
                let mapped = OncoTreeCrosswalk.map(
                    codings: [OncoTreeCrosswalk.Coding(system: nil, code: fid)], text: nil)
            else { continue }
            if diagnosis.oncotreeCode == nil {
                diagnosis.oncotreeCode = mapped.oncotree
                tumourFeature = feature["type"]["label"].string
                if !foundCancer {
                    diagnosis.text = tumourFeature ?? diagnosis.text
                } else if let t = tumourFeature {
                    diagnosis.histology = t
                }
                foundCancer = true
            }
        }
        // Biosamples: specimens; primary tumour histology and grade describe the diagnosis; metastatic samples are sites.
        var reports: [MolecularReport] = []
        var metastases: [MetastaticSite] = []
        var surgeries: [String] = []
        let samples = root["biosamples"].array
        func progression(_ s: JSONNode) -> String { (s["tumorProgression"]["label"].string ?? "").lowercased() }
        let primary =
            samples.first { progression($0).contains("primary") && !progression($0).contains("second") }
            ?? samples.first {
                $0["tumorProgression"].exists && !progression($0).contains("metasta")
                    && !progression($0).contains("second")
            }
        for sample in samples {
            let stateLabel = sample["tumorProgression"]["label"].string
            let histology = sample["histologicalDiagnosis"]["label"].string
            let sid = sample["id"].string ?? "biosample-\(reports.count + 1)"
            let negative = (histology ?? "").lowercased().contains("negative")
            let markers = sample["diagnosticMarkers"].array.compactMap { $0["label"].string }
            if negative && stateLabel == nil {
                account.skip("biosamples with a negative histology (margins, uninvolved tissue): no tumour")
                use.accounted(sample)
                continue
            }
            let grade = sample["tumorGrade"]["label"].string
            let site = sample["sampledTissue"]["label"].string
            let p = progression(sample)
            if let primary, sample.path == primary.path {
                if diagnosis.histology == nil, let histology {
                    diagnosis.histology = histology + (grade.map { ", \($0)" } ?? "")
                }
                if diagnosis.primarySite == nil { diagnosis.primarySite = site }
            } else if p.contains("metasta"), !negative {
                metastases.append(MetastaticSite(site: site, code: sample["sampledTissue"]["id"].string))
            } else if p.contains("second") {
                comorbidities.append(
                    "second primary: "
                        + ([histology, grade].compactMap { $0 }.joined(separator: ", ").nilIfEmpty ?? site ?? "tumour"))
            }
            if sample["pathologicalTnmFinding"].array.count > 0 {
                var pathological = Stage()
                _ = apply(sample["pathologicalTnmFinding"], to: &pathological)
                // pT and pN of the resected tumour with the clinical cM0/M1 make the pathological stage (AJCC pTNM).
                if (pathological.t != nil || pathological.n != nil) && stage.basis != "pathological" {
                    stage.t = pathological.t ?? stage.t
                    stage.n = pathological.n ?? stage.n
                    stage.m = pathological.m ?? stage.m
                    stage.basis = "pathological"
                }
            }
            // The procedure that took a tumour sample (a resection, not a biopsy) is surgery the patient had.
            if let procedure = sample["procedure"]["code"]["label"].string, !procedure.lowercased().contains("biopsy"),
                !surgeries.contains(procedure)
            {
                surgeries.append(procedure)
            }
            let type = ([stateLabel, histology].compactMap { $0 } + markers.map { "marker \($0)" }).joined(
                separator: ": ")
            reports.append(
                MolecularReport(
                    id: "phenopacket:\(id):\(sid)",
                    specimen: Specimen(
                        id: sid, type: type.isEmpty ? nil : type, site: site,
                        collectedOn: ClinicalVocabulary.date(sample["timeOfCollection"]["timestamp"].string))))
        }
        if diagnosis.laterality == nil, let site = diagnosis.primarySite?.lowercased() {
            diagnosis.laterality = site.hasPrefix("left") ? .left : site.hasPrefix("right") ? .right : nil
        }
        // Findings from genomic interpretations.
        var findings: [Finding] = []
        var genes = GeneNaming()
        for (i, interpretation) in root["interpretations"].array.enumerated() {
            for (j, gi) in interpretation["diagnosis"]["genomicInterpretations"].array.enumerated() {
                if var f = finding(gi, fallbackId: "\(i).\(j)", subjectId: subjectId) {
                    f.gene = genes.symbol(f.gene)
                    // The file's own variants: another phenopacket of the same subject never replaces them.
                    f.reportId = f.reportId ?? "phenopacket:\(name)"
                    findings.append(f)
                } else {
                    account.skip("genomic interpretations without a variant descriptor")
                    use.accounted(gi)
                }
            }
        }
        // Medical actions: only what treats the cancer becomes a therapy line.
        var lines: [TherapyLine] = []
        let cancerTargets: (JSONNode) -> Bool = { action in
            guard let target = action["treatmentTarget"]["label"].string ?? action["treatmentTarget"]["id"].string
            else { return foundCancer }
            return ClinicalVocabulary.isCancer(target)
                || OncoTreeCrosswalk.map(
                    codings: [
                        OncoTreeCrosswalk.Coding(system: nil, code: action["treatmentTarget"]["id"].string ?? "")
                    ], text: target) != nil
        }
        for action in root["medicalActions"].array {
            let stop = action["treatmentTerminationReason"]["label"].string
            if action["treatment"].exists {
                let t = action["treatment"]
                let agent = t["agent"]["label"].string ?? t["agent"]["id"].string ?? "agent"
                guard
                    Antineoplastics.ingredient(in: agent) != nil
                        || (cancerTargets(action) && action["treatmentTarget"].exists)
                else {
                    account.skip("treatments that are not antineoplastic (ATC L01/L02) and do not target a cancer")
                    use.accounted(action)
                    continue
                }
                let interval = t["doseIntervals"].array.first?["interval"]
                lines.append(
                    TherapyLine(
                        line: nil, drugs: [Antineoplastics.ingredient(in: agent) ?? agent],
                        start: ClinicalVocabulary.date(interval?["start"].string),
                        end: ClinicalVocabulary.date(interval?["end"].string),
                        stopReason: stop))
            } else if action["therapeuticRegimen"].exists {
                let r = action["therapeuticRegimen"]
                let label = r["ontologyClass"]["label"].string ?? r["externalReference"]["description"].string
                let drugs = Antineoplastics.ingredients(in: label ?? "")
                guard !drugs.isEmpty || cancerTargets(action) else {
                    account.skip("regimens that do not treat a cancer")
                    use.accounted(action)
                    continue
                }
                lines.append(
                    TherapyLine(
                        line: nil, regimen: label,
                        drugs: drugs.isEmpty ? (label ?? "").split(separator: "/").map(String.init) : drugs,
                        start: ClinicalVocabulary.date(r["startTime"]["timestamp"].string),
                        end: ClinicalVocabulary.date(r["endTime"]["timestamp"].string), stopReason: stop))
            } else if action["procedure"].exists {
                let p = action["procedure"]
                let words = (p["code"]["label"].string ?? "").lowercased()
                guard foundCancer, cancerTargets(action), !words.contains("biopsy") else {
                    account.skip("procedures that do not treat a cancer")
                    use.accounted(action)
                    continue
                }
                lines.append(
                    TherapyLine(
                        line: nil, setting: "surgery", regimen: p["code"]["label"].string,
                        start: ClinicalVocabulary.date(p["performed"]["timestamp"].string), stopReason: stop))
            } else if action["radiationTherapy"].exists {
                guard cancerTargets(action) else {
                    account.skip("radiation that does not treat a cancer")
                    use.accounted(action)
                    continue
                }
                lines.append(
                    TherapyLine(
                        line: nil, setting: "radiotherapy",
                        regimen: action["radiationTherapy"]["modality"]["label"].string))
            } else {
                account.skip("medical actions of a kind the board does not read")
                use.accounted(action)
            }
        }
        for surgery in surgeries where foundCancer && !lines.contains(where: { $0.regimen == surgery }) {
            lines.append(TherapyLine(line: nil, setting: "surgery", regimen: surgery))
        }
        if !foundCancer {
            notes.append(
                "\(name): no cancer in the phenopacket (\(root["diseases"].array.count) disease(s), none a neoplasm); no diagnosis or therapy lines made"
            )
        }
        // The case is the subject's: the document id is often a placeholder ("arbitrary.id") shared by unrelated files.
        let record = Case(
            id: caseId ?? subjectId, patient: patient, diagnosis: diagnosis, stage: stage == Stage() ? nil : stage,
            treatmentHistory: lines, comorbidities: comorbidities, reports: reports, findings: findings,
            provenance: Provenance(file: file, recordId: id, format: "phenopacket"), metastaticSites: metastases)
        use.accounted(root["metaData"])
        var payload = ImportPayload(bundle: BoardBundle(cases: [record]))
        if version == nil { notes.append("\(name): no metaData.phenopacketSchemaVersion; read as 2.0") }
        payload.notes = notes
        use.fill(&account, root: root)
        genes.record(into: &account)
        payload.accounts = [account]
        return payload
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
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
