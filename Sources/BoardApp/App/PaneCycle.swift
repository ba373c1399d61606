/// The panes of a screen in reading order, one of which has the keyboard. Tab and Shift-Tab go round them;
/// the arrow keys step towards either end and stop there.
protocol PaneCycle: CaseIterable, Equatable where AllCases == [Self] {
    /// The pane's name in the narrow layout's corner hint ("Tab: backlog").
    var paneName: String { get }
}

/// Panes named by their raw value.
extension PaneCycle where Self: RawRepresentable, RawValue == String {
    var paneName: String { rawValue }
}

extension PaneCycle {
    /// The pane after this one (Tab), wrapping around.
    var next: Self { stepped(1, wrapping: true) }
    /// The pane before this one (Shift-Tab), wrapping around.
    var previous: Self { stepped(-1, wrapping: true) }

    /// What Tab shows next, for the narrow layout's corner hint (one pane at a time).
    var tabHint: String { "Tab: " + next.paneName }

    /// The pane `step` places on, wrapping around or stopping at the first and last.
    func stepped(_ step: Int, wrapping: Bool) -> Self {
        let all = Self.allCases
        let index = all.firstIndex(of: self)! + step
        return wrapping ? all[(index % all.count + all.count) % all.count] : all[min(max(index, 0), all.count - 1)]
    }
}
