import Foundation
import BoardModel

/// Reads cBioPortal study files data_clinical_patient(s).txt and data_clinical_sample(s).txt: four `#` metadata
/// lines (display names, descriptions, datatypes, priorities), a header, then one row per patient or sample.
/// `[Not Available]`, `NA`, `[Unknown]` and empty cells mean "no value". Rows complete existing cases (they are
/// partial records): patient rows give sex; sample rows give a specimen (SAMPLE_ID, so MAF rows with that
/// Tumor_Sample_Barcode find the case), the diagnosis and sample-level biomarkers. Other columns are counted.
public enum CBioPortalClinicalReader {
    static let missing: Set<String> = ["", "NA", "N/A", "[Not Available]", "[Unknown]", "[Not Applicable]", "[Not Evaluated]", "[Discrepancy]", "[Completed]", "Unknown"]
    static let used: Set<String> = ["PATIENT_ID", "SAMPLE_ID", "SEX", "GENDER", "CANCER_TYPE", "CANCER_TYPE_DETAILED", "ONCOTREE_CODE",
                                    "SAMPLE_TYPE", "TMB_NONSYNONYMOUS", "MSI_SCORE", "MSI_TYPE", "SUBTYPE", "TUMOR_PURITY", "PRIMARY_SITE"]

    static func recognises(head: String) -> Bool {
        let lines = head.split(separator: "\n", maxSplits: 8).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let header = lines.first(where: { !$0.hasPrefix("#") }) else { return false }
        return header.hasPrefix("PATIENT_ID\t") || header == "PATIENT_ID" || header.hasPrefix("SAMPLE_ID\t")
    }

    public static func read(data: Data, file: String) throws -> ImportPayload {
        let source = try TextSource(data: data, file: file)
        try source.requireUTF8(expected: "cBioPortal clinical text (tab-separated)")
        let name = URL(fileURLWithPath: file).lastPathComponent
        var metadata: [[String]] = []
        var header: [String] = []
        var cases: [String: Case] = [:]
        var order: [String] = []
        var unusedCells = 0
        try source.forEachLine { line, number in
            if line.isEmpty { return true }
            if line.first == 0x23 {
                if header.isEmpty { metadata.append(line.string.dropFirst().components(separatedBy: "\t")) }
                return true
            }
            let cells = line.string.components(separatedBy: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            if header.isEmpty {
                header = cells
                guard let first = header.first, first == "PATIENT_ID" || first == "SAMPLE_ID", header.contains("PATIENT_ID") else {
                    throw ImportError(file: file, location: "line \(number)", message: "expected a header starting with PATIENT_ID (or SAMPLE_ID, PATIENT_ID)")
                }
                if let bad = metadata.first(where: { $0.count != header.count }) {
                    throw ImportError(file: file, location: "line \(metadata.firstIndex(of: bad)! + 1)", message: "metadata line has \(bad.count) cells but the header has \(header.count)")
                }
                return true
            }
            guard cells.count <= header.count else {
                throw ImportError(file: file, location: "line \(number)", message: "\(cells.count) cells but the header has \(header.count) columns")
            }
            var row: [String: String] = [:]
            for (i, cell) in cells.enumerated() where !missing.contains(cell) { row[header[i]] = cell }
            guard let pid = row["PATIENT_ID"] else {
                throw ImportError(file: file, location: "line \(number), column \((header.firstIndex(of: "PATIENT_ID") ?? 0) + 1)", message: "empty PATIENT_ID")
            }
            unusedCells += row.keys.filter { !used.contains($0) }.count
            var record = cases[pid] ?? Case(id: pid, patient: Patient(id: pid, name: PersonName()), diagnosis: Diagnosis(text: ""),
                                            provenance: Provenance(file: file, recordId: pid, format: "cbioportal"))
            if cases[pid] == nil { order.append(pid) }
            if let sex = (row["SEX"] ?? row["GENDER"])?.lowercased() {
                record.patient.sex = sex.hasPrefix("f") ? .female : sex.hasPrefix("m") ? .male : .unknown
            }
            if let sid = row["SAMPLE_ID"] {
                let code = row["ONCOTREE_CODE"].flatMap { OncoTree.bundled.node($0) != nil ? $0.uppercased() : nil }
                let text = row["CANCER_TYPE_DETAILED"] ?? row["CANCER_TYPE"] ?? code.flatMap { OncoTree.bundled.name(of: $0) }
                if record.diagnosis.text.isEmpty, let text {
                    record.diagnosis = Diagnosis(oncotreeCode: code ?? OncoTree.bundled.code(forName: text), text: text, primarySite: row["PRIMARY_SITE"])
                }
                record.reports.append(MolecularReport(id: "cbioportal:\(sid)", specimen: Specimen(id: sid, type: row["SAMPLE_TYPE"],
                                                                                                 tumourPurity: row["TUMOR_PURITY"].flatMap(Double.init).map { $0 > 1 ? $0 / 100 : $0 })))
                if let tmb = row["TMB_NONSYNONYMOUS"].flatMap(Double.init) {
                    record.findings.append(Finding(id: "cbioportal:\(sid):TMB", reportId: "cbioportal:\(sid)", kind: .biomarker,
                                                   biomarker: Biomarker(kind: .tmb, value: tmb, unit: "mut/Mb")))
                }
                if row["MSI_TYPE"] != nil || row["MSI_SCORE"] != nil {
                    record.findings.append(Finding(id: "cbioportal:\(sid):MSI", reportId: "cbioportal:\(sid)", kind: .biomarker,
                                                   biomarker: Biomarker(kind: .msi, value: row["MSI_SCORE"].flatMap(Double.init), status: row["MSI_TYPE"])))
                }
                if let subtype = row["SUBTYPE"] {
                    record.findings.append(Finding(id: "cbioportal:\(sid):SUBTYPE", reportId: "cbioportal:\(sid)", kind: .biomarker,
                                                   biomarker: Biomarker(kind: .other, name: "Subtype", status: subtype)))
                }
            }
            cases[pid] = record
            return true
        }
        guard !header.isEmpty else {
            throw ImportError(file: file, message: "no header line; expected cBioPortal clinical data (PATIENT_ID …)")
        }
        var payload = ImportPayload(partialCases: order.map { cases[$0]! })
        let unusedColumns = header.filter { !used.contains($0) }
        if !unusedColumns.isEmpty {
            payload.skipped.append("\(name): \(unusedCells) values in columns the board does not use (\(unusedColumns.joined(separator: ", ")))")
        }
        return payload
    }
}
