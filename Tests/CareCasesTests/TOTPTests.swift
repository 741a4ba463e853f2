import Foundation
import Testing

@testable import CareCases

/// The second factor against the published test values: RFC 6238 Appendix B (TOTP, eight digits, SHA-1,
/// SHA-256 and SHA-512 with the RFC's seeds), RFC 4226 Appendix D (HOTP, six digits) and RFC 4648 §10
/// (Base32). A code is used once; a code a step either side of now is taken, two steps away is not.
@Suite("TOTP second factor (RFC 6238)")
struct TOTPTests {
  /// RFC 6238 Appendix B: the seeds are "12345678901234567890" repeated to the hash's key length.
  static func seed(_ algorithm: TOTP.Algorithm) -> [UInt8] {
    let length =
      switch algorithm {
      case .sha1: 20
      case .sha256: 32
      case .sha512: 64
      }
    return Array(String(repeating: "1234567890", count: 7).utf8.prefix(length))
  }

  /// RFC 6238 Appendix B, every row: (Unix time, algorithm, the eight-digit code).
  static let vectors: [(TimeInterval, TOTP.Algorithm, String)] = [
    (59, .sha1, "94287082"), (59, .sha256, "46119246"), (59, .sha512, "90693936"),
    (1_111_111_109, .sha1, "07081804"), (1_111_111_109, .sha256, "68084774"), (1_111_111_109, .sha512, "25091201"),
    (1_111_111_111, .sha1, "14050471"), (1_111_111_111, .sha256, "67062674"), (1_111_111_111, .sha512, "99943326"),
    (1_234_567_890, .sha1, "89005924"), (1_234_567_890, .sha256, "91819424"), (1_234_567_890, .sha512, "93441116"),
    (2_000_000_000, .sha1, "69279037"), (2_000_000_000, .sha256, "90698825"), (2_000_000_000, .sha512, "38618901"),
    (20_000_000_000, .sha1, "65353130"), (20_000_000_000, .sha256, "77737706"), (20_000_000_000, .sha512, "47863826"),
  ]

  @Test(arguments: vectors.indices)
  func rfc6238AppendixB(index: Int) {
    let (time, algorithm, expected) = Self.vectors[index]
    let totp = TOTP(secret: Self.seed(algorithm), digits: 8, algorithm: algorithm)
    #expect(totp.code(at: Date(timeIntervalSince1970: time)) == expected)
  }

  @Test func rfc4226AppendixD() {
    let hotp = TOTP(secret: Array("12345678901234567890".utf8))
    let expected = [
      "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489",
    ]
    #expect((0..<10).map { hotp.code(counter: UInt64($0)) } == expected)
  }

  @Test(arguments: [
    ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
    ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
  ])
  func rfc4648Base32(plain: String, encoded: String) {
    #expect(Base32.encode(Array(plain.utf8), padded: true) == encoded)
    #expect(Base32.decode(encoded) == Array(plain.utf8))
    #expect(Base32.decode(encoded.lowercased().replacingOccurrences(of: "=", with: "")) == Array(plain.utf8))
  }

  @Test func aCodeIsTakenOnceAndOnlyNearNow() {
    let totp = TOTP(secret: Array("12345678901234567890".utf8))
    let now = Date(timeIntervalSince1970: 1_111_111_111)
    let step = totp.counter(at: now)
    let code = totp.code(at: now)
    #expect(totp.matchingCounter(code, at: now, after: nil) == step)
    // Typed with a space, as apps show it.
    #expect(totp.matchingCounter(String(code.prefix(3)) + " " + String(code.suffix(3)), at: now, after: nil) == step)
    // Used already: refused, even within the window.
    #expect(totp.matchingCounter(code, at: now, after: step) == nil)
    // The phone's clock 30 s slow or fast is forgiven; a minute and more is not.
    #expect(totp.matchingCounter(code, at: now.addingTimeInterval(30), after: nil) == step)
    #expect(totp.matchingCounter(code, at: now.addingTimeInterval(-30), after: nil) == step)
    #expect(totp.matchingCounter(code, at: now.addingTimeInterval(90), after: nil) == nil)
    // Not a code at all.
    #expect(totp.matchingCounter("12345", at: now, after: nil) == nil)
    #expect(totp.matchingCounter("１２３４５６", at: now, after: nil) == nil)
  }

  @Test func theAddressAnAppReads() {
    let totp = TOTP(secret: Array("12345678901234567890".utf8))
    #expect(
      totp.uri(issuer: "Oak Co-op", account: "ann@example.org")
        == "otpauth://totp/Oak%20Co-op:ann%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Oak%20Co-op"
        + "&algorithm=SHA1&digits=6&period=30")
  }

  @Test func recoveryCodesAreTenDifferentAndReadLoosely() {
    var generator = SystemRandomNumberGenerator()
    let codes = RecoveryCodes.make(using: &generator)
    #expect(codes.count == 10 && Set(codes).count == 10)
    #expect(
      codes.allSatisfy { RecoveryCodes.normalised($0.lowercased().replacingOccurrences(of: "-", with: " ")) == $0 })
    #expect(RecoveryCodes.normalised("ABCDE-FGHI0") == nil)
  }
}
