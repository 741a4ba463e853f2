import Crypto
import Foundation

/// Random tokens for sessions, CSRF and password resets; only their SHA-256 is ever stored.
public enum Tokens {
  public static func random() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  /// Lower-case hex of the token's SHA-256 (every signed-in request makes one: hex by table, not by
  /// `String(format:)`, which cost 7 % of a request's CPU).
  public static func hash(_ token: String) -> String {
    hex(SHA256.hash(data: Data(token.utf8)))
  }

  private static let digits = Array("0123456789abcdef".utf8)

  /// Lower-case hex of the bytes.
  public static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Compares without stopping at the first difference, so timing tells nothing.
  public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
