import Foundation

extension SampleBarcode {
    /// Whether two lab files' sample names name one specimen, so that one variant they both report is one finding.
    ///
    /// Equal names do. Two TCGA/TARGET barcodes do when they name the same participant and sample type and, where
    /// both write a vial letter, the same vial: portion, analyte, plate and centre only say which piece of that
    /// vial a lab analysed (GDC "TCGA Barcode": project-TSS-participant-sample+vial-portion+analyte-plate-centre),
    /// so "TCGA-A1-A0SB-01" and its aliquot "TCGA-A1-A0SB-01A-11D-A142-09" are one specimen, while "-01" (primary)
    /// and "-02" (recurrence), or vials "01A" and "01B", are not. A participant-only barcode names no specimen.
    public static func sameSpecimen(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = SampleBarcode(a), let y = SampleBarcode(b), let sample = x.sample, sample == y.sample else {
            return false
        }
        let vialX = x.vial.flatMap { $0.count > sample.count ? $0 : nil }
        let vialY = y.vial.flatMap { $0.count > sample.count ? $0 : nil }
        if let vialX, let vialY { return vialX == vialY }
        return true
    }
}
