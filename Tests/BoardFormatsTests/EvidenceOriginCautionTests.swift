import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// CIViC states each evidence item's variant origin (somatic, germline; civic-docs model/evidence/origin). Evidence
/// about somatic variants attached to a finding whose origin is unknown (a file that says neither tumour nor germline)
/// is flagged wherever the board reads it, never shown as if the variant were somatic.
@Suite("Evidence on a finding of unknown origin is flagged")
struct EvidenceOriginCautionTests {
    static func entry(_ origin: VariantOrigin?) -> EvidenceEntry {
        EvidenceEntry(
            source: "CIViC", level: EvidenceLevel(scale: .civic, code: "A"), type: "Predictive",
            significance: "Sensitivity/Response", therapy: "Dabrafenib", direction: "Supports", origin: origin)
    }

    static func finding(_ origin: VariantOrigin, evidence: [VariantOrigin?]) -> Finding {
        var f = Finding(id: "F-1", kind: .snv, gene: "BRAF", hgvsP: "p.V600E", origin: origin)
        f.evidence = evidence.map(entry)
        return f
    }

    @Test func onlyAnUnknownOriginUnderEvidenceOfAStatedOriginIsFlagged() {
        #expect(
            Self.finding(.unknown, evidence: [.somatic]).originCaution
                == "origin unknown: somatic evidence may not apply")
        #expect(
            Self.finding(.unknown, evidence: [.germline, .somatic]).originCaution
                == "origin unknown: somatic and germline evidence may not apply")
        #expect(Self.finding(.somatic, evidence: [.somatic]).originCaution == nil)
        #expect(Self.finding(.germline, evidence: [.germline]).originCaution == nil)
        // Evidence that states no origin (CIViC's N/A, combined, unknown) says nothing to flag; nor does no evidence.
        #expect(Self.finding(.unknown, evidence: [nil, .unknown]).originCaution == nil)
        #expect(Self.finding(.unknown, evidence: []).originCaution == nil)
    }

    static func record() -> Case {
        var c = Case(
            id: "C-ORIGIN", patient: Patient(id: "P-O", name: PersonName(given: "A", family: "B")),
            diagnosis: Diagnosis(text: "melanoma"))
        c.findings = [Self.finding(.unknown, evidence: [.somatic])]
        return c
    }

    @Test func showTheMinutesAndTheFindingsDetailSayIt() {
        let c = Self.record()
        let show = CaseSummaryText(record: c, today: LocalDate(year: 2026, month: 12, day: 1)).render()
        #expect(show.contains("(origin unknown: somatic evidence may not apply)"), "\(show)")
        let meeting = Meeting(
            id: "M-O", boardId: "b", startsAt: Date(timeIntervalSince1970: 0),
            agenda: [AgendaItem(caseId: c.id, position: 1)])
        let minutes = MinutesWriter(meeting: meeting, board: Board(id: "b", name: "Board"), cases: [c])
            .render(width: 300)
        #expect(minutes.contains("(origin unknown: somatic evidence may not apply)"), "\(minutes)")
        let detail = FindingDetailText(finding: c.findings[0]).lines()
        #expect(
            detail.contains {
                $0.text.hasPrefix("Origin")
                    && $0.text.hasSuffix("unknown — origin unknown: somatic evidence may not apply")
                    && $0.tone == .caution
            }, "\(detail.map(\.text))")
        #expect(
            detail.contains {
                $0.text.contains("somatic evidence; this finding's origin is unknown, so it may not apply")
                    && $0.tone == .caution
            })
        // A somatic finding's texts carry no such words.
        var somatic = c
        somatic.findings[0].origin = .somatic
        #expect(
            !CaseSummaryText(record: somatic, today: LocalDate(year: 2026, month: 12, day: 1)).render().contains(
                "may not apply"))
        #expect(!FindingDetailText(finding: somatic.findings[0]).render().contains("may not apply"))
    }
}
