import Foundation

/// The evidence scales boards use, each with its levels and what they mean.
public enum EvidenceScale: String, Codable, Sendable, CaseIterable {
    case oncokb = "OncoKB"
    case civic = "CIViC"
    case escat = "ESCAT"
    case amp = "AMP/ASCO/CAP"
    case nct = "NCT/DKTK"

    /// The levels of this scale, strongest first.
    public var levels: [String] { Self.table[self]!.map(\.code) }

    /// The level of an entry whose source assigned none on this scale (a CIViC predisposing assertion carries an
    /// ACMG classification, no AMP/ASCO/CAP tier): kept and shown, ranked after every stated level.
    public static let unstated = "tier unknown"

    /// The meaning of a level, for display beside the chosen level.
    public func meaning(of level: String) -> String? {
        if normalise(level) == Self.unstated { return "No level assigned by the source" }
        guard let base = Self.table[self]!.first(where: { $0.code == baseCode(level) })?.meaning else { return nil }
        let suffixes = suffixMeanings(level)
        return suffixes.isEmpty ? base : base + " (" + suffixes.joined(separator: "; ") + ")"
    }

    /// Whether a level code belongs to this scale (NCT levels accept is/iv/R/Z suffixes).
    public func accepts(_ level: String) -> Bool { meaning(of: level) != nil }

    /// Canonical spelling of a level ("Tier I - Level A" → "I-A" for AMP; "m1a" → "m1A"; NCT suffixes kept:
    /// "m1A(R)" → "m1AR", because R marks resistance).
    public func normalise(_ level: String) -> String {
        var code = level.trimmingCharacters(in: .whitespaces)
        if code.lowercased() == Self.unstated { return Self.unstated }
        switch self {
        case .oncokb:
            code = code.uppercased().replacingOccurrences(of: "LEVEL_", with: "").replacingOccurrences(
                of: "LEVEL ", with: "")
        case .civic:
            code = code.uppercased()
        case .escat:
            code = code.uppercased().replacingOccurrences(of: " ", with: "-")
        case .amp:
            let up = code.uppercased().replacingOccurrences(of: "TIER ", with: "").replacingOccurrences(
                of: " - LEVEL ", with: "-")
            code = up.replacingOccurrences(of: " ", with: "")
        case .nct:
            code = code.filter { !" ()".contains($0) }
            if code.hasPrefix("M") { code = "m" + code.dropFirst() }
            let chars = Array(code)
            if chars.count >= 3, "abcABC".contains(chars[2]) {
                code = String(chars[0..<2]) + chars[2].uppercased() + String(chars[3...])
            }
        }
        return code
    }

    /// The level without qualifiers, for looking up its meaning and rank ("m1AR" → "m1A"; other scales: `normalise`).
    public func baseCode(_ level: String) -> String {
        let code = normalise(level)
        guard self == .nct else { return code }
        let chars = Array(code)
        guard chars.count >= 2 else { return code }
        let length = chars.count >= 3 && "ABC".contains(chars[2]) ? 3 : 2
        return String(chars[0..<length])
    }

    /// NCT/DKTK qualifiers after the level: is (in situ), iv (in vitro), R (resistance), Z (approval).
    func suffixes(_ level: String) -> [String] {
        guard self == .nct else { return [] }
        var rest = Substring(normalise(level).dropFirst(baseCode(level).count))
        var found: [String] = []
        while !rest.isEmpty {
            guard let token = ["is", "iv", "R", "Z"].first(where: { rest.hasPrefix($0) }) else {
                found.append(String(rest))
                break
            }
            found.append(token)
            rest = rest.dropFirst(token.count)
        }
        return found
    }

    func suffixMeanings(_ level: String) -> [String] {
        suffixes(level).map {
            switch $0 {
            case "is": "in situ data"
            case "iv": "in vitro data"
            case "R": "predicts resistance"
            case "Z": "approved"
            default: "qualifier \($0)"
            }
        }
    }

    /// Whether the level itself states resistance: OncoKB R1/R2, an NCT/DKTK level with the R qualifier.
    public func isResistance(_ level: String) -> Bool {
        switch self {
        case .oncokb: return ["R1", "R2"].contains(normalise(level))
        case .nct: return suffixes(level).contains("R")
        default: return false
        }
    }

    /// What a level says about a drug on its own, when the entry states no significance: OncoKB 1–4, ESCAT I–IV
    /// and NCT/DKTK m-levels are levels of benefit; R1/R2 and the NCT R qualifier of resistance; OncoKB Px/Dx are
    /// prognostic/diagnostic. CIViC and AMP levels grade evidence in either direction, so they say nothing alone.
    public func implied(by level: String) -> ClinicalSignificance? {
        guard accepts(level) else { return nil }
        if isResistance(level) { return .resistance }
        let code = baseCode(level)
        switch self {
        case .oncokb:
            if code.hasPrefix("PX") { return .prognostic }
            if code.hasPrefix("DX") { return .diagnostic }
            return .sensitivity
        case .escat: return ["V", "X"].contains(code) ? nil : .sensitivity
        case .nct: return .sensitivity
        case .civic, .amp: return nil
        }
    }

    /// Sort rank of a level across scales: lower is stronger; resistance and unknown sort after actionable levels.
    public func rank(of level: String) -> Int {
        let code = baseCode(level)
        guard let rank = Self.table[self]!.first(where: { $0.code == code })?.rank else { return 99 }
        return isResistance(level) ? 50 + rank / 5 : rank
    }

    /// The display tier that picks the colour role: 1 strongest … 4 weakest, 0 resistance, 5 other.
    public func tier(of level: String) -> Int {
        if isResistance(level) { return 0 }
        let code = baseCode(level)
        return Self.table[self]!.first { $0.code == code }?.tier ?? 5
    }

    struct Level {
        let code: String
        let rank: Int
        let tier: Int
        let meaning: String
    }

    static let table: [EvidenceScale: [Level]] = [
        .oncokb: [
            Level(
                code: "1", rank: 10, tier: 1,
                meaning: "FDA-recognised biomarker predictive of response to an FDA-approved drug in this indication"),
            Level(
                code: "2", rank: 20, tier: 2,
                meaning:
                    "Standard-care biomarker (NCCN or other expert panels) predictive of response to an approved drug in this indication"
            ),
            Level(
                code: "3A", rank: 30, tier: 3,
                meaning:
                    "Compelling clinical evidence supports the biomarker as predictive of response to a drug in this indication"
            ),
            Level(
                code: "3B", rank: 35, tier: 3,
                meaning:
                    "Standard-care or investigational biomarker predictive of response to a drug in another indication"),
            Level(
                code: "4", rank: 40, tier: 4,
                meaning: "Compelling biological evidence supports the biomarker as predictive of response to a drug"),
            Level(
                code: "R1", rank: 50, tier: 0,
                meaning: "Standard-care biomarker predictive of resistance to an FDA-approved drug in this indication"),
            Level(
                code: "R2", rank: 55, tier: 0,
                meaning: "Compelling clinical evidence supports the biomarker as predictive of resistance to a drug"),
            Level(code: "PX1", rank: 60, tier: 5, meaning: "Prognostic: guideline-recognised, well-powered studies"),
            Level(code: "PX2", rank: 61, tier: 5, meaning: "Prognostic: guideline-recognised, small studies"),
            Level(code: "PX3", rank: 62, tier: 5, meaning: "Prognostic: clinical evidence in well-powered studies"),
            Level(code: "DX1", rank: 63, tier: 5, meaning: "Diagnostic: required for diagnosis"),
            Level(code: "DX2", rank: 64, tier: 5, meaning: "Diagnostic: supports diagnosis"),
            Level(code: "DX3", rank: 65, tier: 5, meaning: "Diagnostic: may assist diagnosis"),
        ],
        .civic: [
            Level(
                code: "A", rank: 11, tier: 1,
                meaning: "Validated association: proven or consensus association in human medicine"),
            Level(
                code: "B", rank: 21, tier: 2, meaning: "Clinical evidence: clinical trial or other primary patient data"
            ),
            Level(code: "C", rank: 31, tier: 3, meaning: "Case study: individual case reports"),
            Level(code: "D", rank: 41, tier: 4, meaning: "Preclinical evidence: in vivo or in vitro models"),
            Level(code: "E", rank: 45, tier: 4, meaning: "Inferential association: indirect evidence"),
        ],
        .escat: [
            Level(
                code: "I-A", rank: 10, tier: 1,
                meaning: "Ready for routine use: prospective randomised trials show benefit in this tumour type"),
            Level(
                code: "I-B", rank: 12, tier: 1,
                meaning: "Ready for routine use: prospective non-randomised trials show benefit in this tumour type"),
            Level(
                code: "I-C", rank: 14, tier: 1,
                meaning: "Ready for routine use: benefit across tumour types in basket trials"),
            Level(
                code: "II-A", rank: 22, tier: 2,
                meaning: "Investigational: retrospective analysis of trials shows benefit in this tumour type"),
            Level(
                code: "II-B", rank: 24, tier: 2,
                meaning: "Investigational: prospective trials show antitumour activity, benefit not yet shown"),
            Level(
                code: "III-A", rank: 32, tier: 3, meaning: "Hypothetical target: benefit shown in another tumour type"),
            Level(
                code: "III-B", rank: 34, tier: 3,
                meaning: "Hypothetical target: alteration with a similar functional impact is actionable"),
            Level(
                code: "IV-A", rank: 42, tier: 4, meaning: "Hypothetical target: preclinical evidence of actionability"),
            Level(
                code: "V", rank: 70, tier: 5,
                meaning: "Target associated with objective response but without clinically meaningful benefit"),
            Level(code: "X", rank: 80, tier: 5, meaning: "Lack of evidence for actionability"),
        ],
        .amp: [
            Level(
                code: "I-A", rank: 10, tier: 1,
                meaning: "Strong clinical significance: FDA-approved therapy or professional guideline"),
            Level(
                code: "I-B", rank: 13, tier: 1,
                meaning: "Strong clinical significance: well-powered studies with expert consensus"),
            Level(
                code: "II-C", rank: 30, tier: 3,
                meaning:
                    "Potential significance: approved in another tumour type, investigational, or several small studies"
            ),
            Level(
                code: "II-D", rank: 40, tier: 4,
                meaning: "Potential significance: preclinical data or a few case reports"),
            Level(code: "III", rank: 75, tier: 5, meaning: "Unknown clinical significance"),
            Level(code: "IV", rank: 90, tier: 5, meaning: "Benign or likely benign"),
        ],
        .nct: [
            Level(
                code: "m1A", rank: 10, tier: 1,
                meaning: "Biomarker-drug benefit shown in a prospective trial or meta-analysis in the same entity"),
            Level(
                code: "m1B", rank: 12, tier: 1,
                meaning: "Benefit shown in a retrospective cohort or case-control study in the same entity"),
            Level(code: "m1C", rank: 14, tier: 1, meaning: "Case reports or clinical data in the same entity"),
            Level(code: "m2A", rank: 22, tier: 2, meaning: "Prospective trial or meta-analysis in a different entity"),
            Level(
                code: "m2B", rank: 24, tier: 2,
                meaning: "Retrospective cohort or case-control study in a different entity"),
            Level(code: "m2C", rank: 26, tier: 2, meaning: "Case reports or clinical data in a different entity"),
            Level(
                code: "m3", rank: 40, tier: 4,
                meaning: "Preclinical data: biomarker-drug association in vitro or in vivo"),
            Level(
                code: "m4", rank: 45, tier: 4, meaning: "Biological rationale without clinical or preclinical evidence"),
        ],
    ]
}

/// A level on a named scale ("OncoKB 1", "ESCAT I-A").
public struct EvidenceLevel: Codable, Sendable, Hashable, CustomStringConvertible {
    public var scale: EvidenceScale
    public var code: String

    public init(scale: EvidenceScale, code: String) {
        self.scale = scale
        self.code = scale.normalise(code)
    }

    public var rank: Int { scale.rank(of: code) }
    public var tier: Int { scale.tier(of: code) }
    public var meaning: String? { scale.meaning(of: code) }
    public var isValid: Bool { scale.accepts(code) }
    /// The level itself states resistance (OncoKB R1/R2, NCT/DKTK …R).
    public var isResistance: Bool { scale.isResistance(code) }
    public var description: String { "\(scale.rawValue) \(code)" }
}

/// One piece of evidence about a finding: what it predicts, for which drug and tumour, at what level.
public struct EvidenceEntry: Codable, Sendable, Hashable {
    /// Where it comes from: "CIViC", "OncoKB", "report", …
    public var source: String
    public var level: EvidenceLevel
    /// Predictive, Diagnostic, Prognostic, Predisposing, Oncogenic, Functional.
    public var type: String?
    /// "Sensitivity/Response", "Resistance", …
    public var significance: String?
    public var therapy: String?
    public var disease: String?
    /// OncoTree code of the disease when known, to tell "this tumour type" from "another".
    public var oncotreeCode: String?
    /// Citations: "CIViC EID238; PMID 25668228; NCT01006980", a trial name, a report id.
    public var reference: String?
    /// Whether the evidence supports its significance: CIViC's evidence_direction "Supports" or
    /// "Does Not Support" (the study found the opposite or nothing). Nil means not stated (read as supports).
    public var direction: String?
    /// The source's own statement of the evidence, for the finding's detail view.
    public var statement: String?
    /// Which variants the evidence was about: "somatic" or "germline" (CIViC's variant_origin); nil when unknown,
    /// combined or not applicable. Gene-level evidence reaches only findings of a compatible origin.
    public var origin: VariantOrigin?
    /// When the source last reviewed the item (CIViC's last_review_date, "2021-03-31 18:23:15 UTC"), so that of two
    /// releases' versions of one item the later reviewed is kept (`EvidenceEntry+Release`).
    public var reviewed: String?

    public init(
        source: String, level: EvidenceLevel, type: String? = nil, significance: String? = nil,
        therapy: String? = nil, disease: String? = nil, oncotreeCode: String? = nil, reference: String? = nil,
        direction: String? = nil, statement: String? = nil, origin: VariantOrigin? = nil
    ) {
        self.origin = origin
        self.source = source
        self.level = level
        self.type = type
        self.significance = significance
        self.therapy = therapy
        self.disease = disease
        self.oncotreeCode = oncotreeCode
        self.reference = reference
        self.direction = direction
        self.statement = statement
    }
}
