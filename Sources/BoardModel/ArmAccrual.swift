import Foundation

/// Whether an arm (or a trial without arms) takes patients now, from its own state (CTML `arm_suspended`,
/// `level_suspended`) and its trial's overall status. The matcher evaluates every arm whatever its accrual (eligibility
/// is not recruitment), and every place that shows a match says when its arm is not open, so that a closed arm never
/// reads as one the patient could enter.
public enum ArmAccrual: Equatable, Sendable {
    case open
    /// The trial's status is not stated (or the registry's "Unknown status"): nothing says it is open or closed.
    case unknown
    /// Not taking patients, in the source's words: "not recruiting", "suspended", "completed", "closed to accrual".
    case closed(String)

    /// The words shown beside a match on an arm that is not open; nil when open or unknown.
    public var closedWords: String? {
        if case .closed(let words) = self { return words }
        return nil
    }
}

extension RecruitmentStatus {
    /// The registry says the trial takes no patients now. Unknown is not closed: nothing is known.
    public var isClosed: Bool { !isOpen && self != .unknown }

    /// The registry's words for a status that takes no patients: "not recruiting" for ACTIVE_NOT_RECRUITING, else
    /// the status itself ("suspended", "completed", "terminated", "withdrawn", "no longer available").
    public var closedWords: String { self == .activeNotRecruiting ? "not recruiting" : label }
}

extension Trial {
    /// The accrual of one of the trial's arms: closed when the trial's status says it takes no patients (a registry
    /// arm has no status of its own), else closed when the arm itself is (CTML suspended), else the trial's.
    public func accrual(of arm: TrialArm) -> ArmAccrual {
        if status.isClosed { return .closed(status.closedWords) }
        if !arm.open { return .closed("closed to accrual") }
        return status.isOpen ? .open : .unknown
    }

    /// The accrual of the arm a match names (nil: the trial itself, or an arm no longer in the record).
    public func accrual(ofArm armId: String?) -> ArmAccrual {
        if let armId, let arm = arms.first(where: { $0.id == armId }) { return accrual(of: arm) }
        if status.isClosed { return .closed(status.closedWords) }
        return status.isOpen ? .open : .unknown
    }

    /// Stores each arm's accrual as the registry's overall status states it: every arm of a trial that takes no
    /// patients (active not recruiting, suspended, completed, …) is not open. Readers call it once the status is
    /// read; an unknown status leaves the arms' own state.
    public mutating func closeArmsOfClosedTrial() {
        guard status.isClosed else { return }
        for i in arms.indices { arms[i].open = false }
    }
}

extension TrialMatch {
    /// Why the match's arm takes no patients now: as the matcher said, or, for a match stored before matches carried
    /// it, from the trial's record; nil when open or unknown.
    public func notOpen(in trial: Trial?) -> String? {
        notOpen ?? trial?.accrual(ofArm: armId).closedWords
    }
}

extension MatchStatus {
    /// Where a verdict on an arm ranks: eligible and possibly eligible on open arms first, then on arms that take no
    /// patients (shown, and said so, after every arm the patient could enter), then not eligible, open before not.
    /// MatchMiner sorts its matches open before closed likewise (matchengine-V2 `sort_order` puts
    /// `trial_curation_level_status` open first).
    public func rankingOrder(open: Bool) -> Int {
        switch self {
        case .eligible: open ? 0 : 2
        case .possiblyEligible: open ? 1 : 3
        case .notEligible: open ? 4 : 5
        }
    }
}
