import Foundation

/// The response criteria a board records assessments in, with each one's categories and the diseases it is
/// written for: RECIST 1.1 and iRECIST for solid tumours, RANO for brain tumours, Lugano 2014 for lymphomas and
/// IMWG for plasma-cell myeloma. Two more say what a record gives when it is not one of those: mCODE's cancer
/// disease status (a clinician's judgement of the trend, any disease) and "not stated" (a response category whose
/// criteria the source does not name: kept as unknown, never guessed to be RECIST).
public enum ResponseCriteria: String, Codable, Sendable, CaseIterable {
    case recist = "RECIST 1.1"
    case irecist = "iRECIST"
    case rano = "RANO"
    case lugano = "Lugano"
    case imwg = "IMWG"
    case diseaseStatus = "mCODE disease status"
    case notStated = "criteria not stated"

    /// The categories in the criteria's own abbreviations, best first (NE and friends last).
    public var categories: [String] {
        switch self {
        // RECIST 1.1 (Eisenhauer 2009): overall response; NE = not evaluable.
        case .recist: ["CR", "PR", "SD", "PD", "NE"]
        // iRECIST (Seymour 2017): unconfirmed and confirmed progression are distinct categories.
        case .irecist: ["iCR", "iPR", "iSD", "iUPD", "iCPD", "NE"]
        // RANO (Wen 2010; RANO 2.0 adds the minor response of low-grade glioma).
        case .rano: ["CR", "PR", "MR", "SD", "PD"]
        // Lugano 2014 (Cheson): PET-CT metabolic categories and the CT-based ones.
        case .lugano: ["CMR", "PMR", "NMR", "PMD", "CR", "PR", "SD", "PD"]
        // IMWG 2016 (Kumar): stringent CR to progressive disease.
        case .imwg: ["sCR", "CR", "VGPR", "PR", "MR", "SD", "PD"]
        // mCODE CancerDiseaseStatus values (condition status trend, with the remission codes of the wider set).
        case .diseaseStatus:
            ["not detected", "full remission", "partial remission", "improved", "stable", "worsened", "undetermined"]
        // The categories sources write without naming criteria.
        case .notStated: ["CR", "PR", "SD", "PD", "NE"]
        }
    }

    /// Parses "RECIST", "recist1.1", "iRECIST", "rano", "Lugano", "IMWG" (case and spacing ignored).
    public init?(parsing text: String) {
        let key = text.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "recist", "recist11": self = .recist
        case "irecist": self = .irecist
        case "rano", "rano20": self = .rano
        case "lugano", "lugano2014": self = .lugano
        case "imwg": self = .imwg
        case "mcode", "mcodediseasestatus", "diseasestatus": self = .diseaseStatus
        case "notstated", "criterianotstated", "unknown": self = .notStated
        default: return nil
        }
    }

    /// The category as the criteria spell it ("pr" → "PR", "iupd" → "iUPD", "scr" → "sCR"), or nil.
    public func category(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return categories.first { $0.caseInsensitiveCompare(t) == .orderedSame }
    }

    /// Whether a category means the disease progressed (PD, iCPD, PMD, worsened; iUPD is not yet confirmed).
    public static func isProgression(_ category: String) -> Bool {
        ["PD", "iCPD", "PMD", "worsened"].contains(category)
    }

    /// Whether the criteria are written for particular diseases (the five), rather than for any.
    public var isDiseaseSpecific: Bool { self != .diseaseStatus && self != .notStated }

    /// The disease-specific criteria written for a diagnosis (OncoTree code), or nil when the code is missing or
    /// unknown to the bundled tree: then any criteria may be recorded, since nothing known argues against them.
    /// Disease status and "not stated" go with every diagnosis and are not listed.
    public static func allowed(forOncoTreeCode code: String?, tree: OncoTree = .bundled) -> [ResponseCriteria]? {
        guard let code else { return nil }
        // A retired code speaks for the code that took it over (GBM → GB); a split one cannot be decided.
        let current: String
        switch tree.lookup(code) {
        case .current(let c): current = c
        case .retired(_, let now, _): current = now
        case .split, .unknown: return nil
        }
        guard let node = tree.node(current) else { return nil }
        if tree.isWithin(node.code, "PCM") { return [.imwg] }
        switch node.tissue {
        case "CNS/Brain": return [.rano]
        // Myeloid neoplasms have their own criteria (ELN for AML), none of the five: no response is recorded.
        case "Myeloid": return []
        case "Lymphoid":
            // Written for lymphomas; leukaemia criteria (iwCLL) are not among the five, so Lugano is what is accepted.
            return [.lugano]
        default: return [.recist, .irecist]
        }
    }
}
