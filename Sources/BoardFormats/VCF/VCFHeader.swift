import Foundation

/// The meta-information of a VCF (VCF 4.3 §1.4): INFO/FORMAT/FILTER/ALT declarations with their Number, Type and
/// Description, the genome build, and what the header says about samples and the caller. Everything the record
/// reader decides "as declared" is read from here, never from a tool's usual column order.
struct VCFHeader {
    /// One `##INFO`/`##FORMAT` declaration.
    struct Definition {
        var number: String
        var type: String
        var description: String
    }

    var version: String?
    var infos: [String: Definition] = [:]
    var formats: [String: Definition] = [:]
    var filters: [String: String] = [:]
    /// Every `##key=value` line that is not a declaration, in file order (key, raw value).
    var meta: [(key: String, value: String)] = []
    /// `##SAMPLE=<…>` and `##PEDIGREE=<…>` lines as attribute maps.
    var sampleLines: [[String: String]] = []
    var pedigreeLines: [[String: String]] = []
    var contigLengths: [String: Int] = [:]
    var contigAssemblies: Set<String> = []
    /// Non-`##` lines met before `#CHROM` (a tool's log line), counted and reported.
    var strayLines = 0

    /// Reads one `##` line.
    mutating func add(_ line: String) {
        guard line.hasPrefix("##") else { return }
        let body = line.dropFirst(2)
        guard let eq = body.firstIndex(of: "=") else {
            meta.append((String(body), ""))
            return
        }
        let key = String(body[..<eq])
        let value = String(body[body.index(after: eq)...])
        switch key {
        case "fileformat": version = value
        case "INFO", "FORMAT":
            let a = Self.attributes(value)
            guard let id = a["ID"] else {
                meta.append((key, value))
                return
            }
            let def = Definition(
                number: a["Number"] ?? ".", type: a["Type"] ?? "String", description: a["Description"] ?? "")
            if key == "INFO" { infos[id] = def } else { formats[id] = def }
        case "FILTER":
            let a = Self.attributes(value)
            if let id = a["ID"] { filters[id] = a["Description"] ?? "" }
        case "SAMPLE": sampleLines.append(Self.attributes(value))
        case "PEDIGREE": pedigreeLines.append(Self.attributes(value))
        case "contig":
            let a = Self.attributes(value)
            if let id = a["ID"], let length = a["length"].flatMap({ Int($0) }) { contigLengths[id] = length }
            if let assembly = a["assembly"] { contigAssemblies.insert(assembly) }
        default: meta.append((key, value))
        }
    }

    /// The attributes of a structured value `<ID=x,Number=1,Description="a, b">`: quoted values may hold commas
    /// and escaped quotes; an unquoted value (CIViC writes Description unquoted) runs to the next `,Key=` or the end.
    static func attributes(_ value: String) -> [String: String] {
        var text = Substring(value)
        if text.hasPrefix("<") { text = text.dropFirst() }
        if text.hasSuffix(">") { text = text.dropLast() }
        var out: [String: String] = [:]
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            var key = ""
            while i < chars.count && chars[i] != "=" && chars[i] != "," {
                key.append(chars[i])
                i += 1
            }
            key = key.trimmingCharacters(in: .whitespaces)
            guard i < chars.count, chars[i] == "=" else {
                i += 1
                if !key.isEmpty { out[key] = "" }
                continue
            }
            i += 1
            var v = ""
            if i < chars.count && chars[i] == "\"" {
                i += 1
                while i < chars.count && chars[i] != "\"" {
                    if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
                    v.append(chars[i])
                    i += 1
                }
                i += 1
                while i < chars.count && chars[i] != "," { i += 1 }
            } else {
                while i < chars.count {
                    if chars[i] == "," {
                        // A comma ends the value only when another Key= follows.
                        var j = i + 1
                        while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
                        if j > i + 1 && j < chars.count && chars[j] == "=" { break }
                    }
                    v.append(chars[i])
                    i += 1
                }
            }
            i += 1
            if !key.isEmpty { out[key] = v }
        }
        return out
    }

    /// `##key=value` values for a key (plain meta lines only).
    func values(_ key: String) -> [String] { meta.filter { $0.key == key }.map(\.value) }

    /// The sample's average ploidy where the caller states it: `##OverallPloidy=` (Illumina Canvas and DRAGEN CNV
    /// write the length-weighted mean copy number of the passing segments there). Nil when the header says nothing;
    /// copy numbers are then typed against 2 and the account says the typing assumed a diploid genome.
    var statedPloidy: Double? {
        for key in ["OverallPloidy"] {
            if let value = values(key).lazy.compactMap({ Double($0.trimmingCharacters(in: .whitespaces)) }).first,
                value.isFinite, value > 0, value < 10
            {
                return value
            }
        }
        return nil
    }

    /// The reference genome the coordinates are on, from the header's own statements (reference, contig assembly,
    /// VEP/SnpEff database, liftover target), else from chromosome 1's declared length; nil when it does not say.
    var genomeBuild: String? {
        var statements: [String] = values("reference") + values("assembly") + Array(contigAssemblies)
        statements += values("SnpEffCmd").flatMap { $0.split(separator: " ").map(String.init) }
        statements += values("VEP").flatMap {
            $0.split(separator: " ").filter { $0.hasPrefix("assembly=") || $0.hasPrefix("cache=") }.map(String.init)
        }
        statements += values("liftOverChainFile").map { $0.components(separatedBy: "To").last ?? "" }
        for s in statements {
            if let build = Self.build(named: s) { return build }
        }
        let one = contigLengths["1"] ?? contigLengths["chr1"]
        switch one {
        case 249_250_621: return "GRCh37"
        case 248_956_422: return "GRCh38"
        case 247_249_719: return "NCBI36"
        default: return nil
        }
    }

    /// GRCh37/GRCh38/NCBI36 from a path or name ("human_g1k_v37.fasta", "GRCh38DH", "hg19", "GRCh37.75").
    static func build(named text: String) -> String? {
        let t = text.lowercased()
        if t.contains("grch38") || t.contains("hg38") || t.contains("b38") { return "GRCh38" }
        if t.contains("grch37") || t.contains("hg19") || t.contains("b37") || t.contains("g1k_v37")
            || t.contains("hs37")
        {
            return "GRCh37"
        }
        if t.contains("ncbi36") || t.contains("hg18") || t.contains("b36") { return "NCBI36" }
        return nil
    }

    /// All header text that names the programs that made the file (##source, ##…Command/Version, ##cmdline, …).
    var provenance: String {
        meta.filter { m in
            let k = m.key.lowercased()
            return k == "source" || k == "content" || k.contains("command") || k.contains("cmd")
                || k.contains("version")
                || k.hasPrefix("gatkcommandline")
        }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n").lowercased()
    }

    /// A caller whose output is somatic by design (a tumour analysed against a normal), named in the header.
    var somaticCaller: String? {
        let p = provenance
        let keys = meta.map { $0.key.lowercased() }
        if p.contains("mutect") { return "MuTect2" }
        if p.contains("strelka somatic") || p.contains("--tumorbam") || p.contains("--tumourbam") {
            return "Strelka/Manta somatic"
        }
        if keys.contains(where: { $0.hasPrefix("muse") }) { return "MuSE" }
        if p.contains("somaticsniper") || p.contains("bam-somaticsniper") { return "SomaticSniper" }
        if p.contains("varscan") && (infos["SS"] != nil || formats["SS"] != nil) && p.contains("somatic") {
            return "VarScan somatic"
        }
        if keys.contains(where: { $0.hasPrefix("purple") || $0.hasPrefix("gripss") }) { return "GRIDSS/GRIPSS/PURPLE" }
        if p.contains("snpeff") && p.contains("-cancer") { return "SnpEff -cancer" }
        return nil
    }

    /// A germline design named in the header: GATK germline calling and VQSR, DeepVariant, a pedigree of
    /// parents, a Manta or Strelka germline run.
    var germlineDesign: String? {
        let p = provenance
        if pedigreeLines.contains(where: { $0["Father"] != nil || $0["Mother"] != nil })
            || sampleLines.contains(where: { $0["Father"] != nil || $0["Mother"] != nil })
        {
            return "pedigree (parents and child)"
        }
        if infos["VQSLOD"] != nil || filters.keys.contains(where: { $0.hasPrefix("VQSRTranche") }) {
            return "GATK VQSR (germline)"
        }
        if p.contains("haplotypecaller") || p.contains("genotypegvcfs") { return "GATK HaplotypeCaller (germline)" }
        if p.contains("deepvariant") { return "DeepVariant (germline)" }
        if p.contains("strelka germline") { return "Strelka germline" }
        if p.contains("generatesvcandidates") && infos["SOMATIC"] == nil && infos["SOMATICSCORE"] == nil {
            return "Manta germline"
        }
        return nil
    }

    /// Header lines saying which column is the tumour and which the normal: `##tumor_sample=`/`##normal_sample=`
    /// (GATK4), `##SAMPLE=<ID=TUMOR|NORMAL,SampleName=…>` (GATK3), `##PEDIGREE=<Derived=…,Original=…>` (VCF 4.3
    /// §1.4.9, SnpEff -cancer), `##SAMPLE=<ID=…,Genomes=…Tumor…>`.
    var declaredRoles: (tumour: [String], normal: [String]) {
        var tumour = values("tumor_sample") + values("tumour_sample")
        var normal = values("normal_sample")
        for s in sampleLines {
            let id = s["ID"] ?? ""
            let name = s["SampleName"] ?? id
            let genomes = (s["Genomes"] ?? "").lowercased() + " " + (s["Description"] ?? "").lowercased()
            if ["tumor", "tumour"].contains(id.lowercased()) || genomes.contains("tumor") || genomes.contains("tumour")
                || genomes.contains("cancer")
            {
                tumour.append(name)
            } else if id.lowercased() == "normal" || genomes.contains("germline") || genomes.contains("normal") {
                normal.append(name)
            }
        }
        for p in pedigreeLines {
            if let derived = p["Derived"] { tumour.append(derived) }
            if let original = p["Original"] { normal.append(original) }
        }
        let commandLine = commandLineRoles
        tumour += commandLine.tumour
        normal += commandLine.normal
        return (tumour, normal)
    }

    /// Flags of a caller's command line that name the tumour or the normal input: Manta and Strelka
    /// (`configManta.py --tumorBam=T.bam --normalBam=N.bam`, in `##cmdline`), GATK (`--tumor-sample`,
    /// `--normal-sample`, `-tumor`, `-normal`), SvABA (`-t`, `-n` on a line naming SvABA), and the hyphenated spellings.
    static let tumourFlags: Set<String> = [
        "--tumorBam", "--tumourBam", "--tumor-bam", "--tumour-bam", "--tumor",
        "--tumor-sample", "--tumor_sample", "-tumor", "--case-id",
    ]
    static let normalFlags: Set<String> = [
        "--normalBam", "--normal-bam", "--normal", "--normal-sample",
        "--normal_sample", "-normal", "--control-id",
    ]
    /// SvABA's short flags, read only on a line that names SvABA (elsewhere -t and -n mean other things).
    static let svabaFlags: [String: Bool] = ["-t": true, "-n": false]

    /// Tumour and normal named on a command line the header records (`##cmdline`, `##…CommandLine…`, `##source`).
    /// A file path counts by its own name with and without the extension ("…/COLO829T.sorted.bam" names the
    /// columns "COLO829T.sorted.bam" or "COLO829T.sorted"): only a column with exactly such a name gets the role;
    /// otherwise the roles stay unknown.
    var commandLineRoles: (tumour: [String], normal: [String]) {
        var tumour: [String] = []
        var normal: [String] = []
        let lines = meta.filter {
            let key = $0.key.lowercased()
            return key.contains("cmdline") || key.contains("commandline") || key == "source"
                || key.hasSuffix("_command")
        }
        for line in lines {
            let words = line.value.replacingOccurrences(of: "\"", with: " ").split(whereSeparator: {
                $0 == " " || $0 == "\t"
            })
            .map(String.init)
            for (i, word) in words.enumerated() {
                let (flag, inline) =
                    word.firstIndex(of: "=").map {
                        (String(word[..<$0]), String(word[word.index(after: $0)...]))
                    } ?? (word, nil)
                let svaba = line.value.lowercased().contains("svaba") ? Self.svabaFlags[flag] : nil
                let isTumour = Self.tumourFlags.contains(flag) || svaba == true
                guard isTumour || Self.normalFlags.contains(flag) || svaba == false else { continue }
                guard let value = inline ?? (i + 1 < words.count ? words[i + 1] : nil), !value.hasPrefix("-") else {
                    continue
                }
                let names = Self.namesOfInput(value)
                if isTumour { tumour += names } else { normal += names }
            }
        }
        return (tumour, normal)
    }

    /// A sample name or a file path as the names a column could carry: itself, its file name, the file name
    /// without its extension.
    static func namesOfInput(_ value: String) -> [String] {
        let trimmed = value.trimmingCharacters(in: CharacterSet(charactersIn: "'\","))
        let file = (trimmed as NSString).lastPathComponent
        let stem = (file as NSString).deletingPathExtension
        var names: [String] = []
        for name in [trimmed, file, stem] where !name.isEmpty && !names.contains(name) { names.append(name) }
        return names
    }

    /// `##TUMOR="Sample=barcode,…"` / `##NORMAL=…` (MuSE): the barcodes behind the TUMOR/NORMAL columns.
    func barcode(_ role: String) -> String? {
        guard let v = values(role).first else { return nil }
        let a = Self.attributes(v.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        return a["Sample"] ?? a["SampleName"] ?? a["ID"]
    }

    /// An INFO key declared as the tumour's allele fraction or depth (PCGR TVAF/TDP and the like).
    func tumourInfoKey(fraction: Bool) -> String? {
        infos.keys.sorted().first { key in
            guard let d = infos[key], d.type == (fraction ? "Float" : "Integer") || (!fraction && d.type == "Float")
            else { return false }
            let text = d.description.lowercased()
            guard text.contains("tumor") || text.contains("tumour") else { return false }
            if fraction {
                return text.contains("allelic fraction") || text.contains("allele fraction")
                    || text.contains("allele frequency") || text.contains("vaf")
            }
            return text.contains("depth")
        }
    }
}
