import BoardModel
import Foundation

/// Recognises OncoTree releases (the nested tree JSON of the `trees/` folder, the `/api/tumorTypes` list, and the
/// flat `tumor_types.txt` with level_1…level_7 columns). The board bundles one release, so such a file is
/// answered, not imported: nothing in it is patient data.
enum OncoTreeFile {
    static func recognises(_ root: JSONNode) -> Bool {
        if root["TISSUE"]["children"].exists { return true }
        if root["code"].string == "TISSUE", root["children"].exists { return true }
        guard let first = root.value as? [Any], let node = first.first as? [String: Any] else { return false }
        return node["code"] != nil && node["mainType"] != nil && node["tissue"] != nil
    }

    static func recognises(head: String) -> Bool {
        guard let header = head.split(separator: "\n").first?.lowercased() else { return false }
        return header.hasPrefix("level_1\tlevel_2") || (header.contains("level_1") && header.contains("metamaintype"))
    }

    static func answer(file: String) -> ImportPayload {
        var account = ImportAccount(file: file, format: "oncotree")
        account.skip("OncoTree is bundled (release \(OncoTree.release)); nothing to import")
        var payload = ImportPayload(notes: [
            "\(URL(fileURLWithPath: file).lastPathComponent): OncoTree is bundled (release \(OncoTree.release)); nothing to import"
        ])
        payload.accounts = [account]
        return payload
    }
}
