import BoardModel
import Foundation

/// Reads VCF 4.0–4.3 (plain, gzip or bgzip, streamed) into findings, following the specification and the
/// header's own declarations: annotations (VEP CSQ/ANN, SnpEff ANN, bcftools BCSQ, ANNOVAR INFO fields) by
/// declared field name; symbolic and breakend alleles as structural variants, breakend mates joined into one
/// rearrangement; sample roles and somatic/germline origin only from explicit evidence (`VCFSampleRoles`); VAF and
/// depth by caller convention with their source (`VCFSampleEvidence`); INFO AF never read as a VAF. What the
/// reader does not use (INFO/FORMAT keys, annotation fields) is counted by name in the outcome.
public enum VCFReader {
    public struct Options: Sendable {
        /// Case the findings belong to (`--case`); otherwise the store maps each sample name to a case.
        public var caseId: String?
        /// Sample column to read (`--sample`); otherwise the tumour column, or every column when no tumour is named.
        public var sample: String?
        public init(caseId: String? = nil, sample: String? = nil) {
            self.caseId = caseId
            self.sample = sample
        }
    }

    static func recognises(head: String) -> Bool {
        head.hasPrefix("##fileformat=VCF") || head.contains("\n#CHROM\tPOS\tID\tREF\tALT")
            || head.hasPrefix("#CHROM\tPOS\tID\tREF\tALT")
    }

    /// Reads the whole file into a payload (one finding batch per sample read).
    public static func read(data: Data, file: String, options: Options = Options()) throws -> ImportPayload {
        let (batches, outcome) = try stream(data: data, file: file, options: options).collect()
        var payload = ImportPayload(findingSets: batches, skipped: outcome.skipped, notes: outcome.notes)
        payload.accounts = [outcome.account(file: file, format: "vcf")]
        return payload
    }

    /// The file's findings as a stream of chunks from bytes in memory.
    public static func stream(data: Data, file: String, options: Options = Options()) -> FindingStream {
        stream(file: file, size: data.count, options: options) { try TextLines(data: data, file: file) }
    }

    /// The file's findings as a stream of chunks read from disk block by block (memory stays bounded).
    public static func stream(path: String, options: Options = Options()) -> FindingStream {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return stream(file: path, size: size, options: options) { try TextLines(path: path) }
    }

    static func stream(file: String, size: Int, options: Options, open: @escaping @Sendable () throws -> TextLines)
        -> FindingStream
    {
        FindingStream(file: file, size: size) { chunkSize, emit in
            let lines = try open()
            var parser = VCFRecordParser(file: file, options: options, chunkSize: chunkSize)
            try lines.forEachLine { line, number in
                try parser.consume(line, number: number) { try emit($0, lines.bytesRead) }
                return true
            }
            return try parser.finish { try emit($0, lines.bytesRead) }
        }
    }
}
