import BoardModel
import Testing

/// The levels precedent similarity is built from: OncoTree kinship and alteration kinship.
@Suite("Precedent similarity")
struct SimilarityTests {
    @Test(arguments: [
        ("IHCH", "IHCH", DiagnosisKinship.same),
        ("IHCH", "ihch", .same),
        ("IHCH", "CHOL", .parent),  // CHOL is IHCH's parent
        ("CHOL", "IHCH", .parent),
        ("IHCH", "EHCH", .parent),  // both under CHOL
        ("IHCH", "GBC", .mainType),  // Hepatobiliary Cancer
        ("IHCH", "BILIARY_TRACT", .tissue),
        ("IHCH", "LUAD", .unrelated),
        ("IHCH", "NOT-A-CODE", .unrelated),
    ])
    func diagnosisKinship(a: String, b: String, expected: DiagnosisKinship) {
        #expect(DiagnosisKinship.of(a, b) == expected)
    }

    @Test func diagnosisWithoutCodeIsUnrelated() {
        #expect(DiagnosisKinship.of(nil, "IHCH") == .unrelated)
        #expect(DiagnosisKinship.of("XYZ", "XYZ") == .same)  // a code outside the tree is still itself
    }

    @Test func alterationKinship() {
        let l858r = Alteration(gene: "EGFR", alterationClass: .mutation, change: "L858R")
        #expect(
            AlterationKinship.of(l858r, Alteration(gene: "egfr", alterationClass: .mutation, change: "L858R")) == .exact
        )
        #expect(
            AlterationKinship.of(l858r, Alteration(gene: "EGFR", alterationClass: .mutation, change: "T790M"))
                == .geneAndClass)
        #expect(AlterationKinship.of(l858r, Alteration(gene: "EGFR", alterationClass: .amplification)) == .gene)
        #expect(
            AlterationKinship.of(l858r, Alteration(gene: "KRAS", alterationClass: .mutation, change: "L858R"))
                == .unrelated)
        // Unknown change on either side: gene and class, never exact.
        #expect(AlterationKinship.of(l858r, Alteration(gene: "EGFR", alterationClass: .mutation)) == .geneAndClass)
    }

    @Test func proteinChangesCompareInOneLetterForm() {
        #expect(Alteration.comparable(protein: "p.Leu858Arg") == "L858R")
        #expect(Alteration.comparable(protein: "p.(L858R)") == "L858R")
        #expect(Alteration.comparable(protein: "p.Arg320Ter") == "R320*")
        #expect(Alteration.comparable(protein: nil) == nil)
    }

    @Test func onlyDecisiveFindingsCount() {
        #expect(Alteration(Finding(id: "1", kind: .snv, gene: "TP53", hgvsP: "p.R273H", classification: .vus)) == nil)
        #expect(
            Alteration(Finding(id: "2", kind: .snv, gene: "TP53", hgvsP: "p.R273H", classification: .oncogenic)) != nil)
        #expect(
            Alteration(Finding(id: "3", kind: .fusion, gene: "FGFR2", partners: ["FGFR2", "BICC1"]))?.change
                == "FGFR2::BICC1")
        #expect(
            Alteration(Finding(id: "4", kind: .biomarker, biomarker: Biomarker(kind: .msi, status: "MSI-H"))) == nil)
    }

    @Test func stageComparesAtTheNumeral() {
        #expect(Stage.comparable("IVB") == "IV")
        #expect(Stage.comparable("iiia") == "III")
        #expect(Stage.comparable(" ") == nil)
    }
}
