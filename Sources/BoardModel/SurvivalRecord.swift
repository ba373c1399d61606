/// Survival as a study reports it (cBioPortal OS_MONTHS, DFS_STATUS, DFS_MONTHS): months since the study's index
/// (usually diagnosis) as written, and whether the disease recurred or progressed. Never turned into dates: a date of
/// death is only ever the one the record states.
public struct SurvivalRecord: Codable, Sendable, Hashable {
    /// Disease-free status in cBioPortal's words (`0:DiseaseFree`, `1:Recurred/Progressed`).
    public enum DiseaseFree: String, Codable, Sendable {
        case diseaseFree = "disease-free"
        case recurredOrProgressed = "recurred/progressed"

        /// "0:DiseaseFree", "DiseaseFree", "1:Recurred/Progressed", "Recurred", "Progressed"; nil for anything else.
        public init?(cBioPortal raw: String) {
            let word = (raw.split(separator: ":", maxSplits: 1).last.map(String.init) ?? raw)
                .trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
            switch word {
            case "diseasefree", "disease-free": self = .diseaseFree
            case "recurred/progressed", "recurred", "progressed", "progression", "recurrence":
                self = .recurredOrProgressed
            default: return nil
            }
        }
    }

    public var overallMonths: Double?
    public var diseaseFree: DiseaseFree?
    public var diseaseFreeMonths: Double?

    public init(overallMonths: Double? = nil, diseaseFree: DiseaseFree? = nil, diseaseFreeMonths: Double? = nil) {
        self.overallMonths = overallMonths
        self.diseaseFree = diseaseFree
        self.diseaseFreeMonths = diseaseFreeMonths
    }

    public var isEmpty: Bool { self == SurvivalRecord() }

    /// "died at 8.51 months; disease-free, 8.51 months (as the study reports)"; nil when nothing was recorded.
    /// Overall-survival months of a living patient are follow-up, not survival (cBioPortal's OS_MONTHS with
    /// OS_STATUS 0:LIVING is censored): "alive at 8.51 months of follow-up". Without a vital status the months
    /// are said as written, with that said.
    public func phrase(vitalStatus: VitalStatus) -> String? {
        func months(_ m: Double) -> String {
            (m == m.rounded() ? String(Int(m)) : String(m)) + " month" + (m == 1 ? "" : "s")
        }
        var parts: [String] = []
        if let os = overallMonths {
            switch vitalStatus {
            case .deceased: parts.append("died at \(months(os))")
            case .alive: parts.append("alive at \(months(os)) of follow-up")
            case .unknown: parts.append("overall survival \(months(os)) (vital status not stated)")
            }
        }
        if let dfs = diseaseFree {
            parts.append(dfs.rawValue + (diseaseFreeMonths.map { ", \(months($0))" } ?? ""))
        } else if let m = diseaseFreeMonths {
            parts.append("disease-free survival \(months(m))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ") + " (as the study reports)"
    }
}
