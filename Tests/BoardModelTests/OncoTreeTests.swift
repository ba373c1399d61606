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
