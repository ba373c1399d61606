/// One knowledge-base item across releases: CIViC keys evidence items and assertions by id (EID, AID), and a
/// later release revises an item's text, therapies or level under the same id. The board keeps one entry per id:
/// the version the source reviewed later; when either version has no review date, the one imported last.
extension EvidenceEntry {
    /// The source's own id of the item ("CIViC EID2926", "CIViC AID4"): the first part of the reference when it
    /// names one; nil for entries without one (a lab report's own evidence), which are kept as they are.
    public var sourceId: String? {
        guard let first = reference?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) else {
            return nil
        }
        for prefix in ["CIViC EID", "CIViC AID"] where first.hasPrefix(prefix) {
            let digits = first.dropFirst(prefix.count)
            if !digits.isEmpty && digits.allSatisfy(\.isNumber) { return first }
        }
        return nil
    }

    /// Whether this version (imported now) replaces `stored`, the version the board holds under the same id: yes
    /// unless both state a review date and `stored`'s is later.
    public func replaces(_ stored: EvidenceEntry) -> Bool {
        guard let mine = Self.reviewDate(reviewed), let theirs = Self.reviewDate(stored.reviewed) else { return true }
        return mine >= theirs
    }

    /// "2021-03-31 18:23:15 UTC" and "2021-03-31T18:23:15Z" compare alike: the date and time as written, to the
    /// second; nil when the text does not start with a date.
    static func reviewDate(_ text: String?) -> String? {
        guard let text, text.count >= 10 else { return nil }
        let stamp = String(text.prefix(19)).replacingOccurrences(of: "T", with: " ")
        let date = stamp.prefix(10)
        guard date.count == 10,
            date.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 ? $0.element == "-" : $0.element.isNumber })
        else { return nil }
        return stamp
    }

    /// The names of the fields that differ from `old` (what a newer release changed), in a fixed order.
    public func changes(from old: EvidenceEntry) -> [String] {
        var names: [String] = []
        if level != old.level { names.append("level") }
        if type != old.type { names.append("type") }
        if significance != old.significance { names.append("significance") }
        if therapy != old.therapy { names.append("therapy") }
        if disease != old.disease || oncotreeCode != old.oncotreeCode { names.append("disease") }
        if reference != old.reference { names.append("references") }
        if direction != old.direction { names.append("direction") }
        if statement != old.statement { names.append("statement") }
        if origin != old.origin { names.append("origin") }
        if reviewed != old.reviewed { names.append("review date") }
        return names
    }
}
