import Foundation

extension EligibilityText {
    /// The words after a gene that say which alteration is meant ("exon 19 deletion", "G12C-mutant", "amplification",
    /// "wild type"): read for at most nine words, never past the next gene or a stop word. A drug word ("HER2-directed
    /// therapy") ends the scan: the gene is a drug's target there, not a requirement.
    struct DescriptorScan {
        var items: [Item] = []
        /// Where the mention ends in the sentence (the last descriptor's end).
        var end: Int
        /// The first token not read.
        var next: Int
        var drug = false

        init(from next: Int, end: Int) {
            self.next = next
            self.end = end
        }

        mutating func run(_ toks: [Token], genes: [String]) {
            var window = 0
            while next < toks.count, window < 9, !drug {
                let t = toks[next]
                if !EligibilityText.geneWithSuffix(t.text).0.isEmpty { break }
                if let used = descriptor(toks, genes: genes) {
                    next += used
                    window += 1
                    continue
                }
                if t.lower == "wild" && next + 1 < toks.count && toks[next + 1].lower == "type" {
                    items.append(.wildtype)
                    end = toks[next + 1].end
                    next += 2
                    continue
                }
                if EligibilityText.stopWords.contains(t.lower) {
                    // "and" may continue a list of changes ("G12C and G12D"); anything else ends the mention.
                    if t.lower == "and", next + 1 < toks.count,
                        EligibilityText.proteinChange(toks[next + 1].text) != nil
                    {
                        items.append(.or)
                        next += 1
                        continue
                    }
                    break
                }
                next += 1
                window += 1
            }
        }

        /// Reads one descriptor at `next` (exons, a protein change, "or", a kind or drug word) into `items`; returns
        /// how many tokens it took, nil when the token is none of these.
        mutating func descriptor(_ toks: [Token], genes: [String]) -> Int? {
            let t = toks[next]
            if t.lower == "exon" || t.lower == "exons", let after = Self.exonList(toks, after: next) {
                items.append(.exons(after.exons))
                end = toks[after.next - 1].end
                return after.next - next
            }
            if t.lower.hasPrefix("ex"), t.lower.count > 4, let exonItems = EligibilityText.exonShorthand(t.lower) {
                items += exonItems
            } else if let change = Self.hyphenatedChange(t.text) {
                items += [.protein(change.exact, change.wildcard), .kind(.mutation)]
            } else if let change = EligibilityText.proteinChange(t.text) {
                items.append(.protein(change.exact, change.wildcard))
            } else if t.lower == "or" || t.lower == "and/or" {
                items.append(.or)
                return 1
            } else {
                let described = EligibilityText.describe(
                    t.lower.trimmingCharacters(in: CharacterSet(charactersIn: "-")), gene: genes)
                guard !described.isEmpty else { return nil }
                items += described
                if described.contains(where: \.isDrug) { drug = true }
            }
            end = t.end
            return 1
        }

        /// "exon 19", "exons 18 to 21", "exons 19-21": the numbers after the word at `k`, and the first token after
        /// them; nil when no number follows.
        static func exonList(_ toks: [Token], after k: Int) -> (exons: [Int], next: Int)? {
            var exons: [Int] = []
            var m = k + 1
            while m < toks.count {
                let piece = toks[m].lower
                if let n = Int(piece) {
                    exons.append(n)
                } else if piece.contains("-"), let a = Int(piece.split(separator: "-").first ?? ""),
                    let b = Int(piece.split(separator: "-").last ?? ""), a <= b, b - a < 10
                {
                    exons += Array(a...b)
                } else if !["or", "and", "to", "and/or"].contains(piece) {
                    break
                }
                m += 1
            }
            return exons.isEmpty ? nil : (exons, m)
        }

        /// "G12-mutant", "G12C-mutated": the change with its kind written after a hyphen.
        static func hyphenatedChange(_ text: String) -> (exact: String?, wildcard: String?)? {
            guard let dash = text.lastIndex(of: "-"),
                ["mutant", "mutated", "mutation"].contains(text[text.index(after: dash)...].lowercased())
            else { return nil }
            return EligibilityText.proteinChange(String(text[..<dash]))
        }
    }
}
