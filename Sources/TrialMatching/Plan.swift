import BoardModel
import Foundation

/// Every trial's programs laid out in flat arrays of plain values, so that deciding a case against
/// thousands of trials touches no reference counts: the hot loop reads through unsafe buffers that
/// live as long as the engine.
struct Plan: Sendable {
    struct Segment: Sendable {
        var start: Int32
        var count: Int32
        /// Only leaf instructions, all required: folded without a stack.
        var conjunction: Bool
        /// Identical programs (across trials and arms) share one id, so a case decides each only once.
        var id: Int32
        /// For an arm's segment: whether the arm takes patients (or its state is unknown).
        var open = true
    }

    struct Entry: Sendable {
        var base: Segment
        var armStart: Int32
        var armCount: Int32
        var hasArms: Bool
        /// A trial without arms takes patients (or its status is unknown); arms say it in `armOpen`.
        var open: Bool
        var recruitmentBonus: Double
        /// Trials with the same programs and recruitment bonus share a class: a case's decision is the same
        /// for all of them, so it is made once per class.
        var decisionClass: Int32
    }

    let code: [Program.Instruction]
    let entries: [Entry]
    let arms: [Segment]
    let longestSegment: Int
    /// The number of distinct segments.
    let segmentCount: Int
    /// The number of distinct decision classes.
    let decisionClassCount: Int

    init(_ compiled: [CompiledTrial]) {
        var code: [Program.Instruction] = []
        var entries: [Entry] = []
        var arms: [Segment] = []
        var longest = 1
        var known: [[Int64]: Segment] = [:]
        func segment(_ p: Program) -> Segment {
            let conjunction = p.conjunction != nil
            let instructions =
                p.conjunction.map { $0.map { Program.Instruction(op: .leaf, argument: $0) } } ?? p.instructions
            let key =
                [conjunction ? 1 : 0]
                + instructions.map { Int64($0.op.rawValue) << 32 | Int64(UInt32(bitPattern: $0.argument)) }
            if let segment = known[key] { return segment }
            let segment = Segment(
                start: Int32(code.count), count: Int32(instructions.count), conjunction: conjunction,
                id: Int32(known.count))
            code += instructions
            longest = max(longest, instructions.count)
            known[key] = segment
            return segment
        }
        var classes: [[Int64]: Int32] = [:]
        for t in compiled {
            let base = segment(t.baseProgram)
            let armStart = Int32(arms.count)
            for arm in t.arms {
                var own = segment(arm.program)
                own.open = arm.notOpen == nil
                arms.append(own)
            }
            let key =
                [
                    Int64(base.id), t.hasArms ? 1 : 0, t.notOpen == nil ? 1 : 0,
                    Int64(bitPattern: t.recruitmentBonus.bitPattern),
                ]
                + arms[Int(armStart)...].map { Int64($0.id) } + arms[Int(armStart)...].map { $0.open ? 1 : 0 }
            let decisionClass: Int32
            if let known = classes[key] {
                decisionClass = known
            } else {
                decisionClass = Int32(classes.count)
                classes[key] = decisionClass
            }
            entries.append(
                Entry(
                    base: base, armStart: armStart, armCount: Int32(t.arms.count), hasArms: t.hasArms,
                    open: t.notOpen == nil, recruitmentBonus: t.recruitmentBonus, decisionClass: decisionClass))
        }
        self.code = code
        self.entries = entries
        self.arms = arms
        longestSegment = longest
        segmentCount = known.count
        decisionClassCount = classes.count
    }
}

/// One case's view of a plan: the leaf verdict and segment caches and the evaluation stack, over unsafe buffers.
struct PlanRun {
    let code: UnsafeBufferPointer<Program.Instruction>
    let leaves: UnsafeBufferPointer<Leaf>
    let verdicts: UnsafeMutableBufferPointer<Verdict>
    let known: UnsafeMutableBufferPointer<Bool>
    let stack: UnsafeMutableBufferPointer<(Outcome, Tally)>
    let segments: UnsafeMutableBufferPointer<(Outcome, Tally)>
    let segmentKnown: UnsafeMutableBufferPointer<Bool>
    /// By decision class.
    let decisions: UnsafeMutableBufferPointer<MatchEngine.Decision>
    let decisionKnown: UnsafeMutableBufferPointer<Bool>

    /// A segment's outcome and tally, computed once per case.
    @inline(__always)
    func result(_ segment: Plan.Segment, _ index: CaseIndex) -> (Outcome, Tally) {
        let id = Int(segment.id)
        if segmentKnown[id] { return segments[id] }
        let r = run(segment, index)
        segments[id] = r
        segmentKnown[id] = true
        return r
    }

    @inline(__always)
    func verdict(_ id: Int, _ index: CaseIndex) -> Verdict {
        if known[id] { return verdicts[id] }
        return evaluate(id, index)
    }

    @inline(never)
    func evaluate(_ id: Int, _ index: CaseIndex) -> Verdict {
        let v = Evaluator.verdict(leaves[id], index)
        verdicts[id] = v
        known[id] = true
        return v
    }

    /// A segment's outcome and tally: conjunctions (the common case) inline, other trees on the stack.
    @inline(__always)
    func run(_ segment: Plan.Segment, _ index: CaseIndex) -> (Outcome, Tally) {
        guard segment.conjunction else { return runTree(segment, index) }
        let start = Int(segment.start)
        let end = Int(segment.start + segment.count)
        var outcome = Outcome.met
        var tally = Tally()
        for k in start..<end {
            let v = verdict(Int(code[k].argument), index)
            tally.merge(v.tally)
            if v.outcome == .notMet {
                outcome = .notMet
            } else if v.outcome == .unknown && outcome == .met {
                outcome = .unknown
            }
        }
        return (outcome, tally)
    }

    @inline(never)
    func runTree(_ segment: Plan.Segment, _ index: CaseIndex) -> (Outcome, Tally) {
        let start = Int(segment.start)
        let end = Int(segment.start + segment.count)
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
                    if o == .notMet {
                        outcome = .notMet
                    } else if o == .unknown && outcome == .met {
                        outcome = .unknown
                    }
                }
                top -= n
                stack[top] = (outcome, tally)
                top += 1
            case .any:
                let n = Int(instruction.argument)
                var met = Tally()
                var unknown = Tally()
                var anyMet = false
                var anyUnknown = false
                for j in (top - n)..<top {
                    let (o, t) = stack[j]
                    if o == .met {
                        anyMet = true
                        met.merge(t)
                    } else if o == .unknown {
                        anyUnknown = true
                        unknown.merge(t)
                    }
                }
                top -= n
                stack[top] = anyMet ? (.met, met) : anyUnknown ? (.unknown, unknown) : (.notMet, Tally())
                top += 1
            }
        }
        return top > 0 ? stack[top - 1] : (.met, Tally())
    }
}
