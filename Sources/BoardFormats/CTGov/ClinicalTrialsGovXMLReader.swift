import BoardModel
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the legacy ClinicalTrials.gov XML record (`<clinical_study>`, retired in 2024 but still in archives)
/// into the same Trial the API v2 JSON reader gives for that study.
public enum ClinicalTrialsGovXMLReader {
    static func recognises(head: String) -> Bool { head.contains("<clinical_study") }

    public static func read(data: Data, file: String) throws -> ImportPayload {
        let root = try XMLElementTree.parse(data, file: file)
        guard root.name == "clinical_study" else {
            throw ImportError(
                file: file, location: "<\(root.name)>", message: "expected a <clinical_study> root element")
        }
        guard let nct = root.child("id_info")?.text("nct_id"), Trial.isValidNCTId(nct) else {
            throw ImportError(
                file: file, location: "<clinical_study>/<id_info>/<nct_id>",
                message: "missing or malformed NCT id; expected NCT and eight digits")
        }
        let interventions = root.children("intervention")
        let arms = root.children("arm_group").enumerated().map { i, group -> TrialArm in
            let label = group.text("arm_group_label") ?? "Arm \(i + 1)"
            let drugs = interventions.filter { $0.children("arm_group_label").contains { $0.value == label } }
                .filter { TrialText.isMedicine(type: $0.text("intervention_type")) }
                .compactMap { $0.text("intervention_name") }
            let type = group.text("arm_group_type").map { " (\($0.lowercased()))" } ?? ""
            let described =
                ([group.text("description")]
                + interventions.filter { $0.children("arm_group_label").contains { $0.value == label } }
                .map { $0.text("description") }).compactMap { $0 }.joined(separator: "\n")
            return TrialArm(
                id: label, name: label + type, drugs: drugs, description: described.isEmpty ? nil : described)
        }
        let e = root.child("eligibility")
        let (inclusion, exclusion) = TrialText.splitCriteria(e?.child("criteria")?.text("textblock"))
        let conditions = root.children("condition").map(\.value).filter { !$0.isEmpty }
        let sites = root.children("location").map { l in
            let facility = l.child("facility")
            let address = facility?.child("address")
            return TrialSite(
                name: facility?.text("name") ?? address?.text("city") ?? "site", city: address?.text("city"),
                country: address?.text("country"), recruiting: l.text("status").map { $0 == "Recruiting" })
        }
        let phase = root.text("phase").map {
            $0.components(separatedBy: "/").map(TrialText.phase).joined(separator: "/")
        }
        let statusText = (root.text("overall_status") ?? "").uppercased().replacingOccurrences(of: ", ", with: "_")
            .replacingOccurrences(of: " ", with: "_")
        let eligibility = Eligibility(
            minimumAge: TrialText.years(e?.text("minimum_age")), maximumAge: TrialText.years(e?.text("maximum_age")),
            sex: TrialText.sex(e?.text("gender")),
            diagnoses: TrialText.oncotreeCodes(
                conditions, mesh: root.child("condition_browse")?.children("mesh_term").map(\.value) ?? []),
            conditions: conditions,
            inclusionText: inclusion, exclusionText: exclusion)
        let trial = Trial(
            id: nct, title: root.text("official_title") ?? root.text("brief_title") ?? nct,
            shortTitle: root.text("acronym") ?? root.text("brief_title"), phase: phase == "N/A" ? "N/A" : phase,
            status: RecruitmentStatus(registry: statusText) ?? .unknown,
            sponsor: root.child("sponsors")?.child("lead_sponsor")?.text("agency"), sites: sites, arms: arms,
            eligibility: eligibility, provenance: Provenance(file: file, recordId: nct, format: "ctgov-xml"))
        var typed = trial
        typed.studyType = root.text("study_type").map(TrialText.studyType)
        typed.closeArmsOfClosedTrial()
        typed.lastUpdated = TrialText.registryDate(
            root.text("last_update_posted") ?? root.text("last_update_submitted") ?? root.text("lastchanged_date"))
        typed.registry = RegistryFactsReading.xml(root)
        var payload = ImportPayload(bundle: BoardBundle(trials: [typed]))
        var account = ImportAccount(file: file, format: "ctgov-xml")
        account.read()
        payload.accounts = [account]
        if root.child("clinical_results") != nil {
            payload.skipped.append(
                "\(URL(fileURLWithPath: file).lastPathComponent): results section: not used by the board")
        }
        return payload
    }
}

/// A small element tree built with XMLParser: enough for registry records, no namespaces.
final class XMLElementTree {
    let name: String
    var value = ""
    var attributes: [String: String] = [:]
    var elements: [XMLElementTree] = []

    init(name: String) { self.name = name }

    func child(_ name: String) -> XMLElementTree? { elements.first { $0.name == name } }
    func children(_ name: String) -> [XMLElementTree] { elements.filter { $0.name == name } }
    func text(_ name: String) -> String? {
        child(name).map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func parse(_ data: Data, file: String) throws -> XMLElementTree {
        // swift-corelibs-foundation's XMLParser traps (force-unwrap) when a comment holds bytes that are not
        // UTF-8 (found by fuzzing; Regression/ctgov-xml). Registry XML is UTF-8: refuse anything else first.
        if String(validating: data, as: UTF8.self) == nil {
            let line = data.prefix { $0 < 0x80 }.filter { $0 == 0x0A }.count + 1
            throw ImportError(
                file: file, location: "line \(line) or later", message: "not UTF-8 text; expected a UTF-8 XML record")
        }
        let parser = XMLParser(data: data)
        let builder = Builder()
        parser.delegate = builder
        if !parser.parse() || builder.root == nil {
            let line = parser.lineNumber
            let column = parser.columnNumber
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "not well-formed"
            throw ImportError(
                file: file, location: "line \(line), column \(column)", message: "not valid XML (\(reason))")
        }
        // A record cut short (a truncated download) can end without the parser reporting it: every element still
        // open at the end of the data means the record is incomplete, and storing it would wipe what it left out.
        if let open = builder.stack.last {
            let path = builder.stack.map { "<\($0.name)>" }.joined(separator: "/")
            let line = data.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw ImportError(
                file: file, location: "line \(line) (end of file), in \(path)",
                message: "the record ends before </\(open.name)>: truncated or not well-formed XML")
        }
        return builder.root!
    }

    final class Builder: NSObject, XMLParserDelegate {
        var root: XMLElementTree?
        var stack: [XMLElementTree] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = XMLElementTree(name: elementName)
            element.attributes = attributes
            if let parent = stack.last { parent.elements.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.value += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            stack.last?.value += String(decoding: block, as: UTF8.self)
        }
    }
}
