import BoardModel
import Foundation

/// Reads the native JSON layout, turning decoding failures into one line with the JSON path. Patients carry
/// `vitalStatus`, `deceasedOn` and `causeOfDeath` (a date of death with "alive", or before the birth date, is
/// refused with its path); cases carry `metastaticSites` (docs/native-format.md).
public enum NativeReader {
    /// Whether the data looks like a native document (a JSON object naming our format tag).
    public static func recognises(_ data: Data) -> Bool {
        guard data.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{") else { return false }
        // Keys may be sorted, so the tag can sit anywhere in the top-level object.
        return data.range(of: Data("\"format\"".utf8)) != nil
            && data.range(of: Data("\"\(BoardBundle.formatTag)\"".utf8)) != nil
    }

    public static func read(path: String) throws -> BoardBundle {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ImportError(file: path, message: "cannot read the file (\(Self.reason(error)))")
        }
        return try read(data: data, file: path)
    }

    public static func read(data: Data, file: String) throws -> BoardBundle {
        guard String(data: data, encoding: .utf8) != nil else {
            throw ImportError(
                file: file, location: JSONPosition.firstInvalidUTF8(in: data),
                message: "invalid UTF-8; expected UTF-8 JSON")
        }
        do {
            return try decoder.decode(BoardBundle.self, from: data)
        } catch let error as DecodingError {
            if let syntax = JSONPosition.syntaxError(in: data) {
                throw ImportError(file: file, location: syntax.location, message: "not valid JSON (\(syntax.message))")
            }
            throw ImportError(
                file: file, location: JSONPosition.path(of: error), message: JSONPosition.message(of: error))
        } catch {
            throw ImportError(file: file, message: "not valid JSON (\(Self.reason(error)))")
        }
    }

    /// The decoder for the native layout: ISO 8601 instants ("2026-12-03T16:00:00Z" or with an offset).
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            if let date = InstantFormat.parse(text) { return date }
            throw DecodingError.dataCorruptedError(
                in: c,
                debugDescription: "expected an ISO 8601 date-time such as 2026-12-03T16:00:00Z, found \"\(text)\"")
        }
        return decoder
    }

    /// The encoder for the native layout: sorted keys, pretty, ISO 8601 instants; deterministic bytes.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(InstantFormat.format(date))
        }
        return encoder
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return underlying }
        return ns.localizedDescription
    }
}
