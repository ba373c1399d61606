import Foundation

/// A value of a study's own clinical column that the board has no field for (cBioPortal custom attributes such as
/// KAS_ID "42"), kept on the patient or sample with what the file's header rows say about the column: its display
/// name, description, datatype and priority. The value stays text as written; the board reads nothing clinical
/// into it, it only shows it.
public struct ClinicalAttribute: Codable, Sendable, Hashable {
    /// The column's attribute id as the header writes it ("KAS_ID").
    public var id: String
    public var value: String
    /// The display name from the first header row ("KAS ID"); nil when the file has no header rows.
    public var name: String?
    public var description: String?
    /// STRING, NUMBER or BOOLEAN, as declared.
    public var datatype: String?
    /// The column's priority as written ("1").
    public var priority: String?

    public init(
        id: String, value: String, name: String? = nil, description: String? = nil, datatype: String? = nil,
        priority: String? = nil
    ) {
        self.id = id
        self.value = value
        self.name = name
        self.description = description
        self.datatype = datatype
        self.priority = priority
    }

    /// "KAS ID (KAS_ID): 42": the column as the study names it, and the value.
    public var shown: String {
        let label = name.map { $0 == id ? id : "\($0) (\(id))" } ?? id
        return "\(label): \(value)"
    }

    /// `attributes` with `newer` merged in by id: a column read again takes its newer value, others are added.
    public static func merged(_ attributes: [ClinicalAttribute]?, with newer: [ClinicalAttribute]?)
        -> [ClinicalAttribute]?
    {
        guard let newer, !newer.isEmpty else { return attributes }
        var out = attributes ?? []
        for a in newer {
            if let i = out.firstIndex(where: { $0.id == a.id }) { out[i] = a } else { out.append(a) }
        }
        return out
    }
}
