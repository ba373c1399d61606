import Foundation

/// A TCGA or TARGET barcode as the GDC specifies it (docs.gdc.cancer.gov, "TCGA Barcode"): project, tissue source
/// site and participant make the participant ("TCGA-A1-A0SB"); the fourth field adds the sample type and vial
/// ("TCGA-A1-A0SB-01A"); portion and analyte, plate and centre follow for an aliquot
/// ("TCGA-A1-A0SB-01A-11D-A142-09"). A lab file's sample named by such a barcode belongs to the store's case for
/// its sample or participant; any other name is matched exactly, never by likeness.
public struct SampleBarcode: Sendable, Hashable {
    /// "TCGA-A1-A0SB": the first three fields.
    public let participant: String
    /// "TCGA-A1-A0SB-01": participant and sample type (as cBioPortal names samples); nil for a participant barcode.
    public let sample: String?
    /// "TCGA-A1-A0SB-01A": the first four fields as written (sample type and vial); nil when there is no fourth field.
    public let vial: String?

    /// The sample type the barcode's fourth field codes, in the GDC's "Sample Type Codes" table ("06" → "metastatic");
    /// nil for a participant barcode or a code the table does not list.
    public var sampleType: String? {
        guard let sample else { return nil }
        return Self.sampleTypes[String(sample.suffix(2))]
    }

    /// GDC Sample Type Codes (docs.gdc.cancer.gov, Encyclopedia "TCGA Barcode" / code tables), in the board's words.
    public static let sampleTypes: [String: String] = [
        "01": "primary solid tumour", "02": "recurrent solid tumour",
        "03": "primary blood-derived cancer (peripheral blood)", "04": "recurrent blood-derived cancer (bone marrow)",
        "05": "additional new primary", "06": "metastatic", "07": "additional metastatic",
        "08": "human tumour original cells", "09": "primary blood-derived cancer (bone marrow)",
        "10": "blood-derived normal", "11": "solid tissue normal", "12": "buccal cell normal",
        "13": "EBV-immortalised normal", "14": "bone marrow normal", "20": "control analyte",
        "40": "recurrent blood-derived cancer (peripheral blood)", "50": "cell line", "60": "primary xenograft tissue",
        "61": "cell-line-derived xenograft tissue",
    ]

    /// Parses a barcode; nil when the text is not one (wrong project, field lengths or characters).
    public init?(_ text: String) {
        let fields = text.trimmingCharacters(in: .whitespaces).uppercased().split(
            separator: "-", omittingEmptySubsequences: false
        ).map(String.init)
        guard fields.count >= 3, fields.count <= 7 else { return nil }
        func alphanumeric(_ s: String, _ lengths: ClosedRange<Int>) -> Bool {
            lengths.contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        switch fields[0] {
        case "TCGA": guard alphanumeric(fields[1], 2...2), alphanumeric(fields[2], 4...4) else { return nil }
        case "TARGET": guard alphanumeric(fields[1], 2...2), alphanumeric(fields[2], 6...6) else { return nil }
        default: return nil
        }
        participant = fields[0...2].joined(separator: "-")
        guard fields.count >= 4 else {
            sample = nil
            vial = nil
            return
        }
        // Sample type: two digits (01–29 in the GDC code tables), then an optional vial letter.
        let s = Array(fields[3])
        guard (2...3).contains(s.count), s[0].isNumber, s[1].isNumber, s.count == 2 || s[2].isLetter else {
            return nil
        }
        sample = participant + "-" + String(s[0...1])
        vial = participant + "-" + fields[3]
        // Portion and analyte (two digits and a letter), plate (four), centre (two), when present.
        if fields.count >= 5 {
            let p = Array(fields[4])
            guard p.count == 3, p[0].isNumber, p[1].isNumber, p[2].isLetter else { return nil }
        }
        if fields.count >= 6, !alphanumeric(fields[5], 4...4) { return nil }
        if fields.count == 7, !alphanumeric(fields[6], 2...2) { return nil }
    }

    /// The ids the store may know this specimen's case by, after the barcode itself: its sample with vial, its
    /// sample (cBioPortal's SAMPLE_ID), then its participant (cBioPortal's PATIENT_ID), most specific first.
    public func broader(than text: String) -> [String] {
        let written = text.trimmingCharacters(in: .whitespaces).uppercased()
        var seen: Set<String> = [written]
        return [vial, sample, participant].compactMap { $0 }.filter { seen.insert($0).inserted }
    }
}
