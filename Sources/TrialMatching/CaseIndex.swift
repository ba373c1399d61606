import BoardModel
import Foundation

/// What matching reads from one case, computed once per case so that each of the thousands of
/// trial checks is a few comparisons: age on the day, diagnosis chain, biomarker states, prior drugs,
/// and findings grouped by gene (genes interned to the ids the compiled trials use).
struct CaseIndex: Sendable {
    enum Tri: Sendable { case positive, negative, unknown }
    enum MSI: Sendable { case high, low, stable, unknown }
    enum Significance: Sendable { case actionable, vus, benign, unclassified }

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
    let ageText: String
    let sex: Sex
    let sexText: String
    let dxCode: String?
    /// The diagnosis code and its ancestors; empty when the code is unknown to OncoTree.
    let dxChain: [String]
    let dxSolid: Bool
    let dxLiquid: Bool
    let dxText: String
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

    /// `dayText` is `"\(day)"`, formatted once for many cases.
    init(_ record: Case, on day: LocalDate, dayText: String, genes: GeneTable, tree: OncoTree) {
        caseId = record.id
        findings = record.findings
        fingerprint = record.fingerprint(on: day)
        fingerprintPrefix = MatchFingerprint.combine(case: fingerprint, trial: "")
        age = record.patient.age(on: day)
        ageText = age.map { "\($0) years on " + dayText } ?? "date of birth not recorded"
        sex = record.patient.sex
        sexText = sex == .unknown ? "sex not recorded" : sex.rawValue
        let code = record.diagnosis.oncotreeCode?.uppercased()
        dxCode = code
        if let code, tree.node(code) != nil {
            dxChain = tree.ancestors(of: code)
            dxSolid = tree.isWithin(code, "_SOLID_")
            dxLiquid = tree.isWithin(code, "_LIQUID_")
            dxText = "\(code) (\(tree.name(of: code) ?? record.diagnosis.text))"
        } else {
            dxChain = []
            dxSolid = false
            dxLiquid = false
            dxText =
                code.map { "\($0) is not an OncoTree code (\(record.diagnosis.text))" }
                ?? "no OncoTree code (\(record.diagnosis.text))"
        }
        let stageGroup = (record.stage?.group ?? "").uppercased()
        // Metastatic sites recorded without a stage group count as metastatic; with a lower stage group they conflict.
        metastatic =
            stageGroup.hasPrefix("IV") || stageGroup.hasPrefix("4")
            || (record.stage?.m ?? "").uppercased().hasPrefix("M1")
            || (Self.stageLevel(stageGroup) == 0 && !record.metastaticSites.isEmpty)
        stageText = record.stage.map { "stage " + $0.summary } ?? "stage not recorded"
        deceased = record.patient.vitalStatus == .deceased
        vitalText = deceased ? "deceased" + (record.patient.deceasedOn.map { " on \($0)" } ?? "") : "no death recorded"
        var level = Self.stageLevel(stageGroup)
        if (record.stage?.m ?? "").uppercased().hasPrefix("M1") || (level == 0 && !record.metastaticSites.isEmpty) {
            level = 4
        }
        stageLevel = level
        stageConflict = level > 0 && level < 4 && Self.metastaticRecorded(record)
        advancedLines = Self.advancedLines(record.treatmentHistory)
        if let e = record.performance?.ecog {
            ecog = e
            ecogText = "ECOG \(e)"
        } else if let k = record.performance?.karnofsky {
            let e = k >= 90 ? 0 : k >= 70 ? 1 : k >= 50 ? 2 : k >= 30 ? 3 : 4
            ecog = e
            ecogText = "ECOG \(e) (from Karnofsky \(k)%)"
        } else {
            ecog = nil
            ecogText = "performance status not recorded"
        }

        var tmb: Double?
        var tmbText = "TMB not reported"
        var msi = MSI.unknown
        var mmr = Tri.unknown
        var msiParts: [String] = []
        var er = Tri.unknown
        var pr = Tri.unknown
        var her2 = Tri.unknown
        var erText = "ER not reported"
        var prText = "PR not reported"
        var her2Text = "HER2 not reported"
        var alterations: [Alteration] = []
        var byGene: [Int: [Int]] = [:]
        for (i, f) in record.findings.enumerated() {
            if f.kind == .biomarker, let b = f.biomarker {
                let status = (b.status ?? "").lowercased()
                let name = (b.name ?? "").uppercased()
                switch b.kind {
                case .tmb:
                    if let v = b.value {
                        tmb = v
                        tmbText = f.label
                    } else if status.contains("high") {
                        tmbText = f.label
                    }
                case .msi:
                    if status.contains("msi-h") || status.contains("high") {
                        msi = .high
                    } else if status.contains("msi-l") || status.contains("low") {
                        msi = .low
                    } else if status.contains("mss") || status.contains("stable") {
                        msi = .stable
                    }
                    msiParts.append(f.label)
                case .other, .pdl1, .hrd:
                    if name.hasPrefix("MMR") || name.contains("MISMATCH") {
                        if status.contains("defici") || status.contains("loss") || status.hasPrefix("d") {
                            mmr = .positive
                        } else if status.contains("profici") || status.contains("intact") || status.hasPrefix("p") {
                            mmr = .negative
                        }
                        msiParts.append(f.label)
                    } else if let receptor = Self.receptor(name) {
                        let state = Self.receptorState(status, her2: receptor == "HER2")
                        switch receptor {
                        case "ER":
                            er = state
                            erText = f.label
                        case "PR":
                            pr = state
                            prText = f.label
                        default:
                            if her2 != .positive {
                                her2 = state
                                her2Text = f.label
                            }
                        }
                    }
                }
                continue
            }
            var ids: [Int] = []
            for g in [f.gene] + (f.partners ?? []).map(Optional.some) {
                if let g, let id = genes.id(g), !ids.contains(id) { ids.append(id) }
            }
            let category = VariantCategory(f.kind)
            var significance: Significance
            switch f.classification {
            case .oncogenic?, .likelyOncogenic?, .pathogenic?, .likelyPathogenic?: significance = .actionable
            case .vus?: significance = .vus
            case .benign?, .likelyBenign?: significance = .benign
            case nil: significance = f.bestEvidence == nil ? .unclassified : .actionable
            }
            if f.kind == .copyNumber, f.gene?.uppercased() == "ERBB2", f.copyNumberCall == .amplification {
                her2 = .positive
                her2Text = f.label
            }
            guard !ids.isEmpty, significance != .benign else { continue }
            // A germline variant settles an alteration criterion only when classified pathogenic; an
            // unclassified germline call (a common polymorphism such as KDR p.Q472H) is weighed like a
            // variant of uncertain significance: it leaves the criterion open, never meets it.
            if f.origin == .germline && (significance != .actionable || f.classification == nil) { significance = .vus }
            // A variant with no protein change, no classification and no evidence states no effect: it cannot meet
            // an alteration requirement by itself.
            if f.kind == .snv || f.kind == .indel, f.hgvsP == nil, f.classification == nil, f.bestEvidence == nil {
                significance = .vus
            }
            let exon = f.exon.flatMap(Self.exonNumber)
            let alteration = Alteration(
                findingIndex: i, category: category, protein: f.hgvsP.map(ProteinChange.normalise),
                exon: exon, variantClass: VariantClass.of(f), cnv: f.copyNumberCall.map(CNVCall.init),
                geneIds: ids, significance: significance, evidenceTier: f.bestTreatmentOption?.level.tier ?? 5)
            for id in ids { byGene[id, default: []].append(alterations.count) }
            alterations.append(alteration)
        }
        if mmr == .unknown, msi == .high { mmr = .positive }
        self.tmb = tmb
        self.tmbText = tmbText
        self.msi = msi
        self.mmrDeficient = mmr
        self.msiText = msiParts.isEmpty ? "MSI/MMR not reported" : msiParts.joined(separator: "; ")
        self.er = er
        self.pr = pr
        self.her2 = her2
        self.erText = erText
        self.prText = prText
        self.her2Text = her2Text
        self.alterations = alterations
        var order: [Int] = []
        var ranges: [Int: Range<Int>] = [:]
        for (gene, list) in byGene {
            ranges[gene] = order.count..<(order.count + list.count)
            order += list
        }
        self.byGene = ranges
        self.geneOrder = order
        drugs = record.treatmentHistory.flatMap { $0.drugs.map { $0.lowercased() } }
        regimens = record.treatmentHistory.compactMap { $0.regimen?.lowercased() }
        latestDrugs = Self.latestLine(record.treatmentHistory)?.drugs.map { $0.lowercased() } ?? []
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

    /// Whether the record holds a tumour molecular result, the only ground on which the absence of an
    /// alteration can be read: a somatic (or unknown-origin) variant, copy-number or structural call, or a
    /// TMB/MSI result. Receptor IHC, germline-only results and file references are not tumour profiles.
    static func hasTumourProfile(_ findings: [Finding]) -> Bool {
        findings.contains { f in
            if f.kind == .biomarker { return f.biomarker?.kind == .tmb || f.biomarker?.kind == .msi }
            return f.origin != .germline
        }
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

/// Gene symbols the compiled trials name, interned to small integers (aliases such as HER2 share ERBB2's id).
struct GeneTable: Sendable {
    private(set) var ids: [String: Int] = [:]
    private(set) var symbols: [String] = []

    static let aliases: [String: String] = [
        "HER2": "ERBB2", "HER-2": "ERBB2", "NEU": "ERBB2", "HER3": "ERBB3", "HER4": "ERBB4",
        "MLL": "KMT2A", "C-MET": "MET", "C-KIT": "KIT", "P53": "TP53", "PDL1": "CD274", "PD-L1": "CD274",
    ]

    static func canonical(_ symbol: String) -> String {
        let up = symbol.uppercased().trimmingCharacters(in: .whitespaces)
        return aliases[up] ?? up
    }

    mutating func intern(_ symbol: String) -> Int {
        let key = Self.canonical(symbol)
        if let id = ids[key] { return id }
        ids[key] = symbols.count
        symbols.append(key)
        return symbols.count - 1
    }

    func id(_ symbol: String) -> Int? {
        if let id = ids[symbol] { return id }
        if let alias = Self.aliases[symbol] { return ids[alias] }
        if symbol.utf8.contains(where: { $0 == 32 || (97...122).contains($0) }) { return ids[Self.canonical(symbol)] }
        return nil
    }
}
