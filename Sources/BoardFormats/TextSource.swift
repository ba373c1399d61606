import Foundation

/// The bytes of a text file, decompressed when gzip/bgzip, checked as UTF-8, split into lines without
/// copying. Tabular readers (VCF, MAF, cBioPortal, CIViC) walk it byte by byte so that large files stay fast.
struct TextSource {
    let file: String
    let bytes: [UInt8]

    init(data: Data, file: String) throws {
        self.file = file
        if Gzip.isCompressed(data) {
            self.bytes = try Gzip.decompress(file: file, data: data)
        } else {
            self.bytes = [UInt8](data)
        }
    }

    init(bytes: [UInt8], file: String) {
        self.file = file
        self.bytes = bytes
    }

    /// Throws a located error at the first byte that is not UTF-8 (fast when the file is ASCII).
    func requireUTF8(expected: String) throws {
        var needsCheck = false
        bytes.withUnsafeBufferPointer { buffer in
            for b in buffer where b >= 0x80 { needsCheck = true; break }
        }
        guard needsCheck else { return }
        if String(validating: bytes, as: UTF8.self) != nil { return }
        throw ImportError(file: file, location: JSONPosition.firstInvalidUTF8(in: Data(bytes)),
                          message: "invalid UTF-8; expected \(expected) in UTF-8")
    }

    /// Calls `body` with each line (without the newline or a trailing CR) and its 1-based number; `body` returns false to stop.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            var start = 0
            var number = 0
            let count = all.count
            while start < count {
                number += 1
                let rest = count - start
                let end: Int
                if let hit = memchr(base + start, 0x0A, rest) {
                    end = start + (UnsafeRawPointer(hit) - UnsafeRawPointer(base + start))
                } else {
                    end = count
                }
                var stop = end
                if stop > start && base[stop - 1] == 0x0D { stop -= 1 }
                if try !body(UnsafeBufferPointer(start: base + start, count: stop - start), number) { return }
                start = end + 1
            }
        }
    }

    /// The first `limit` bytes as text, for format detection.
    static func head(_ data: Data, limit: Int = 65536) -> String {
        String(decoding: data.prefix(limit), as: UTF8.self)
    }
}

/// Splitting a line into tab-separated fields without allocating strings.
extension UnsafeBufferPointer where Element == UInt8 {
    func fields(separator: UInt8 = 0x09) -> [UnsafeBufferPointer<UInt8>] {
        var result: [UnsafeBufferPointer<UInt8>] = []
        result.reserveCapacity(16)
        guard let base = baseAddress else { return [self] }
        var start = 0
        for i in 0..<count where base[i] == separator {
            result.append(UnsafeBufferPointer(start: base + start, count: i - start))
            start = i + 1
        }
        result.append(UnsafeBufferPointer(start: base + start, count: count - start))
        return result
    }

    var string: String { String(decoding: self, as: UTF8.self) }

    func hasPrefix(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard count >= n else { return false }
        let p = prefix.utf8Start
        for i in 0..<n where self[i] != p[i] { return false }
        return true
    }

    func equals(_ text: StaticString) -> Bool { count == text.utf8CodeUnitCount && hasPrefix(text) }

    /// A non-negative decimal integer, or nil.
    var int: Int? {
        guard count > 0, count < 19 else { return nil }
        var value = 0
        for b in self {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    var double: Double? {
        if let i = int { return Double(i) }
        return Double(string)
    }
}
