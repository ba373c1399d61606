import BoardModel
import Foundation

/// Writes knowledge-base entries keyed by the source's own id (CIViC EID/AID): importing another release of CIViC
/// updates the one kept entry of each item instead of adding a second. Of two versions, the one CIViC reviewed
/// later is kept (its last_review_date); when either has no date, the one imported last. What a replacement changed
/// is counted by field; a version older than the one kept is not used and counted. A store that already holds
/// several versions of one id (written before this rule) is mended on the next evidence import: the version the
/// rule keeps stays, the others are deleted.
struct EvidenceRelease {
    var created = 0
    var updated = 0
    var unchanged = 0
    /// Versions older than the kept one, not used.
    var older: [EvidenceAttachment] = []
    /// Rows of earlier duplicates deleted while mending the store.
    var mended = 0
    /// Field name → how many replaced entries changed it.
    var changedFields: [String: Int] = [:]
    /// Ids replaced by a newer version, in order.
    var replacedIds: [String] = []

    private struct Kept {
        var rowid: Int64
        var attachment: EvidenceAttachment
    }
    private var byId: [String: Kept] = [:]

    /// Reads the kept entries with an id, mending duplicates of one id.
    init(_ shelf: some EvidenceShelf) throws {
        var duplicates: [Int64] = []
        try shelf.forEachKept { row, gene, variant, body in
            let entry = try Codec.decode(EvidenceEntry.self, from: body)
            guard let id = entry.sourceId else { return }
            let kept = Kept(rowid: row, attachment: EvidenceAttachment(gene: gene, variant: variant, entry: entry))
            if let other = byId[id] {
                if entry.replaces(other.attachment.entry) {
                    duplicates.append(other.rowid)
                    byId[id] = kept
                } else {
                    duplicates.append(kept.rowid)
                }
            } else {
                byId[id] = kept
            }
        }
        for rowid in duplicates { try shelf.delete(row: rowid) }
        mended = duplicates.count
    }

    /// Keeps one entry: new, the same as kept, replacing an earlier version, or older than the kept one.
    mutating func keep(_ shelf: some EvidenceShelf, _ e: EvidenceAttachment) throws {
        let stored = EvidenceAttachment(gene: e.gene.uppercased(), variant: e.variant, entry: e.entry)
        let body = try Codec.encode(stored.entry)
        guard let id = e.entry.sourceId else {
            if try shelf.insert(gene: stored.gene, variant: stored.variant, body: body) != nil {
                created += 1
            } else {
                unchanged += 1
            }
            return
        }
        if let kept = byId[id] {
            if kept.attachment == stored {
                unchanged += 1
                return
            }
            guard e.entry.replaces(kept.attachment.entry) else {
                older.append(e)
                return
            }
            try shelf.delete(row: kept.rowid)
            var fields = e.entry.changes(from: kept.attachment.entry)
            if kept.attachment.gene != stored.gene || kept.attachment.variant != stored.variant {
                fields.insert("variant", at: 0)
            }
            for name in fields { changedFields[name, default: 0] += 1 }
            replacedIds.append(id)
            updated += 1
        } else {
            created += 1
        }
        if let row = try shelf.insert(gene: stored.gene, variant: stored.variant, body: body) {
            byId[id] = Kept(rowid: row, attachment: stored)
        }
    }

    /// The account's lines: what replacements changed, what was older than kept, what was mended.
    var notes: [String] {
        var lines: [String] = []
        if updated > 0 {
            let fields = changedFields.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let ids = replacedIds.prefix(5).joined(separator: ", ") + (replacedIds.count > 5 ? ", …" : "")
            lines.append(
                "\(updated) evidence item\(updated == 1 ? "" : "s") already kept from another release updated by id "
                    + "(\(ids)); changed: \(fields)")
        }
        if !older.isEmpty {
            let ids =
                older.prefix(5).compactMap(\.entry.sourceId).joined(separator: ", ") + (older.count > 5 ? ", …" : "")
            lines.append(
                "\(older.count) evidence item\(older.count == 1 ? "" : "s") not used: the store keeps a version CIViC "
                    + "reviewed later (\(ids))")
        }
        if mended > 0 {
            lines.append(
                "\(mended) earlier duplicate\(mended == 1 ? "" : "s") of kept evidence items removed (one entry per CIViC id)"
            )
        }
        return lines
    }
}
