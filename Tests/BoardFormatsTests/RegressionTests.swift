import BoardFormats
import BoardModel
import Foundation
import TUIKit
import Testing

/// Inputs the fuzzer (scripts/fuzz.sh) found crashing or hanging a reader, minimized and synthetic, kept
/// under Regression/<reader>/. Every one must now end in a value or a thrown ImportError — never a trap.
@Suite("Fuzzer regressions")
struct RegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regression")

    /// The readers replayed here: the same names, in the same order, as the fuzz harness's targets.
    static let readers = [
        "vcf", "maf", "fhir", "phenopacket", "cbioportal", "ctgov", "ctgov-xml", "ctml", "civic", "caselist", "native",
        "theme", "cohort", "outcome-fhir", "outcome-timeline", "outcome-native", "detect", "minutes",
    ]

    /// The same calls as Fuzz/Sources/BoardFuzz/Fuzz.swift, but errors are thrown, so a test sees them.
    static func read(_ reader: String, _ data: Data) throws {
        switch reader {
        case "vcf": _ = try VCFReader.read(data: data, file: "fuzz.vcf")
        case "maf": _ = try MAFReader.read(data: data, file: "fuzz.maf", caseId: "C-1")
        case "fhir": _ = try FHIRReader.read(data: data, file: "fuzz.json")
        case "phenopacket": _ = try PhenopacketReader.read(data: data, file: "fuzz.json")
        case "cbioportal": _ = try CBioPortalClinicalReader.read(data: data, file: "fuzz.txt")
        case "ctgov": _ = try ClinicalTrialsGovReader.read(data: data, file: "fuzz.json")
        case "ctgov-xml": _ = try ClinicalTrialsGovXMLReader.read(data: data, file: "fuzz.xml")
        case "ctml": _ = try CTMLReader.read(data: data, file: "fuzz.yaml")
        case "civic": _ = try CIViCReader.read(data: data, file: "fuzz.tsv")
        case "caselist": _ = try CaseListReader.read(data: data, file: "fuzz.csv")
        case "native": _ = try NativeReader.read(data: data, file: "fuzz.json")
        case "theme":
            // A theme error is its own type; any thrown error is a clear answer, only a trap is a finding.
            if let text = String(data: data, encoding: .utf8) {
                _ = try? Theme.parse(yaml: text, source: "fuzz.yaml", roles: .interface)
            }
        case "cohort":
            _ = CohortReader.recognises(data)
            _ = try CohortReader.read(data, file: "fuzz.json")
        case "outcome-fhir", "outcome-native": _ = try OutcomeFileReader.read(data: data, file: "fuzz.json")
        case "outcome-timeline": _ = try OutcomeFileReader.read(data: data, file: "fuzz.txt")
        case "detect": _ = BoardReader.detect(data)
        case "minutes":
            let text = String(decoding: data, as: UTF8.self)
            _ = MinutesAnchors.chainHead(in: text)
            _ = MinutesAnchors.signedDecisions(in: text)
        default: Issue.record("no reader named \(reader) (folder Regression/\(reader))")
        }
    }

    /// The harness, the fuzz script and this replay name the same readers, so a reader added to one is not
    /// silently left out of the others.
    @Test func harnessScriptAndReplayNameTheSameReaders() throws {
        let root = Self.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let harness = try String(
            contentsOf: root.appendingPathComponent("Fuzz/Sources/BoardFuzz/Fuzz.swift"), encoding: .utf8)
        let script = try String(contentsOf: root.appendingPathComponent("scripts/fuzz.sh"), encoding: .utf8)
        func names(after marker: String, in text: String, closing: Character) -> [String] {
            guard let start = text.range(of: marker) else { return [] }
            let list = text[start.upperBound...].prefix { $0 != closing }
            return list.split(whereSeparator: { $0.isWhitespace || ",\"".contains($0) }).map(String.init)
        }
        #expect(names(after: "static let known = [", in: harness, closing: "]") == Self.readers)
        #expect(names(after: "ALL=(", in: script, closing: ")") == Self.readers)
        for folder in try FileManager.default.contentsOfDirectory(atPath: Self.folder.path) {
            #expect(Self.readers.contains(folder), "Regression/\(folder) is not a reader the harness fuzzes")
        }
        for folder in try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path) {
            #expect(Self.readers.contains(folder), "Fuzz/Seeds/\(folder) is not a reader the harness fuzzes")
            #expect(script.contains("\n        \(folder))"), "scripts/fuzz.sh seeds no target named \(folder)")
        }
        for reader in Self.readers {
            #expect(script.contains("\n        \(reader))"), "scripts/fuzz.sh has no seeds for \(reader)")
        }
    }

    static let seeds = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Seeds")

    /// The committed seeds (synthetic, from the unit tests' specification cases) are inputs the reader accepts:
    /// a seed that no longer reads gives the fuzzer nothing to mutate past the first error.
    @Test func everySeedIsReadWithoutError() throws {
        let fm = FileManager.default
        var read = 0
        for reader in try fm.contentsOfDirectory(atPath: Self.seeds.path).sorted() {
            for name in try fm.contentsOfDirectory(atPath: Self.seeds.appendingPathComponent(reader).path).sorted() {
                let data = try Data(contentsOf: Self.seeds.appendingPathComponent(reader).appendingPathComponent(name))
                #expect(throws: Never.self, "Fuzz/Seeds/\(reader)/\(name) no longer reads: regenerate it") {
                    try Self.read(reader, data)
                }
                read += 1
            }
        }
        #expect(read >= 4)
    }

    /// Replays the whole corpus (a few files; milliseconds).
    @Test func everyRegressionInputEndsInAValueOrAnError() throws {
        let fm = FileManager.default
        var replayed = 0
        for reader in try fm.contentsOfDirectory(atPath: Self.folder.path).sorted() {
            for name in try fm.contentsOfDirectory(atPath: Self.folder.appendingPathComponent(reader).path).sorted() {
                let data = try Data(contentsOf: Self.folder.appendingPathComponent(reader).appendingPathComponent(name))
                do { try Self.read(reader, data) } catch is ImportError {}  // a clear error is a correct answer
                replayed += 1
            }
        }
        #expect(replayed > 0)
    }

    /// MAF read counts of 1e300, inf, nan or negative trapped converting Double to Int; now they are absent.
    @Test func mafHugeReadCountsAreIgnored() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("maf/huge-counts.maf"))
        let findings = try MAFReader.read(data: data, file: "huge-counts.maf", caseId: "C-1").findingSets.flatMap(
            \.findings)
        #expect(findings.count == 3)
        #expect(findings.allSatisfy { $0.depth == nil || $0.depth! < 1_000_000_000_000_000 })
        #expect(findings[0].depth == 10)  // an impossible t_depth falls back to t_ref_count + t_alt_count
    }

    /// A long run of letters after "Sign-off" made the regular expression reading minutes' sign-off quadratic
    /// (`verify --against` took minutes on 16 kB); the linear reader still finds the entry after the run.
    @Test func minutesWithALongRunAfterTheSignOffStillReadTheirEntry() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("minutes/sign-off-long-run.txt"))
        let signed = MinutesAnchors.signedDecisions(in: String(decoding: data, as: UTF8.self))
        #expect(signed.map(\.caseId) == ["C-1"] && signed.map(\.decisionId) == ["D-C-1-1"])
        #expect(signed.first?.version == 1 && signed.first?.hash.hasPrefix("8b0048912") == true)
    }

    /// A comment holding bytes that are not UTF-8 trapped inside Foundation's XMLParser; now a clear error first.
    @Test func ctgovXMLWithInvalidUTF8IsRefusedBeforeParsing() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("ctgov-xml/comment-invalid-utf8.xml"))
        #expect(throws: ImportError.self) { try ClinicalTrialsGovXMLReader.read(data: data, file: "x.xml") }
    }
}
