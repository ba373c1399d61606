import BoardModel
import Foundation

/// What was read, skipped and not used: INFO key signatures, unused keys and fields, and the closing outcome.
extension VCFRecordParser {
    /// Counts the INFO keys of a record through its key signature (consecutive records mostly share one).
    mutating func countInfo(_ info: UnsafeBufferPointer<UInt8>) {
        guard !info.equals(".") else { return }
        signature.removeAll(keepingCapacity: true)
        info.forEachField(separator: 0x3B) { item in
            let end = item.firstIndex(of: 0x3D) ?? item.count
            signature.append(contentsOf: UnsafeBufferPointer(rebasing: item[0..<end]))
            signature.append(0x3B)
        }
        if signature == lastSignature {
            lastSignatureCount += 1
            return
        }
        if lastSignatureCount > 0 { infoSignatures[lastSignature, default: 0] += lastSignatureCount }
        lastSignature = signature
        lastSignatureCount = 1
    }

    /// INFO and FORMAT keys and annotation fields present but not read, with the number of records (entries) holding them.
    func unused() -> [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        var signatures = infoSignatures
        if lastSignatureCount > 0 { signatures[lastSignature, default: 0] += lastSignatureCount }
        let used = Self.usedInfo.union(annotationKeys).union([tumourVAFKey, tumourDepthKey].compactMap { $0 })
        for (sig, n) in signatures {
            for k in sig.split(separator: 0x3B) {
                let key = String(decoding: k, as: UTF8.self)
                if used.contains(key) { continue }
                if let s = annovarSuffix,
                    ["Gene.", "Func.", "ExonicFunc.", "AAChange."].contains(where: { key == $0 + s })
                {
                    continue
                }
                counts["INFO/" + key, default: 0] += n
            }
        }
        for (format, n) in formatCounts {
            for k in format.split(separator: 0x3A) {
                let key = String(decoding: k, as: UTF8.self)
                if !VCFSampleEvidence.Layout.used.contains(key) { counts["FORMAT/" + key, default: 0] += n }
            }
        }
        for (key, n) in annotationEntries {
            guard let layout = layouts[key] else { continue }
            for (i, field) in layout.names.enumerated() where !layout.used.contains(i) {
                counts["\(key)/\(field)", default: 0] += n
            }
        }
        return counts.map { ($0.key, $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name
        }
    }

    mutating func finish(emit: (FindingBatch) throws -> Void) throws -> FindingStream.Outcome {
        guard sawColumns else {
            throw ImportError(
                file: file,
                message: "no #CHROM header line; expected a VCF (##fileformat=VCFv4.x, then #CHROM POS ID REF ALT …)")
        }
        // Breakends whose mate is not in the file: kept, typed from their own ALT.
        var orphans = 0
        for id in waitingOrder {
            for (slot, finding) in waiting[id] ?? [] {
                slots[slot].findings.append(finding)
                made += 1
                orphans += 1
            }
        }
        waiting.removeAll()
        if knowledgeBase == nil {
            for i in slots.indices { try emit(batch(i)) }
        }
        var outcome = FindingStream.Outcome(notes: notes)
        outcome.read = records
        outcome.made = made
        if let build = header.genomeBuild { outcome.notes.append("\(name): genome build \(build)") }
        if copyNumbersTyped > 0 {
            outcome.notes.append(
                statedPloidy.map {
                    "\(name): \(copyNumbersTyped) copy number(s) typed against the ploidy the header states (##OverallPloidy=\($0))"
                }
                    ?? "\(name): \(copyNumbersTyped) copy number(s) typed assuming a diploid genome (the file states no ploidy)"
            )
        }
        if pairsJoined > 0 {
            outcome.notes.append("\(name): \(pairsJoined) breakend pair(s) joined into one rearrangement each (MATEID)")
        }
        if orphans > 0 {
            outcome.notes.append(
                "\(name): \(orphans) breakend(s) whose mate record is not in the file, typed from their own ALT")
        }
        if knowledgeBase != nil {
            outcome.skipped.append(
                "\(name): \(records) record(s) of a knowledge base, not imported as patient variants")
        }
        for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) {
            outcome.skipped.append("\(name): \(count) ALT allele(s) or record(s): \(reason)")
        }
        outcome.unused = unused()
        outcome.geneSymbols = genes.notes
        return outcome
    }
}
