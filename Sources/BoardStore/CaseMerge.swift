import Foundation
import BoardModel

/// Completes an existing case with a partial record (cBioPortal clinical rows): fills what the case lacks and
/// adds reports and findings by id, never blanking what another source already gave.
enum CaseMerge {
    static let placeholder = "(no diagnosis in the file)"

    static func merge(_ existing: Case?, _ partial: Case) -> Case {
        guard var merged = existing else {
            var fresh = partial
            if fresh.diagnosis.text.isEmpty { fresh.diagnosis.text = placeholder }
            return fresh
        }
        if merged.patient.sex == .unknown { merged.patient.sex = partial.patient.sex }
        let d = partial.diagnosis
        if !d.text.isEmpty && (merged.diagnosis.text.isEmpty || merged.diagnosis.text.hasPrefix("(no ")) { merged.diagnosis.text = d.text }
        if merged.diagnosis.oncotreeCode == nil { merged.diagnosis.oncotreeCode = d.oncotreeCode }
        if merged.diagnosis.histology == nil { merged.diagnosis.histology = d.histology }
        if merged.diagnosis.primarySite == nil { merged.diagnosis.primarySite = d.primarySite }
        for report in partial.reports {
            if let i = merged.reports.firstIndex(where: { $0.id == report.id }) { merged.reports[i] = report } else { merged.reports.append(report) }
        }
        for finding in partial.findings {
            if let i = merged.findings.firstIndex(where: { $0.id == finding.id }) {
                var f = finding
                f.evidence = merged.findings[i].evidence // knowledge attached later is not the source's to drop
                merged.findings[i] = f
            } else {
                merged.findings.append(finding)
            }
        }
        return merged
    }
}
