import Testing

@testable import BoardModel

@Suite("OncoTree")
struct OncoTreeTests {
    let tree = OncoTree.bundled

    @Test func holdsTheRelease() {
        #expect(tree.nodes.count > 800)
        #expect(tree.name(of: "IHCH") == "Intrahepatic Cholangiocarcinoma")
        #expect(tree.code(forName: "lung adenocarcinoma") == "LUAD")
    }

    @Test func subtreesAndSolidLiquid() {
        #expect(tree.isWithin("LUAD", "NSCLC"))
        #expect(tree.isWithin("LUAD", "LUAD"))
        #expect(!tree.isWithin("NSCLC", "LUAD"))
        #expect(!tree.isWithin("COAD", "NSCLC"))
        #expect(tree.isWithin("GIST", "_SOLID_"))
        #expect(!tree.isWithin("GIST", "_LIQUID_"))
        #expect(tree.isWithin("AML", "_LIQUID_"))
        #expect(!tree.isWithin("NOPE", "_SOLID_"))
        #expect(tree.ancestors(of: "LUAD") == ["LUAD", "NSCLC", "LUNG"])
    }
}

@Suite("OncoTree history")
struct OncoTreeHistoryTests {
    @Test func retiredCodesMapThroughTheReleaseHistory() {
        let tree = OncoTree.bundled
        #expect(tree.lookup("LUAD") == .current("LUAD"))
        #expect(tree.lookup("gbm") == .retired(old: "GBM", now: "GB", how: "revocations"))
        #expect(tree.lookup("MM") == .retired(old: "MM", now: "PCM", how: "history"))
        #expect(tree.lookup("ALL") == .split(old: "ALL", into: ["BLL", "TLL"]))
        #expect(tree.lookup("NOTACODE") == .unknown("NOTACODE"))
    }
}

@Suite("OncoTree crosswalk")
struct OncoTreeCrosswalkTests {
    typealias C = OncoTreeCrosswalk.Coding
    static let sct = "http://snomed.info/sct"

    @Test func everyTargetIsANodeOfTheBundledRelease() {
        let targets =
            Array(OncoTreeCrosswalk.concepts.values) + Array(OncoTreeCrosswalk.icd10.values)
            + Array(OncoTreeCrosswalk.morphology.values)
            + OncoTreeCrosswalk.morphologyConcepts.values.map(\.code) + OncoTreeCrosswalk.wordings.map(\.code)
        for code in targets { #expect(OncoTree.bundled.node(code) != nil, "\(code) is not in \(OncoTree.release)") }
    }

    @Test func siteOnlyDiagnosesMapToTheTissueAndHistologyRefinesIt() {
        #expect(
            OncoTreeCrosswalk.map(
                codings: [C(system: Self.sct, code: "254837009")], text: "Malignant neoplasm of breast (disorder)")?
                .oncotree == "BREAST")
        #expect(
            OncoTreeCrosswalk.map(
                codings: [C(system: Self.sct, code: "353431000119107")], text: nil,
                histology: [C(system: Self.sct, code: "82711006")])?.oncotree == "IDC")
        #expect(OncoTreeCrosswalk.map(codings: [], text: "Infiltrating duct carcinoma of breast")?.oncotree == "IDC")
        #expect(OncoTreeCrosswalk.map(codings: [], text: "Primary malignant neoplasm of breast")?.oncotree == "BREAST")
        #expect(
            OncoTreeCrosswalk.map(codings: [], text: "Overlapping malignant neoplasm of colon")?.oncotree == "BOWEL")
        #expect(
            OncoTreeCrosswalk.map(
                codings: [C(system: "http://hl7.org/fhir/sid/icd-10-cm", code: "C50.912")], text: nil)?.oncotree
                == "BREAST")
        #expect(
            OncoTreeCrosswalk.map(codings: [C(system: "http://hl7.org/fhir/sid/icd-10-cm", code: "C22.0")], text: nil)?
                .oncotree == "HCC")
        #expect(OncoTreeCrosswalk.map(morphology: "8500/3", topography: "C50.9") == "IDC")
        #expect(OncoTreeCrosswalk.map(morphology: "8500/3", topography: "C18.7") == nil)
        #expect(
            OncoTreeCrosswalk.map(codings: [C(system: nil, code: "NCIT:C7541")], text: "Retinoblastoma")?.oncotree
                == "RBL")
    }

    @Test func benignInSituAndUnknownStayUnmapped() {
        #expect(OncoTreeCrosswalk.map(codings: [], text: "Benign neoplasm of breast") == nil)
        #expect(OncoTreeCrosswalk.map(codings: [], text: "Hypertension") == nil)
        #expect(
            OncoTreeCrosswalk.map(codings: [C(system: Self.sct, code: "38341003")], text: "Hypertensive disorder")
                == nil)
    }
}
