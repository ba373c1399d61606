import Foundation
import BoardModel

/// Reads a GA4GH Phenopacket v2 (schema 2.0.x, JSON) into one case: subject, disease with stage and TNM,
/// biosamples (histology, tumour progression, grade) as specimens, genomic interpretations (HGVS, VCF record,
/// VRS copy number) as findings, and medical actions (treatments, regimens, procedures) as therapy lines.
/// Phenotypic features, measurements and files are counted as skipped.
public enum PhenopacketReader {
    static func recognises(_ root: JSONNode) -> Bool {
        root["metaData"]["phenopacketSchemaVersion"].exists || (root["subject"].exists && root["metaData"].exists && root["id"].exists)
    }

    public static func read(data: Data, file: String, caseId: String? = nil) throws -> ImportPayload {
        try read(root: JSONNode.parse(data, file: file), file: file, caseId: caseId)
    }

    static func read(root: JSONNode, file: String, caseId: String?) throws -> ImportPayload {
        let name = URL(fileURLWithPath: file).lastPathComponent
        let version = root["metaData"]["phenopacketSchemaVersion"].string
        if let version, !version.hasPrefix("2") {
            throw ImportError(file: file, location: "$.metaData.phenopacketSchemaVersion", message: "schema \(version) is not supported; expected 2.0.x")
        }
        let id = try root["id"].requireString(file, expected: "phenopacket id")
        let subject = root["subject"]
        let subjectId = try subject["id"].requireString(file, expected: "subject id")
        var skipped: [String] = []
        func count(_ node: JSONNode, _ what: String) {
            let n = node.array.count
            if n > 0 { skipped.append("\(name): \(n) \(what): not used by the board") }
        }
        let sex: Sex = switch subject["sex"].string { case "FEMALE": .female; case "MALE": .male; case "OTHER_SEX": .other; default: .unknown }
        let patient = Patient(id: subjectId, name: PersonName(), birthDate: ClinicalVocabulary.date(subject["dateOfBirth"].string), sex: sex)

        // The disease: the first one that is not excluded.
        let disease = root["diseases"].array.first { $0["excluded"].bool != true }
        var stage = Stage()
        var diagnosis = Diagnosis(text: "(no disease in the phenopacket)")
        if let disease {
            let label = disease["term"]["label"].string ?? disease["term"]["id"].string ?? "disease"
            let code = disease["term"]["id"].string.map { String($0.split(separator: ":").last ?? "") }
            diagnosis = Diagnosis(oncotreeCode: ClinicalVocabulary.oncotree(codes: code.map { [$0] } ?? [], text: label), text: label,
                                  primarySite: disease["primarySite"]["label"].string,
                                  diagnosedOn: ClinicalVocabulary.date(disease["onset"]["timestamp"].string))
            if let s = disease["diseaseStage"].array.first?["label"].string { stage.group = ClinicalVocabulary.stageGroup(s) }
            apply(disease["clinicalTnmFinding"], to: &stage)
            if stage.t != nil { stage.basis = "clinical" }
        }
        // Biosamples: specimens; the primary tumour's histology and grade describe the diagnosis.
        var reports: [MolecularReport] = []
        let samples = root["biosamples"].array
        func isPrimary(_ s: JSONNode) -> Bool {
            let p = (s["tumorProgression"]["label"].string ?? "").lowercased()
            return p.contains("primary") && !p.contains("second")
        }
        let primary = samples.first(where: isPrimary) ?? samples.first { $0["tumorProgression"].exists }
        for sample in samples {
            let progression = sample["tumorProgression"]["label"].string
            let histology = sample["histologicalDiagnosis"]["label"].string
            let sid = sample["id"].string ?? "biosample-\(reports.count + 1)"
            if histology == "Negative Finding" && progression == nil {
                continue // a negative margin or ureter sample: not a tumour specimen
            }
            let grade = sample["tumorGrade"]["label"].string
            if let primary, sample.path == primary.path {
                if diagnosis.histology == nil, let histology { diagnosis.histology = histology + (grade.map { ", \($0)" } ?? "") }
                if diagnosis.primarySite == nil { diagnosis.primarySite = sample["sampledTissue"]["label"].string }
            }
            if stage.t == nil && sample["pathologicalTnmFinding"].array.count > 0 {
                apply(sample["pathologicalTnmFinding"], to: &stage)
                stage.basis = "pathological"
            }
            let type = [progression, histology].compactMap { $0 }.joined(separator: ": ")
            reports.append(MolecularReport(id: "phenopacket:\(id):\(sid)", specimen: Specimen(id: sid, type: type.isEmpty ? nil : type,
                                                                                            site: sample["sampledTissue"]["label"].string,
                                                                                            collectedOn: ClinicalVocabulary.date(sample["timeOfCollection"]["timestamp"].string))))
        }
        if diagnosis.laterality == nil, let site = diagnosis.primarySite?.lowercased() {
            diagnosis.laterality = site.hasPrefix("left") ? .left : site.hasPrefix("right") ? .right : nil
        }
        // Findings from genomic interpretations.
        var findings: [Finding] = []
        for (i, interpretation) in root["interpretations"].array.enumerated() {
            for (j, gi) in interpretation["diagnosis"]["genomicInterpretations"].array.enumerated() {
                if let f = finding(gi, fallbackId: "\(i).\(j)", subjectId: subjectId) { findings.append(f) }
                else { skipped.append("\(name): genomic interpretation \(gi.path) has no variant descriptor") }
            }
        }
        // Medical actions: treatments, regimens, procedures.
        var lines: [TherapyLine] = []
        for action in root["medicalActions"].array {
            let stop = action["treatmentTerminationReason"]["label"].string
            if action["treatment"].exists {
                let t = action["treatment"]
                let interval = t["doseIntervals"].array.first?["interval"]
                lines.append(TherapyLine(line: lines.count + 1, drugs: [t["agent"]["label"].string ?? t["agent"]["id"].string ?? "agent"],
                                         start: ClinicalVocabulary.date(interval?["start"].string), end: ClinicalVocabulary.date(interval?["end"].string),
                                         stopReason: stop))
            } else if action["therapeuticRegimen"].exists {
                let r = action["therapeuticRegimen"]
                let label = r["ontologyClass"]["label"].string ?? r["externalReference"]["description"].string
                lines.append(TherapyLine(line: lines.count + 1, regimen: label, drugs: (label ?? "").split(separator: "/").map(String.init),
                                         start: ClinicalVocabulary.date(r["startTime"]["timestamp"].string),
                                         end: ClinicalVocabulary.date(r["endTime"]["timestamp"].string), stopReason: stop))
            } else if action["procedure"].exists {
                let p = action["procedure"]
                lines.append(TherapyLine(line: lines.count + 1, setting: "surgery", regimen: p["code"]["label"].string,
                                         start: ClinicalVocabulary.date(p["performed"]["timestamp"].string), stopReason: stop))
            } else if action["radiationTherapy"].exists {
                lines.append(TherapyLine(line: lines.count + 1, setting: "radiotherapy", regimen: action["radiationTherapy"]["modality"]["label"].string))
            } else {
                skipped.append("\(name): medical action \(action.path) of a kind the board does not read")
            }
        }
        count(root["phenotypicFeatures"], "phenotypic features")
        count(root["measurements"], "measurements")
        count(root["files"], "file references")
        let record = Case(id: caseId ?? id, patient: patient, diagnosis: diagnosis, stage: stage == Stage() ? nil : stage,
                          treatmentHistory: lines, reports: reports, findings: findings,
                          provenance: Provenance(file: file, recordId: id, format: "phenopacket"))
        var payload = ImportPayload(bundle: BoardBundle(cases: [record]), skipped: skipped)
        if version == nil { payload.notes.append("\(name): no metaData.phenopacketSchemaVersion; read as 2.0") }
        return payload
    }

    /// "Retinoblastoma pT3 TNM Finding v8", "pN2 Stage Finding", "M1 Stage Finding" → T/N/M on the stage.
    static func apply(_ findings: JSONNode, to stage: inout Stage) {
        for f in findings.array {
            guard let label = f["label"].string else { continue }
            if let t = ClinicalVocabulary.tnmCategory(label, letter: "T") { stage.t = t }
            else if let n = ClinicalVocabulary.tnmCategory(label, letter: "N") { stage.n = n }
            else if let m = ClinicalVocabulary.tnmCategory(label, letter: "M") { stage.m = m }
        }
    }

    static func finding(_ gi: JSONNode, fallbackId: String, subjectId: String) -> Finding? {
        let vi = gi["variantInterpretation"]
        let vd = vi["variationDescriptor"]
        guard vd.exists else { return nil }
        var hgvsC: String?, hgvsP: String?, hgvsG: String?, transcript: String?
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
        if hgvsP == nil, let label = vd["label"].string, let open = label.range(of: "(p."), let close = label[open.upperBound...].firstIndex(of: ")") {
            hgvsP = "p." + label[open.upperBound..<close]
        }
        let vcf = vd["vcfRecord"]
        let key: String
        if let chrom = vcf["chrom"].string, let pos = vcf["pos"].string, let ref = vcf["ref"].string, let alt = vcf["alt"].string {
            key = "\(chrom):\(pos):\(ref):\(alt)"
        } else {
            key = vd["id"].string ?? fallbackId
        }
        var extensionValue: [String: String] = [:]
        for ext in vd["extensions"].array { if let n = ext["name"].string, let v = ext["value"].string { extensionValue[n] = v } }
        func percent(_ s: String?) -> Double? { s.flatMap { Double($0.replacingOccurrences(of: "%", with: "")) }.map { $0 / 100 } }
        let classification: Classification? = switch vi["acmgPathogenicityClassification"].string {
        case "PATHOGENIC": .pathogenic; case "LIKELY_PATHOGENIC": .likelyPathogenic; case "UNCERTAIN_SIGNIFICANCE": .vus
        case "LIKELY_BENIGN": .likelyBenign; case "BENIGN": .benign; default: nil }
        let gene = vd["geneContext"]["symbol"].string
        // Called on the individual: constitutional (germline); on a biosample: the tumour's (somatic).
        let on = gi["subjectOrBiosampleId"].string
        let origin: VariantOrigin = on == nil ? .unknown : on == subjectId ? .germline : .somatic
        let copyNumber = vd["variation"]["copyNumber"]
        if copyNumber.exists {
            let copies = copyNumber["number"]["value"].double ?? copyNumber["copies"]["value"].double
            let interval = copyNumber["derivedSequenceExpression"]["location"]
            let seq = interval["sequenceId"].string ?? "?"
            let start = interval["sequenceInterval"]["startNumber"]["value"].string ?? "?"
            let end = interval["sequenceInterval"]["endNumber"]["value"].string ?? "?"
            let call: CopyNumberCall? = copies.map { $0 < 0.5 ? .homozygousDeletion : $0 < 1.5 ? .heterozygousDeletion : $0 >= 5 ? .amplification : .gain }
            return Finding(id: "phenopacket:" + (vd["id"].string ?? fallbackId), kind: .copyNumber, gene: gene, copyNumberCall: call,
                           copyNumber: copies, breakpoints: "\(seq):\(start)-\(end)" + (extensionValue["mosaicism"].map { ", mosaic \($0)" } ?? ""),
                           origin: .unknown, classification: classification)
        }
        let change = hgvsC ?? hgvsG ?? ""
        let kind: FindingKind = ["del", "ins", "dup"].contains { change.contains($0) } ? .indel : .snv
        return Finding(id: "phenopacket:" + key, kind: kind, gene: gene, transcript: transcript, hgvsC: hgvsC ?? hgvsG, hgvsP: hgvsP,
                       vaf: percent(extensionValue["allele-frequency"]), origin: origin, classification: classification)
    }
}
