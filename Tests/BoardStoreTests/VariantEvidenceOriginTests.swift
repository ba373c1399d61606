import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Variant-level CIViC evidence obeys the origin rule of gene-level evidence (the new-user run: a germline JAK2
/// V617F took 7 somatic items; a somatic TP53 R248Q took a germline "Likely Pathogenic" one): evidence about
/// somatic variants never reaches a germline finding, and the reverse; evidence or findings of unknown origin are
/// not ruled out.
@Suite("Variant-level evidence and origin")
struct VariantEvidenceOriginTests {
    static func evidence(_ origin: VariantOrigin?) -> EvidenceAttachment {
        EvidenceAttachment(
            gene: "JAK2", variant: "V617F",
            entry: EvidenceEntry(
                source: "CIViC", level: EvidenceLevel(scale: .civic, code: "B"), type: "Predictive",
                therapy: "Ruxolitinib", reference: "CIViC EID\(origin?.rawValue.count ?? 0)", origin: origin))
    }

    @Test(arguments: [
        (VariantOrigin?.some(.somatic), VariantOrigin.germline, false), (.somatic, .somatic, true),
        (.germline, .somatic, false), (.germline, .germline, true), (nil, .germline, true), (nil, .somatic, true),
        (.somatic, .unknown, true),
    ])
    func originsMustAgree(_ evidence: VariantOrigin?, _ finding: VariantOrigin, _ attaches: Bool) {
        let index = EvidenceIndex([Self.evidence(evidence)])
        var f = Finding(
            id: "F", kind: .snv, gene: "JAK2", hgvsP: "p.V617F", consequence: "missense_variant", origin: finding)
        let result = index.apply(to: &f)
        #expect((result.added == 1) == attaches, "evidence \(String(describing: evidence)) on \(finding)")
        #expect(f.evidence.isEmpty != attaches)
    }
}
