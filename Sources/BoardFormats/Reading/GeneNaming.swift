import BoardModel

/// The gene symbols of one file read through the bundled HGNC release (`GeneSymbols.normalize`): a previous or
/// alias symbol of one gene is stored as the approved symbol, an ambiguous, withdrawn or unknown one is kept as
/// written, and each such reading is counted for the file's import account, so nothing changes or stays
/// unresolved without a word. Readings are cached per file (a whole-exome VCF names the same genes many times).
struct GeneNaming {
    private var cache: [String: GeneSymbolReading] = [:]
    /// Account lines ("gene MLL3 read as KMT2C (previous HGNC symbol)") with how many values each.
    private(set) var notes: [String: Int] = [:]

    /// The symbol to store for `written` (nil and empty stay as they are).
    mutating func symbol(_ written: String?) -> String? {
        guard let written, !written.isEmpty else { return written }
        let reading: GeneSymbolReading
        if let known = cache[written] {
            reading = known
        } else {
            reading = GeneSymbols.normalize(written)
            cache[written] = reading
        }
        if let note = reading.note { notes[note, default: 0] += 1 }
        return reading.stored
    }

    /// Both partners of a fusion or rearrangement, each read the same way.
    mutating func symbols(_ written: [String]?) -> [String]? {
        written?.map { symbol($0) ?? $0 }
    }

    /// Writes the notes into an account.
    func record(into account: inout ImportAccount) {
        for (note, count) in notes { account.gene(note, count: count) }
    }
}
