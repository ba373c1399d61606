import CZlib
import Foundation

/// gzip and bgzip (blocked gzip, as in `.vcf.gz`) decompression in-process through the system zlib: no `gzip`
/// process, and lab files are inflated block by block while they are read, so memory stays bounded however large
/// the file. bgzip files are concatenated gzip members (RFC 1952 §2.2), read one after the other.
enum Gzip {
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// The whole decompressed content (formats read as one document: JSON, XML, small tables).
    static func decompress(file: String, data: Data) throws -> Data {
        let inflater = try Inflater(file: file)
        var out = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        try data.withUnsafeBytes { raw in
            let input = raw.bindMemory(to: UInt8.self)
            inflater.feed(input, last: true)
            while true {
                let n = try chunk.withUnsafeMutableBufferPointer { try inflater.inflate(into: $0) }
                if n > 0 { out.append(contentsOf: chunk[0..<n]) }
                if n == 0 && inflater.needsInput { break }
            }
        }
        return out
    }

    /// The first `limit` decompressed bytes (format detection without inflating the whole file).
    static func head(file: String, data: Data, limit: Int = 65536) throws -> Data {
        let inflater = try Inflater(file: file)
        var chunk = [UInt8](repeating: 0, count: limit)
        var filled = 0
        try data.withUnsafeBytes { raw in
            inflater.feed(raw.bindMemory(to: UInt8.self), last: false)
            while filled < limit {
                let n = try chunk.withUnsafeMutableBufferPointer { buffer in
                    try inflater.inflate(into: UnsafeMutableBufferPointer(rebasing: buffer[filled...]))
                }
                filled += n
                if n == 0 && inflater.needsInput { break }
            }
        }
        return Data(chunk[0..<filled])
    }

    /// One zlib inflate stream that follows gzip member after member (bgzip), fed input block by block.
    final class Inflater {
        private let stream: UnsafeMutablePointer<z_stream>
        private let file: String
        private var last = false
        private var ended = false
        /// Compressed bytes consumed so far (for error positions).
        private(set) var consumed = 0

        init(file: String) throws {
            self.file = file
            stream = .allocate(capacity: 1)
            stream.initialize(to: z_stream())
            // 15 + 32: a window of 32 KiB, gzip or zlib header detected automatically.
            guard tb_inflateInit2(stream, 15 + 32) == Z_OK else {
                stream.deallocate()
                throw ImportError(file: file, message: "cannot start gzip decompression (zlib)")
            }
        }

        deinit {
            inflateEnd(stream)
            stream.deallocate()
        }

        /// True when every byte fed so far has been consumed (feed more, or stop when the last block was fed).
        var needsInput: Bool { stream.pointee.avail_in == 0 }

        /// Hands zlib the next block of compressed bytes; the block must stay valid until it is consumed.
        func feed(_ input: UnsafeBufferPointer<UInt8>, last: Bool) {
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = uInt(input.count)
            self.last = last
        }

        /// Inflates into `output`; returns the bytes written (0 when it needs input or the data ended).
        func inflate(into output: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
            guard let base = output.baseAddress, output.count > 0 else { return 0 }
            var written = 0
            while written < output.count {
                if ended {
                    // Between members: another gzip member follows (bgzip), or only padding is left.
                    guard stream.pointee.avail_in > 0 else { return written }
                    let next = stream.pointee.next_in!
                    if next.pointee == 0 {
                        let n = Int(stream.pointee.avail_in)
                        var k = 0
                        while k < n && next[k] == 0 { k += 1 }
                        consumed += k
                        stream.pointee.next_in = next + k
                        stream.pointee.avail_in -= uInt(k)
                        continue
                    }
                    guard next.pointee == 0x1F else {
                        throw ImportError(
                            file: file, location: "compressed byte \(consumed)",
                            message:
                                "data after the end of the gzip stream; expected another gzip member or the end of the file"
                        )
                    }
                    inflateReset(stream)
                    ended = false
                }
                if stream.pointee.avail_in == 0 {
                    if last && written == 0 && !ended {
                        throw ImportError(
                            file: file,
                            message: "the gzip data ends early (truncated file); expected a complete gzip or bgzip file"
                        )
                    }
                    return written
                }
                stream.pointee.next_out = base + written
                stream.pointee.avail_out = uInt(output.count - written)
                let before = Int(stream.pointee.avail_in)
                let rc = CZlib.inflate(stream, Z_NO_FLUSH)
                consumed += before - Int(stream.pointee.avail_in)
                written = output.count - Int(stream.pointee.avail_out)
                switch rc {
                case Z_OK: continue
                case Z_STREAM_END: ended = true
                case Z_BUF_ERROR:
                    if stream.pointee.avail_in == 0 {
                        if last && written == 0 {
                            throw ImportError(
                                file: file,
                                message:
                                    "the gzip data ends early (truncated file); expected a complete gzip or bgzip file")
                        }
                        return written
                    }
                default:
                    let reason = stream.pointee.msg.map { String(cString: $0) } ?? "corrupt data"
                    throw ImportError(
                        file: file, location: "compressed byte \(consumed)",
                        message: "cannot decompress (\(reason)); expected a complete gzip or bgzip file")
                }
            }
            return written
        }

        /// True once the data fed ended at a member boundary (a complete file).
        var atMemberEnd: Bool { ended }
    }
}
