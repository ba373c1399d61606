import BoardModel
import Foundation

@testable import BoardFormats

/// The curation's words for the model's fields: turns a `must` item of expected.json into a check of a read payload.
enum View {
    enum Result {
        case pass, unknownPath
        case fail(String)
        case notInModel(String)
    }

    // MARK: comparison

    static func norm(_ s: String) -> String {
        var t = s.lowercased().trimmingCharacters(in: .whitespaces)
        for suffix in [" (disorder)", " (procedure)", " (morphologic abnormality)"] where t.hasSuffix(suffix) {
            t = String(t.dropLast(suffix.count))
        }
        return t
    }

    /// Dates compare on the day (the model keeps calendar days); other strings case-insensitively.
    static func same(_ expected: Any?, _ actual: Any?) -> Bool {
        switch (expected, actual) {
        case (nil, nil), (is NSNull, nil): return true
        case (is NSNull, let a?):
            if let s = a as? String { return s.isEmpty }
            if let l = a as? [Any] { return l.isEmpty }
            return false
        case (nil, _), (_, nil): return false
        case (let e as NSNumber, let a as Double): return abs(e.doubleValue - a) <= 0.001
        case (let e as NSNumber, let a as Int): return e.intValue == a
        case (let e as NSNumber, let a as Bool): return e.boolValue == a
        case (let e as String, let a as String):
            if e.hasPrefix("urn:uuid:") { return e.dropFirst(9) == a }
            if e.count >= 10, LocalDate(String(e.prefix(10))) != nil, a.count == 10 { return e.prefix(10) == a }
            return norm(e) == norm(a)
        case (let e as NSNumber, let a as String):
            return a == e.stringValue || Double(a).map { abs($0 - e.doubleValue) < 0.001 } == true
        default: return false
        }
    }

    static func matches(_ item: [String: Any], _ actual: Any?) -> Bool {
        if same(item["value"], actual) { return true }
        for alt in item["accept"] as? [Any] ?? [] where same(alt, actual) { return true }
        return false
    }

    /// A dict value: compare the keys the view can show; at least one must be comparable.
    static func compare(_ expected: [String: Any], _ actual: [String: Any?]) -> Result {
        var compared = 0
        for (key, value) in expected {
            guard let a = actual[key] else { continue }
            compared += 1
            if !same(value, a) { return .fail("\(key): expected \(value), read \(a.map { "\($0)" } ?? "nothing")") }
        }
        return compared > 0 ? .pass : .notInModel("none of \(expected.keys.sorted()) is a field of the model")
    }

    // MARK: records

    static func theCase(_ outcome: ExpectedRecordsTests.Outcome) -> Case? {
        outcome.payload?.bundle.cases.first ?? outcome.payload?.partialCases.first
            ?? outcome.payload?.caseAdditions.first
    }

    static func lines(_ c: Case, drugs: Bool) -> [TherapyLine] {
        c.treatmentHistory.filter { drugs ? ($0.setting != "surgery" && $0.setting != "radiotherapy") : true }
    }

    static func biomarkers(_ c: Case, _ name: String) -> [Finding] {
        c.findings.filter { f in
            guard let b = f.biomarker else { return false }
            switch name {
            case "TMB": return b.kind == .tmb
            case "MSI": return b.kind == .msi
            case "PDL1": return b.kind == .pdl1
            default: return b.name?.uppercased() == name.uppercased()
            }
        }
    }

    static func check(path: String, item: [String: Any], outcome: ExpectedRecordsTests.Outcome, file: String) -> Result
    {
        let value = item["value"]
        // Refused files.
        if path == "file.accept" {
            let accepted = outcome.payload != nil
            return matches(item, accepted)
                ? .pass : .fail("accepted = \(accepted); \(outcome.error?.description ?? "")")
        }
        if path == "error.mentions" {
            guard let e = outcome.error, let word = value as? String else { return .fail("no error") }
            return e.description.lowercased().contains(word.lowercased())
                ? .pass : .fail("error \"\(e)\" does not mention \(word)")
        }
        if file.hasPrefix("civic/") { return civic(path: path, item: item, outcome: outcome) }
        if file.hasPrefix("cbioportal_clinical/") { return cbioportal(path: path, item: item, outcome: outcome) }
        // Records of one patient (FHIR, Phenopackets).
        if ["subject", "treatment"].contains(path) {
            // Standalone resources about a patient not in the file: nothing may be attached to any case.
            let attached = outcome.payload.map { !$0.bundle.cases.isEmpty || !$0.partialCases.isEmpty } ?? false
            if !attached, let t = value as? [String: Any], let drug = (t["drug"] as? String)?.lowercased(),
                let line = outcome.payload?.caseAdditions.first?.treatmentHistory.first(where: {
                    $0.drugs.map { $0.lowercased() } == [drug]
                })
            {
                // Kept to complete that patient's case if the store has it: its status as the resource states it.
                return time(t, line) ?? .pass
            }
            return attached
                ? .fail("a resource about an absent patient made a case")
                : .notInModel("the subject is not in the file: the resource is counted, not attached")
        }
        guard let c = theCase(outcome) else {
            if path.hasPrefix("diagnosis") || path.hasPrefix("stage") {
                // A standalone Condition without its Patient: the reader counts it, attaching it to no one.
                let skipped =
                    outcome.payload?.accounts.first?.skipped.keys.contains { $0.contains("not in the file") } ?? false
                return skipped
                    ? .notInModel("the Condition's Patient is not in this file: counted, not attached")
                    : .fail("no case")
            }
            return .fail("no case read")
        }
        let p = c.patient
        switch path {
        case "patient.id": return matches(item, p.id) ? .pass : .fail("read \(p.id)")
        case "patient.sex": return matches(item, p.sex.rawValue) ? .pass : .fail("read \(p.sex)")
        case "patient.birth_date":
            return matches(item, p.birthDate?.description) ? .pass : .fail("read \(p.birthDate?.description ?? "nil")")
        case "patient.vital_status":
            return matches(item, p.vitalStatus.rawValue) ? .pass : .fail("read \(p.vitalStatus)")
        case "patient.death_date":
            return matches(item, p.deceasedOn?.description)
                ? .pass : .fail("read \(p.deceasedOn?.description ?? "nil")")
        case "patient.cause_of_death":
            guard let e = value as? String else {
                return p.causeOfDeath == nil ? .pass : .fail("read \(p.causeOfDeath!)")
            }
            let words = Set(e.lowercased().split(separator: " "))
            let mine = Set(
                (p.causeOfDeath ?? "").lowercased().replacingOccurrences(of: "(", with: "").replacingOccurrences(
                    of: ")", with: ""
                ).split(separator: " "))
            return words.isSubset(of: mine) ? .pass : .fail("read \(p.causeOfDeath ?? "nil")")
        case "patient.age":
            if let n = value as? NSNumber {
                return p.recordedAge == "P\(n.intValue)Y" ? .pass : .fail("read \(p.recordedAge ?? "nil")")
            }
            return matches(item, p.recordedAge) ? .pass : .fail("read \(p.recordedAge ?? "nil")")
        case "patient.identifier":
            if let v = value as? String {
                return p.identifiers.contains { $0.value == v } ? .pass : .fail("no identifier \(v)")
            }
            if let d = value as? [String: Any], let v = d["value"] as? String {
                return p.identifiers.contains {
                    $0.value == v && $0.system == d["system"] as? String
                        && (d["type"] as? String != "MR" || $0.kind == .mrn)
                } ? .pass : .fail("no identifier \(v)")
            }
            return .unknownPath
        case "patient.identifier.MR":
            return p.identifiers.contains { $0.kind == .mrn && $0.value == value as? String } ? .pass : .fail("no MRN")
        case "patient.name":
            guard let d = value as? [String: Any] else { return .unknownPath }
            var e = d
            e["given"] = (d["given"] as? [String])?.joined(separator: " ")
            return compare(e, ["family": p.name.family, "given": p.name.given])
        case "patient.name.given":
            return ((value as? [String])?.joined(separator: " ") == p.name.given)
                ? .pass : .fail("read \(p.name.given ?? "nil")")
        case "patient.race": return matches(item, p.race) ? .pass : .fail("read \(p.race ?? "nil")")
        case "patient.ethnicity": return matches(item, p.ethnicity) ? .pass : .fail("read \(p.ethnicity ?? "nil")")
        case "patient.display_name": return matches(item, p.name.text) ? .pass : .fail("read \(p.name.text ?? "nil")")
        case "patient.kas_id":
            // A study's own column (cBioPortal custom attribute), kept on the patient under its attribute id.
            let read = p.attributes?.first { $0.id.lowercased() == path.dropFirst("patient.".count) }?.value
            return matches(item, read) ? .pass : .fail("read \(read ?? "nil")")
        case "patient.os_months", "patient.dfs_months", "patient.dfs_status":
            let s = p.survival
            let read: Any? =
                path == "patient.os_months"
                ? s?.overallMonths : path == "patient.dfs_months" ? s?.diseaseFreeMonths : s?.diseaseFree?.rawValue
            return matches(item, read) ? .pass : .fail("read \(read.map { "\($0)" } ?? "nil")")
        case "diagnosis.primary":
            let hasCancer = !c.diagnosis.text.hasPrefix("(no ")
            guard let d = value as? [String: Any] else {
                return hasCancer && c.diagnosis.oncotreeCode != nil ? .fail("read \(c.diagnosis.text)") : .pass
            }
            let code = c.diagnosis.sourceCode?.split(separator: " ").last.map(String.init)
            return compare(
                d,
                [
                    "text": c.diagnosis.text, "code": code, "onset": c.diagnosis.diagnosedOn?.description,
                    "laterality": c.diagnosis.laterality?.rawValue, "clinical_status": c.diagnosis.clinicalStatus,
                    "abatement": c.diagnosis.abatedOn?.description, "verification": c.diagnosis.verification,
                ])
        case "diagnosis.primary.oncotree":
            return matches(item, c.diagnosis.oncotreeCode) ? .pass : .fail("read \(c.diagnosis.oncotreeCode ?? "nil")")
        case "diagnosis.histology":
            guard let d = value as? [String: Any] else { return .unknownPath }
            return compare(d, ["display": c.diagnosis.histology])
        case "diagnosis.second_primary":
            guard let d = value as? [String: Any], let text = d["text"] as? String else { return .unknownPath }
            return c.comorbidities.contains { $0.hasPrefix("second primary:") && $0.contains(text) }
                ? .pass : .fail("comorbidities \(c.comorbidities)")
        case "diagnoses.excluded":
            let labels = (value as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            return labels.allSatisfy { l in c.comorbidities.contains("excluded: \(l)") }
                ? .pass : .fail("comorbidities \(c.comorbidities)")
        case "stage", "stage.clinical":
            guard let d = value as? [String: Any] else {
                return c.stage == nil ? .pass : .fail("read \(c.stage!.summary)")
            }
            guard let s = c.stage else { return .fail("no stage") }
            func g(_ x: String?) -> String? {
                x.map {
                    $0.replacingOccurrences(of: #"\s*\(.*\)"#, with: "", options: .regularExpression)
                        .replacingOccurrences(of: "Stage ", with: "")
                }
            }
            func tnm(_ x: Any?) -> Any? {
                (x as? String).map { $0.drop { "cpyra".contains($0) } }.map(String.init) ?? x
            }
            var e = d
            e["group"] = g(d["group"] as? String)
            for k in ["T", "N", "M"] { e[k] = tnm(d[k]) }
            return compare(e, ["group": s.group, "T": s.t, "N": s.n, "M": s.m])
        case "performance":
            return value is NSNull && c.performance == nil ? .pass : .fail("read \(c.performance?.summary ?? "nil")")
        case "performance.ecog":
            let e = (value as? [String: Any])?["value"] ?? value
            return same(e, c.performance?.ecog) ? .pass : .fail("read \(c.performance?.ecog.map(String.init) ?? "nil")")
        case "performance.karnofsky":
            let e = (value as? [String: Any])?["value"] ?? value
            return same(e, c.performance?.karnofsky)
                ? .pass : .fail("read \(c.performance?.karnofsky.map(String.init) ?? "nil")")
        case "metastatic_sites":
            let sites = value as? [[String: Any]] ?? []
            for s in sites {
                let code =
                    (s["code"] as? String)
                    ?? (s["site"] as? String).flatMap { $0.split(separator: " ").first.map(String.init) }
                guard
                    c.metastaticSites.contains(where: {
                        $0.code == code || ($0.site.map { (s["site"] as? String)?.contains($0) == true } ?? false)
                    })
                else {
                    return .fail("no metastatic site \(code ?? "?") in \(c.metastaticSites)")
                }
            }
            return c.metastaticSites.count == sites.count
                ? .pass : .fail("read \(c.metastaticSites.count) sites, expected \(sites.count)")
        case "metastatic":
            guard let d = value as? [String: Any] else { return .unknownPath }
            return compare(d, ["status": c.isMetastatic, "since": c.metastaticSites.first?.since?.description])
        case "treatments", "medical_actions":
            return treatments(value, c, timeline: false)
        case "treatments[*].start_date":
            return c.treatmentHistory.allSatisfy { $0.start == nil } ? .pass : .fail("a start date was invented")
        case "treatments[*].line":
            guard value is NSNull else { return .unknownPath }
            return c.treatmentHistory.allSatisfy { $0.line == nil }
                ? .pass : .fail("a line number was invented: \(c.treatmentHistory.map(\.line))")
        case "therapeutic_implications":
            // Each drug the report assesses stays on the variant, with the response it states.
            for item in value as? [[String: Any]] ?? [] {
                let drug = item["drug"] as? String ?? "?"
                guard
                    c.findings.flatMap(\.evidence).contains(where: {
                        $0.therapy == drug && (item["response"] as? String)?.hasPrefix($0.significance ?? "?") == true
                    })
                else {
                    return .fail("no implication for \(drug)")
                }
            }
            return .pass
        case "phenotypes.labels":
            let labels = (value as? [String]) ?? []
            let missing = labels.filter { l in
                !c.phenotypes.contains { $0.hasPrefix(l.trimmingCharacters(in: .whitespaces) + " (") }
            }
            return missing.isEmpty && c.phenotypes.count == labels.count
                ? .pass : .fail("phenotypes \(c.phenotypes), missing \(missing)")
        case "phenotypes":
            // "HP:0100518 Dysuria (Severe)": the term's id and label, and a severity in brackets.
            let items = (value as? [String]) ?? []
            for item in items {
                let id = String(item.split(separator: " ").first ?? "")
                let label = item.dropFirst(id.count + 1).replacingOccurrences(
                    of: #"\s*\(.*\)"#, with: "", options: .regularExpression)
                guard c.phenotypes.contains(where: { $0.hasPrefix("\(label) (\(id))") }) else {
                    return .fail("no phenotype \(item) in \(c.phenotypes)")
                }
            }
            return c.phenotypes.count == items.count ? .pass : .fail("read \(c.phenotypes)")
        case "measurements":
            let items = (value as? [[String: Any]]) ?? []
            for item in items {
                let assay = String((item["assay"] as? String)?.split(separator: " ").first ?? "")
                let number = (item["value"] as? NSNumber).map { PhenopacketObservations.number($0.doubleValue) } ?? ""
                guard c.measurements.contains(where: { $0.contains("(\(assay))") && $0.contains(" \(number) ") })
                else { return .fail("no measurement \(assay) \(number) in \(c.measurements)") }
            }
            return c.measurements.count == items.count ? .pass : .fail("read \(c.measurements)")
        case "surgeries":
            // Biopsies are surgical procedures (mCODE CancerRelatedSurgicalProcedure): every one listed is a line.
            let wanted = (value as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            let mine = c.treatmentHistory.filter { $0.setting == "surgery" }.compactMap(\.regimen).map(norm)
            let missing = wanted.filter { w in !mine.contains { $0.contains(norm(w)) } }
            return missing.isEmpty ? .pass : .fail("no surgery line for \(missing) in \(mine)")
        case "radiation":
            return radiation(value, c)
        case "variants":
            let variants = c.findings.filter { $0.kind != .biomarker }
            if let l = value as? [Any], l.isEmpty {
                return variants.isEmpty ? .pass : .fail("read \(variants.map(\.label))")
            }
            return .unknownPath
        case "markers":
            return value is NSNull && !c.findings.contains { $0.kind == .biomarker }
                ? .pass : .fail("markers were read")
        case let m where m.hasPrefix("markers."):
            let name = String(m.dropFirst(8))
            let found = biomarkers(c, name)
            if value is NSNull { return found.isEmpty ? .pass : .fail("read \(found.map(\.label))") }
            if let list = value as? [[String: Any]] {
                return found.count == list.count ? .pass : .fail("read \(found.count), expected \(list.count)")
            }
            guard let d = value as? [String: Any], let f = found.first?.biomarker else { return .fail("no \(name)") }
            // A coded result is compared as the file wrote it ("High"), not the curation's normalised label ("MSI-H").
            var actual: [String: Any?] = [
                "raw": f.status, "result": f.status.map { $0.lowercased().contains("positive") ? "positive" : $0 },
            ]
            if d["raw"] == nil { actual["value"] = .some(f.value ?? (d["value"] is NSNumber ? nil : f.status)) }
            return compare(d, actual)
        default: return .unknownPath
        }
    }

    /// Therapy lines against the curation: each expected treatment's drugs (or regimen words) are one line's drugs.
    static func treatments(_ value: Any?, _ c: Case, timeline: Bool) -> Result {
        let list = value as? [Any] ?? []
        func drugs(_ t: [String: Any]) -> [String]? {
            if let agents = t["agents"] as? [String] { return agents.map { $0.lowercased() } }
            if let d = t["drugs"] as? [[String: Any]] { return d.compactMap { ($0["drug"] as? String)?.lowercased() } }
            if let d = t["drug"] as? String { return [d.lowercased()] }
            if let r = t["regimen"] as? String {
                return r.lowercased().replacingOccurrences(of: #"\s*\(.*\)"#, with: "", options: .regularExpression)
                    .components(separatedBy: CharacterSet(charactersIn: "/+")).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
            }
            return nil
        }
        let expected = list.compactMap { ($0 as? [String: Any]).flatMap(drugs) }.map { $0.sorted() }
        let mine = (timeline ? c.treatmentHistory : lines(c, drugs: true)).map {
            $0.drugs.map { $0.lowercased() }.sorted()
        }
        if list.isEmpty { return mine.isEmpty ? .pass : .fail("read lines \(mine)") }
        if list.first is String {  // covid: medical actions listed as text; none of them treats a cancer
            return c.treatmentHistory.isEmpty ? .pass : .fail("read lines \(mine)")
        }
        guard
            expected.sorted(by: { $0.description < $1.description })
                == mine.sorted(by: { $0.description < $1.description })
        else { return .fail("expected \(expected), read \(mine)") }
        // Each treatment's time as the curation states it: its end, its last recorded date, and its status.
        for case let t as [String: Any] in list {
            guard let wanted = drugs(t),
                let line = c.treatmentHistory.first(where: {
                    $0.drugs.map { $0.lowercased() }.sorted() == wanted.sorted()
                })
            else { continue }
            if let r = time(t, line) { return r }
        }
        return .pass
    }

    /// A treatment's end, last date and status against the line read: a stated end is the line's end, a "last"
    /// date its end or last recorded date, and a FHIR status the line's status in the board's words.
    static func time(_ t: [String: Any], _ line: TherapyLine) -> Result? {
        if t.keys.contains("end"), !same(t["end"], line.end?.description) {
            return .fail("\(line.drugs) end: expected \(t["end"]!), read \(line.period)")
        }
        if let last = t["last"], !same(last, (line.end ?? line.lastRecorded)?.description) {
            return .fail("\(line.drugs) last: expected \(last), read \(line.period)")
        }
        // Ages instead of dates (a Phenopacket regimen "P7M" to "P8M") stay ages.
        if let a = t["start_age"] as? String, line.ages?.hasPrefix(a) != true {
            return .fail("\(line.drugs) start age: expected \(a), read \(line.period)")
        }
        if let a = t["end_age"] as? String, line.ages?.hasSuffix(" – " + a) != true {
            return .fail("\(line.drugs) end age: expected \(a), read \(line.period)")
        }
        // A Phenopacket RegimenStatus is upper case ("COMPLETED"), a FHIR status lower case.
        if let status = t["status"] as? String,
            (status == status.uppercased()
                ? PhenopacketReader.regimenStatus(status) : FHIRReader.Course.status(status)) != line.status
        {
            return .fail("\(line.drugs) status: expected \(status), read \(line.status ?? "none")")
        }
        return nil
    }

    /// Radiotherapy as the curation lists it: each course's label from its coding, first and last dates.
    static func radiation(_ value: Any?, _ c: Case) -> Result {
        let courses = c.treatmentHistory.filter { $0.setting == "radiotherapy" }
        guard !courses.isEmpty else { return .fail("no radiotherapy line") }
        let items = (value as? [[String: Any]]) ?? (value as? [String: Any]).map { [$0] } ?? []
        for item in items {
            if let text = item["text"] as? String, !courses.contains(where: { norm($0.regimen ?? "") == norm(text) }) {
                return .fail("no radiotherapy line \(text): read \(courses.compactMap(\.regimen))")
            }
            if let first = item["first"], !courses.contains(where: { same(first, $0.start?.description) }) {
                return .fail("no radiotherapy course from \(first): read \(courses.map(\.period))")
            }
            if let last = item["last"],
                !courses.contains(where: { same(last, ($0.end ?? $0.lastRecorded)?.description) })
            {
                return .fail("no radiotherapy course to \(last): read \(courses.map(\.period))")
            }
        }
        return .pass
    }

    static func cbioportal(path: String, item: [String: Any], outcome: ExpectedRecordsTests.Outcome) -> Result {
        guard let payload = outcome.payload else { return .fail("refused: \(outcome.error?.description ?? "")") }
        let cases = payload.partialCases + payload.caseAdditions
        let value = item["value"]
        func patient(_ id: String) -> Case? { cases.first { $0.id == id } }
        if path.hasPrefix("patient["), path.hasSuffix("]") {
            let id = String(path.dropFirst(8).dropLast())
            guard let c = patient(id), let d = value as? [String: Any] else { return .fail("no patient \(id)") }
            let status: String?? =
                c.patient.vitalStatus == .unknown ? .some(nil) : .some(c.patient.vitalStatus.rawValue)
            let s = c.patient.survival
            return compare(
                d,
                [
                    "vital_status": status ?? nil, "os_months": s?.overallMonths as Any?,
                    "dfs_status": s?.diseaseFree?.rawValue as Any?, "dfs_months": s?.diseaseFreeMonths as Any?,
                ])
        }
        switch path {
        case "patient[*].sex":
            return cases.allSatisfy { $0.patient.sex == .unknown } ? .pass : .fail("a sex was invented")
        case "patient[*].birth_date":
            return cases.allSatisfy { $0.patient.birthDate == nil } ? .pass : .fail("a birth date was invented")
        case "patient[*].death_date":
            return cases.allSatisfy { $0.patient.deceasedOn == nil } ? .pass : .fail("a death date was invented")
        case "treatments":
            return cases.first.map { treatments(value, $0, timeline: true) } ?? .fail("no timeline events")
        case "treatments[*].start_date":
            return cases.allSatisfy { $0.treatmentHistory.allSatisfy { $0.start == nil } }
                ? .pass : .fail("a date was invented")
        case "treatments[*].line":
            guard value is NSNull else { return .unknownPath }
            return cases.allSatisfy { $0.treatmentHistory.allSatisfy { $0.line == nil } }
                ? .pass : .fail("a line number was invented")
        case "sample_to_patient":
            for (sample, pid) in value as? [String: String] ?? [:] {
                guard patient(pid)?.reports.contains(where: { $0.specimen?.id == sample }) == true else {
                    return .fail("\(sample) not under \(pid)")
                }
            }
            return .pass
        default: break
        }
        if path.hasPrefix("sample["), let close = path.firstIndex(of: "]") {
            let id = String(path[path.index(path.startIndex, offsetBy: 7)..<close])
            guard let c = cases.first(where: { $0.reports.contains { $0.specimen?.id == id } }) else {
                return .fail("no sample \(id)")
            }
            let report = c.reports.first { $0.specimen?.id == id }!
            let subtype = c.findings.first { $0.id == "cbioportal:\(id):SUBTYPE" }?.biomarker?.status
            if path.hasSuffix(".subtype") { return matches(item, subtype) ? .pass : .fail("read \(subtype ?? "nil")") }
            if path.hasSuffix(".type") {
                let type = report.specimen?.type
                return (type?.lowercased().contains((item["value"] as? String ?? "?").lowercased()) ?? false)
                    ? .pass : .fail("read \(type ?? "nil")")
            }
            guard let d = value as? [String: Any] else { return .unknownPath }
            let type = report.specimen?.type ?? ""
            return compare(
                d,
                [
                    "patient": c.id,
                    "tumor_status": type.lowercased().contains("normal") ? "Normal" : (type.isEmpty ? nil : "Tumor"),
                    "description": report.specimen?.description, "oncotree": report.specimen?.oncotreeCode,
                    "anatomic_site": report.specimen?.site,
                ])
        }
        if path.hasPrefix("patient."), let c = cases.first {
            return check(
                path: path, item: item,
                outcome: ExpectedRecordsTests.Outcome(payload: ImportPayload(bundle: BoardBundle(cases: [c]))),
                file: "cbioportal")
        }
        if path.hasPrefix("performance") || path.hasPrefix("diagnosis"), let c = cases.first {
            return check(
                path: path, item: item,
                outcome: ExpectedRecordsTests.Outcome(payload: ImportPayload(bundle: BoardBundle(cases: [c]))),
                file: "cbioportal")
        }
        return .unknownPath
    }

    static let significanceWords = CIViCReader.significanceWords

    static func civic(path: String, item: [String: Any], outcome: ExpectedRecordsTests.Outcome) -> Result {
        guard let payload = outcome.payload, let account = payload.accounts.first else { return .fail("refused") }
        switch path {
        case "rows": return same(item["value"], account.recordsRead) ? .pass : .fail("read \(account.recordsRead)")
        case "citation_id":
            return payload.evidence.contains { $0.entry.reference?.contains("PMID ") == true }
                ? .pass : .fail("no PMID")
        case "vocabulary_normalisation":
            for (old, new) in item["value"] as? [String: String] ?? [:]
            where ["Sensitivity", "Resistance or Non-Response"].contains(old) {
                if payload.evidence.contains(where: { $0.entry.significance == old })
                    || !payload.evidence.contains(where: { $0.entry.significance == new })
                {
                    return .fail("\(old) not normalised to \(new)")
                }
            }
            return .pass
        default: return .unknownPath
        }
    }

    static func checkWhat(_ what: String, item: [String: Any], outcome: ExpectedRecordsTests.Outcome, file: String)
        -> Result
    {
        let match = item["match"] as? [String: Any] ?? [:]
        let value = item["value"] as? [String: Any] ?? [:]
        switch what {
        case "evidence":
            guard let id = match["evidence_id"] as? String ?? (match["evidence_id"] as? NSNumber)?.stringValue else {
                return .unknownPath
            }
            let entries =
                outcome.payload?.evidence.filter {
                    $0.entry.reference?.hasPrefix("CIViC EID\(id);") == true || $0.entry.reference == "CIViC EID\(id)"
                } ?? []
            guard let first = entries.first else { return .fail("EID\(id) not read") }
            if (value["evidence_direction"] as? String) != first.entry.direction {
                return .fail("direction \(first.entry.direction ?? "nil")")
            }
            let drugs = (value["drugs"] as? [String] ?? []).map { $0.lowercased() }.sorted()
            let mine = entries.compactMap(\.entry.therapy).map {
                $0.replacingOccurrences(of: " (combination or alternatives not stated)", with: "")
            }
            .flatMap {
                $0.replacingOccurrences(of: " or ", with: ",").components(separatedBy: CharacterSet(charactersIn: "+,"))
            }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }.sorted()
            guard drugs == mine else { return .fail("drugs \(mine), expected \(drugs)") }
            if value["drug_interaction_type"] as? String == "Combination",
                entries.count != 1 || !(first.entry.therapy ?? "").contains(" + ")
            {
                return .fail("combination not kept together")
            }
            if value["drug_interaction_type"] as? String == "Substitutes",
                first.entry.drugAlternatives.count != drugs.count
            {
                return .fail("substitutes not alternatives")
            }
            let significance = (value["clinical_significance"] as? String).map { significanceWords[$0] ?? $0 }
            return compare(
                [
                    "gene": value["gene"] as Any, "variant": value["variant"] as Any,
                    "disease": value["disease"] as Any,
                    "evidence_level": value["evidence_level"] as Any, "clinical_significance": significance as Any,
                    "evidence_type": value["evidence_type"] as Any,
                ],
                [
                    "gene": first.gene, "variant": first.variant, "disease": first.entry.disease,
                    "evidence_level": first.entry.level.code,
                    "clinical_significance": first.entry.significance, "evidence_type": first.entry.type,
                ])
        case "assertion":
            guard let id = match["assertion_id"] as? String else { return .unknownPath }
            let entries =
                outcome.payload?.evidence.filter { $0.entry.reference?.hasPrefix("CIViC AID\(id);") == true } ?? []
            guard let first = entries.first else { return .fail("AID\(id) not read") }
            var actual: [String: Any?] = ["gene": first.gene, "variant": first.variant, "disease": first.entry.disease]
            // An assertion without an AMP/ASCO/CAP tier (predisposing, ACMG-classified) is kept with the tier unknown.
            if value["amp"] == nil, value["type"] != nil {
                guard first.entry.level.code == EvidenceScale.unstated, first.entry.level.scale == .amp else {
                    return .fail("level \(first.entry.level)")
                }
                actual["type"] = first.entry.type
                actual["significance"] = first.entry.significance
            }
            var e = value
            if let acmg = value["acmg_codes"] as? [String] {
                e["acmg_codes"] = "ACMG " + acmg.joined(separator: ", ")
                actual["acmg_codes"] =
                    (first.entry.reference ?? "").contains("ACMG " + acmg.joined(separator: ", "))
                    ? "ACMG " + acmg.joined(separator: ", ") : first.entry.reference
            }
            if let nccn = value["nccn"] as? String {
                actual["nccn"] = (first.entry.reference ?? "").contains("NCCN \(nccn)") ? nccn : first.entry.reference
            }
            if let fda = value["fda_approved"] as? Bool {
                actual["fda_approved"] = (first.entry.reference ?? "").contains("FDA approved") == fda ? fda : !fda
            }
            let drugs = (value["drugs"] as? [String])?.map { $0.lowercased() }.sorted()
            if let drugs {
                let therapy = (first.entry.therapy ?? "").replacingOccurrences(
                    of: " (combination or alternatives not stated)", with: ""
                ).lowercased()
                if therapy.replacingOccurrences(of: " or ", with: ",").components(
                    separatedBy: CharacterSet(charactersIn: ",+")
                ).map({
                    $0.trimmingCharacters(in: .whitespaces)
                }).filter({ !$0.isEmpty }).sorted() != drugs {
                    return .fail("drugs \(therapy)")
                }
            }
            e.removeValue(forKey: "drugs")
            return compare(e, actual)
        case "civic_variant":
            // A variant with one site becomes a locus (evidence then reaches findings by position); a region or a
            // fusion names no single site and is counted as skipped.
            guard let gene = value["gene"] as? String, let name = value["variant"] as? String else {
                return .unknownPath
            }
            let loci = outcome.payload?.evidenceLoci.filter { $0.gene == gene && $0.variant == name } ?? []
            guard value["ref"] is String || value["alt"] is String else {
                let counted =
                    outcome.payload?.accounts.first?.skipped.keys.contains { $0.contains("without one site") } ?? false
                return loci.isEmpty && counted
                    ? .pass : .fail("a variant without bases made a locus, or was not counted")
            }
            guard let locus = loci.first else { return .fail("\(gene) \(name): no locus read") }
            return compare(
                value.filter { ["chromosome", "start", "stop", "ref", "alt", "build"].contains($0.key) },
                [
                    "chromosome": locus.chrom, "start": "\(locus.start)", "stop": locus.stop.map { "\($0)" },
                    "ref": locus.ref, "alt": locus.alt, "build": locus.build,
                ])
        case "variant":
            guard let c = theCase(outcome) else {
                return .fail("no case")
            }
            let f: Finding?
            if let gene = match["gene"] as? String {
                f = c.findings.first { $0.gene == gene }
            } else if match["kind"] as? String == "copy_number" {
                f = c.findings.first { $0.kind == .copyNumber }
            } else {
                return .unknownPath
            }
            guard let f else { return .fail("no variant \(match)") }
            func tail(_ s: Any?) -> Any? {
                (s as? String).map { $0.split(separator: ":").last.map(String.init) ?? $0 } ?? s
            }
            var e = value
            e["hgvs_p"] = tail(value["hgvs_p"])
            e["hgvs_c"] = tail(value["hgvs_c"])
            if let o = value["origin"] as? String { e["origin"] = o.split(separator: " ").first.map(String.init) }
            if let k = value["type"] as? String { e["type"] = k.contains("loss") ? "Heterozygous deletion" : k }
            let actual: [String: Any?] = [
                "hgvs_p": f.hgvsP.map { tail($0) as! String }, "hgvs_c": f.hgvsC, "origin": f.origin.rawValue,
                "transcript": f.transcript, "vaf": f.vaf, "gene": f.gene, "type": f.copyNumberCall?.rawValue,
            ]
            return compare(e, actual)
        case "if converted", "lenient alternative: import 6 resources and warn about entry[6]":
            return outcome.payload == nil
                ? .notInModel("the file is refused (the preferred reading)") : .fail("accepted")
        case "orphan/foreign-subject resources (if stored at all, under their own subject)":
            let c = theCase(outcome)
            return c?.performance == nil && !(c?.findings.contains { $0.gene == "STK11" } ?? false)
                ? .notInModel("resources about other patients are counted, not stored")
                : .fail("attached to the file's patient")
        default: return .unknownPath
        }
    }
}
