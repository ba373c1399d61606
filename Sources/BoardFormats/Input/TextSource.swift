import Foundation

/// The bytes of a text file, decompressed when gzip/bgzip, checked as UTF-8, split into lines without
/// copying. Tabular readers (VCF, MAF, cBioPortal, CIViC) walk it byte by byte so that large files stay fast.
struct TextSource {
    let file: String
    /// The text: the file's own bytes (not copied) or what gzip gave back.
    let text: Data

    init(data: Data, file: String) throws {
        self.file = file
        text = Gzip.isCompressed(data) ? try Gzip.decompress(file: file, data: data) : data
    }

    init(bytes: [UInt8], file: String) {
        self.file = file
        text = Data(bytes)
    }

    var count: Int { text.count }

    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try text.withUnsafeBytes { try body($0.bindMemory(to: UInt8.self)) }
    }

    /// Throws a located error at the first byte that is not UTF-8 (fast when the file is ASCII).
    func requireUTF8(expected: String) throws {
        let valid = withBytes { buffer -> Bool in
            guard buffer.contains(where: { $0 >= 0x80 }) else { return true }
            return String(validating: buffer, as: UTF8.self) != nil
        }
        if valid { return }
        throw ImportError(
            file: file, location: JSONPosition.firstInvalidUTF8(in: text),
            message: "invalid UTF-8; expected \(expected) in UTF-8")
    }

    /// Bytes of a `size`-byte file read once `consumed` bytes of text are: the two differ when it was compressed.
    func progress(_ consumed: Int, of size: Int) -> Int {
        count == size ? consumed : Int(Double(min(consumed, count)) / Double(max(1, count)) * Double(size))
    }

    /// Calls `body` with each line (without the newline or a trailing CR) and its 1-based number; `body` returns false to stop.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool) rethrows {
        try withBytes { all in
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
        split(separator: separator, into: &result)
        return result
    }

    /// Splits into `out` (cleared first, capacity kept): the per-line split of the VCF/MAF hot loops allocates nothing.
    func split(separator: UInt8, into out: inout [UnsafeBufferPointer<UInt8>]) {
        out.removeAll(keepingCapacity: true)
        forEachField(separator: separator) { out.append($0) }
    }

    /// Calls `body` with each `separator`-separated part, without building an array.
    func forEachField(separator: UInt8, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard let base = baseAddress else {
            try body(self)
            return
        }
        var start = 0
        while let hit = memchr(base + start, Int32(separator), count - start) {
            let end = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            try body(UnsafeBufferPointer(start: base + start, count: end - start))
            start = end + 1
        }
        try body(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// The part after the first `byte`, or nil when there is none.
    func after(_ byte: UInt8) -> UnsafeBufferPointer<UInt8>? {
        guard let i = firstIndex(of: byte) else { return nil }
        return UnsafeBufferPointer(rebasing: self[(i + 1)...])
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

    /// A decimal number, correctly rounded like `Double(String)` (which is the fallback): plain decimals whose
    /// significant digits fit in 2^53 with at most 22 fraction digits are one exact division (Clinger's fast path), without
    /// making a String.
    var double: Double? {
        if let i = int { return Double(i) }
        guard let base = baseAddress, count > 0 else { return nil }
        var i = 0
        let negative = base[0] == 0x2D
        if negative || base[0] == 0x2B { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var dot = false
        var seen = false
        while i < count {
            let b = base[i]
            if b >= 0x30 && b <= 0x39 {
                if mantissa > 0 || b != 0x30 { digits += 1 }  // significant digits only
                if digits > 19 { return Double(string) }
                mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
                seen = true
                if dot { fraction += 1 }
            } else if b == 0x2E && !dot {
                dot = true
            } else {
                return Double(string)
            }
            i += 1
        }
        guard seen else { return nil }
        guard mantissa <= 1 << 53, fraction <= 22 else { return Double(string) }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }

}

/// 10^0 … 10^22, each exact in a Double.
let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }
