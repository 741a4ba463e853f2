import Foundation

/// A typed identifier: an `ID<Circle>` cannot be passed where an `ID<Person>` is wanted.
public struct ID<Entity>: Hashable, Sendable, Codable, CustomStringConvertible {
  public let rawValue: UUID

  public init(_ rawValue: UUID) { self.rawValue = rawValue }

  /// Parses the canonical UUID text; `nil` for anything else, so bad ids in URLs become 404s, not crashes.
  public init?(string: String) {
    guard let uuid = UUID(uuidString: string) else { return nil }
    self.rawValue = uuid
  }

  public var description: String { rawValue.lowercasedString }

  public init(from decoder: Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(UUID.self)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

extension UUID {
  private static let digits = Array("0123456789abcdef".utf8)

  /// The canonical text in lower case (`5f2da4ff-a2dd-42da-…`). `uuidString` formats with `snprintf` and
  /// then had to be lower-cased: 3 % of an API team view's CPU for its seven ids.
  public var lowercasedString: String {
    withUnsafeBytes(of: uuid) { bytes in
      String(unsafeUninitializedCapacity: 36) { out in
        var i = 0
        for (n, byte) in bytes.enumerated() {
          if n == 4 || n == 6 || n == 8 || n == 10 {
            out[i] = UInt8(ascii: "-")
            i += 1
          }
          out[i] = Self.digits[Int(byte >> 4)]
          out[i + 1] = Self.digits[Int(byte & 0x0f)]
          i += 2
        }
        return i
      }
    }
  }
}

/// Effects injected so that tests are deterministic: the clock and the id source.
public struct Effects: Sendable {
  public var now: @Sendable () -> Date
  public var newID: @Sendable () -> UUID

  public init(now: @escaping @Sendable () -> Date, newID: @escaping @Sendable () -> UUID) {
    self.now = now
    self.newID = newID
  }

  public static let live = Effects(now: { Date() }, newID: { UUID() })
}
