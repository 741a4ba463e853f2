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

  public var description: String { rawValue.uuidString.lowercased() }

  public init(from decoder: Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(UUID.self)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
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
