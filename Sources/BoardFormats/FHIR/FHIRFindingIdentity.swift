import BoardModel
import Foundation

extension FHIRReader.Builder {
    /// A finding's id. FHIR R4 makes a urn:uuid fullUrl the same resource wherever it appears, and a business
    /// identifier names the same result in every system: such an Observation gets the same id in every file that
    /// carries it, so when two bundles of one case carry it, it is one finding (the later import updates it), not
    /// two. The board's reading of the resource is part of that id, so a different result under a reused uuid is
    /// never taken for the same one. A resource with no such identity keeps its id scoped by its bundle.
    func findingId(_ finding: Finding, of r: JSONNode) -> String {
        let uuid = byRef.first { $0.value.path == r.path && $0.key.hasPrefix("urn:uuid:") }?.key
        let identifier = r["identifier"].array.first.flatMap { i in
            i["value"].string.map { (i["system"].string.map { "\($0)|" } ?? "") + $0 }
        }
        guard let identity = uuid ?? identifier else { return finding.id }
        var reading = finding
        reading.id = ""
        reading.reportId = nil
        reading.evidence = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bytes = (try? encoder.encode(reading)) ?? Data(identity.utf8)
        // FNV-1a, 32 bits: a stable short digest of what the board read (not a security measure).
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let name = identity.hasPrefix("urn:uuid:") ? String(identity.dropFirst(9)) : identity
        return "fhir:" + name + "#" + String(format: "%08x", hash)
    }
}
