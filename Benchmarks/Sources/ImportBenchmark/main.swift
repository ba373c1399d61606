import Foundation
import BoardModel
import BoardFormats
import BoardStore

// Import benchmark helper.
//   ImportBenchmark generate DIR N   writes DIR/case.json (a native case BENCH-1), DIR/variants.vcf,
//                                    DIR/variants.maf and DIR/variants.tsv (the same N records, same fields)
//   ImportBenchmark phases DIR       times reading and storing in-process (read vs write breakdown)
// Output is deterministic for a given N (a fixed linear congruential generator).

struct Generator {
    var state: UInt64 = 0x2545F4914F6CDD1D
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

let genes = ["TP53", "KRAS", "EGFR", "BRAF", "PIK3CA", "PTEN", "APC", "ERBB2", "NRAS", "IDH1", "ALK", "MET", "BRCA1", "BRCA2", "ARID1A", "KMT2D"]
let amino = ["Ala", "Arg", "Asn", "Asp", "Cys", "Gln", "Glu", "Gly", "His", "Ile", "Leu", "Lys", "Met", "Phe", "Pro", "Ser", "Thr", "Trp", "Tyr", "Val"]
let short = ["A", "R", "N", "D", "C", "Q", "E", "G", "H", "I", "L", "K", "M", "F", "P", "S", "T", "W", "Y", "V"]
let bases = ["A", "C", "G", "T"]

func generate(dir: String, count: Int) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let bench = Case(id: "BENCH-1", patient: Patient(id: "BENCH-P1", name: PersonName(text: "Benchmark Patient")),
                     diagnosis: Diagnosis(oncotreeCode: "LUAD", text: "Lung adenocarcinoma"),
                     reports: [MolecularReport(id: "BENCH-R1", specimen: Specimen(id: "BENCH-TUMOR"))])
    try NativeReader.encoder.encode(BoardBundle(cases: [bench])).write(to: URL(fileURLWithPath: dir + "/case.json"))
    var vcf = """
    ##fileformat=VCFv4.2
    ##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Feature|EXON|HGVSc|HGVSp|CANONICAL">
    ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
    ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
    ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNORMAL\tTUMOR

    """
    var maf = "#version 2.4\nHugo_Symbol\tEntrez_Gene_Id\tCenter\tNCBI_Build\tChromosome\tStart_Position\tEnd_Position\tStrand\tVariant_Classification\tVariant_Type\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tHGVSc\tHGVSp\tHGVSp_Short\tTranscript_ID\tExon_Number\tt_depth\tt_ref_count\tt_alt_count\tFILTER\n"
    var tsv = ""
    var rng = Generator()
    vcf.reserveCapacity(count * 260)
    maf.reserveCapacity(count * 200)
    tsv.reserveCapacity(count * 150)
    for i in 0..<count {
        let chrom = String(i % 22 + 1)
        let pos = 10_000 + (i / 22) * 37
        let ref = bases[rng.next(4)]
        var alt = bases[rng.next(4)]
        if alt == ref { alt = bases[(bases.firstIndex(of: ref)! + 1) % 4] }
        let gene = genes[rng.next(genes.count)]
        let codon = 1 + rng.next(900)
        let (a, b) = (rng.next(20), rng.next(20))
        let hgvsP = "p.\(amino[a])\(codon)\(amino[b])"
        let hgvsShort = "p.\(short[a])\(codon)\(short[b])"
        let hgvsC = "c.\(codon * 3 - 1)\(ref)>\(alt)"
        let transcript = "ENST00000\(100000 + rng.next(800000))"
        let exon = "\(1 + rng.next(20))/21"
        let depth = 40 + rng.next(400)
        let altReads = 1 + rng.next(depth - 1)
        let filter = rng.next(10) == 0 ? "weak_evidence" : "PASS"
        vcf += "\(chrom)\t\(pos)\t.\t\(ref)\t\(alt)\t50\t\(filter)\tCSQ=\(alt)|missense_variant|MODERATE|\(gene)|\(transcript)|\(exon)|\(transcript).1:\(hgvsC)|ENSP00000\(codon).1:\(hgvsP)|YES\tGT:AD:DP\t0/0:\(depth),0:\(depth)\t0/1:\(depth - altReads),\(altReads):\(depth)\n"
        maf += "\(gene)\t0\t.\tGRCh38\t\(chrom)\t\(pos)\t\(pos)\t+\tMissense_Mutation\tSNP\t\(ref)\t\(ref)\t\(alt)\tBENCH-TUMOR\t\(hgvsC)\t\(hgvsP)\t\(hgvsShort)\t\(transcript)\t\(exon)\t\(depth)\t\(depth - altReads)\t\(altReads)\t\(filter)\n"
        let vaf = Double(altReads) / Double(depth)
        tsv += "BENCH-1/\(chrom):\(pos):\(ref):\(alt)\tBENCH-1\t\(chrom)\t\(pos)\t\(ref)\t\(alt)\t\(gene)\t\(transcript)\t\(hgvsC)\t\(hgvsShort)\tmissense_variant\t\(exon)\t\(vaf)\t\(depth)\t\(filter == "PASS" ? "" : filter)\n"
    }
    try vcf.write(toFile: dir + "/variants.vcf", atomically: false, encoding: .utf8)
    try maf.write(toFile: dir + "/variants.maf", atomically: false, encoding: .utf8)
    try tsv.write(toFile: dir + "/variants.tsv", atomically: false, encoding: .utf8)
}

func seconds(_ start: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

func phases(dir: String) throws {
    for file in ["variants.vcf", "variants.maf"] {
        let path = dir + "/" + file
        let t0 = DispatchTime.now()
        let payload = try BoardReader.payload(path: path, options: .init(caseId: "BENCH-1"))
        let read = seconds(t0)
        let store = try BoardStore.inMemory(user: "bench")
        try store.importBundle(try BoardReader.read(path: dir + "/case.json"))
        let batches = payload.findingSets.map { FindingBatch(caseId: $0.caseId, sample: $0.sample, report: $0.report, findings: $0.findings) }
        let t1 = DispatchTime.now()
        try store.importRecords(BoardBundle(), findingBatches: batches)
        let write = seconds(t1)
        let n = payload.recordCount
        print(String(format: "%@: %d records; read %.3f s (%.0f rec/s), store (in memory) %.3f s (%.0f rec/s)", file, n, read, Double(n) / read, write, Double(n) / write))
    }
}

let args = CommandLine.arguments
switch args.count > 1 ? args[1] : "" {
case "generate" where args.count == 4:
    try generate(dir: args[2], count: Int(args[3]) ?? 200_000)
case "phases" where args.count == 3:
    try phases(dir: args[2])
default:
    FileHandle.standardError.write(Data("usage: ImportBenchmark generate DIR N | phases DIR\n".utf8))
    exit(1)
}
