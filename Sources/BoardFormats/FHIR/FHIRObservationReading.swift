import BoardModel
import Foundation

/// FHIR Observations: staging, performance status, tumour markers and biomarkers (TMB, MSI), handed to the variant reader for genomic ones.
extension FHIRReader.Builder {
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
                let ajccValue = value.contains { $0.system?.contains("cancerstaging.org") == true }
                if let system = FHIRReader.stagingSystem(r["method"])
                    ?? (ajccValue ? "AJCC, edition not stated" : nil)
                {
                    patients[pid]!.stage.system = system
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
                score: Self.immunohistochemistryScore(r, name: name, value: value, unit: unit)))
        finding.id = findingId(finding, of: r)
        add(finding, ref: nil, pid: pid, subject: subject)
    }
}
