import BoardModel
import Foundation

/// Reads whatever the board was sent into one bundle, choosing the reader from the content
/// (not only the extension). New formats register here.
public enum BoardReader {
    /// Formats `tumorboard import --format` accepts.
    public static let formats = [
        "native", "fhir", "phenopacket", "cbioportal", "vcf", "maf", "ctgov", "ctgov-xml", "ctml", "civic", "oncotree",
    ]

    /// What the command line adds to a read: whose findings, and which VCF sample.
    public struct Options: Sendable {
        public var caseId: String?
        public var sample: String?
        /// Leave VCF and MAF files unparsed, as streams the store parses while it writes (the import command).
        public var streamFindings: Bool
        public init(caseId: String? = nil, sample: String? = nil, streamFindings: Bool = false) {
            self.caseId = caseId
            self.sample = sample
            self.streamFindings = streamFindings
        }
    }

    public static func read(paths: [String], format: String? = nil) throws -> BoardBundle {
        var bundle = BoardBundle()
        for path in paths {
            bundle.merge(try read(path: path, format: format))
        }
        return bundle
    }

    /// The whole-record part of a file (cases, trials, …); findings and evidence need `payload`.
    public static func read(path: String, format: String? = nil) throws -> BoardBundle {
        try payload(path: path, format: format).bundle
    }

    /// Reads several files into one payload (written later in one transaction).
    public static func payload(paths: [String], format: String? = nil, options: Options = Options()) throws
        -> ImportPayload
    {
        var payload = ImportPayload()
        for path in paths { payload.merge(try self.payload(path: path, format: format, options: options)) }
        return payload
    }

    public static func payload(path: String, format: String? = nil, options: Options = Options()) throws
        -> ImportPayload
    {
        try checkFile(path, format: format)
        if options.streamFindings, let streamed = try streamedFromDisk(path, format: format, options: options) {
            return streamed
        }
        let data = try contents(of: path)
        return try read(data, path: path, format: format, options: options)
    }

    /// A readable file, not a directory, in a format the board knows (when one is given).
    private static func checkFile(_ path: String, format: String?) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImportError(
                file: path,
                message: FileManager.default.fileExists(atPath: path)
                    ? "cannot read the file (permission denied)" : "no such file")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ImportError(file: path, message: "is a directory; expected a file")
        }
        if let format, !formats.contains(format) {
            throw ImportError(
                file: path, message: "unknown format \"\(format)\"; expected one of: \(formats.joined(separator: ", "))"
            )
        }
    }

    /// VCF and MAF files are streamed from disk (gunzipped on the fly) while the store writes: only their head is
    /// read here, to recognise them, so a file of millions of records never sits in memory. Nil for other files.
    private static func streamedFromDisk(_ path: String, format: String?, options: Options) throws -> ImportPayload? {
        guard format == nil || format == "vcf" || format == "maf" else { return nil }
        let kind = try format ?? streamedKind(path: path)
        if kind == "vcf" {
            return ImportPayload(findingStreams: [
                VCFReader.stream(path: path, options: .init(caseId: options.caseId, sample: options.sample))
            ])
        }
        if kind == "maf" {
            return ImportPayload(findingStreams: [
                MAFReader.stream(path: path, caseId: options.caseId, sample: options.sample)
            ])
        }
        return nil
    }

    /// The file's text, decompressed once here so that detection and the reader both see it.
    private static func contents(of path: String) throws -> Data {
        var data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ImportError(file: path, message: "cannot read the file")
        }
        if Gzip.isCompressed(data) { data = try Gzip.decompress(file: path, data: data) }
        if data.isEmpty { throw ImportError(file: path, message: "empty file") }
        return data
    }

    /// The file read by the reader of its format: the one given, else the one its contents show.
    private static func read(_ data: Data, path: String, format: String?, options: Options) throws -> ImportPayload {
        let detected = try format.map { ($0, nil) } ?? detect(data, file: path)
        switch detected.0 {
        case "native":
            var bundle = try NativeReader.read(data: data, file: path)
            let invalid = RecordValues.clean(&bundle, file: (path as NSString).lastPathComponent)
            return ImportPayload(bundle: bundle, skipped: invalid)
        case "fhir":
            return try FHIRReader.read(
                root: detected.1 ?? JSONNode.parse(data, file: path), file: path, caseId: options.caseId)
        case "phenopacket":
            return try PhenopacketReader.read(
                root: detected.1 ?? JSONNode.parse(data, file: path), file: path, caseId: options.caseId)
        case "ctgov":
            return try ClinicalTrialsGovReader.read(root: detected.1 ?? JSONNode.parse(data, file: path), file: path)
        case "ctgov-xml":
            return try ClinicalTrialsGovXMLReader.read(data: data, file: path)
        case "ctml":
            if let root = detected.1 { return try CTMLReader.read(root: root, file: path) }
            return try CTMLReader.read(data: data, file: path)
        case "vcf":
            let vcf = VCFReader.Options(caseId: options.caseId, sample: options.sample)
            if options.streamFindings {
                return ImportPayload(findingStreams: [VCFReader.stream(data: data, file: path, options: vcf)])
            }
            return try VCFReader.read(data: data, file: path, options: vcf)
        case "maf":
            if options.streamFindings {
                return ImportPayload(findingStreams: [
                    MAFReader.stream(data: data, file: path, caseId: options.caseId, sample: options.sample)
                ])
            }
            return try MAFReader.read(data: data, file: path, caseId: options.caseId, sample: options.sample)
        case "cbioportal":
            return try CBioPortalClinicalReader.read(data: data, file: path)
        case "civic":
            return try CIViCReader.read(data: data, file: path)
        case "oncotree":
            return OncoTreeFile.answer(file: path)
        default:
            throw ImportError(
                file: path,
                message:
                    "unrecognised format; expected one of: \(formats.joined(separator: ", ")) (use --format to say which)"
            )
        }
    }

    /// "vcf" or "maf" when the file's first 64 KiB (decompressed) say so, else nil.
    static func streamedKind(path: String) throws -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: path, message: "cannot read the file")
        }
        defer { try? handle.close() }
        var head = (try? handle.read(upToCount: 65536)) ?? Data()
        if head.isEmpty { throw ImportError(file: path, message: "empty file") }
        if Gzip.isCompressed(head) {
            try? handle.seek(toOffset: 0)
            let more = (try? handle.read(upToCount: 1 << 20)) ?? head
            head = (try? Gzip.head(file: path, data: more)) ?? Data()
        }
        let text = TextSource.head(head)
        if NativeReader.recognises(head) { return nil }
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("{") || start.hasPrefix("[") || start.hasPrefix("<") { return nil }
        if VCFReader.recognises(head: text) { return "vcf" }
        if MAFReader.recognises(head: text) { return "maf" }
        if CBioPortalClinicalReader.recognises(head: text) || CIViCReader.recognises(head: text)
            || CTMLReader.recognises(head: text)
        {
            return nil
        }
        if text.contains("\n#CHROM\tPOS") || text.contains("##INFO=<") { return "vcf" }
        return nil
    }

    /// Names the format of a file from its content, or nil.
    public static func detect(_ data: Data) -> String? {
        (try? detect(data, file: ""))?.0
    }

    /// The format and, for JSON, the parsed document (so it is parsed once).
    static func detect(_ data: Data, file: String) throws -> (String?, JSONNode?) {
        if NativeReader.recognises(data) { return ("native", nil) }
        var head = TextSource.head(data)
        if Gzip.isCompressed(data) {
            // Only VCF and MAF travel compressed; look inside.
            let inner = try Gzip.head(file: file, data: data)
            head = String(decoding: inner.prefix(65536), as: UTF8.self)
        }
        if head.hasPrefix("\u{FEFF}") { head.removeFirst() }
        let start = head.drop { $0.isWhitespace }
        if start.hasPrefix("{") || start.hasPrefix("[") {
            let root = try JSONNode.parse(data, file: file)
            if FHIRReader.recognises(root) { return ("fhir", root) }
            if OncoTreeFile.recognises(root) { return ("oncotree", root) }
            if ClinicalTrialsGovReader.recognises(root) { return ("ctgov", root) }
            if root["treatment_list"].exists || root["protocol_no"].exists || CTMLReader.recognisesList(root) {
                return ("ctml", root)
            }
            if PhenopacketReader.recognises(root) { return ("phenopacket", root) }
            throw ImportError(
                file: file, location: "$",
                message:
                    "JSON of an unknown kind; expected a FHIR resource, a Phenopacket, a ClinicalTrials.gov study, CTML or the native layout"
            )
        }
        if start.hasPrefix("<") {
            if ClinicalTrialsGovXMLReader.recognises(head: head) { return ("ctgov-xml", nil) }
            return (nil, nil)
        }
        if VCFReader.recognises(head: head) { return ("vcf", nil) }
        if MAFReader.recognises(head: head) { return ("maf", nil) }
        if CBioPortalClinicalReader.recognises(head: head) { return ("cbioportal", nil) }
        if CIViCReader.recognises(head: head) { return ("civic", nil) }
        if OncoTreeFile.recognises(head: head) { return ("oncotree", nil) }
        if CTMLReader.recognises(head: head) { return ("ctml", nil) }
        // A VCF whose header lost its ##fileformat line and gained stray lines (SnpEff -cancer).
        if head.contains("\n#CHROM\tPOS") || head.contains("##INFO=<") { return ("vcf", nil) }
        return (nil, nil)
    }
}
