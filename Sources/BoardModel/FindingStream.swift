import Foundation

/// A lab file's findings (VCF, MAF) handed over in chunks as the file is parsed, so that the store writes one
/// chunk while the reader parses the next (two cores instead of one) and a whole-exome file never sits in
/// memory as one array. Each chunk is a `FindingBatch` holding part of one sample's findings; chunks of the same
/// sample repeat its report. Readers make streams (BoardFormats); the store drains them (BoardStore).
public struct FindingStream: Sendable {
    /// What reading the whole file left out and wants the user to know, known only once it is read.
    public struct Outcome: Sendable {
        public var skipped: [String]
        public var notes: [String]
        /// Records (VCF data lines, MAF rows) read, and findings made from them.
        public var read: Int
        public var made: Int
        /// Fields of the input the reader did not use ("INFO/MQ", "FORMAT/PL", "CSQ/SIFT", "column Center"), each with
        /// the number of records (or annotation entries) holding it: nothing in the file is lost without a word.
        public var unused: [(name: String, count: Int)]
        /// Gene symbols read through HGNC, as `ImportAccount.geneSymbols` words them.
        public var geneSymbols: [String: Int] = [:]
        public init(
            skipped: [String] = [], notes: [String] = [], read: Int = 0, made: Int = 0,
            unused: [(name: String, count: Int)] = []
        ) {
            self.skipped = skipped
            self.notes = notes
            self.read = read
            self.made = made
            self.unused = unused
        }

        /// The file's account for the import report: records read, skips, and the fields not used.
        public func account(file: String, format: String) -> ImportAccount {
            var account = ImportAccount(file: file, format: format, recordsRead: read)
            for (name, count) in unused { account.unused(name, count: count) }
            for (note, count) in geneSymbols { account.gene(note, count: count) }
            return account
        }

        /// One line naming the unused fields with their counts, most frequent first (nil when every field was used).
        public func unusedSummary(file: String, limit: Int = 12) -> String? {
            guard !unused.isEmpty else { return nil }
            let shown = unused.prefix(limit).map { "\($0.name) (\($0.count))" }.joined(separator: ", ")
            let more = unused.count > limit ? ", and \(unused.count - limit) more" : ""
            return "\(file): \(unused.count) field(s) not used: \(shown)\(more)"
        }
    }

    /// Receives each chunk and how many bytes of the file have been read so far (for progress).
    public typealias Emit = (_ chunk: FindingBatch, _ bytesRead: Int) throws -> Void

    public let file: String
    /// Bytes the reader will walk (decompressed size once known; the file size before), for progress.
    public let size: Int
    private let body: @Sendable (_ chunkSize: Int, _ emit: Emit) throws -> Outcome

    public init(
        file: String, size: Int, read body: @escaping @Sendable (_ chunkSize: Int, _ emit: Emit) throws -> Outcome
    ) {
        self.file = file
        self.size = size
        self.body = body
    }

    /// Parses the file, calling `emit` with chunks in file order, each sent once it holds `chunkSize` findings
    /// (the ALT alleles of one VCF record stay in one chunk). A file without findings still emits one empty
    /// chunk, so its report is recorded. Throws the file's first error.
    public func read(chunkSize: Int = 8192, _ emit: Emit) throws -> Outcome {
        try body(max(1, chunkSize), emit)
    }

    /// Reads the whole stream into one batch per sample (tests, small files and callers that want arrays).
    public func collect() throws -> (batches: [FindingBatch], outcome: Outcome) {
        var batches: [FindingBatch] = []
        var slot: [String: Int] = [:]
        let outcome = try read { chunk, _ in
            let key = (chunk.caseId ?? "") + "\t" + (chunk.sample ?? "") + "\t" + chunk.report.id
            if let i = slot[key] {
                batches[i].findings += chunk.findings
            } else {
                slot[key] = batches.count
                batches.append(chunk)
            }
        }
        return (batches, outcome)
    }
}
