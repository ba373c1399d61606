import Foundation

/// A terminal colour as a theme names it; the backend degrades it to what the terminal can show.
public enum Color: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground/background (ncurses colour -1).
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
    /// xterm-256 palette entry 0–255.
    case index(Int)
    /// 24-bit colour; shown as the nearest xterm-256 entry (or of the 8/16 base colours).
    case rgb(UInt8, UInt8, UInt8)

    /// The 16 named colours in palette order (0–15).
    public static let named: [Color] = [
        .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
        .brightBlack, .brightRed, .brightGreen, .brightYellow,
        .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
    ]

    static let baseNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Names accepted by `parse`, for error messages.
    public static let acceptedSpellings: [String] =
        ["default"] + baseNames + baseNames.map { "bright-" + $0 } + ["0…255", "#rrggbb"]

    /// Parses "default", "red", "bright-red" (also "brightRed", "bright_red", "grey"/"gray" for
    /// bright-black), a palette number "0"…"255" (or "color123"), or "#rrggbb".
    public static func parse(_ text: String) -> Color? {
        var s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s == "default" || s == "none" || s == "-1" { return .default }
        if s == "grey" || s == "gray" { return .brightBlack }
        if s.hasPrefix("#") {
            let hex = s.dropFirst()
            guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
            return .rgb(UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        }
        if s.hasPrefix("color") { s = String(s.dropFirst(5)) }
        if let n = Int(s) { return (0...255).contains(n) ? .index(n) : nil }
        var bright = false
        for p in ["bright-", "bright_", "bright "] where s.hasPrefix(p) {
            bright = true
            s = String(s.dropFirst(p.count))
        }
        if !bright, s.hasPrefix("bright") {
            bright = true
            s = String(s.dropFirst(6))
        }
        guard let i = baseNames.firstIndex(of: s) else { return nil }
        return named[i + (bright ? 8 : 0)]
    }

    /// Palette number on a 256-colour terminal; -1 for `.default`.
    public var paletteIndex: Int {
        switch self {
        case .default: return -1
        case .index(let n): return n
        case .rgb(let r, let g, let b): return Color.nearest256(r, g, b)
        default: return Color.named.firstIndex(of: self) ?? 7
        }
    }

    /// Palette number usable on a terminal with `colors` colours (8, 16, 88, 256…); -1 for `.default`.
    public func paletteIndex(forColors colors: Int) -> Int {
        let i = paletteIndex
        if i < 0 || i < colors { return i }
        if colors >= 16, i < 16 { return i }
        if i < 16 { return i % 8 }
        // Map cube/grey entries to the nearest of the 8 (or 16) base colours by RGB distance.
        let (r, g, b) = Color.rgbOf256(i)
        let limit = colors >= 16 ? 16 : 8
        var best = 0
        var bestD = Int.max
        for c in 0..<limit {
            let (cr, cg, cb) = Color.rgbOf256(c)
            let d = (r - cr) * (r - cr) + (g - cg) * (g - cg) + (b - cb) * (b - cb)
            if d < bestD {
                bestD = d
                best = c
            }
        }
        return best
    }

    /// True for bright-* colours that 8-colour terminals approximate with bold.
    public var isBright: Bool { (8...15).contains(paletteIndex) }

    public var description: String {
        switch self {
        case .default: return "default"
        case .index(let n): return String(n)
        case .rgb(let r, let g, let b):
            let hex = (Int(r) << 16) | (Int(g) << 8) | Int(b)
            let s = String(hex, radix: 16)
            return "#" + String(repeating: "0", count: 6 - s.count) + s
        default:
            let i = Color.named.firstIndex(of: self) ?? 0
            return i < 8 ? Color.baseNames[i] : "bright-" + Color.baseNames[i - 8]
        }
    }

    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = min(23, max(0, (avg - 8 + 5) / 10))
        let grey = 232 + greyIndex
        func dist(_ i: Int) -> Int {
            let (cr, cg, cb) = rgbOf256(i)
            return (Int(r) - cr) * (Int(r) - cr) + (Int(g) - cg) * (Int(g) - cg) + (Int(b) - cb) * (Int(b) - cb)
        }
        return dist(grey) < dist(cube) ? grey : cube
    }

    static func rgbOf256(_ i: Int) -> (Int, Int, Int) {
        let base: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
            (255, 255, 255),
        ]
        if i < 16 { return base[max(0, i)] }
        if i < 232 {
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        }
        let v = 8 + (i - 232) * 10
        return (v, v, v)
    }
}
