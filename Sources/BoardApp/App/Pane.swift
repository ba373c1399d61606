import TUIKit

/// Draws a bordered pane with a title and returns the inner rect; the border shows which pane has focus.
enum Pane {
    static func draw(_ canvas: inout Canvas, rect: Rect, title: String, focused: Bool) -> Rect {
        guard rect.width >= 4, rect.height >= 3 else { return rect }
        canvas.box(rect, role: focused ? .borderFocused : .border, title: title)
        return rect.inset(by: 1)
    }
}

/// The role that shows an evidence tier; the level's label is always printed too, so meaning never rests on colour.
enum EvidenceRole {
    static func role(tier: Int) -> StyleRole {
        switch tier {
        case 1: .levelOne
        case 2: .levelTwo
        case 3: .levelThree
        case 4: .levelFour
        case 0: .levelResistance
        default: .levelOther
        }
    }
}
