import BoardModel
import Foundation

/// FHIR Conditions as the diagnosis (primary cancer, histology, stage) and metastatic sites (secondary cancer).
extension FHIRReader.Builder {
    mutating func condition(_ r: JSONNode) {
        let profiles = FHIRReader.profiles(r)
        let codedWords = FHIRReader.codedWords(r["code"])
        let verification = FHIRReader.codings(r["verificationStatus"]).first?.code
        if verification == "refuted" || verification == "entered-in-error" {
            skip(r, "Conditions refuted or entered in error")
            return
        }
        guard let pid = ownPatient(r, "Conditions") else { return }
        let text = FHIRReader.words(r["code"]).map(ClinicalVocabulary.clean) ?? "condition"
        let secondary =
            profiles.contains { $0.contains("secondary-cancer-condition") }
            || FHIRReader.codings(r["code"]).contains { Self.secondaryCodes.contains($0.code ?? "") }
            || ClinicalVocabulary.isMetastasis(codedWords)
        let suspicion =
            codedWords.contains("(situation)") || codedWords.lowercased().contains("suspected")
            || codedWords.lowercased().contains("history of")
        let cancer =
            profiles.contains { $0.contains("cancer-condition") }
            || (ClinicalVocabulary.isCancer(codedWords) && !suspicion)
        if secondary {
            metastases(r, pid: pid, text: text)
        } else if cancer {
            primaryCancer(r, pid: pid, text: text)
        } else if suspicion {
            skip(r, "Conditions that are suspicions or history, not diagnoses")
        } else {
            comorbidity(r, pid: pid, text: text)
        }
    }

    /// A secondary cancer condition: its body sites are metastatic sites. "Metastasis from malignant tumor of
    /// prostate" (no body site) asserts metastasis without naming where.
    mutating func metastases(_ r: JSONNode, pid: String, text: String) {
        let sites = r["bodySite"].array
        let since = ClinicalVocabulary.date(r["onsetDateTime"].string ?? r["recordedDate"].string)
        if sites.isEmpty {
            let words = FHIRReader.codings(r["code"]).compactMap(\.display).first ?? text
            append(MetastaticSite(site: ClinicalVocabulary.metastasisSite(words), since: since), to: pid)
            return
        }
        for site in sites {
            // Named by the body site's text or display; a code the file does not name stays unnamed (SNOMED CT
            // body structures are not bundled), its system in the board's words.
            let c = FHIRReader.codings(site).first { $0.display != nil } ?? FHIRReader.codings(site).first
            let system = c.map { FHIRReader.systemName($0.system) }
            append(
                MetastaticSite(
                    site: (site["text"].string ?? c?.display).map(ClinicalVocabulary.clean), code: c?.code,
                    system: system?.isEmpty == true ? nil : system, since: since),
                to: pid)
        }
    }

    /// A primary cancer condition: the diagnosis (OncoTree through the crosswalk, histology, site, laterality),
    /// unless the case has one already (then the same tumour coded again, or a second primary), and its stage.
    mutating func primaryCancer(_ r: JSONNode, pid: String, text: String) {
        let coded = FHIRReader.codings(r["code"])
        let codedWords = FHIRReader.codedWords(r["code"])
        let codings = coded.compactMap { c in c.code.map { OncoTreeCrosswalk.Coding(system: c.system, code: $0) } }
        let verification = FHIRReader.codings(r["verificationStatus"]).first?.code
        let clinicalStatus = FHIRReader.codings(r["clinicalStatus"]).first?.code
        if let existing = patients[pid]!.diagnosis {
            let incoming = Diagnosis(
                text: text, clinicalStatus: clinicalStatus, abatedOn: Self.abatement(r), verification: verification)
            // A confirmed cancer takes the place of one the record only suspected (provisional, differential); a
            // current cancer takes the place of one the record says is over (resolved, in remission, abated), so the
            // diagnosis never depends on the order of the bundle's resources.
            let confirmedReplaces = existing.isUnconfirmed && !incoming.isUnconfirmed
            let currentReplaces = existing.isNotCurrent && !incoming.isNotCurrent && !incoming.isUnconfirmed
            guard confirmedReplaces || currentReplaces else {
                // A second primary the record says is over, or does not confirm, is listed with that status, as
                // when it was read first.
                sameTumourOrSecondPrimary(
                    r, pid: pid, text: text, codings: codings, codedWords: codedWords, existing: existing,
                    listedAs: Self.listed(text, incoming))
                return
            }
            keepAsEarlierCancer(
                existing, pid: pid, codings: codings, text: text, unconfirmed: confirmedReplaces)
        }
        codedWordsStage(codedWords, pid: pid)
        let (histology, histologyCodings) = Self.histology(of: r)
        let site = r["bodySite"].array.first
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
            laterality: Self.laterality(site: site, codedWords: codedWords),
            diagnosedOn: ClinicalVocabulary.date(r["onsetDateTime"].string ?? r["recordedDate"].string),
            sourceCode: sourceCode, clinicalStatus: clinicalStatus,
            abatedOn: Self.abatement(r), verification: verification)
        conditionStage(r, pid: pid)
    }

    /// A cancer the record says is over (or only suspected), read before a current (or confirmed) one: of the same
    /// tissue it is the same disease's history (the current Condition now describes it); of another tissue it stays
    /// listed as an earlier primary with its status, never as the case's current diagnosis, and the stage read
    /// with it is that cancer's, so it is set aside: the case's stage is then unknown until the current cancer's
    /// own stage is read.
    mutating func keepAsEarlierCancer(
        _ existing: Diagnosis, pid: String, codings: [OncoTreeCrosswalk.Coding], text: String, unconfirmed: Bool
    ) {
        let mapped = OncoTreeCrosswalk.map(codings: codings, text: text)?.oncotree
        let status =
            unconfirmed
            ? existing.verificationPhrase ?? "not confirmed" : existing.statusPhrase(hideDates: true) ?? "not current"
        if Self.tissue(mapped) == nil || Self.tissue(mapped) != Self.tissue(existing.oncotreeCode) {
            let earlier = "\(existing.text) (\(status))"
            if !patients[pid]!.extraPrimaries.contains(earlier) { patients[pid]!.extraPrimaries.append(earlier) }
            if patients[pid]!.stage != Stage() {
                patients[pid]!.stage = Stage()
                notes.append(
                    "\(name): the stage read with \"\(existing.text)\" belongs to that cancer, not to \"\(text)\"; "
                        + "the case's stage is unknown unless the current cancer's own stage is given")
            }
        }
        notes.append(
            unconfirmed
                ? "\(name): the unconfirmed diagnosis \"\(existing.text)\" gave way to the confirmed \"\(text)\""
                : "\(name): the cancer the record says is \(status), \"\(existing.text)\", gave way to the current \"\(text)\""
        )
    }

    /// The top of a code's OncoTree branch (its tissue), which tells the same tumour coded again from another
    /// primary.
    static func tissue(_ code: String?) -> String? { code.flatMap { OncoTree.bundled.ancestors(of: $0).last } }

    /// A second primary as listed on the case: its words, with what the record says of its status and
    /// verification ("… (resolved)", "… (provisional (not confirmed))").
    static func listed(_ text: String, _ diagnosis: Diagnosis) -> String {
        let said = [diagnosis.statusPhrase(hideDates: true), diagnosis.verificationPhrase].compactMap { $0 }
        return said.isEmpty ? text : "\(text) (\(said.joined(separator: "; ")))"
    }

    /// Synthea codes the stage into the disorder ("Non-small cell carcinoma of lung, TNM stage 1"): read only for
    /// the Condition that is the case's diagnosis (or the same tumour coded again), never for a second primary.
    mutating func codedWordsStage(_ codedWords: String, pid: String) {
        guard let range = codedWords.range(of: #"TNM stage ([0-4]|IV|III|II|I)\b"#, options: .regularExpression),
            patients[pid]!.stage.group == nil
        else { return }
        patients[pid]!.stage.group = ClinicalVocabulary.stageGroup(String(codedWords[range].dropFirst(4)))
        patients[pid]!.stage.system = "TNM (edition not stated)"
    }

    /// The same tumour coded again (staged, in situ, refined) refines the diagnosis' code; another tissue's cancer
    /// is a second primary.
    mutating func sameTumourOrSecondPrimary(
        _ r: JSONNode, pid: String, text: String, codings: [OncoTreeCrosswalk.Coding], codedWords: String,
        existing: Diagnosis, listedAs: String
    ) {
        let mapped = OncoTreeCrosswalk.map(codings: codings, text: text)?.oncotree
        if let t = Self.tissue(mapped), t == Self.tissue(existing.oncotreeCode) {
            if let mapped, let old = existing.oncotreeCode, mapped != old, OncoTree.bundled.isWithin(mapped, old) {
                patients[pid]!.diagnosis?.oncotreeCode = mapped
            }
            codedWordsStage(codedWords, pid: pid)
            use.accounted(r["stage"])
            return
        }
        if !patients[pid]!.extraPrimaries.contains(listedAs) { patients[pid]!.extraPrimaries.append(listedAs) }
    }

    /// Condition.abatement[x] as a day: abatementDateTime, or the start of abatementPeriod. An abatement stated as
    /// an age, a range or a string is kept out of the date (reported by the account as not used).
    static func abatement(_ r: JSONNode) -> LocalDate? {
        ClinicalVocabulary.date(r["abatementDateTime"].string ?? r["abatementPeriod"]["start"].string)
    }

    /// The histology extension (mCODE HistologyMorphologyBehavior): its words and codes.
    static func histology(of r: JSONNode) -> (String?, [OncoTreeCrosswalk.Coding]) {
        var histology: String?
        var codings: [OncoTreeCrosswalk.Coding] = []
        for ext in r["extension"].array where (ext["url"].string ?? "").lowercased().contains("histology") {
            histology = FHIRReader.words(ext["valueCodeableConcept"]).map(ClinicalVocabulary.clean)
            codings = FHIRReader.codings(ext["valueCodeableConcept"]).compactMap { c in
                c.code.map { OncoTreeCrosswalk.Coding(system: c.system, code: $0) }
            }
        }
        return (histology, codings)
    }

    /// Laterality from the body site's laterality extension, else from the disorder's words ("… of left breast").
    static func laterality(site: JSONNode?, codedWords: String) -> Laterality? {
        var stated: Laterality?
        for ext in (site?["extension"].array ?? []) where (ext["url"].string ?? "").contains("laterality") {
            let words = (FHIRReader.words(ext["valueCodeableConcept"]) ?? "").lowercased()
            stated =
                words.contains("left")
                ? .left : words.contains("right") ? .right : words.contains("bilateral") ? .bilateral : nil
        }
        if let stated { return stated }
        let w = codedWords.lowercased()
        return w.contains(" left ") ? .left : w.contains(" right ") ? .right : nil
    }

    /// Condition.stage: the summary's group; its type is the kind of staging (clinical, pathological) in FHIR R4,
    /// the staging system and edition in mCODE's examples (SNOMED CT 897275008, AJCC 8th edition). Each is kept
    /// for what it is; the summary's own words may name the system too ("American Joint Committee on Cancer stage
    /// IIIC").
    mutating func conditionStage(_ r: JSONNode, pid: String) {
        guard let first = r["stage"].array.first, let summary = FHIRReader.words(first["summary"]),
            patients[pid]!.stage.group == nil
        else { return }
        patients[pid]!.stage.group = ClinicalVocabulary.stageGroup(summary)
        if first["type"].exists {
            patients[pid]!.stage.basis = FHIRReader.stagingBasis(first["type"])
            patients[pid]!.stage.system = FHIRReader.stagingSystem(first["type"])
        }
        if patients[pid]!.stage.system == nil {
            patients[pid]!.stage.system = FHIRReader.stagingSystem(first["summary"])
        }
    }

    /// Another disease: a comorbidity, unless it is no longer active or is a finding or situation.
    mutating func comorbidity(_ r: JSONNode, pid: String, text: String) {
        let status = FHIRReader.codings(r["clinicalStatus"]).first?.code
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
}
