import Crypto
import Foundation

/// SHA-256 and HMAC-SHA-256 as lower-case hex: the one spelling of every digest the store prints or compares
/// (decision hashes on the minutes, audit-event hashes and MACs, key fingerprints).
enum Digest {
    /// SHA-256 of the text's UTF-8 bytes.
    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    /// HMAC-SHA-256 of the text's UTF-8 bytes with `key`.
    static func hmacSHA256(_ text: String, key: Data) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)))
    }

    /// Bytes as lower-case hex, two digits each.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
