import Foundation
import BoardModel

/// Reads whatever the board was sent into one bundle, choosing the reader from the content
/// (not only the extension). New formats register here.
public enum BoardReader {
    /// Formats `tumorboard import --format` accepts.
    public static let formats = ["native"]

    public static func read(paths: [String], format: String? = nil) throws -> BoardBundle {
        var bundle = BoardBundle()
        for path in paths {
            bundle.merge(try read(path: path, format: format))
        }
        return bundle
    }

    public static func read(path: String, format: String? = nil) throws -> BoardBundle {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImportError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file (permission denied)" : "no such file")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ImportError(file: path, message: "cannot read the file")
        }
        let chosen = format ?? detect(data)
        switch chosen {
        case "native":
            return try NativeReader.read(data: data, file: path)
        case nil:
            throw ImportError(file: path, message: "unrecognised format; expected one of: \(formats.joined(separator: ", ")) (use --format to say which)")
        default:
            throw ImportError(file: path, message: "unknown format \"\(chosen!)\"; expected one of: \(formats.joined(separator: ", "))")
        }
    }

    /// Names the format of a file from its first bytes, or nil.
    public static func detect(_ data: Data) -> String? {
        if NativeReader.recognises(data) { return "native" }
        return nil
    }
}
