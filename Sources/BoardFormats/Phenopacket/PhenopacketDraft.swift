import BoardModel
import Foundation

extension PhenopacketReader {
    /// What one phenopacket gives the case, gathered step by step (diseases, tumour features, biosamples, genomic
    /// interpretations, medical actions), with the file's account and notes.
    struct Draft {
        let file: String
        let use: JSONUse
        var account: ImportAccount
        var notes: [String] = []
        var stage = Stage()
        var diagnosis = Diagnosis(text: "(no cancer diagnosis in the phenopacket)")
        var comorbidities: [String] = []
        var foundCancer = false
        var reports: [MolecularReport] = []
        var metastases: [MetastaticSite] = []
        var surgeries: [String] = []
        var findings: [Finding] = []
        var genes = GeneNaming()
        var lines: [TherapyLine] = []
        /// The cancer diagnosis the crosswalk did not map ("\"label\" (code)"), and where a code came from instead.
        var unmapped: String?
        var codeFrom: String?

        init(file: String, use: JSONUse) {
            self.file = file
            self.use = use
            account = ImportAccount(file: file, format: "phenopacket")
        }

        var name: String { URL(fileURLWithPath: file).lastPathComponent }

        /// The cancer: the first disease (not excluded) that is a neoplasm; other diseases are comorbidities.
        mutating func readDiseases(_ diseases: JSONNode) {
            for disease in diseases.array {
                let label = disease["term"]["label"].string ?? disease["term"]["id"].string ?? "disease"
                let termId = disease["term"]["id"].string
                if disease["excluded"].bool == true {
                    comorbidities.append(ComorbidityList.excludedPrefix + label)
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
                    (stage.group, stage.system) = PhenopacketReader.group(s, oncotree: mapping?.oncotree)
                }
                // The basis is what the categories' prefixes say ("pT2b" is pathological even under clinicalTnmFinding);
                // unprefixed categories under clinicalTnmFinding are clinical.
                let written = PhenopacketReader.apply(disease["clinicalTnmFinding"], to: &stage)
                if stage.t != nil || stage.n != nil || stage.m != nil { stage.basis = written ?? "clinical" }
                if mapping == nil { unmapped = "\"\(label)\"" + (termId.map { " (\($0))" } ?? "") }
            }
        }

        /// Says how the diagnosis reached OncoTree when its own term did not: through a tumour feature, or not at all.
        mutating func noteMapping() {
            guard let unmapped else { return }
            if let code = diagnosis.oncotreeCode, let codeFrom {
                notes.append(
                    "\(name): diagnosis \(unmapped) has no OncoTree code of its own; OncoTree \(code) from \(codeFrom)")
            } else if diagnosis.oncotreeCode == nil {
                notes.append("\(name): diagnosis \(unmapped) has no OncoTree mapping; kept as text and code, unmapped")
            }
        }

        /// A tumour named only as a phenotypic feature (a predisposition syndrome's "Rhabdoid tumor of the kidney").
        mutating func readTumourFeatures(_ features: JSONNode) {
            for feature in features.array where feature["excluded"].bool != true {
                guard let fid = feature["type"]["id"].string,
                    let mapped = OncoTreeCrosswalk.map(
                        codings: [OncoTreeCrosswalk.Coding(system: nil, code: fid)], text: nil)
                else { continue }
                if diagnosis.oncotreeCode == nil {
                    diagnosis.oncotreeCode = mapped.oncotree
                    let tumourFeature = feature["type"]["label"].string
                    codeFrom = "the tumour \"\(tumourFeature ?? fid)\" (\(fid))"
                    if !foundCancer {
                        diagnosis.text = tumourFeature ?? diagnosis.text
                    } else if let t = tumourFeature {
                        diagnosis.histology = t
                    }
                    foundCancer = true
                }
            }
        }

        /// Biosamples: specimens; primary tumour histology and grade describe the diagnosis; metastatic samples are
        /// sites; the procedure that took a tumour sample is surgery the patient had.
        mutating func readBiosamples(_ biosamples: JSONNode, id: String) {
            let samples = biosamples.array
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
                            + ([histology, grade].compactMap { $0 }.joined(separator: ", ").nilIfEmpty ?? site
                                ?? "tumour"))
                }
                applyPathologicalStage(sample["pathologicalTnmFinding"])
                // The procedure that took a tumour sample is surgery the patient had: a resection, or a biopsy (a
                // surgical procedure in mCODE's CancerRelatedSurgicalProcedure value set, SNOMED CT 387713003).
                if let procedure = sample["procedure"]["code"]["label"].string, !surgeries.contains(procedure) {
                    surgeries.append(procedure)
                }
                let type = ([stateLabel, histology].compactMap { $0 } + markers.map { "marker \($0)" }).joined(
                    separator: ": ")
                // Diagnostic markers (e.g. NCIT "Human Papillomavirus-16 Positive") are the tumour's biomarkers.
                for (m, marker) in sample["diagnosticMarkers"].array.enumerated() {
                    guard let label = marker["label"].string else { continue }
                    let code = marker["id"].string ?? "\(m + 1)"
                    findings.append(
                        Finding(
                            id: "phenopacket:\(sid):marker:\(code)", reportId: "phenopacket:\(id):\(sid)",
                            kind: .biomarker, biomarker: PhenopacketReader.marker(label), origin: .unknown))
                }
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
        }

        /// pT and pN of a resected tumour with the clinical cM0/M1 make the pathological stage (AJCC pTNM).
        mutating func applyPathologicalStage(_ tnm: JSONNode) {
            guard tnm.array.count > 0 else { return }
            var pathological = Stage()
            _ = PhenopacketReader.apply(tnm, to: &pathological)
            if (pathological.t != nil || pathological.n != nil) && stage.basis != "pathological" {
                var written = stage.prefixes ?? [:]
                for (key, value) in [("T", pathological.t), ("N", pathological.n), ("M", pathological.m)]
                where value != nil {
                    written[key] = pathological.prefixes?[key] ?? ""
                }
                stage.t = pathological.t ?? stage.t
                stage.n = pathological.n ?? stage.n
                stage.m = pathological.m ?? stage.m
                stage.basis = "pathological"
                stage.prefixes = written
            }
        }

        /// Findings from genomic interpretations, their genes read through HGNC.
        mutating func readInterpretations(_ interpretations: JSONNode, subjectId: String) {
            for (i, interpretation) in interpretations.array.enumerated() {
                for (j, gi) in interpretation["diagnosis"]["genomicInterpretations"].array.enumerated() {
                    if var f = PhenopacketReader.finding(gi, fallbackId: "\(i).\(j)", subjectId: subjectId) {
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
        }

        /// Medical actions: only what treats the cancer becomes a therapy line; the rest is counted as skipped.
        mutating func readMedicalActions(_ actions: JSONNode) {
            for action in actions.array {
                switch therapyLine(action) {
                case .success(let line): lines.append(line)
                case .failure(let skipped):
                    account.skip(skipped.reason)
                    use.accounted(action)
                }
            }
            for surgery in surgeries where foundCancer && !lines.contains(where: { $0.regimen == surgery }) {
                lines.append(TherapyLine(line: nil, setting: "surgery", regimen: surgery))
            }
        }

        /// Why a medical action made no therapy line.
        struct Skipped: Error {
            let reason: String
        }

        /// Whether an action is aimed at a cancer: its target names one, or (no target) the phenopacket has one.
        func targetsCancer(_ action: JSONNode) -> Bool {
            guard let target = action["treatmentTarget"]["label"].string ?? action["treatmentTarget"]["id"].string
            else { return foundCancer }
            return ClinicalVocabulary.isCancer(target)
                || OncoTreeCrosswalk.map(
                    codings: [
                        OncoTreeCrosswalk.Coding(system: nil, code: action["treatmentTarget"]["id"].string ?? "")
                    ],
                    text: target) != nil
        }

        /// The therapy line of one action (treatment, regimen, procedure or radiation), or why it makes none.
        func therapyLine(_ action: JSONNode) -> Result<TherapyLine, Skipped> {
            let stop = action["treatmentTerminationReason"]["label"].string
            if action["treatment"].exists {
                let t = action["treatment"]
                let agent = t["agent"]["label"].string ?? t["agent"]["id"].string ?? "agent"
                guard
                    Antineoplastics.ingredient(in: agent) != nil
                        || (targetsCancer(action) && action["treatmentTarget"].exists)
                else {
                    return .failure(
                        Skipped(
                            reason: "treatments that are not antineoplastic (ATC L01/L02) and do not target a cancer"))
                }
                let interval = t["doseIntervals"].array.first?["interval"]
                return .success(
                    TherapyLine(
                        line: nil, drugs: [Antineoplastics.ingredient(in: agent) ?? agent],
                        start: ClinicalVocabulary.date(interval?["start"].string),
                        end: ClinicalVocabulary.date(interval?["end"].string), stopReason: stop))
            }
            if action["therapeuticRegimen"].exists {
                let r = action["therapeuticRegimen"]
                let label = r["ontologyClass"]["label"].string ?? r["externalReference"]["description"].string
                let drugs = Antineoplastics.ingredients(in: label ?? "")
                guard !drugs.isEmpty || targetsCancer(action) else {
                    return .failure(Skipped(reason: "regimens that do not treat a cancer"))
                }
                // Times may be ages ("P7M" to "P8M"): kept as ages, never turned into dates.
                let startAge = r["startTime"]["age"]["iso8601duration"].string
                let endAge = r["endTime"]["age"]["iso8601duration"].string
                return .success(
                    TherapyLine(
                        line: nil, regimen: label,
                        drugs: drugs.isEmpty ? (label ?? "").split(separator: "/").map(String.init) : drugs,
                        start: ClinicalVocabulary.date(r["startTime"]["timestamp"].string),
                        end: ClinicalVocabulary.date(r["endTime"]["timestamp"].string), stopReason: stop,
                        status: PhenopacketReader.regimenStatus(r["regimenStatus"].string),
                        ages: startAge.map { $0 + (endAge.map { " – \($0)" } ?? "") } ?? endAge.map { "? – \($0)" }))
            }
            if action["procedure"].exists {
                let p = action["procedure"]
                guard foundCancer, targetsCancer(action) else {
                    return .failure(Skipped(reason: "procedures that do not treat a cancer"))
                }
                return .success(
                    TherapyLine(
                        line: nil, setting: "surgery", regimen: p["code"]["label"].string,
                        start: ClinicalVocabulary.date(p["performed"]["timestamp"].string), stopReason: stop))
            }
            if action["radiationTherapy"].exists {
                guard targetsCancer(action) else {
                    return .failure(Skipped(reason: "radiation that does not treat a cancer"))
                }
                return .success(
                    TherapyLine(
                        line: nil, setting: "radiotherapy",
                        regimen: action["radiationTherapy"]["modality"]["label"].string))
            }
            return .failure(Skipped(reason: "medical actions of a kind the board does not read"))
        }
    }
}
