import BoardModel
import Foundation

/// Reads HL7 FHIR R4 JSON — a Bundle of any type or a single resource — into cases: Patient (with vital status),
/// cancer Conditions (primary, and secondary ones as metastatic sites), staging, performance status, tumour markers,
/// genomic variants (mCODE STU1–STU4 and Genomics Reporting), therapeutic implications, antineoplastic medications
/// and cancer procedures. Profiles are recognised by the last segment of their URL and, when absent, by LOINC/SNOMED
/// codes, because STU1…STU4 renamed them.
///
/// References resolve as R4 §2.3 says: `urn:uuid:` and absolute fullUrls, relative `Type/id` (also with
/// `_history`), absolute URLs ending in `Type/id`, and `#id` for contained resources. Every resource is checked to be
/// about the record's patient: one whose subject is another patient is skipped and counted, never attached.
/// Records that are not oncology data stay out: only ATC L01/L02 agents become therapy lines, only genomic reports
/// become molecular reports. Everything not taken is listed in the file's account.
public enum FHIRReader {
    static func recognises(_ root: JSONNode) -> Bool {
        root["resourceType"].string != nil
    }

    public static func read(data: Data, file: String, caseId: String? = nil) throws -> ImportPayload {
        try read(root: JSONNode.parse(data, file: file), file: file, caseId: caseId)
    }

    /// Bundle.type values of FHIR R4 (bundle-type value set).
    static let bundleTypes: Set<String> = [
        "document", "message", "transaction", "transaction-response", "batch", "batch-response",
        "history", "searchset", "collection",
    ]

    static func read(root untracked: JSONNode, file: String, caseId: String?) throws -> ImportPayload {
        let use = JSONUse()
        let root = untracked.tracked(by: use)
        guard let type = root["resourceType"].string else {
            throw ImportError(
                file: file, location: "$.resourceType",
                message: "missing resourceType; expected a FHIR R4 resource or Bundle")
        }
        var account = ImportAccount(file: file, format: "fhir")
        var resources: [(node: JSONNode, fullUrl: String?)] = []
        if type == "Bundle" {
            guard let bundleType = root["type"].string else {
                throw ImportError(
                    file: file, location: "$.type",
                    message:
                        "Bundle without a type; FHIR R4 requires Bundle.type (one of \(bundleTypes.sorted().joined(separator: ", ")))"
                )
            }
            guard bundleTypes.contains(bundleType) else {
                throw ImportError(
                    file: file, location: "$.type",
                    message:
                        "unknown Bundle.type \"\(bundleType)\"; expected one of \(bundleTypes.sorted().joined(separator: ", "))"
                )
            }
            for entry in root["entry"].array {
                let resource = entry["resource"]
                let method = entry["request"]["method"].string?.uppercased()
                use.accounted(entry["request"])
                use.accounted(entry["response"])
                use.accounted(entry["search"])
                guard resource.object != nil else {
                    // A transaction may DELETE or a batch GET without a body; anything else must carry its resource.
                    if ["DELETE", "GET", "HEAD"].contains(method ?? "")
                        || ["batch-response", "transaction-response", "history"].contains(bundleType)
                    {
                        account.skip("Bundle entries without a resource (\(method ?? bundleType))")
                        use.accounted(entry)
                        continue
                    }
                    throw ImportError(
                        file: file, location: entry.path + ".resource",
                        message: "Bundle entry without a resource" + (method.map { " (request \($0))" } ?? "")
                            + "; expected a resource in a \(bundleType) Bundle")
                }
                guard resource["resourceType"].string != nil else {
                    throw ImportError(
                        file: file, location: resource.path + ".resourceType",
                        message: "missing resourceType in a Bundle entry")
                }
                resources.append((resource, entry["fullUrl"].string))
            }
            for key in ["id", "meta", "timestamp", "link", "identifier", "total", "signature"] {
                use.accounted(root[key])
            }
        } else {
            resources.append((root, nil))
        }
        account.read(resources.count)
        var builder = Builder(file: file, caseId: caseId, use: use)
        // Resource ids (even urn:uuid fullUrls) are reused across example bundles: a finding's or report's id is
        // scoped by the Bundle it came from (Bundle.identifier, else Bundle.id, else the file name).
        if type == "Bundle" {
            let identifier = [root["identifier"]["system"].string, root["identifier"]["value"].string].compactMap { $0 }
                .joined(separator: "|")
            builder.scope = identifier.isEmpty ? (root["id"].string ?? builder.name) : identifier
        }
        builder.account = account
        builder.index(resources)
        try builder.build()
        var payload = builder.payload()
        use.fill(&builder.account, root: root, name: Self.fieldNamer(root: untracked))
        builder.genes.record(into: &builder.account)
        payload.accounts = [builder.account]
        return payload
    }

    /// "$.entry[3].resource.code.coding[0].system" → "Observation.code.coding.system".
    static func fieldNamer(root: JSONNode) -> (JSONNode) -> String {
        let entries = ((root.value as? [String: Any])?["entry"] as? [Any]) ?? []
        let bareType = (root.value as? [String: Any])?["resourceType"] as? String ?? "Resource"
        return { node in
            let path = node.path
            if path.hasPrefix("$.entry["), let close = path.firstIndex(of: "]"),
                let index = Int(path[path.index(path.startIndex, offsetBy: 8)..<close])
            {
                let rest = path[path.index(after: close)...]
                let type =
                    ((index < entries.count ? entries[index] : nil) as? [String: Any]).flatMap {
                        ($0["resource"] as? [String: Any])?["resourceType"] as? String
                    } ?? "entry"
                if rest.hasPrefix(".resource") { return type + Self.fieldName("$" + rest.dropFirst(9)) }
                return "Bundle.entry" + Self.fieldName("$" + rest)
            }
            return bareType + Self.fieldName(path)
        }
    }

    /// "$.code.coding[0].system" → ".code.coding.system"; "$" → "".
    static func fieldName(_ path: String) -> String {
        let plain = JSONUse.plainName(path)
        return plain == "(document)" ? "" : "." + plain
    }

    struct Coding {
        var system: String?
        var code: String?
        var display: String?
    }

    static func codings(_ concept: JSONNode) -> [Coding] {
        concept["coding"].array.map {
            Coding(system: $0["system"].string, code: $0["code"].string, display: $0["display"].string)
        }
    }

    /// The words of a CodeableConcept: text, else the first display, else the first code. U+200B is removed.
    static func words(_ concept: JSONNode) -> String? {
        let w =
            concept["text"].string ?? codings(concept).compactMap(\.display).first
            ?? codings(concept).compactMap(\.code).first
        return w.map { $0.replacingOccurrences(of: "\u{200B}", with: "") }
    }

    /// A coded concept's label: the first coding's display, else the text, else the first code. The code is what
    /// the record asserts; a free text that disagrees with it ("Teleradiotherapy procedure" on a code displayed
    /// "Megavoltage radiation therapy using photons") does not rename it.
    static func codedLabel(_ concept: JSONNode) -> String? {
        let w =
            codings(concept).compactMap(\.display).first ?? concept["text"].string
            ?? codings(concept).compactMap(\.code).first
        return w.map { $0.replacingOccurrences(of: "\u{200B}", with: "") }
    }

    /// The coded words (displays, then text) — for classification, where a wrong free text must not win over the code.
    static func codedWords(_ concept: JSONNode) -> String {
        (codings(concept).compactMap(\.display) + [concept["text"].string].compactMap { $0 }).joined(separator: " | ")
    }

    static func profiles(_ r: JSONNode) -> [String] {
        r["meta"]["profile"].array.compactMap { $0.string?.split(separator: "/").last.map { String($0).lowercased() } }
    }

    /// "Snomed CT 254837009" for a diagnosis' own code.
    static func label(_ coding: Coding) -> String? {
        guard let code = coding.code else { return nil }
        let name = systemName(coding.system)
        return name.isEmpty ? code : "\(name) \(code)"
    }

    /// A code system's name as the board writes it: "SNOMED CT" for http://snomed.info/sct, "ICD-10-CM", "ICD-O-3",
    /// "NCIt", "LOINC"; another system's URL as it is; "" for none.
    static func systemName(_ url: String?) -> String {
        let system = url ?? ""
        return system.contains("snomed")
            ? "SNOMED CT"
            : system.contains("loinc")
                ? "LOINC"
                : system.contains("icd-10")
                    ? "SNOMED CT"
                    : system.contains("icd-10")
                        ? "ICD-10-CM"
                        : system.contains("icd-o")
                            ? "ICD-O-3"
                            : system.contains("ncit") ? "NCIt" : system
    }
}
