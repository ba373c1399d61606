import BoardModel
import Foundation

/// Writes decided cases as a de-identified cohort file (docs/cohort-exchange.md): a GA4GH Phenopackets v2
/// `Cohort` (one Phenopacket per case: subject with sex, age in years and survival in days, the OncoTree
/// diagnosis with age at onset, the decisive variants as genomic interpretations, the treatments as medical
/// actions) and beside it the `tumorboard` section the Phenopacket schema has no place for: each case's signed
/// recommendations with their evidence and its outcomes in days after the diagnosis.
///
/// Nothing identifying leaves: no name, identifier, birth or other calendar date, no free text that has not
/// been through the `Deidentifier`; finding and decision ids are dropped (they embed case ids).
public enum CohortWriter {
    public static let format = "tumorboard-cohort/1"

    /// The record a partner board keeps of one decided case.
    public static func precedent(_ member: DecidedCase) -> ExternalPrecedent {
        let c = member.record
        // Names in free text become the export's pseudonym, never the on-screen one (a hash of the internal id).
        var patient = c.patient
        patient.pseudonym = member.pseudonym
        let scrub = Deidentifier(patient: patient)
        let decided = LocalDate(member.decision.signedAt ?? member.decision.recordedAt)
        let origin = c.diagnosis.diagnosedOn ?? decided
        var seen = Set<Alteration>()
        let decisive = c.findings.filter { Alteration($0) != nil }
        return ExternalPrecedent(
            id: member.pseudonym, sex: c.patient.sex == .unknown ? nil : c.patient.sex,
            ageAtDiagnosis: c.patient.age(on: origin), diagnosis: scrub.scrub(c.diagnosis.text),
            oncotreeCode: c.diagnosis.oncotreeCode, stageGroup: c.stage?.group, priorLines: c.priorSystemicLines,
            alterations: decisive.compactMap(Alteration.init).filter { seen.insert($0).inserted },
            findings: decisive.map { scrub.scrub($0.label) },
            daysFrom: c.diagnosis.diagnosedOn == nil ? "decision" : "diagnosis",
            decisionDay: origin.days(until: decided),
            recommendations: member.decision.recommendations.map { rec in
                var copy = rec
                copy.findingIds = []
                copy.rationale = scrub.scrub(rec.rationale)
                copy.therapy = rec.therapy.map(scrub.scrub)
                return copy
            },
            consensus: member.decision.consensus,
            outcomes: member.outcomes.map { TimedOutcome($0, origin: origin) }.sorted { $0.day < $1.day })
    }

    /// The whole file as JSON (sorted keys, so equal exports are equal bytes).
    public static func write(
        _ members: [DecidedCase], institution: String, exportId: String, exportedOn: LocalDate,
        description: String
    ) throws -> Data {
        let precedents = members.map(precedent)
        let file = CohortDocument(
            cohort: PhenopacketCohort(
                id: exportId, description: description,
                members: precedents.map(PhenopacketCohort.member),
                metaData: .init(institution: institution, exportedOn: exportedOn)),
            tumorboard: .init(
                format: format,
                file: CohortFile(
                    exportId: exportId, institution: institution, exportedOn: exportedOn, precedents: precedents)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(file)
    }
}

/// The file: the standard cohort and the board's section beside it.
struct CohortDocument: Codable {
    var cohort: PhenopacketCohort
    var tumorboard: Section

    struct Section: Codable {
        var format: String
        var file: CohortFile

        enum CodingKeys: String, CodingKey { case format, exportId, institution, exportedOn, precedents }

        init(format: String, file: CohortFile) {
            self.format = format
            self.file = file
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            format = try c.decode(String.self, forKey: .format)
            file = CohortFile(
                exportId: try c.decode(String.self, forKey: .exportId),
                institution: try c.decode(String.self, forKey: .institution),
                exportedOn: try c.decodeIfPresent(LocalDate.self, forKey: .exportedOn),
                precedents: try c.decode([ExternalPrecedent].self, forKey: .precedents))
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(format, forKey: .format)
            try c.encode(file.exportId, forKey: .exportId)
            try c.encode(file.institution, forKey: .institution)
            try c.encodeIfPresent(file.exportedOn, forKey: .exportedOn)
            try c.encode(file.precedents, forKey: .precedents)
        }
    }
}
