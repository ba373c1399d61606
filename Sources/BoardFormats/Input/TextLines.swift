import Foundation

/// The lines of a lab file (VCF, MAF) read block by block from disk or memory, gunzipped on the fly when the file
/// is gzip/bgzip, so a file of millions of records never sits in memory whole. Lines end at LF, CRLF or a bare CR
/// (old Mac exports); each is checked as UTF-8 and an invalid byte is reported with its line and offset.
final class TextLines {
    let file: String
    /// Size of the input as stored (compressed size for gzip), for progress.
    let size: Int
    private var fd: Int32 = -1
    private let data: Data?
    private var dataOffset = 0
    /// Compressed (stored) bytes read so far.
    private(set) var bytesRead = 0
    private var inflater: Gzip.Inflater?
    private var input: [UInt8] = []
    private static let block = 1 << 20

    /// Opens a file on disk.
    init(path: String) throws {
        file = path
        data = nil
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ImportError(file: path, message: "cannot read the file") }
        var st = stat()
        size = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        try start()
    }

    /// Reads bytes already in memory (tests, and formats read whole).
    init(data: Data, file: String) throws {
        self.file = file
        self.data = data
        size = data.count
        try start()
    }

    deinit { if fd >= 0 { close(fd) } }

    private func start() throws {
        input = [UInt8](repeating: 0, count: Self.block)
        let n = readInput()
        if n >= 2 && input[0] == 0x1F && input[1] == 0x8B { inflater = try Gzip.Inflater(file: file) }
        pending = n
    }

    /// Bytes sitting in `input` not yet handed over (from the first read, kept for detection).
    private var pending = 0
    private var pendingStart = 0

    /// Reads the next stored block into `input`; returns how many bytes (0 at the end).
    private func readInput() -> Int {
        var n = 0
        if let data {
            n = min(Self.block, data.count - dataOffset)
            if n > 0 {
                input.withUnsafeMutableBytes { out in
                    data.copyBytes(
                        to: out.bindMemory(to: UInt8.self),
                        from: (data.startIndex + dataOffset)..<(data.startIndex + dataOffset + n))
                }
                dataOffset += n
            }
        } else {
            n = input.withUnsafeMutableBytes { read(fd, $0.baseAddress, Self.block) }
            if n < 0 { n = 0 }
        }
        bytesRead += n
        return n
    }

    /// Fills `out` with the next text bytes; returns how many (0 at the end of the text).
    private func produce(_ out: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        guard let inflater else {
            if pending > 0 {
                let n = min(pending, out.count)
                let from = pendingStart
                input.withUnsafeBufferPointer { src in
                    _ = UnsafeMutableBufferPointer(rebasing: out[0..<n]).initialize(from: src[from..<(from + n)])
                }
                pending -= n
                pendingStart += n
                return n
            }
            if data == nil {
                let n = read(fd, out.baseAddress, out.count)
                if n > 0 { bytesRead += n }
                return max(0, n)
            }
            let n = min(out.count, data!.count - dataOffset)
            guard n > 0 else { return 0 }
            data!.copyBytes(to: out, from: (data!.startIndex + dataOffset)..<(data!.startIndex + dataOffset + n))
            dataOffset += n
            bytesRead += n
            return n
        }
        while true {
            if inflater.needsInput {
                if pending == 0 { pending = readInput() }
                if pending == 0 {
                    if !inflater.atMemberEnd {
                        throw ImportError(
                            file: file,
                            message: "the gzip data ends early (truncated file); expected a complete gzip or bgzip file"
                        )
                    }
                    return 0
                }
                let count = pending
                pending = 0
                input.withUnsafeBufferPointer {
                    inflater.feed(UnsafeBufferPointer(rebasing: $0[0..<count]), last: false)
                }
            }
            let n = try inflater.inflate(into: out)
            if n > 0 { return n }
        }
    }

    /// Calls `body` with each line (without its line end) and its 1-based number; `body` returns false to stop.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool) throws {
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        var filled = 0
        var number = 0
        var offset = 0  // text offset of buffer[0]
        var finished = false
        while !finished {
            if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let n = try buffer.withUnsafeMutableBufferPointer {
                try produce(UnsafeMutableBufferPointer(rebasing: $0[filled...]))
            }
            filled += n
            if n == 0 { finished = true }
            var stop = false
            let used = try buffer.withUnsafeBufferPointer { all -> Int in
                guard let base = all.baseAddress else { return 0 }
                var start = 0
                var lf = -1
                var cr = -1  // next LF / CR at or after start (-1: search again; filled: none)
                while start < filled {
                    if lf < start {
                        lf =
                            memchr(base + start, 0x0A, filled - start).map {
                                UnsafeRawPointer($0) - UnsafeRawPointer(base)
                            } ?? filled
                    }
                    if cr < start {
                        cr =
                            memchr(base + start, 0x0D, filled - start).map {
                                UnsafeRawPointer($0) - UnsafeRawPointer(base)
                            } ?? filled
                    }
                    var end = min(lf, cr)
                    var next: Int
                    if end == filled {
                        guard finished else { break }  // an incomplete last line: wait for more text
                        next = filled
                    } else if end == cr {
                        if cr + 1 == filled && !finished { break }  // CR at the block end: LF may follow
                        next = cr + 1 < filled && base[cr + 1] == 0x0A ? cr + 2 : cr + 1
                    } else {
                        next = lf + 1
                    }
                    end = min(end, filled)
                    number += 1
                    let line = UnsafeBufferPointer(start: base + start, count: end - start)
                    try Self.requireUTF8(line, file: file, line: number, offset: offset + start)
                    if try !body(line, number) {
                        stop = true
                        return next
                    }
                    start = next
                }
                return start
            }
            if stop { return }
            if used > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    if filled > used { b.baseAddress!.update(from: b.baseAddress! + used, count: filled - used) }
                }
                filled -= used
                offset += used
            }
        }
    }

    /// Throws at a line's first byte that is not UTF-8 (ASCII lines pass after a word-wise check).
    static func requireUTF8(_ line: UnsafeBufferPointer<UInt8>, file: String, line number: Int, offset: Int) throws {
        guard let base = line.baseAddress else { return }
        var i = 0
        let n = line.count
        var high = false
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                high = true
                break
            }
            i += 8
        }
        if !high {
            while i < n {
                if base[i] >= 0x80 {
                    high = true
                    break
                }
                i += 1
            }
        }
        guard high, String(validating: line, as: UTF8.self) == nil else { return }
        // Find the first offending byte for the message.
        var bad = 0
        var k = 0
        while k < n {
            let b = base[k]
            let len =
                b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if len == 0 || k + len > n
                || String(validating: UnsafeBufferPointer(rebasing: line[k..<(k + len)]), as: UTF8.self) == nil
            {
                bad = k
                break
            }
            k += len
        }
        let byte = String(format: "0x%02X", base[bad])
        throw ImportError(
            file: file, location: "line \(number), column \(bad + 1), byte \(offset + bad)",
            message: "invalid UTF-8 (byte \(byte)); expected UTF-8 text")
    }
}
