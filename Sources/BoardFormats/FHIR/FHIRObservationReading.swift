import BoardModel
import Foundation

/// FHIR Observations: staging, performance status, tumour markers and biomarkers (TMB, MSI), handed to the variant reader for genomic ones.
extension FHIRReader.Builder {
    mutating func observation(_ r: JSONNode) {
        let kind = FHIRReader.ObservationKind(r)
        if kind.isImplication {
            implication(r)
            return
        }
        if kind.isGrouper {  // a list of members, read through them
            use.accounted(r)
            return
        }
        guard kind.isOncology else {
            skip(r, "Observations that are not oncology data (vital signs, labs, surveys…)")
            return
        }
        let status = r["status"].string
        if status == "entered-in-error" || status == "cancelled" {
            skip(r, "Observations entered in error or cancelled")
            return
        }
        guard let owned = observationOwner(r, genomic: kind.isGenomic) else { return }
        let (found, subject) = owned
        if kind.isVariant { return variant(r, pid: found, subject: subject) }
        if kind.isTMB { return biomarker(r, pid: found, subject: subject, kind: .tmb, name: "TMB") }
        if kind.isMSI { return biomarker(r, pid: found, subject: subject, kind: .msi, name: "MSI") }
        guard let pid = found else {
            skip(r, "Observations of a patient not in the file")
            return
        }
        if kind.isStage { return stageGroup(r, pid: pid, basis: kind.basis) }
        if let tnm = kind.tnm { return category(r, pid: pid, tnm: tnm, basis: kind.basis) }
        if kind.isECOG || kind.isKPS { return performance(r, pid: pid, ecog: kind.isECOG) }
        let name =
            kind.codes.compactMap { Self.markers[$0] }.first ?? FHIRReader.words(r["code"]).map {
                ClinicalVocabulary.clean($0)
            } ?? "marker"
        biomarker(r, pid: pid, subject: subject, kind: name == "PD-L1" ? .pdl1 : .other, name: name)
    }

    /// Whose Observation this is: a Patient of the file (`pid`), or a subject to find by sample (`pid` nil);
    /// nil when it is about another patient, or unstated in a file of several (skipped and counted). Genomic
    /// results of a patient the file does not hold are found by sample, like lab files.
    mutating func observationOwner(_ r: JSONNode, genomic: Bool) -> (pid: String?, subject: String?)? {
        let owner = owner(r)
        if case .other = owner, !patientOrder.isEmpty {
            _ = ownPatient(r, "Observations")
            return nil
        }
        if case .none = owner, patientOrder.count > 1 {
            _ = ownPatient(r, "Observations")
            return nil
        }
        var pid: String? = if case .patient(let p) = owner { p } else { nil }
        let subject: String? =
            if case .other(let ref) = owner { String(ref.split(separator: "/").last ?? Substring(ref)) } else {
                pid
            }
        if let p = pid, absent.contains(p), genomic { pid = nil }
        return (pid, subject)
    }

    /// The value's words: its text, an AJCC (cancerstaging.org) code, else the first display or code.
    static func valueWords(_ r: JSONNode) -> String? {
        let value = FHIRReader.codings(r["valueCodeableConcept"])
        return r["valueCodeableConcept"]["text"].string
            ?? value.first(where: { $0.system?.contains("cancerstaging") == true })?.code
            ?? value.compactMap(\.display).first ?? value.compactMap(\.code).first
    }

    /// A stage-group Observation: the group, its basis, date and staging system (Observation.method, mCODE
    /// TNMStagingMethodVS; an AJCC-coded value without a method is AJCC, edition not stated).
    mutating func stageGroup(_ r: JSONNode, pid: String, basis: String) {
        guard let v = Self.valueWords(r) else { return }
        patients[pid]!.stage.group = ClinicalVocabulary.stageGroup(v)
        patients[pid]!.stage.basis = basis
        patients[pid]!.stage.assessedOn = ClinicalVocabulary.date(r["effectiveDateTime"].string)
        let ajccValue = FHIRReader.codings(r["valueCodeableConcept"]).contains {
            $0.system?.contains("cancerstaging.org") == true
        }
        if let system = FHIRReader.stagingSystem(r["method"]) ?? (ajccValue ? "AJCC, edition not stated" : nil) {
            patients[pid]!.stage.system = system
        }
    }

    /// A T, N or M category Observation.
    mutating func category(
        _ r: JSONNode, pid: String, tnm: (letter: Character, keyPath: WritableKeyPath<Stage, String?>), basis: String
    ) {
        let value = FHIRReader.codings(r["valueCodeableConcept"])
        let candidates = value.compactMap(\.code) + value.compactMap(\.display) + [Self.valueWords(r)].compactMap { $0 }
        guard let found = candidates.lazy.compactMap({ ClinicalVocabulary.tnmCategory($0, letter: tnm.letter) }).first
        else { return }
        patients[pid]!.stage[keyPath: tnm.keyPath] = found
        patients[pid]!.stage.basis = patients[pid]!.stage.basis ?? basis
    }

    /// An ECOG or Karnofsky Observation; a score off the scale is reported in the account, not stored.
    mutating func performance(_ r: JSONNode, pid: String, ecog: Bool) {
        guard let s = score(r) else { return }
        let when = ClinicalVocabulary.date(r["effectiveDateTime"].string)
        do {
            if ecog {
                patients[pid]!.performance.ecog = try ValidValues.ecog(s)
                patients[pid]!.performance.assessedOn = when
            } else {
                patients[pid]!.performance.karnofsky = try ValidValues.karnofsky(s)
                if patients[pid]!.performance.assessedOn == nil { patients[pid]!.performance.assessedOn = when }
            }
        } catch {
            account.invalid(
                ecog ? "ECOG" : "Karnofsky", found: String(s), at: r.path + ".value[x]", expected: error.expected)
        }
    }

    /// The method each receptor LOINC code names (LOINC's Method axis): 85318-4 "HER2 [Presence] in Breast cancer
    /// specimen by FISH"; 85319-2, 18474-7, 85337-4, 40556-3, 85339-0 and 40557-1 "… by Immune stain".
    static let receptorAssays: [String: String] = [
        "85318-4": "FISH", "85319-2": "IHC", "18474-7": "IHC", "85337-4": "IHC", "40556-3": "IHC", "85339-0": "IHC",
        "40557-1": "IHC",
    ]

    /// The assay a receptor Observation's code or method names: FISH, ISH (chromogenic, silver, dual-probe in situ
    /// hybridisation) or IHC (LOINC's "by Immune stain"); nil when neither says.
    static func assay(_ r: JSONNode) -> String? {
        for c in FHIRReader.codings(r["code"]) {
            if let code = c.code, let assay = receptorAssays[code] { return assay }
        }
        let words =
            " " + (FHIRReader.codedWords(r["code"]) + " " + FHIRReader.codedWords(r["method"])).lowercased() + " "
        if words.contains("fish") || words.contains("fluorescent in situ") { return "FISH" }
        if words.contains("in situ hybridi") || words.contains(" ish ") || words.contains("cish")
            || words.contains("sish")
        {
            return "ISH"
        }
        if words.contains("immune stain") || words.contains("immunohisto") || words.contains(" ihc ") {
            return "IHC"
        }
        return nil
    }

    /// A HER2 immunohistochemistry result given as a bare number 0–3 is the ASCO/CAP IHC score, written "0",
    /// "1+", "2+", "3+" (LOINC 85319-2, 18474-7 or a code or method that says immune stain / IHC). A score the lab
    /// wrote as text ("3+") is kept as its status.
    static func immunohistochemistryScore(_ r: JSONNode, name: String, value: Double?, unit: String?) -> String? {
        guard name == "HER2", let value, value == value.rounded(), (0...3).contains(value),
            unit == nil || unit == "{score}"
        else { return nil }
        let codes = Set(FHIRReader.codings(r["code"]).compactMap(\.code))
        let words = (FHIRReader.codedWords(r["code"]) + " " + FHIRReader.codedWords(r["method"])).lowercased()
        guard
            !codes.isDisjoint(with: ["85319-2", "18474-7"]) || words.contains("immune stain")
                || words.contains("immunohisto") || words.contains("ihc")
        else { return nil }
        return value == 0 ? "0" : "\(Int(value))+"
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
        var finding = Finding(
            id: id, kind: .biomarker,
            biomarker: Biomarker(
                kind: kind, name: name, value: value,
                unit: kind == .tmb ? "mut/Mb" : unit, status: status,
                comparator: r["valueQuantity"]["comparator"].string,
                score: Self.immunohistochemistryScore(r, name: name, value: value, unit: unit),
                // A receptor keeps its assay (LOINC's method, or Observation.method): the matcher tells the gene
                // measured (ISH) from the protein (IHC) by it (new-user run 5, #4).
                method: ["HER2", "ER", "PR"].contains(name) ? Self.assay(r) : nil))
        finding.id = findingId(finding, of: r)
        add(finding, ref: nil, pid: pid, subject: subject)
    }
}
