import CareCore
import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238, on HOTP, RFC 4226): the second factor a holder of a privileged
/// hat (registered manager, safeguarding lead, finance) proves with an authenticator app. Thirty-second steps
/// from the Unix epoch, six digits, HMAC-SHA-1 by default (what every authenticator app does); SHA-256 and
/// SHA-512 as the RFC allows.
public struct TOTP: Sendable, Hashable {
  public enum Algorithm: String, Sendable, Hashable, CaseIterable {
    case sha1 = "SHA1"
    case sha256 = "SHA256"
    case sha512 = "SHA512"
  }

  public let secret: [UInt8]
  public let digits: Int
  public let step: TimeInterval
  public let algorithm: Algorithm

  public init(secret: [UInt8], digits: Int = 6, step: TimeInterval = 30, algorithm: Algorithm = .sha1) {
    precondition((6...8).contains(digits) && step > 0)
    (self.secret, self.digits, self.step, self.algorithm) = (secret, digits, step, algorithm)
  }

  /// The time step `at` falls in (RFC 6238's T).
  public func counter(at time: Date) -> UInt64 {
    UInt64(max(0, (time.timeIntervalSince1970 / step).rounded(.down)))
  }

  /// The code for a time step (RFC 4226's HOTP with dynamic truncation), zero-padded.
  public func code(counter: UInt64) -> String {
    let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
    let key = SymmetricKey(data: secret)
    let mac: [UInt8] =
      switch algorithm {
      case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
      case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
      case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
      }
    let offset = Int(mac[mac.count - 1] & 0x0f)
    let binary =
      (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
      | UInt32(mac[offset + 3])
    var power: UInt32 = 1
    for _ in 0..<digits { power *= 10 }
    let number = String(binary % power)
    return String(repeating: "0", count: digits - number.count) + number
  }

  public func code(at time: Date) -> String { code(counter: counter(at: time)) }

  /// The time step a typed code matches, within `window` steps either side of now (a phone's clock drifts),
  /// and only if it is later than `lastUsed` (a code is used once: RFC 6238 §5.2); nil otherwise. Compared
  /// without stopping early.
  public func matchingCounter(_ typed: String, at time: Date, window: UInt64 = 1, after lastUsed: UInt64?) -> UInt64? {
    let digitsOnly = typed.filter { !$0.isWhitespace }
    guard digitsOnly.count == digits, digitsOnly.allSatisfy(\.isASCII), digitsOnly.allSatisfy(\.isNumber) else {
      return nil
    }
    let now = counter(at: time)
    var found: UInt64? = nil
    for candidate in (now >= window ? now - window : 0)...(now + window) {
      if Tokens.constantTimeEqual(code(counter: candidate), digitsOnly), found == nil { found = candidate }
    }
    guard let found, lastUsed.map({ found > $0 }) ?? true else { return nil }
    return found
  }

  /// The address an authenticator app reads (the Key URI format), naming the co-op and the account.
  public func uri(issuer: String, account: String) -> String {
    func escape(_ text: String) -> String {
      text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
        ?? ""
    }
    return "otpauth://totp/\(escape(issuer)):\(escape(account))?secret=\(Base32.encode(secret))"
      + "&issuer=\(escape(issuer))&algorithm=\(algorithm.rawValue)&digits=\(digits)&period=\(Int(step))"
  }

  /// A new secret of 20 random bytes (160 bits, as RFC 4226 recommends).
  public static func newSecret<G: RandomNumberGenerator>(using generator: inout G) -> [UInt8] {
    (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
  }
}

/// Base32 (RFC 4648 §6), the alphabet authenticator apps take secrets in: upper case, no padding written;
/// read in either case, with spaces and padding ignored.
public enum Base32 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

  public static func encode(_ bytes: [UInt8], padded: Bool = false) -> String {
    var out: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    for byte in bytes {
      buffer = (buffer << 8) | UInt32(byte)
      bits += 8
      while bits >= 5 {
        out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
        bits -= 5
      }
    }
    if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
    if padded { while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) } }
    return String(decoding: out, as: UTF8.self)
  }

  public static func decode(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    for char in text.uppercased().utf8 where char != UInt8(ascii: " ") && char != UInt8(ascii: "=") {
      guard let value = alphabet.firstIndex(of: char) else { return nil }
      buffer = (buffer << 5) | UInt32(value)
      bits += 5
      if bits >= 8 {
        out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
        bits -= 8
      }
    }
    return out
  }
}

/// Ten single-use recovery codes, for when the phone is lost: shown once, kept only as SHA-256 hashes.
public enum RecoveryCodes {
  public static let count = 10

  public static func make<G: RandomNumberGenerator>(using generator: inout G) -> [String] {
    (0..<count).map { _ in
      let chars = (0..<10).map { _ in
        BallotCode.alphabet[Int.random(in: 0..<BallotCode.alphabet.count, using: &generator)]
      }
      return String(chars[0..<5]) + "-" + String(chars[5..<10])
    }
  }

  /// As typed: upper case, without spaces or dashes, regrouped; nil when it cannot be a recovery code.
  public static func normalised(_ text: String) -> String? {
    let chars = Array(text.uppercased().filter { !$0.isWhitespace && $0 != "-" })
    guard chars.count == 10, chars.allSatisfy(BallotCode.alphabet.contains) else { return nil }
    return String(chars[0..<5]) + "-" + String(chars[5..<10])
  }
}
