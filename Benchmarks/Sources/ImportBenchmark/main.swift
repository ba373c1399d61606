import Foundation
import BoardModel
import BoardFormats
import BoardStore

// Import benchmark helper, on the files scripts/bench_import_generate.py wrote into DIR (case.json, variants.vcf,
// variants.maf):
//   ImportBenchmark phases DIR   times parsing alone, then parsing and storing together (the store parses on a
//                                second thread while it writes), into an in-memory store
//   ImportBenchmark parse FILE   times parsing alone, chunk by chunk as the store reads it (for profiling)
//   ImportBenchmark dump FILE…   prints every finding a VCF/MAF file yields, one JSON line each (to compare
//                                reader versions on real files)

func seconds(_ start: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

func phases(dir: String) throws {
    for file in ["variants.vcf", "variants.maf"] {
        let path = dir + "/" + file
        let t0 = DispatchTime.now()
        let payload = try BoardReader.payload(path: path, options: .init(caseId: "BENCH-1"))
        let read = seconds(t0)
        let n = payload.findingSets.reduce(0) { $0 + $1.findings.count }
        let store = try BoardStore.inMemory(user: "bench")
        try store.importBundle(try BoardReader.read(path: dir + "/case.json"))
        let streamed = try BoardReader.payload(path: path, options: .init(caseId: "BENCH-1", streamFindings: true))
        let t1 = DispatchTime.now()
        try store.importRecords(BoardBundle(), findingStreams: streamed.findingStreams)
        let both = seconds(t1)
        print(String(format: "%@: %d records; parse alone %.3f s (%.0f rec/s); parse + store (in memory, two threads) %.3f s (%.0f rec/s)",
                     file, n, read, Double(n) / read, both, Double(n) / both))
    }
}

func dump(paths: [String]) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    for path in paths {
        do {
            let p = try BoardReader.payload(path: path, options: .init(caseId: path.contains("maf") ? nil : "C"))
            for b in p.findingSets {
                for f in b.findings {
                    print(path, b.sample ?? "-", b.report.id, b.report.assay ?? "-", String(decoding: try encoder.encode(f), as: UTF8.self))
                }
            }
            print(path, "SKIPPED", p.skipped, "NOTES", p.notes)
        } catch { print(path, "ERROR", error) }
    }
}

let args = CommandLine.arguments
switch args.count > 1 ? args[1] : "" {
case "phases" where args.count == 3:
    try phases(dir: args[2])
case "parse" where args.count == 3:
    let t0 = DispatchTime.now()
    let payload = try BoardReader.payload(path: args[2], options: .init(caseId: "C", streamFindings: true))
    var n = 0
    for stream in payload.findingStreams { _ = try stream.read { chunk, _ in n += chunk.findings.count } }
    print(String(format: "%d findings in %.3f s", n, seconds(t0)))
case "dump" where args.count > 2:
    dump(paths: Array(args.dropFirst(2)))
default:
    FileHandle.standardError.write(Data("usage: ImportBenchmark phases DIR | parse FILE | dump FILE…\n".utf8))
    exit(1)
}
