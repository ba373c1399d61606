import BoardModel
import Foundation

/// What matching reads from one case, computed once per case so that each of the thousands of
/// trial checks is a few comparisons: age on the day, diagnosis chain, biomarker states, prior drugs,
/// and findings grouped by gene (genes interned to the ids the compiled trials use).
struct CaseIndex: Sendable {
    enum Tri: Sendable { case positive, negative, unknown }
    enum MSI: Sendable { case high, low, stable, unknown }
    /// `vus`: classified of uncertain significance (or a germline call not classified pathogenic); `unassessed`: a
    /// variant whose effect the record does not state (no protein change, classification or evidence);
    /// `overexpression`: a HER2 protein result (IHC 3+) on ERBB2, which leaves a criterion for the gene open.
    enum Significance: Sendable { case actionable, vus, benign, unclassified, unassessed, overexpression }

    struct Alteration: Sendable {
        let findingIndex: Int
        let category: VariantCategory
        let protein: String?
        let exon: Int?
        let variantClass: VariantClass?
        let cnv: CNVCall?
        let geneIds: [Int]
        let significance: Significance
        /// Display tier of the strongest evidence (1 strongest … 5 none).
        let evidenceTier: Int
    }

    /// "KRAS p.G12C", or "… (VUS)": built only when an explanation names the alteration.
    func label(of alteration: Alteration) -> String {
        findings[alteration.findingIndex].label + (alteration.significance == .vus ? " (VUS)" : "")
    }

    let caseId: String
    let findings: [Finding]
    let fingerprint: String
    /// `MatchFingerprint.combine(case: fingerprint, trial: "")`: a match's fingerprint is this plus the trial's.
    let fingerprintPrefix: String
    let age: Int?
    /// Whole years of an age the record states without a birth date (ISO 8601 duration, "P60Y", "P6M" → 0), as of
    /// a date not stated.
    let recordedAgeYears: Int?
    let ageText: String
    let sex: Sex
    let sexText: String
    let dxCode: String?
    /// The diagnosis code and its ancestors; empty when the code is unknown to OncoTree.
    let dxChain: [String]
    let dxSolid: Bool
    let dxLiquid: Bool
    let dxText: String
    /// The record says the cancer is not current ("resolved 2019-04-05", "in remission"); nil when active or not
    /// stated. A diagnosis criterion it would meet is left unknown: whether the cancer is present now needs the chart.
    let dxNotCurrent: String?
    /// The record does not confirm the diagnosis ("provisional (not confirmed)"); nil when confirmed or not stated.
    /// Every diagnosis criterion is then unknown, met or not: a suspected cancer is not the patient's diagnosis.
    let dxUnconfirmed: String?
    let ecog: Int?
    let ecogText: String
    /// Stage IV or M1: advanced / metastatic disease.
    let metastatic: Bool
    let stageText: String
    /// The record states the patient's death: no trial is open to them.
    let deceased: Bool
    let vitalText: String
    /// Stage group I–IV as 1–4 (IV also from M1); 0 when not recorded.
    let stageLevel: UInt8
    /// A stage below IV while metastatic disease is recorded elsewhere in the record.
    let stageConflict: Bool
    /// Prior lines given for advanced or metastatic disease; nil when the history does not say the setting.
    let advancedLines: Int?
    let tmb: Double?
    let tmbText: String
    let msi: MSI
    let mmrDeficient: Tri
    let msiText: String
    let er: Tri, pr: Tri, her2: Tri
    let erText: String, prText: String, her2Text: String
    /// Lower-cased drug names and regimen texts of all prior lines.
    let drugs: [String]
    let regimens: [String]
    /// Minimal residual disease as a fraction (0 when reported negative); nil when not reported.
    let mrd: Double?
    let mrdText: String
    /// Lines that gave drugs, and the best response of the most recent one.
    let drugLines: Int
    let latestResponse: Response?
    /// Lower-cased drug names of the most recent line that gave drugs (latest start, else highest line number).
    let latestDrugs: [String]
    let hasHistory: Bool
    let hasMolecularData: Bool
    let alterations: [Alteration]
    /// Gene id → a range of `geneOrder`, which holds indices into `alterations` grouped by gene.
    let byGene: [Int: Range<Int>]
    let geneOrder: [Int]

    init(_ record: Case, on day: LocalDate, genes: GeneTable, tree: OncoTree) {
        self.init(record, on: day, dayText: "\(day)", genes: genes, tree: tree)
    }

    /// `dayText` is `"\(day)"`, formatted once for many cases. `fingerprint` is the case's on `day` when known (a
    /// `MatchStamp`'s, the record then holding only the findings these trials read), else computed from the record.
    init(
        _ record: Case, on day: LocalDate, dayText: String, genes: GeneTable, tree: OncoTree, fingerprint: String? = nil
    ) {
        caseId = record.id
        findings = record.findings
        self.fingerprint = fingerprint ?? record.fingerprint(on: day)
        fingerprintPrefix = MatchFingerprint.combine(case: self.fingerprint, trial: "")
        age = record.patient.age(on: day)
        recordedAgeYears = age == nil ? Self.years(ofDuration: record.patient.recordedAge) : nil
        ageText =
            age.map { "\($0) years on " + dayText }
            ?? recordedAgeYears.map {
                "recorded age \(record.patient.recordedAge ?? "") (\($0) years on a date not stated; no date of birth)"
            } ?? "date of birth not recorded"
        sex = record.patient.sex
        sexText = sex == .unknown ? "sex not recorded" : sex.rawValue
        (dxCode, dxChain, dxSolid, dxLiquid, dxText) = Self.diagnosis(record.diagnosis, tree: tree)
        dxNotCurrent = record.diagnosis.statusPhrase()
        dxUnconfirmed = record.diagnosis.verificationPhrase
        let stageGroup = (record.stage?.group ?? "").uppercased()
        // Metastatic sites recorded without a stage group count as metastatic; with a lower stage group they conflict.
        metastatic =
            stageGroup.hasPrefix("IV") || stageGroup.hasPrefix("4")
            || (record.stage?.m ?? "").uppercased().hasPrefix("M1")
            || (Self.stageLevel(stageGroup) == 0 && !record.metastaticSites.isEmpty)
        // The summary says "stage IIIC" itself when a group is recorded; only bare TNM needs the word.
        stageText =
            record.stage.map { $0.summary.contains("stage ") ? $0.summary : "stage " + $0.summary }
            ?? "stage not recorded"
        deceased = record.patient.vitalStatus == .deceased
        vitalText = deceased ? "deceased" + (record.patient.deceasedOn.map { " on \($0)" } ?? "") : "no death recorded"
        var level = Self.stageLevel(stageGroup)
        if (record.stage?.m ?? "").uppercased().hasPrefix("M1") || (level == 0 && !record.metastaticSites.isEmpty) {
            level = 4
        }
        stageLevel = level
        stageConflict = level > 0 && level < 4 && Self.metastaticRecorded(record)
        advancedLines = Self.advancedLines(record.treatmentHistory)
        (ecog, ecogText) = Self.ecog(record.performance)

        let molecular = MolecularReading(record.findings, genes: genes)
        tmb = molecular.tmb
        tmbText = molecular.tmbText
        msi = molecular.msi
        mmrDeficient = molecular.mmr
        msiText = molecular.msiText
        er = molecular.er
        pr = molecular.pr
        her2 = molecular.her2
        erText = molecular.erText
        prText = molecular.prText
        her2Text = molecular.her2Text
        alterations = molecular.alterations
        byGene = molecular.byGene
        geneOrder = molecular.geneOrder
        drugs = record.treatmentHistory.flatMap { $0.drugs.map { $0.lowercased() } }
        regimens = record.treatmentHistory.compactMap { $0.regimen?.lowercased() }
        let latest = Self.latestLine(record.treatmentHistory)
        latestDrugs = latest?.drugs.map { $0.lowercased() } ?? []
        latestResponse = latest?.bestResponse
        drugLines = record.treatmentHistory.filter { !$0.drugs.isEmpty }.count
        (mrd, mrdText) = Self.minimalResidualDisease(record.findings)
        // A history tells what was not given only when it records systemic therapy: procedures and imaging alone do not.
        hasHistory = record.treatmentHistory.contains { line in
            let setting = (line.setting ?? "").lowercased()
            let systemic = [
                "adjuvant", "metasta", "line", "advanced", "palliative", "maintenance", "induction", "consolidation",
                "trial",
            ]
            .contains { setting.contains($0) }
            return !line.drugs.isEmpty && (systemic || line.drugs.contains(where: ScreenerText.isAnticancer))
        }
        hasMolecularData = Self.hasTumourProfile(record.findings)
    }

    /// The diagnosis code, its OncoTree ancestors (empty when the code is not OncoTree's), solid or liquid, and its words.
    static func diagnosis(_ d: Diagnosis, tree: OncoTree) -> (String?, [String], Bool, Bool, String) {
        guard let code = d.oncotreeCode?.uppercased() else {
            return (nil, [], false, false, "no OncoTree code (\(d.text))")
        }
        guard tree.node(code) != nil else {
            return (code, [], false, false, "\(code) is not an OncoTree code (\(d.text))")
        }
        return (
            code, tree.ancestors(of: code), tree.isWithin(code, "_SOLID_"), tree.isWithin(code, "_LIQUID_"),
            "\(code) (\(tree.name(of: code) ?? d.text))"
        )
    }

    /// ECOG as recorded, else from Karnofsky (90–100 → 0, 70–80 → 1, 50–60 → 2, 30–40 → 3, below → 4).
    static func ecog(_ p: PerformanceStatus?) -> (Int?, String) {
        if let e = p?.ecog { return (e, "ECOG \(e)") }
        if let k = p?.karnofsky {
            let e = k >= 90 ? 0 : k >= 70 ? 1 : k >= 50 ? 2 : k >= 30 ? 3 : 4
            return (e, "ECOG \(e) (from Karnofsky \(k)%)")
        }
        return (nil, "performance status not recorded")
    }

    /// "IIB" → 2, "IV" → 4, "3" → 3; 0 for anything else.
    static func stageLevel(_ group: String) -> UInt8 {
        let g = group.uppercased().trimmingCharacters(in: .whitespaces)
        for (prefix, level) in [("IV", 4), ("III", 3), ("II", 2), ("I", 1), ("4", 4), ("3", 3), ("2", 2), ("1", 1)]
            as [(String, UInt8)]
        where g.hasPrefix(prefix) {
            let rest = g.dropFirst(prefix.count)
            if rest.isEmpty || rest.first!.isLetter && !"IV".contains(rest.first!) { return level }
        }
        return 0
    }

    /// Metastatic disease recorded outside the stage group: the record's metastatic sites.
    static func metastaticRecorded(_ record: Case) -> Bool {
        !record.metastaticSites.isEmpty
    }

    /// The latest minimal residual disease result: its value ("3 × 10⁻³" in the status when no value is given),
    /// 0 when reported negative.
    static func minimalResidualDisease(_ findings: [Finding]) -> (Double?, String) {
        guard
            let f = findings.last(where: {
                let name = ($0.biomarker?.name ?? "").lowercased()
                return name.hasPrefix("mrd") || name.contains("minimal residual")
                    || name.contains("measurable residual")
            }), let b = f.biomarker
        else { return (nil, "MRD not reported") }
        let status = (b.status ?? "").lowercased()
        if let v = b.value { return (v, f.label) }
        if status.hasPrefix("neg") || status.contains("undetect") { return (0, f.label) }
        return (nil, f.label)
    }

    /// The most recent line that gave drugs: the latest start date, else the highest line number, else the last listed.
    static func latestLine(_ history: [TherapyLine]) -> TherapyLine? {
        let given = history.filter { !$0.drugs.isEmpty }
        if given.allSatisfy({ $0.start != nil }), let line = given.max(by: { $0.start! < $1.start! }) { return line }
        if given.allSatisfy({ $0.line != nil }), let line = given.max(by: { $0.line! < $1.line! }) { return line }
        return given.last
    }

    /// Lines whose setting says advanced, metastatic, recurrent or palliative disease.
    static func advancedLines(_ history: [TherapyLine]) -> Int? {
        guard !history.isEmpty else { return nil }
        var n = 0
        for line in history {
            let setting = (line.setting ?? "").lowercased()
            if ["metasta", "advanced", "palliative", "recurr", "first-line", "second-line"].contains(where: {
                setting.contains($0)
            }) {
                n += 1
            }
        }
        return n
    }

    /// Whether the record holds a tumour molecular result (`Finding.establishesTumourProfile`).
    static func hasTumourProfile(_ findings: [Finding]) -> Bool { findings.contains(where: \.establishesTumourProfile) }

    /// Whole years of an ISO 8601 duration ("P60Y" → 60, "P7Y3M" → 7, "P6M" → 0, "P400D" → 1); nil when the text is
    /// not a duration.
    static func years(ofDuration text: String?) -> Int? {
        guard let raw = text?.uppercased(), raw.hasPrefix("P"), raw.count > 1 else { return nil }
        var number = ""
        var days = 0.0
        for ch in raw.dropFirst() {
            if ch == "T" { break }
            if ch.isNumber || ch == "." {
                number.append(ch)
                continue
            }
            guard let n = Double(number) else { return nil }
            number = ""
            switch ch {
            case "Y": days += n * 365.25
            case "M": days += n * 30.4375
            case "W": days += n * 7
            case "D": days += n
            default: return nil
            }
        }
        guard number.isEmpty else { return nil }
        return Int((days / 365.25).rounded(.down))
    }

    /// Why a genomic criterion cannot be settled when no finding establishes a tumour profile: nothing molecular,
    /// or only germline and biomarker (IHC, FISH …) results, which do not say what a tumour's sequencing found.
    var noProfileText: String {
        if findings.isEmpty { return "no molecular results recorded" }
        let germline = findings.contains { $0.origin == .germline && $0.kind != .biomarker }
        let biomarker = findings.contains { $0.kind == .biomarker }
        let what = [germline ? "germline" : nil, biomarker ? "biomarker" : nil].compactMap { $0 }
        return "no tumour sequencing results recorded"
            + (what.isEmpty ? "" : " (only " + what.joined(separator: " and ") + " results)")
    }

    /// The exon number of "19", "19/28" or "exon 19".
    static func exonNumber(_ text: String) -> Int? {
        var value = 0
        var seen = false
        for ch in text.utf8 {
            if (48...57).contains(ch) {
                value = value * 10 + Int(ch - 48)
                seen = true
            } else if seen {
                break
            }
        }
        return seen ? value : nil
    }

    /// "ER", "PR" or "HER2" when a biomarker's name is one of those receptors.
    static func receptor(_ upperName: String) -> String? {
        if upperName.hasPrefix("HER2") || upperName.hasPrefix("ERBB2") { return "HER2" }
        if upperName.hasPrefix("ER ") || upperName == "ER" || upperName.hasPrefix("ER(")
            || upperName.hasPrefix("ESTROGEN") || upperName.hasPrefix("OESTROGEN")
        {
            return "ER"
        }
        if upperName.hasPrefix("PR ") || upperName == "PR" || upperName.hasPrefix("PR(") || upperName.hasPrefix("PGR")
            || upperName.hasPrefix("PROGESTERONE")
        {
            return "PR"
        }
        return nil
    }

    /// Reads a receptor status; HER2-low (IHC 1+, or 2+ without amplification) counts as HER2-negative, 2+ alone as unknown.
    static func receptorState(_ status: String, her2: Bool) -> Tri {
        if her2 {
            if status.contains("3+") || status.contains("positive")
                || status.contains("amplified") && !status.contains("not")
            {
                return .positive
            }
            if status.contains("low") || status.contains("1+") || status.contains("0") || status.contains("negative") {
                return .negative
            }
            return .unknown
        }
        if status.contains("negative") || status.hasPrefix("neg") { return .negative }
        if status.contains("positive") || status.hasPrefix("pos") || status.contains("low") { return .positive }
        return .unknown
    }

    func state(ofReceptor receptor: Receptor) -> (Tri, String) {
        switch receptor {
        case .er: (er, erText)
        case .pr: (pr, prText)
        case .her2: (her2, her2Text)
        }
    }
}

/// Gene symbols the compiled trials name, interned to small integers. Symbols are read through the bundled HGNC
/// release (`GeneSymbols.normalize`): a previous or alias symbol of one gene shares that gene's id (HER2 and
/// ERBB2, MLL3 and KMT2C), an ambiguous one ("NEU": ERBB2 or NEU1) stays as written and matches only itself.
/// Interning a gene also registers its other unambiguous symbols, so looking up a finding's gene stays one
/// dictionary probe.
struct GeneTable: Sendable {
    private(set) var ids: [String: Int] = [:]
    private(set) var symbols: [String] = []

    /// Spellings trial texts use that HGNC does not list (with or without the hyphen).
    static let spellings: [String: String] = ["C-MET": "MET"]

    static func canonical(_ symbol: String) -> String {
        let up = symbol.uppercased().trimmingCharacters(in: .whitespaces)
        if let spelled = spellings[up] { return spelled }
        return GeneSymbols.normalize(up).approved?.uppercased() ?? up
    }

    mutating func intern(_ symbol: String) -> Int {
        let key = Self.canonical(symbol)
        if let id = ids[key] { return id }
        let id = symbols.count
        ids[key] = id
        symbols.append(key)
        for other in GeneSymbols.otherSymbols(of: key) where ids[other] == nil { ids[other] = id }
        return id
    }

    func id(_ symbol: String) -> Int? {
        if let id = ids[symbol] { return id }
        if symbol.utf8.contains(where: { $0 == 32 || (97...122).contains($0) }) {
            return ids[Self.canonical(symbol)]
        }
        return nil
    }
}
