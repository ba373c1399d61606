import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Edits text in the user's own editor ($VISUAL, else $EDITOR, else vi) on a private temporary file.
/// The command may carry arguments (`code -w`); it is split like a shell would split words, but no
/// shell runs, and the file name is passed as its own argument.
enum ExternalEditor {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Hands the terminal to the editor and takes it back; the new text, or nil and an error line.
    @MainActor
    static func run(_ text: String, context: AppContext) -> (text: String?, navigation: Navigation) {
        context.terminal?.suspend()
        defer { context.terminal?.resume() }
        do {
            return (try edit(text), .message("Text from the external editor."))
        } catch {
            return (nil, .error("\(error)"))
        }
    }

    /// The editor command words from the environment.
    static func command(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !split(value).isEmpty { return split(value) }
        }
        return ["vi"]
    }

    /// Splits a command line into words: spaces separate, single and double quotes group, backslash escapes.
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character? = nil
        var escaping = false
        var inWord = false
        for ch in line {
            if escaping {
                current.append(ch)
                escaping = false
                inWord = true
                continue
            }
            if ch == "\\" && quote != "'" {
                escaping = true
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch == "\"" || ch == "'" {
                quote = ch
                inWord = true
                continue
            }
            if ch.isWhitespace {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
                continue
            }
            current.append(ch)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }

    /// Writes `text` to a 0600 file in a private 0700 directory, runs the editor on it, reads it back,
    /// and removes both. Returns nil if the editor failed (the text is then unchanged).
    static func edit(_ text: String, command: [String] = command()) throws -> String {
        var template = Array(
            (NSTemporaryDirectory() as NSString).appendingPathComponent("tumorboard-edit-XXXXXX").utf8CString)
        guard let dir = mkdtemp(&template) else {
            throw Failure(description: "cannot create a private temporary directory")
        }
        let directory = String(cString: dir)
        let path = directory + "/note.md"
        defer {
            unlink(path)
            rmdir(directory)
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot create the temporary file") }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)

        let argv = command + [path]
        var pid: pid_t = 0
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        let spawned = posix_spawnp(&pid, argv[0], nil, nil, &cArgs, environ)
        guard spawned == 0 else {
            throw Failure(description: "cannot start the editor \(argv[0]) (\(String(cString: strerror(spawned))))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7F) == 0
        let code = (status >> 8) & 0xFF
        guard exited && code == 0 else {
            throw Failure(description: "the editor \(argv[0]) exited with status \(code); the text is unchanged")
        }
        guard let data = FileManager.default.contents(atPath: path), let result = String(data: data, encoding: .utf8)
        else {
            throw Failure(description: "the edited file is not UTF-8 text; the text is unchanged")
        }
        return result.hasSuffix("\n") && !text.hasSuffix("\n") ? String(result.dropLast()) : result
    }
}
