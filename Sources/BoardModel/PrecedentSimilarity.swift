import Foundation

/// What precedent ranking compares of a case: its diagnosis, decisive alterations, stage and treatment line.
/// Small on purpose: the store builds one for each candidate from indexed columns, without decoding records.
public struct PrecedentProfile: Sendable, Hashable {
    public var caseId: String
    /// The institution an imported (external) precedent comes from; nil for this board's own cases.
    public var institution: String?
    public var oncotreeCode: String?
    public var stageGroup: String?
    /// Systemic treatment lines before the decision (see `Case.priorSystemicLines`); nil when not known.
    public var priorLines: Int?
    public var alterations: [Alteration]

    public init(
        caseId: String, institution: String? = nil, oncotreeCode: String?, stageGroup: String?, priorLines: Int?,
        alterations: [Alteration]
    ) {
        self.caseId = caseId
        self.institution = institution
        self.oncotreeCode = oncotreeCode
        self.stageGroup = stageGroup
        self.priorLines = priorLines
        self.alterations = alterations
    }

    /// The profile of a case as the board sees it now.
    public init(_ record: Case, institution: String? = nil) {
        var seen = Set<Alteration>()
        self.init(
            caseId: record.id, institution: institution, oncotreeCode: record.diagnosis.oncotreeCode,
            stageGroup: record.stage?.group, priorLines: record.priorSystemicLines,
            alterations: record.findings.compactMap(Alteration.init).filter { seen.insert($0).inserted })
    }
}

extension Case {
    /// Lines of systemic therapy already given: history entries that state a line number or name drugs (surgery
    /// and radiotherapy are not lines). The store counts the same way in SQL (`precedent.prior_lines`).
    public var priorSystemicLines: Int {
        treatmentHistory.filter { $0.line != nil || !$0.drugs.isEmpty }.count
    }
}

/// How close an earlier case's diagnosis sits to this one's in the OncoTree tree.
public enum DiagnosisKinship: Int, Codable, Sendable, Comparable, CaseIterable {
    case unrelated = 0
    case tissue, mainType, parent, same

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The two codes' kinship: the same code; one the other's parent or both under one parent; the same main
    /// type; the same tissue. Codes not in the tree are only ever the same as themselves.
    public static func of(_ code: String?, _ other: String?, in tree: OncoTree = .bundled) -> Self {
        guard let code, let other else { return .unrelated }
        if code.uppercased() == other.uppercased() { return .same }
        guard let a = tree.node(code), let b = tree.node(other) else { return .unrelated }
        if a.parent == b.code || b.parent == a.code || (a.parent != nil && a.parent == b.parent) { return .parent }
        if a.mainType == b.mainType { return .mainType }
        if a.tissue == b.tissue { return .tissue }
        return .unrelated
    }

    /// Points in the ranking: diagnosis and alteration weigh alike, stage and line only break near-ties.
    public var points: Int { [0, 10, 20, 30, 40][rawValue] }
}

/// How close an earlier case's alteration is to one of this case's.
public enum AlterationKinship: Int, Codable, Sendable, Comparable, CaseIterable {
    case unrelated = 0
    case gene, geneAndClass, exact

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public static func of(_ a: Alteration, _ b: Alteration) -> Self {
        guard a.gene == b.gene else { return .unrelated }
        guard a.alterationClass == b.alterationClass else { return .gene }
        if let x = a.change, let y = b.change, x == y { return .exact }
        return .geneAndClass
    }

    public var points: Int { [0, 15, 30, 40][rawValue] }
}

/// One alteration the two cases share, and how closely.
public struct SharedAlteration: Codable, Sendable, Hashable {
    public var ours: Alteration
    public var theirs: Alteration
    public var kinship: AlterationKinship

    public init(ours: Alteration, theirs: Alteration, kinship: AlterationKinship) {
        self.ours = ours
        self.theirs = theirs
        self.kinship = kinship
    }

    /// "same FGFR2 fusion (FGFR2::BICC1)", "FGFR2 fusion (theirs FGFR2::AHCYL1)", "EGFR (theirs EGFR exon 19 …)".
    public var reason: String {
        switch kinship {
        case .exact: return "same \(theirs.label)"
        case .geneAndClass: return "\(theirs.gene) \(theirs.alterationClass.rawValue) (theirs \(theirs.label))"
        case .gene, .unrelated: return "\(theirs.gene) altered (theirs \(theirs.label))"
        }
    }
}

/// Why an earlier case is like this one, and how much: the ranking key and the words shown beside it.
public struct Similarity: Codable, Sendable, Hashable {
    public var diagnosis: DiagnosisKinship
    /// The precedent's own code, named in the reason.
    public var diagnosisCode: String?
    /// Best first.
    public var shared: [SharedAlteration]
    public var sameStage: Bool
    /// The precedent was decided at the same treatment line (same number of prior systemic lines).
    public var sameLine: Bool

    /// Diagnosis and best shared alteration, 5 per further shared alteration (at most 2), then stage and line.
    public var score: Int {
        Self.points(
            diagnosis: diagnosis, best: shared.first?.kinship, sharedCount: shared.count, sameStage: sameStage,
            sameLine: sameLine)
    }

    /// The score from its parts: the one formula, also used by `SimilarityScorer` (which ranks thousands of
    /// candidates without building a `Similarity` for each).
    public static func points(
        diagnosis: DiagnosisKinship, best: AlterationKinship?, sharedCount: Int, sameStage: Bool, sameLine: Bool
    ) -> Int {
        diagnosis.points + (best?.points ?? 0) + min(2, max(0, sharedCount - 1)) * 5 + (sameStage ? 4 : 0)
            + (sameLine ? 3 : 0)
    }

    /// A precedent needs a related diagnosis or a shared gene; stage and line alone make no precedent.
    public var isPrecedent: Bool { diagnosis != .unrelated || !shared.isEmpty }

    /// "same diagnosis (IHCH); same FGFR2 fusion (FGFR2::BICC1); same stage (IV); same line (2nd)".
    public func reasons(tree: OncoTree = .bundled) -> [String] {
        var out: [String] = []
        let code = diagnosisCode ?? "?"
        switch diagnosis {
        case .same: out.append("same diagnosis (\(code))")
        case .parent: out.append("neighbouring diagnosis (\(code))")
        case .mainType: out.append("same main type (\(tree.node(code)?.mainType ?? code); \(code))")
        case .tissue: out.append("same tissue (\(tree.node(code)?.tissue ?? code); \(code))")
        case .unrelated: break
        }
        out += shared.map(\.reason)
        if sameStage { out.append("same stage") }
        if sameLine { out.append("same treatment line") }
        return out
    }

    /// How `candidate` resembles `target`.
    public static func of(
        _ candidate: PrecedentProfile, to target: PrecedentProfile, tree: OncoTree = .bundled
    ) -> Similarity {
        var shared: [SharedAlteration] = []
        for theirs in candidate.alterations {
            let best = target.alterations.map { (ours: $0, kinship: AlterationKinship.of($0, theirs)) }
                .max { $0.kinship < $1.kinship }
            if let best, best.kinship != .unrelated {
                shared.append(SharedAlteration(ours: best.ours, theirs: theirs, kinship: best.kinship))
            }
        }
        shared.sort { ($0.kinship, $1.theirs.label) > ($1.kinship, $0.theirs.label) }
        let stage = Stage.comparable(candidate.stageGroup)
        return Similarity(
            diagnosis: DiagnosisKinship.of(target.oncotreeCode, candidate.oncotreeCode, in: tree),
            diagnosisCode: candidate.oncotreeCode, shared: shared,
            sameStage: stage != nil && stage == Stage.comparable(target.stageGroup),
            sameLine: candidate.priorLines != nil && candidate.priorLines == target.priorLines)
    }
}

extension Stage {
    /// The stage group's Roman numeral ("IVB" → "IV", "IIIA" → "III"), the level stage is compared at; nil when none.
    public static func comparable(_ group: String?) -> String? {
        guard let group = group?.trimmingCharacters(in: .whitespaces).uppercased(), !group.isEmpty else { return nil }
        let numeral = group.prefix { "IVX".contains($0) }
        return numeral.isEmpty ? group : String(numeral)
    }
}
