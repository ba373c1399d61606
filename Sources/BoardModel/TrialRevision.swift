import Foundation

/// Which of two versions of one registry record is the later, by the registry's last-update date
/// (ClinicalTrials.gov posts a new version of a study record with a new `lastUpdatePostDate`). An import keeps the
/// later version: a file holding an older one (an archived XML download after a fresh API v2 record) is not applied,
/// and the account names both dates. Without a date on either side the file read last wins, as before.
public enum TrialRevision: Equatable, Sendable {
    /// Nothing stored yet, or the file's version is later: apply it.
    case newer
    /// The file's version is older than the stored one: not applied.
    case older(stored: LocalDate, file: LocalDate)
    /// Both versions carry the same date but differ (two formats of one version, or a corrected download): applied,
    /// and said.
    case sameDateDifferentContent(LocalDate)
    /// One side has no date: the file read last wins.
    case undated

    public static func compare(stored: Trial?, file: Trial) -> TrialRevision {
        guard let stored else { return .newer }
        guard let old = stored.lastUpdated, let new = file.lastUpdated else { return .undated }
        if new < old { return .older(stored: old, file: new) }
        if new == old, stored != file { return .sameDateDifferentContent(new) }
        return .newer
    }

    /// The account's line for a version that is not applied, or that is applied with a remark; nil otherwise.
    public func remark(trialId: String, file: String?) -> String? {
        let from = file.map { " in \(URL(fileURLWithPath: $0).lastPathComponent)" } ?? ""
        switch self {
        case .older(let stored, let fileDate):
            return
                "trial \(trialId)\(from): registry record last updated \(fileDate), older than the stored one "
                + "(\(stored)); not applied, the stored trial is unchanged"
        case .sameDateDifferentContent(let date):
            return
                "trial \(trialId)\(from): same registry update date as the stored record (\(date)) but different "
                + "content (another format or download of that version); the file read last is kept"
        case .newer, .undated:
            return nil
        }
    }
}
