/// The loci (chromosome, start, reference and tumour allele) already met for one sample of a MAF, to find duplicate
/// rows exactly in little memory: a whole-genome MAF of one sample has millions of rows, and a set of their text
/// keys held 16 bytes per row plus the table's slack (about 200 MB at its peak for 5 million rows). Most loci
/// (a chromosome among the file's first 256, a start below 2^32, alleles of A, C, G, T, N or "-" together at
/// most seven bases) pack exactly into 64 bits; the rest are kept as text. Packing is exact, never a hash, so two
/// different loci are never taken for one (a silently dropped variant). Packed keys of a file sorted by position
/// within each chromosome cost about 4 bytes each (`SortedKeyRuns`); a hash set of them cost 13–20 at its peak.
struct SampleRowKeys {
    private var packed = SortedKeyRuns()
    private var other: Set<String> = []

    /// Inserts a locus; false when the sample already had it.
    mutating func insert(
        chrom: String, position: Int, ref: String, alt: String, chromosomes: inout ChromosomeNumbers
    ) -> Bool {
        if let key = Self.pack(chrom: chrom, position: position, ref: ref, alt: alt, chromosomes: &chromosomes) {
            return packed.insert(key, group: UInt8(key >> 56))
        }
        return other.insert("\(chrom):\(position):\(ref):\(alt)").inserted
    }

    /// Inserts a key of a row without a full locus (kept as text).
    mutating func insert(text: String) -> Bool { other.insert(text).inserted }

    /// chromosome number (8 bits) · start (32 bits) · ref "|" alt in 3-bit symbols (24 bits, zero-padded).
    static func pack(chrom: String, position: Int, ref: String, alt: String, chromosomes: inout ChromosomeNumbers)
        -> UInt64?
    {
        guard position >= 0, position < 1 << 32, ref.utf8.count + alt.utf8.count <= 7,
            let number = chromosomes.number(chrom)
        else { return nil }
        var alleles: UInt64 = 0
        var symbols = 0
        for byte in ref.utf8 + [UInt8(ascii: "|")] + alt.utf8 {
            guard let code = symbol(byte) else { return nil }
            alleles = alleles << 3 | code
            symbols += 1
        }
        alleles <<= UInt64(3 * (8 - symbols))
        return UInt64(number) << 56 | UInt64(position) << 24 | alleles
    }

    private static func symbol(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "A"): 1
        case UInt8(ascii: "C"): 2
        case UInt8(ascii: "G"): 3
        case UInt8(ascii: "T"): 4
        case UInt8(ascii: "N"): 5
        case UInt8(ascii: "-"): 6
        case UInt8(ascii: "|"): 7
        default: nil
        }
    }
}

/// Small numbers for the chromosome names of one file (the first 256 names met; later ones get none).
struct ChromosomeNumbers {
    private var numbers: [String: UInt8] = [:]

    mutating func number(_ name: String) -> UInt8? {
        if let n = numbers[name] { return n }
        guard numbers.count < 256 else { return nil }
        let n = UInt8(numbers.count)
        numbers[name] = n
        return n
    }
}
