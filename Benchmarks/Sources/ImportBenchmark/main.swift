import Foundation
import BoardModel
import BoardFormats
import BoardStore

// Import benchmark helper: `ImportBenchmark phases DIR` times reading and storing in-process (read vs write
// breakdown) on the files scripts/bench_import_generate.py wrote into DIR (case.json, variants.vcf, variants.maf).

func seconds(_ start: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

func phases(dir: String) throws {
    for file in ["variants.vcf", "variants.maf"] {
        let path = dir + "/" + file
        let t0 = DispatchTime.now()
        let payload = try BoardReader.payload(path: path, options: .init(caseId: "BENCH-1"))
        let read = seconds(t0)
        let store = try BoardStore.inMemory(user: "bench")
        try store.importBundle(try BoardReader.read(path: dir + "/case.json"))
        let batches = payload.findingSets
        let t1 = DispatchTime.now()
        try store.importRecords(BoardBundle(), findingBatches: batches)
        let write = seconds(t1)
        let n = payload.recordCount
        print(String(format: "%@: %d records; read %.3f s (%.0f rec/s), store (in memory) %.3f s (%.0f rec/s)", file, n, read, Double(n) / read, write, Double(n) / write))
    }
}

let args = CommandLine.arguments
switch args.count > 1 ? args[1] : "" {
case "phases" where args.count == 3:
    try phases(dir: args[2])
default:
    FileHandle.standardError.write(Data("usage: ImportBenchmark phases DIR\n".utf8))
    exit(1)
}
