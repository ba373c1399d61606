import BoardModel
import Foundation

/// The #CHROM line: the sample columns, the annotation and INFO keys the header declares, the samples' roles,
/// and the notes that say how the file is read.
extension VCFRecordParser {
    mutating func columns(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws {
        statedPloidy = header.statedPloidy
        let names = line.fields().map(\.string)
        let expected = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"]
        guard names.count >= 8, Array(names.prefix(8)) == expected else {
            throw ImportError(
                file: file, location: "line \(number)",
                message: "expected the header columns #CHROM POS ID REF ALT QUAL FILTER INFO")
        }
        if names.count == 9 {
            throw ImportError(
                file: file, location: "line \(number)",
                message: "FORMAT column without sample columns; expected sample names after FORMAT")
        }
        sawColumns = true
        samples = names.count > 9 ? Array(names[9...]) : []
        if header.version == nil { notes.append("\(name): no ##fileformat line; read as VCF 4.x") }
        if header.strayLines > 0 {
            notes.append(
                "\(name): \(header.strayLines) line(s) in the header that are not VCF meta-information, ignored")
        }
        for key in ["CSQ", "ANN", "BCSQ", "EFF"] {
            if let d = header.infos[key], let layout = VCFAnnotationLayout(key: key, description: d.description) {
                layouts[key] = layout
                annotationKeys.append(key)
            }
        }
        // ANNOVAR (table_annovar -vcfinput): Gene.<db>, Func.<db>, ExonicFunc.<db>, AAChange.<db>.
        annovarSuffix =
            ["refGene", "ensGene", "knownGene", "wgEncodeGencodeBasicV19", "refGeneWithVer"].first {
                header.infos["Gene.\($0)"] != nil
            }
            ?? header.infos.keys.first { $0.hasPrefix("Gene.") }.map { String($0.dropFirst(5)) }
        let source = header.values("source").joined(separator: " ") + " " + (header.infos["CSQ"]?.description ?? "")
        if source.contains("CIViC") { knowledgeBase = "CIViC" }
        tumourVAFKey = header.tumourInfoKey(fraction: true)
        tumourDepthKey = header.tumourInfoKey(fraction: false)
        let roles = try VCFSampleRoles(samples: samples, header: header, chosen: options.sample, file: file)
        self.roles = roles
        if samples.isEmpty {
            slots = [(nil, nil, nil, [])]
        } else {
            slots = roles.read.map { i in
                let barcode = i == roles.tumour ? roles.tumourBarcode : nil
                return (i, samples[i], barcode ?? samples[i], [])
            }
        }
        if options.caseId != nil && options.sample == nil && slots.count > 1 {
            throw ImportError(
                file: file, location: "line \(number)",
                message:
                    "the file holds \(slots.count) samples (\(slots.compactMap(\.name).joined(separator: ", "))) and no tumour/normal pair, "
                    + "but --case attaches findings to one case; add --sample NAME to import one sample into that case, "
                    + "or leave out --case so that each sample goes to the case whose id or specimen id is its name")
        }
        if let kb = knowledgeBase {
            notes.append(
                "\(name): a \(kb) knowledge-base VCF, not a patient's variants: no findings are made from it (import the \(kb) TSV exports for evidence)"
            )
        }
        if let t = roles.tumour {
            var text = "\(name): sample \(samples[t]) read as the tumour (\(roles.evidence ?? "header"))"
            if let n = roles.normal { text += "; \(samples[n]) is its matched normal" }
            if let b = roles.tumourBarcode, b != samples[t] { text += "; tumour barcode \(b)" }
            if let b = roles.normalBarcode { text += "; normal barcode \(b)" }
            notes.append(text)
        } else if samples.count > 1 {
            notes.append(
                "\(name): \(samples.count) samples (\(samples.joined(separator: ", "))), none named a tumour: each read on its own"
                    + (roles.germlineDesign.map { "; germline by design (\($0))" } ?? ""))
        }
        if let g = roles.germlineDesign, samples.count <= 1 { notes.append("\(name): germline by design (\(g))") }
        if samples.isEmpty {
            notes.append("\(name): sites-only VCF (no sample columns): no VAF unless INFO declares the tumour's")
        }
    }
}
