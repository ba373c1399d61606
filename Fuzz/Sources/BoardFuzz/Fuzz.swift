import Foundation
import BoardFormats
import BoardModel
import BoardStyleRoles
import TUIKit

/// Which reader this process fuzzes, from TB_FUZZ_READER. Each name is also a folder of
/// Tests/BoardFormatsTests/Regression, replayed by `swift test` through the same readers.
enum Target {
    static let reader = ProcessInfo.processInfo.environment["TB_FUZZ_READER"] ?? "vcf"
    /// Every reader the program has: lab files, clinical records, trials, knowledge bases, the spreadsheet
    /// case list, the native layout, themes, cohort files from other boards, outcome files (FHIR, cBioPortal
    /// timelines, native records), the import's format recogniser and the anchors `verify --against` reads in minutes. scripts/fuzz.sh seeds each from its formats'
    /// files (cBioPortal clinical and timeline files both go to `cbioportal`, CTML YAML and JSON to `ctml`, every
    /// CIViC TSV to `civic`, a sample of every format to `detect`).
    static let known = [
        "vcf", "maf", "fhir", "phenopacket", "cbioportal", "ctgov", "ctgov-xml", "ctml", "civic", "caselist", "native",
        "theme", "cohort", "outcome-fhir", "outcome-timeline", "outcome-native", "detect", "minutes",
    ]
}

/// Every input must end in a value or a thrown error: a trap, a crash, a sanitizer report or a hang is a finding.
func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    switch Target.reader {
    case "vcf": _ = try? VCFReader.read(data: data, file: "fuzz.vcf")
    case "maf": _ = try? MAFReader.read(data: data, file: "fuzz.maf", caseId: "C-1")
    case "fhir": _ = try? FHIRReader.read(data: data, file: "fuzz.json")
    case "phenopacket": _ = try? PhenopacketReader.read(data: data, file: "fuzz.json")
    case "cbioportal": _ = try? CBioPortalClinicalReader.read(data: data, file: "fuzz.txt")
    case "ctgov": _ = try? ClinicalTrialsGovReader.read(data: data, file: "fuzz.json")
    case "ctgov-xml": _ = try? ClinicalTrialsGovXMLReader.read(data: data, file: "fuzz.xml")
    case "ctml": _ = try? CTMLReader.read(data: data, file: "fuzz.yaml")
    case "civic": _ = try? CIViCReader.read(data: data, file: "fuzz.tsv")
    case "caselist": _ = try? CaseListReader.read(data: data, file: "fuzz.csv")
    case "native": _ = try? NativeReader.read(data: data, file: "fuzz.json")
    // Against every role the app registers (TUIKit's and the board's), as `tumorboard` reads Themes/.
    case "theme":
        if let text = String(data: data, encoding: .utf8) {
            _ = try? Theme.parse(yaml: text, source: "fuzz.yaml", roles: .board)
        }
    // `import cohort` asks `recognises` first, then reads.
    case "cohort":
        _ = CohortReader.recognises(data)
        _ = try? CohortReader.read(data, file: "fuzz.json")
    // `outcome import` tells the three formats apart by content; the targets differ in their seeds.
    case "outcome-fhir": _ = try? OutcomeFileReader.read(data: data, file: "fuzz.json")
    case "outcome-timeline": _ = try? OutcomeFileReader.read(data: data, file: "fuzz.txt")
    case "outcome-native": _ = try? OutcomeFileReader.read(data: data, file: "fuzz.json")
    // What `import` does before any reader: gzip head, JSON parse, every reader's recogniser.
    case "detect": _ = BoardReader.detect(data)
    // `verify --against MINUTES`: the chain head and the signed decisions' hashes, read as VerifyCommand reads them.
    case "minutes":
        let text = String(decoding: data, as: UTF8.self)
        _ = MinutesAnchors.chainHead(in: text)
        _ = MinutesAnchors.signedDecisions(in: text)
    default:
        fatalError("TB_FUZZ_READER must be one of \(Target.known.joined(separator: ", "))")
    }
    return 0
}

/// libFuzzer's own entry point, for when its `main` is the one linked (the debug build: SwiftPM renames the
/// executable's `main` there too, and libFuzzer's main.o then looks for this symbol).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt { fuzzOne(bytes, count) }

/// Called once by libFuzzer before the first input: builds the HGNC symbol table the lab, clinical and CIViC
/// readers look genes up in, so its one-time cost (half a minute in the unoptimised sanitizer build on a loaded
/// machine) is not charged to the first input as a timeout.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    _ = GeneSymbols.normalize("TP53")
    return 0
}
