/// A small deterministic generator (Knuth's MMIX linear congruential constants): tests that draw many inputs must
/// fail the same way on every run, so they need no real randomness. `shuffled(using:)` takes it too.
public struct SeededDraw: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// A number below `bound`, from the state's high bits (the low bits of an LCG cycle quickly).
    public mutating func next(_ bound: UInt64) -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (state >> 33) % bound
    }

    /// An index below `count`.
    public mutating func index(_ count: Int) -> Int { Int(next(UInt64(count))) }

    /// 64 bits from two draws, for `RandomNumberGenerator`.
    public mutating func next() -> UInt64 { next(UInt64.max) << 1 ^ next(UInt64.max) }
}
