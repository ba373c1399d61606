import Foundation
import BoardModel

/// Every trial's programs laid out in flat arrays of plain values, so that deciding a case against
/// thousands of trials touches no reference counts: the hot loop reads through unsafe buffers that
/// live as long as the engine.
struct Plan: Sendable {
    struct Segment: Sendable {
        var start: Int32
        var count: Int32
        /// Only leaf instructions, all required: folded without a stack.
        var conjunction: Bool
    }

    struct Entry: Sendable {
        var base: Segment
        var armStart: Int32
        var armCount: Int32
        var hasArms: Bool
        var recruitmentBonus: Double
    }

    let code: [Program.Instruction]
    let entries: [Entry]
    let arms: [Segment]
    let longestSegment: Int

    init(_ compiled: [CompiledTrial]) {
        var code: [Program.Instruction] = []
        var entries: [Entry] = []
        var arms: [Segment] = []
        var longest = 1
        func segment(_ p: Program) -> Segment {
            let start = Int32(code.count)
            if let ids = p.conjunction {
                code += ids.map { Program.Instruction(op: .leaf, argument: $0) }
                longest = max(longest, ids.count)
                return Segment(start: start, count: Int32(ids.count), conjunction: true)
            }
            code += p.instructions
            longest = max(longest, p.instructions.count)
            return Segment(start: start, count: Int32(p.instructions.count), conjunction: false)
        }
        for t in compiled {
            let base = segment(t.baseProgram)
            let armStart = Int32(arms.count)
            for arm in t.arms { arms.append(segment(arm.program)) }
            entries.append(Entry(base: base, armStart: armStart, armCount: Int32(t.arms.count), hasArms: t.hasArms,
                                 recruitmentBonus: t.recruitmentBonus))
        }
        self.code = code
        self.entries = entries
        self.arms = arms
        longestSegment = longest
    }
}

/// One case's view of a plan: the leaf verdict cache and the evaluation stack, over unsafe buffers.
struct PlanRun {
    let code: UnsafeBufferPointer<Program.Instruction>
    let leaves: UnsafeBufferPointer<Leaf>
    let verdicts: UnsafeMutableBufferPointer<Verdict>
    let known: UnsafeMutableBufferPointer<Bool>
    let stack: UnsafeMutableBufferPointer<(Outcome, Tally)>

    @inline(__always)
    func verdict(_ id: Int, _ index: CaseIndex) -> Verdict {
        if known[id] { return verdicts[id] }
        let v = Evaluator.verdict(leaves[id], index)
        verdicts[id] = v
        known[id] = true
        return v
    }

    func run(_ segment: Plan.Segment, _ index: CaseIndex) -> (Outcome, Tally) {
        let start = Int(segment.start), end = Int(segment.start + segment.count)
        if segment.conjunction {
            var outcome = Outcome.met
            var tally = Tally()
            for k in start..<end {
                let v = verdict(Int(code[k].argument), index)
                tally.merge(v.tally)
                if v.outcome == .notMet { outcome = .notMet } else if v.outcome == .unknown && outcome == .met { outcome = .unknown }
            }
            return (outcome, tally)
        }
        var top = 0
        for k in start..<end {
            let instruction = code[k]
            switch instruction.op {
            case .leaf:
                let v = verdict(Int(instruction.argument), index)
                stack[top] = (v.outcome, v.tally)
                top += 1
            case .all:
                let n = Int(instruction.argument)
                var outcome = Outcome.met
                var tally = Tally()
                for j in (top - n)..<top {
                    let (o, t) = stack[j]
                    tally.merge(t)
                    if o == .notMet { outcome = .notMet } else if o == .unknown && outcome == .met { outcome = .unknown }
                }
                top -= n
                stack[top] = (outcome, tally)
                top += 1
            case .any:
                let n = Int(instruction.argument)
                var met = Tally(), unknown = Tally()
                var anyMet = false, anyUnknown = false
                for j in (top - n)..<top {
                    let (o, t) = stack[j]
                    if o == .met { anyMet = true; met.merge(t) } else if o == .unknown { anyUnknown = true; unknown.merge(t) }
                }
                top -= n
                stack[top] = anyMet ? (.met, met) : anyUnknown ? (.unknown, unknown) : (.notMet, Tally())
                top += 1
            }
        }
        return top > 0 ? stack[top - 1] : (.met, Tally())
    }
}
