import Foundation

/// gzip and bgzip (blocked gzip, as in `.vcf.gz`) decompression. Foundation has no inflate on Linux and
/// the package has no zlib shim, so this runs the system `gzip -dc` (no shell) and reads its output;
/// bgzip files are concatenated gzip members, which gzip handles.
enum Gzip {
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    static func decompress(file: String, data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw ImportError(file: file, message: "the file is gzip-compressed and `gzip` could not be run to decompress it")
        }
        // Feed stdin on another thread so that a full output pipe cannot deadlock us.
        let writer = Thread {
            input.fileHandleForWriting.write(data)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            let reason = String(decoding: err, as: UTF8.self).split(separator: "\n").first.map { $0.replacingOccurrences(of: "gzip: stdin: ", with: "") } ?? "gzip failed"
            throw ImportError(file: file, message: "cannot decompress (\(reason)); expected a complete gzip or bgzip file")
        }
        return out
    }
}
