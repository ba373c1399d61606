import BoardModel
import Foundation

/// Genomic DiagnosticReports as molecular reports (lab, assay, date, specimen).
extension FHIRReader.Builder {
    mutating func report(_ r: JSONNode) {
        let profiles = FHIRReader.profiles(r)
        let codes = Set(FHIRReader.codings(r["code"]).compactMap(\.code))
        let categories = r["category"].array.flatMap { FHIRReader.codings($0).compactMap(\.code) }
        let words = (FHIRReader.words(r["code"]) ?? "").lowercased()
        let genomic =
            profiles.contains { $0.contains("genomic") || $0.contains("genetic") || $0.contains("genomics-report") }
            || !codes.isDisjoint(with: Self.genomicReportCodes) || categories.contains("GE")
            || ["genetic", "genomic", "molecular", "sequencing", "mutation"].contains { words.contains($0) }
        guard genomic else {
            skip(r, "DiagnosticReports that are not genomic (lab panels, imaging…)")
            return
        }
        guard let pid = ownPatient(r, "DiagnosticReports") else { return }
        let specimen = r["specimen"].array.first.flatMap { resolve($0["reference"].string, in: r) }
        let lab = r["performer"].array.first.flatMap { p in
            p["display"].string ?? resolve(p["reference"].string, in: r).flatMap { $0["name"].string }
        }
        let spec = specimen.map { s in
            Specimen(
                id: id(of: s), type: FHIRReader.words(s["type"]),
                site: FHIRReader.words(s["collection"]["bodySite"]),
                collectedOn: ClinicalVocabulary.date(s["collection"]["collectedDateTime"].string))
        }
        let rid = id(of: r) ?? "report-\(patients[pid]!.reports.count + 1)"
        patients[pid]!.reports.append(
            MolecularReport(
                id: scoped(rid), lab: lab, assay: FHIRReader.words(r["code"]),
                reportedOn: ClinicalVocabulary.date(r["issued"].string ?? r["effectiveDateTime"].string),
                specimen: spec))
    }

    /// Tumour markers that speak of one tissue's cancer only (a PSA in a lung-cancer record is screening).
    static let markerTissue: [String: String] = ["PSA": "PROSTATE", "CA-125": "OVARY"]
}
