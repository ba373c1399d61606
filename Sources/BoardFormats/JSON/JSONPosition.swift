import Foundation

/// Turns Swift decoding errors into a JSON path ("$.cases[3].diagnosis") and a plain message.
enum JSONPosition {
    static func path(of error: DecodingError) -> String {
        let keys: [CodingKey]
        switch error {
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx): keys = ctx.codingPath
        case .keyNotFound(let key, let ctx): keys = ctx.codingPath + [key]
        @unknown default: keys = []
        }
        var path = "$"
        for key in keys {
            if let index = key.intValue { path += "[\(index)]" } else { path += "." + key.stringValue }
        }
        return path
    }

    static func message(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): return "expected \(describe(type))"
        case .valueNotFound(let type, _): return "expected \(describe(type)), found null"
        case .keyNotFound(let key, _): return "missing required key \"\(key.stringValue)\""
        case .dataCorrupted(let ctx):
            if let underlying = ctx.underlyingError {
                return "not valid JSON (\(NativeReader.reason(underlying)))"
            }
            return ctx.debugDescription.isEmpty ? "invalid value" : ctx.debugDescription
        @unknown default: return "invalid value"
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object (\(name))"
        }
    }

    /// For text that is not JSON at all: where the parser stopped ("line 2, column 12") and why.
    static func syntaxError(in data: Data) -> (location: String?, message: String)? {
        if let problem = JSONSyntax.firstProblem(in: data) { return (problem.location, problem.message) }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "syntax error"
            guard let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
                let offset = Int(detail[range].split(separator: " ")[1])
            else { return (nil, detail) }
            return (
                lineAndColumn(ofCharacter: offset, in: data),
                detail.replacingOccurrences(of: #" around character \d+"#, with: "", options: .regularExpression)
            )
        }
    }

    static func lineAndColumn(ofCharacter offset: Int, in data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        var line = 1
        var column = 1
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index >= offset { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "line \(line), column \(column)"
    }

    /// "line L, column C" of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(in data: Data) -> String? {
        var line = 1
        var column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += String(scalar).utf8.count
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput: return nil
            case .error: return "line \(line), column \(column) (byte \(offset))"
            }
        }
    }
}
