import BoardModel
import Foundation

/// The GA4GH Phenopackets v2 `Cohort` part of a cohort file, in the schema's JSON (proto3 field names): only
/// fields the schema defines, filled only from what the board knows for certain (no guessed ontology codes:
/// the diagnosis is an OncoTree term, genes are named by HGNC symbol, treatments by their words).
struct PhenopacketCohort: Codable {
    var id: String
    var description: String
    var members: [Member]
    var metaData: MetaData

    struct Term: Codable {
        var id: String
        var label: String
    }

    struct Age: Codable { var iso8601duration: String }

    struct TimeElement: Codable { var age: Age }

    struct Member: Codable {
        var id: String
        var subject: Subject
        var diseases: [Disease]
        var interpretations: [Interpretation]
        var medicalActions: [MedicalAction]
    }

    struct Subject: Codable {
        var id: String
        var sex: String
        var timeAtLastEncounter: TimeElement?
        var vitalStatus: VitalStatus?
    }

    struct VitalStatus: Codable {
        var status: String
        var survivalTimeInDays: Int?
    }

    struct Disease: Codable {
        var term: Term
        var onset: TimeElement?
    }

    struct Interpretation: Codable {
        var id: String
        var progressStatus: String
        var diagnosis: Diagnosis
    }

    struct Diagnosis: Codable {
        var disease: Term
        var genomicInterpretations: [GenomicInterpretation]
    }

    struct GenomicInterpretation: Codable {
        var subjectOrBiosampleId: String
        var interpretationStatus: String
        var variantInterpretation: VariantInterpretation
    }

    struct VariantInterpretation: Codable {
        var acmgPathogenicityClassification: String
        var therapeuticActionability: String
        var variationDescriptor: VariationDescriptor
    }

    struct VariationDescriptor: Codable {
        var id: String
        var label: String
        var geneContext: GeneContext
        var expressions: [Expression]?
        var moleculeContext: String
    }

    struct GeneContext: Codable {
        var valueId: String
        var symbol: String
    }

    struct Expression: Codable {
        var syntax: String
        var value: String
    }

    struct MedicalAction: Codable {
        var therapeuticRegimen: Regimen
    }

    struct Regimen: Codable {
        var externalReference: Reference
        var regimenStatus: String
    }

    struct Reference: Codable {
        var id: String
        var description: String
    }

    struct MetaData: Codable {
        var created: String
        var createdBy: String
        var phenopacketSchemaVersion = "2.0"
        var resources: [Resource]
        var externalReferences: [Reference]

        init(institution: String, exportedOn: LocalDate) {
            created = "\(exportedOn)T00:00:00Z"
            createdBy = institution
            resources = [
                Resource(
                    id: "oncotree", name: "OncoTree", url: "https://oncotree.mskcc.org", version: OncoTree.release,
                    namespacePrefix: "ONCOTREE", iriPrefix: "https://oncotree.mskcc.org/?field=CODE&search="),
                Resource(
                    id: "hgnc.symbol", name: "HGNC gene symbols", url: "https://www.genenames.org", version: "current",
                    namespacePrefix: "hgnc.symbol", iriPrefix: "https://identifiers.org/hgnc.symbol:"),
            ]
            externalReferences = [
                Reference(
                    id: CohortWriter.format,
                    description:
                        "Board decisions and outcomes (days after diagnosis) in the file's 'tumorboard' section, one record per member id"
                )
            ]
        }
    }

    struct Resource: Codable {
        var id: String
        var name: String
        var url: String
        var version: String
        var namespacePrefix: String
        var iriPrefix: String
    }

    /// One member from the de-identified record (never from the case itself, so nothing else can leak).
    static func member(_ p: ExternalPrecedent) -> Member {
        let term = Term(
            id: p.oncotreeCode.map { "ONCOTREE:\($0)" } ?? "ONCOTREE:unknown",
            label: p.oncotreeCode.flatMap { OncoTree.bundled.name(of: $0) } ?? p.diagnosis)
        let death = p.outcomes.first { $0.kind == .death }
        let last = p.outcomes.map(\.day).max()
        let treatments = p.outcomes.filter { $0.kind == .treatmentStarted }
        let stop = p.outcomes.first { $0.kind == .treatmentStopped }
        return Member(
            id: p.id,
            subject: Subject(
                id: p.id,
                sex: (p.sex ?? .unknown) == .unknown
                    ? "UNKNOWN_SEX" : (p.sex == .other ? "OTHER_SEX" : p.sex!.rawValue.uppercased()),
                timeAtLastEncounter: nil,
                vitalStatus: death != nil
                    ? VitalStatus(status: "DECEASED", survivalTimeInDays: p.daysFrom == "diagnosis" ? death!.day : nil)
                    : (last != nil ? VitalStatus(status: "ALIVE", survivalTimeInDays: nil) : nil)),
            diseases: [
                Disease(term: term, onset: p.ageAtDiagnosis.map { TimeElement(age: Age(iso8601duration: "P\($0)Y")) })
            ],
            interpretations: [
                Interpretation(
                    id: "\(p.id)-board", progressStatus: "UNKNOWN_PROGRESS",
                    diagnosis: Diagnosis(
                        disease: term,
                        genomicInterpretations: p.alterations.enumerated().map { index, a in
                            GenomicInterpretation(
                                subjectOrBiosampleId: p.id, interpretationStatus: "CONTRIBUTORY",
                                variantInterpretation: VariantInterpretation(
                                    acmgPathogenicityClassification: "NOT_PROVIDED",
                                    therapeuticActionability: "UNKNOWN_ACTIONABILITY",
                                    variationDescriptor: VariationDescriptor(
                                        id: "\(p.id)-v\(index + 1)", label: a.label,
                                        geneContext: GeneContext(valueId: "hgnc.symbol:\(a.gene)", symbol: a.gene),
                                        expressions: proteinChange(a).map {
                                            [Expression(syntax: "hgvs.p", value: "p.\($0)")]
                                        },
                                        moleculeContext: "genomic")))
                        }))
            ],
            medicalActions: treatments.map { t in
                MedicalAction(
                    therapeuticRegimen: Regimen(
                        externalReference: Reference(
                            id: "", description: t.regimen ?? t.drugs.joined(separator: " + ")),
                        regimenStatus: stop == nil
                            ? "STARTED" : (stop?.stopReason == .completed ? "COMPLETED" : "DISCONTINUED")))
            })
    }

    /// A mutation's one-letter protein change ("L858R"); nil for a cDNA-only change or other classes.
    static func proteinChange(_ a: Alteration) -> String? {
        guard a.alterationClass == .mutation, let change = a.change, !change.hasPrefix("C.") else { return nil }
        return change
    }
}
