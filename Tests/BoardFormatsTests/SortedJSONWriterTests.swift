import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// `SortedJSONWriter` replaces `JSONSerialization` in `show --json` for speed; its text must stay byte-identical to
/// what `JSONSerialization` wrote with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (scripts diff it).
@Suite("Sorted JSON writer (show --json text)")
struct SortedJSONWriterTests {
    static func foundation(_ object: Any) throws -> String {
        String(
            decoding: try JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
            as: UTF8.self)
    }

    static func ours(_ object: Any) throws -> String {
        String(decoding: try SortedJSONWriter.data(object), as: UTF8.self)
    }

    @Test func valuesAndLayoutAsFoundationWritesThem() throws {
        let object: [String: Any] = [
            "text": "quote \" backslash \\ slash / tab \t newline \n return \r bell \u{7} unit \u{1F} é 🧬",
            "numbers": [0, -1, 212, 0.31, 1.0, 0.5, 1e-05, 123_456.789, -3.5, 1.0 / 3.0, 2.5e-9, 0.0, 100.0] as [Any],
            "flags": [true, false], "none": NSNull(), "emptyList": [Any](), "emptyObject": [String: Any](),
            "nested": ["inner": [["a": 1], [String: Any](), [Any]()] as [Any]] as [String: Any],
            "strings": ["", "PT-XYXFAS", "p.L858R"],
        ]
        #expect(try Self.ours(object) == Self.foundation(object))
        #expect(try Self.ours([Any]()) == Self.foundation([Any]()))
    }

    /// Foundation sorts keys by a root-locale collation (case-insensitive, digit runs by value, punctuation first, ties
    /// by case and length); the writer's own order must agree.
    @Test func keyOrderAsFoundationSortsIt() throws {
        let keys = [
            "svType", "svLength", "svSize", "hgvsP", "hgvsPShort", "hgvsC", "partnerChrom", "partners", "a10", "a9",
            "a09", "B", "a", "reportId", "reading", "vaf", "vafSource", "Vb", "va", "oncotree", "oncotreeName", "x_1",
            "x1", "X2", "id", "ID2", "Id", "ab", "aB", "a9b", "a09a", "x-1", "x.1", "ab09", "aB9",
        ]
        var object: [String: Any] = [:]
        for (i, key) in keys.enumerated() { object[key] = i }
        #expect(try Self.ours(object) == Self.foundation(object))
    }

    /// A whole case with every kind of field `show --json` writes: the same bytes as before the change.
    @Test func aWholeCaseIsByteIdenticalToFoundation() throws {
        var c = CaseJSONTests.record()
        c.patient.identifiers.append(PatientIdentifier(kind: .other, system: "urn:oid:1.2.3", value: "X/1"))
        c.stage?.prefixes = ["T": "p", "N": "c"]
        c.metastaticSites = [MetastaticSite(site: "Liver")]
        c.phenotypes = ["Fatigue (HP:0012378) at 2020-01-02"]
        c.treatmentHistory = [
            TherapyLine(line: 1, setting: "adjuvant", regimen: "FOLFOX", drugs: ["oxaliplatin", "fluorouracil"])
        ]
        var sv = Finding(id: "1:11851618:N:<DEL>", kind: .structural, chrom: "1", position: 11_851_618)
        sv.svType = .deletion
        sv.end = 11_863_918
        sv.svLength = -12_300
        sv.precise = false
        sv.sources = [
            FindingSource(reportId: "vcf:pair.vcf:TUMOR", vaf: 0.125, depth: 40, filter: "PASS", genotype: "0/1")
        ]
        var tmb = Finding(id: "TMB", kind: .biomarker)
        tmb.biomarker = Biomarker(kind: .tmb, value: 12.4, unit: "mut/Mb")
        c.findings += [sv, tmb]
        for deidentify in [false, true] {
            let json = CaseJSON(record: c, today: CaseJSONTests.today, deidentify: deidentify)
            let before = try Self.foundation(json.object())
            #expect(String(decoding: try json.data(), as: UTF8.self) == before)
            #expect(
                String(decoding: try json.data(finding: c.findings[0]), as: UTF8.self)
                    == (try Self.foundation(json.finding(c.findings[0]))))
        }
    }

    @Test func aNonFiniteNumberIsRefused() {
        #expect(throws: (any Error).self) { try SortedJSONWriter.data(["vaf": Double.nan]) }
    }
}
