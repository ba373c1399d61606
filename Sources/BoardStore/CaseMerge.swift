import BoardModel
import Foundation

/// Completes an existing case with a partial record (cBioPortal clinical rows): fills what the case lacks and
/// adds reports and findings by id, never blanking what another source already gave.
enum CaseMerge {
    static let placeholder = "(no diagnosis in the file)"

    /// A case's own record imported again (FHIR, Phenopacket) replaces the stored one, but what the record does not
    /// state at all is not a statement that it is gone: a Patient file alone (no Condition) keeps the stored
    /// diagnosis, stage and performance status. Stated values replace the stored ones as before.
    static func keepingUnstated(_ record: Case, over stored: Case?) -> Case {
        guard let stored, record.provenance != nil else { return record }
        var kept = record
        let placeholder = record.diagnosis.oncotreeCode == nil && record.diagnosis.text.hasPrefix("(no ")
        if placeholder && !stored.diagnosis.text.hasPrefix("(no ") { kept.diagnosis = stored.diagnosis }
        if record.stage == nil { kept.stage = stored.stage }
        if record.performance == nil { kept.performance = stored.performance }
        // A sex or birth date the record does not state validly (a gender "12", a birth date "1965-13-45": reported
        // in the import's account, not stored) is not a statement that the stored one is wrong.
        if record.patient.sex == .unknown { kept.patient.sex = stored.patient.sex }
        if record.patient.birthDate == nil { kept.patient.birthDate = stored.patient.birthDate }
        return kept
    }

    static func merge(_ existing: Case?, _ partial: Case) -> Case {
        guard var merged = existing else {
            var fresh = partial
            if fresh.diagnosis.text.isEmpty { fresh.diagnosis.text = placeholder }
            return fresh
        }
        let d = partial.diagnosis
        if merged.patient.sex == .unknown { merged.patient.sex = partial.patient.sex }
        if merged.patient.name == PersonName() { merged.patient.name = partial.patient.name }
        // A later source may say the patient died; an "alive" never overwrites a recorded death.
        if partial.patient.vitalStatus == .deceased || merged.patient.vitalStatus == .unknown {
            if partial.patient.vitalStatus != .unknown { merged.patient.vitalStatus = partial.patient.vitalStatus }
        }
        if merged.patient.deceasedOn == nil { merged.patient.deceasedOn = partial.patient.deceasedOn }
        if merged.patient.causeOfDeath == nil { merged.patient.causeOfDeath = partial.patient.causeOfDeath }
        if merged.patient.recordedAge == nil && merged.patient.birthDate == nil {
            merged.patient.recordedAge = partial.patient.recordedAge
        }
        if merged.performance == nil { merged.performance = partial.performance }
        if merged.stage == nil { merged.stage = partial.stage }
        if merged.diagnosis.diagnosedOn == nil { merged.diagnosis.diagnosedOn = d.diagnosedOn }
        if merged.diagnosis.laterality == nil { merged.diagnosis.laterality = d.laterality }
        if merged.diagnosis.sourceCode == nil { merged.diagnosis.sourceCode = d.sourceCode }
        if merged.diagnosis.clinicalStatus == nil { merged.diagnosis.clinicalStatus = d.clinicalStatus }
        if merged.diagnosis.abatedOn == nil { merged.diagnosis.abatedOn = d.abatedOn }
        if merged.diagnosis.verification == nil { merged.diagnosis.verification = d.verification }
        // Survival months are the study's latest statement (a re-import with new follow-up replaces them).
        if let survival = partial.patient.survival { merged.patient.survival = survival }
        // A study's own columns, read again, take the newer value (cBioPortal patient rows).
        let attributes = merged.patient.attributes
        merged.patient.attributes = ClinicalAttribute.merged(attributes, with: partial.patient.attributes)
        if merged.patient.race == nil { merged.patient.race = partial.patient.race }
        if merged.patient.ethnicity == nil { merged.patient.ethnicity = partial.patient.ethnicity }
        for site in partial.metastaticSites where !merged.metastaticSites.contains(site) {
            merged.metastaticSites.append(site)
        }
        for line in partial.treatmentHistory {
            // The same treatment read again takes the source's newer reading (its end, status, last date).
            if let i = merged.treatmentHistory.firstIndex(where: {
                $0.regimen == line.regimen && $0.drugs == line.drugs && $0.start == line.start
                    && $0.setting == line.setting
            }) {
                merged.treatmentHistory[i] = line
            } else {
                merged.treatmentHistory.append(line)  // its line number is the source's, never a count
            }
        }
        if !d.text.isEmpty && !d.text.hasPrefix("(no ")
            && (merged.diagnosis.text.isEmpty || merged.diagnosis.text.hasPrefix("(no "))
        {
            merged.diagnosis.text = d.text
        }
        if merged.diagnosis.oncotreeCode == nil { merged.diagnosis.oncotreeCode = d.oncotreeCode }
        if merged.diagnosis.histology == nil { merged.diagnosis.histology = d.histology }
        if merged.diagnosis.primarySite == nil { merged.diagnosis.primarySite = d.primarySite }
        for report in partial.reports {
            if let i = merged.reports.firstIndex(where: { $0.id == report.id }) {
                merged.reports[i] = report
            } else {
                merged.reports.append(report)
            }
        }
        for finding in partial.findings {
            if let i = merged.findings.firstIndex(where: { $0.id == finding.id }) {
                var f = finding
                f.evidence = merged.findings[i].evidence  // knowledge attached later is not the source's to drop
                merged.findings[i] = f
            } else {
                merged.findings.append(finding)
            }
        }
        return merged
    }
}
