/// The comorbidities as one line. A disease the record rules out is stored as "excluded: X" (a phenopacket's
/// `excluded: true`); in a list joined by "; " that prefix would seem to cover every item after it ("excluded:
/// diabetes mellitus; cardiomyopathy"), so each ruled-out disease is marked on its own ("diabetes mellitus
/// (excluded)") and listed after the present ones.
public enum ComorbidityList {
    public static let excludedPrefix = "excluded: "

    public static func text(_ items: [String]) -> String {
        let excluded = items.filter { $0.hasPrefix(excludedPrefix) }
        let present = items.filter { !$0.hasPrefix(excludedPrefix) }
        return (present + excluded.map { "\($0.dropFirst(excludedPrefix.count)) (excluded)" }).joined(separator: "; ")
    }
}
