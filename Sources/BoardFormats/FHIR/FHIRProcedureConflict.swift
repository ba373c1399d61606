import BoardModel
import Foundation

/// A procedure whose code and free text name different kinds of treatment ("Sentinel lymph node biopsy" coded,
/// "Teleradiotherapy procedure" written): FHIR says the coding carries the meaning and the text is only how a user
/// saw it, so the procedure is read by its code and profile, and the disagreement goes into the import's account for
/// someone to check. Wordings of one kind ("Megavoltage radiation therapy using photons" and "Teleradiotherapy
/// procedure") do not disagree.
extension FHIRReader.Builder {
    /// The kind of treatment words name: radiotherapy, surgery (a biopsy is a surgical procedure in mCODE), or nil
    /// when they say neither.
    static func procedureKind(_ words: String) -> String? {
        let w = words.lowercased()
        if ["radiation", "radiotherapy", "brachytherapy", "irradiation"].contains(where: { w.contains($0) }) {
            return "radiotherapy"
        }
        if ["biopsy", "excision", "ectomy", "resection", "surgery", "surgical", "dissection"].contains(where: {
            w.contains($0)
        }) {
            return "surgery"
        }
        return nil
    }

    /// Notes a procedure whose coding's display and text name different kinds of treatment; `setting` is how it
    /// was read (by code and profile).
    mutating func flagCodeTextConflict(_ r: JSONNode, setting: String) {
        guard let text = r["code"]["text"].string, let textKind = Self.procedureKind(text) else { return }
        for coding in FHIRReader.codings(r["code"]) {
            guard let display = coding.display, let codeKind = Self.procedureKind(display), codeKind != textKind
            else { continue }
            let id = r["id"].string.map { "Procedure/\($0)" } ?? "a Procedure"
            notes.append(
                "\(name): \(id): code \(coding.code ?? "?") \"\(ClinicalVocabulary.clean(display))\" but text "
                    + "\"\(ClinicalVocabulary.clean(text))\" (code/text conflict): read by its code and profile as "
                    + "\(setting); check the record")
            return
        }
    }
}
