import BoardModel
import BoardStore
import Foundation
import TUIKit
import Testing

@testable import BoardApp

/// The Molecular tab's labels at 80×24 and 120×40 (the new-user run): germline and somatic always tell apart,
/// a classification is a word or its standard abbreviation but never a cut word ("pathoge…"), a rearrangement
/// shows its kind, place, size or partner genes instead of a cut span, and unknown age and sex are written.
@MainActor
@Suite("Molecular tab labels")
struct MolecularLabelsTests {
    static func findings() -> [Finding] {
        var germline = Finding(id: "g1", kind: .snv, gene: "BRCA2", hgvsP: "p.S1982fs")
        germline.origin = .germline
        germline.classification = .pathogenic
        var somatic = Finding(id: "s1", kind: .snv, gene: "RB1", hgvsP: "p.R251*")
        somatic.classification = .likelyPathogenic
        var deletion = Finding(id: "sv1", kind: .structural, chrom: "1", position: 11_851_618)
        deletion.svType = .deletion
        deletion.end = 11_863_918
        var fusion = Finding(id: "sv2", kind: .structural, chrom: "22", position: 23_632_600)
        fusion.svType = .translocation
        fusion.partners = ["BCR", "ABL1"]
        fusion.partnerChrom = "9"
        fusion.partnerPosition = 133_589_268
        var breakend = Finding(id: "sv3", kind: .structural, chrom: "2", position: 29_446_394)
        breakend.svType = .breakend
        breakend.partnerChrom = "7"
        breakend.partnerPosition = 55_019_017
        return [germline, somatic, deletion, fusion, breakend]
    }

    func app(width: Int, height: Int) throws -> BoardApp {
        let store = try SampleBoard.store()
        var record = try #require(try store.caseRecord(id: "C-0009")).record
        record.findings = Self.findings()
        record.patient.sex = .unknown
        record.patient.birthDate = nil
        try store.importBundle(BoardBundle(cases: [record]), now: SampleBoard.now)
        let (app, _) = try SampleBoard.app(width: width, height: height, store: store)
        app.run(.openCase("C-0009"))
        app.handle(.char("2"))
        return app
    }

    func row(_ text: String, _ needle: String) throws -> String {
        try #require(text.split(separator: "\n").map(String.init).first { $0.contains(needle) }, "\(needle)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func originClassAndRearrangementsRead(width: Int, height: Int) throws {
        let text = try app(width: width, height: height).frame().textDump()
        #expect(text.contains("Origin"), "\(text)")
        let brca2 = try row(text, "BRCA2")
        let rb1 = try row(text, "RB1")
        let deletion = try row(text, "deletion")
        let breakend = try row(text, "breakend")
        #expect(brca2.contains("germline"))
        #expect(rb1.contains("somatic"))
        #expect(!text.contains("pathoge…") && !text.contains("likely …"), "\(text)")
        if width < 100 {
            #expect(brca2.contains(" P "), "ACMG abbreviation: \(brca2)")
            #expect(rb1.contains(" LP "), "\(rb1)")
        } else {
            #expect(brca2.contains("pathogenic"))
        }
        // The kind and size always show; the place shortens to chromosomes before a number would be cut.
        #expect(
            deletion.contains("deletion 12.3 kb") || deletion.contains("deletion 1:11851618 12.3 kb"),
            "\(deletion)")
        #expect(try row(text, "BCR::ABL1").contains("BCR::ABL1"))
        #expect(breakend.contains("→ chr7") || breakend.contains("→ 7:55019017"), "\(breakend)")
        for line in [deletion, breakend] {
            #expect(line.range(of: "[0-9]…", options: .regularExpression) == nil, "a cut number: \(line)")
        }
        // The header says age and sex are not recorded, in words (at 80 columns the title may be cut before it).
        if width >= 120 { #expect(text.contains("age and sex unknown"), "\(text)") }
    }

    @Test func sizesAndShortKinds() {
        #expect(AlterationCell.format(bases: 850) == "850 bp")
        #expect(AlterationCell.format(bases: 12_300) == "12.3 kb")
        #expect(AlterationCell.format(bases: 999_999) == "1.0 Mb")
        #expect(AlterationCell.format(bases: 1_234_567) == "1.2 Mb")
        #expect(AlterationCell.format(bases: 250_000) == "250 kb")
        var sv = Finding(id: "x", kind: .structural, chrom: "3", position: 100)
        sv.svType = .tandemDuplication
        sv.svLength = -2_500
        #expect(AlterationCell.text(sv) == "tandem dup 3:100 2.5 kb")
        sv.svType = nil
        sv.svLength = nil
        #expect(AlterationCell.text(sv) == "rearrangement 3:100")
        var deletion = Finding(id: "d", kind: .structural, chrom: "1", position: 11_851_618)
        deletion.svType = .deletion
        deletion.end = 11_863_918
        #expect(AlterationCell.text(deletion) == "deletion 1:11851618 12.3 kb")
        #expect(AlterationCell.text(deletion, width: 24) == "deletion 12.3 kb chr1")
        #expect(AlterationCell.text(deletion, width: 18) == "deletion 12.3 kb")
        var breakend = Finding(id: "b", kind: .structural, chrom: "2", position: 29_446_394)
        breakend.svType = .breakend
        breakend.partnerChrom = "7"
        breakend.partnerPosition = 55_019_017
        #expect(AlterationCell.text(breakend) == "breakend 2:29446394 → 7:55019017")
        #expect(AlterationCell.text(breakend, width: 24) == "breakend chr2 → chr7")
        #expect(AlterationCell.text(breakend, width: 18) == "breakend → chr7")
        for c in Classification.allCases {
            #expect(ClassificationCell.abbreviation(c).count <= ClassificationCell.narrowWidth)
        }
    }
}
