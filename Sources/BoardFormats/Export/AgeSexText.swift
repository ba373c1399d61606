import BoardModel

/// A patient's age and sex beside the name in lists and headers: "64F" when both are known, and what is not
/// recorded said in words ("64, sex unknown", "F, age unknown", "age and sex unknown"), never a bare "?".
public enum AgeSexText {
    /// `recorded` is an age the source stated without a birth date ("6 mo"), shown when no age can be computed.
    public static func text(age: Int?, sex: Sex, recorded: String? = nil) -> String {
        let letter = sex == .unknown ? nil : sex.rawValue.prefix(1).uppercased()
        if age == nil, let recorded {
            return (letter.map { "\($0), " } ?? "sex unknown, ") + "\(recorded) (recorded age)"
        }
        switch (age, letter) {
        case (let age?, let letter?): return "\(age)\(letter)"
        case (let age?, nil): return "\(age), sex unknown"
        case (nil, let letter?): return "\(letter), age unknown"
        case (nil, nil): return "age and sex unknown"
        }
    }
}
