import Foundation

/// The value a stored property takes when an older file or body leaves its key out.
public protocol DecodingDefault {
    associatedtype Value: Codable & Hashable
    static var whenMissing: Value { get }
}

/// A property whose key may be missing: decoding a missing (or null) key gives `Default.whenMissing`; a present key
/// decodes and encodes exactly as the bare value would (one value in place, dates by the coder's strategy), so the
/// stored JSON, and with it every decision hash, keeps its bytes. It replaces hand-written `init(from:)` that only
/// supplied defaults.
@propertyWrapper
public struct Defaulted<Default: DecodingDefault>: Codable, Hashable {
    public var wrappedValue: Default.Value

    public init(wrappedValue: Default.Value) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode(Default.Value.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// Used by synthesized `init(from:)`: a missing or null key is the default, not an error.
    public func decode<D>(_ type: Defaulted<D>.Type, forKey key: Key) throws -> Defaulted<D> {
        try decodeIfPresent(type, forKey: key) ?? Defaulted(wrappedValue: D.whenMissing)
    }
}

/// Defaults of numbers and flags, which differ from property to property.
public enum Defaults {
    public enum True: DecodingDefault {
        public static var whenMissing: Bool { true }
    }
    public enum One: DecodingDefault {
        public static var whenMissing: Int { 1 }
    }
}

extension Defaulted: Sendable where Default.Value: Sendable {}

extension Array: DecodingDefault where Element: Codable & Hashable {
    /// A list a file leaves out is empty.
    public static var whenMissing: [Element] { [] }
}

extension String: DecodingDefault {
    /// A text a file leaves out is empty.
    public static var whenMissing: String { "" }
}

// The defaults of the model's own types: the state a record starts in.

extension MeetingStatus: DecodingDefault { public static var whenMissing: MeetingStatus { .planned } }
extension AgendaOutcome: DecodingDefault { public static var whenMissing: AgendaOutcome { .pending } }
extension DecisionStatus: DecodingDefault { public static var whenMissing: DecisionStatus { .draft } }
extension CaseStatus: DecodingDefault { public static var whenMissing: CaseStatus { .new } }
extension RecruitmentStatus: DecodingDefault { public static var whenMissing: RecruitmentStatus { .unknown } }
extension VariantOrigin: DecodingDefault { public static var whenMissing: VariantOrigin { .somatic } }
extension Consent: DecodingDefault { public static var whenMissing: Consent { Consent() } }
extension Eligibility: DecodingDefault { public static var whenMissing: Eligibility { Eligibility() } }
