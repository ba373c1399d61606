import Testing

@testable import BoardModel

/// The bundled HGNC release read the way HGNC's own symbol checker reads a symbol: approved first, then previous,
/// alias and withdrawn symbols of exactly one approved gene; several candidates are never settled by a guess.
@Suite struct GeneSymbolsTests {
    @Test func approvedSymbolsStandAsWritten() {
        let kmt2d = GeneSymbols.normalize("KMT2D")
        #expect(kmt2d.standing == .approved)
        #expect(kmt2d.stored == "KMT2D")
        #expect(kmt2d.hgncId == "HGNC:7133")
        #expect(kmt2d.locusType == "gene with protein product")
        #expect(kmt2d.note == nil)
    }

    @Test func caseIsNotSignificantButIsReported() {
        let reading = GeneSymbols.normalize("c9orf72")
        #expect(reading.standing == .approved)
        #expect(reading.stored == "C9orf72")
        #expect(reading.note?.contains("another case") == true)
    }

    @Test func previousSymbolOfOneGeneReadsAsThatGene() {
        let reading = GeneSymbols.normalize("MLL3")
        #expect(reading.standing == .previousSymbol)
        #expect(reading.stored == "KMT2C")
        #expect(GeneSymbols.normalize("WHSC1").stored == "NSD2")
        #expect(GeneSymbols.normalize("FAM123B").stored == "AMER1")
    }

    @Test func aliasOfOneGeneReadsAsThatGene() {
        let reading = GeneSymbols.normalize("HER2")
        #expect(reading.standing == .aliasSymbol)
        #expect(reading.stored == "ERBB2")
    }

    @Test func symbolOfSeveralGenesStaysAsWrittenWithCandidates() {
        // MLL2: previous symbol of KMT2D and alias of KMT2B; which one a file meant cannot be known.
        let reading = GeneSymbols.normalize("MLL2")
        #expect(reading.standing == .ambiguous)
        #expect(reading.approved == nil)
        #expect(reading.stored == "MLL2")
        #expect(reading.candidates == ["KMT2B", "KMT2D"])
        #expect(reading.note == "gene MLL2 kept as written: ambiguous, HGNC candidates KMT2B, KMT2D")
        // A withdrawn symbol split into two genes.
        #expect(GeneSymbols.normalize("DFNA2").candidates == ["GJB3", "KCNQ4"])
    }

    @Test func withdrawnAndUnknownSymbolsAreKeptAndSaidSo() {
        let withdrawn = GeneSymbols.normalize("A12M1")
        #expect(withdrawn.standing == .withdrawn)
        #expect(withdrawn.stored == "A12M1")
        let unknown = GeneSymbols.normalize("NOTAGENE7")
        #expect(unknown.standing == .unknown)
        #expect(unknown.stored == "NOTAGENE7")
        #expect(unknown.note == "gene NOTAGENE7 kept as written: not an HGNC symbol")
    }

    @Test func hgncIdsResolveOverTheWholeRelease() {
        #expect(GeneSymbols.approvedSymbol(hgncId: "HGNC:11389") == "STK11")
        #expect(GeneSymbols.approvedSymbol(hgncId: "HGNC:7133") == "KMT2D")
        #expect(GeneSymbols.approvedSymbol(hgncId: "hgnc:5") == "A1BG")
        #expect(GeneSymbols.approvedSymbol(hgncId: "HGNC:1") == nil)  // entry withdrawn
        #expect(GeneSymbols.byHGNCId["HGNC:12766"] == "NSD2")
        #expect(
            GeneSymbols.symbol(code: "HGNC:12766", display: "nuclear receptor binding SET domain protein 2").symbol
                == "NSD2")
    }

    @Test func theWholeReleaseIsBundled() {
        #expect(HGNCIndex.shared.entries.count > 40000)
        #expect(GeneSymbols.release.contains("2024-07-23"))
    }
}
