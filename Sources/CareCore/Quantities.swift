import Foundation

/// Money as a whole number of pence: never a floating-point amount. Ledgers hold these; corrections are
/// new entries, so amounts may be negative.
public struct Pence: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic, CustomStringConvertible {
  public var value: Int

  public init(_ value: Int) { self.value = value }

  public static let zero = Pence(0)
  public static func + (a: Pence, b: Pence) -> Pence { Pence(a.value + b.value) }
  public static func - (a: Pence, b: Pence) -> Pence { Pence(a.value - b.value) }
  public static prefix func - (a: Pence) -> Pence { Pence(-a.value) }
  public static func < (a: Pence, b: Pence) -> Bool { a.value < b.value }

  /// "£1,234.50", "£0.05", "-£1.50": the sign before the pound sign, pence always two digits.
  public var formatted: String {
    let magnitude = value.magnitude
    let pounds = Self.grouped(magnitude / 100)
    let pence = magnitude % 100
    return (value < 0 ? "-" : "") + "£" + pounds + "." + (pence < 10 ? "0" : "") + String(pence)
  }

  public var description: String { formatted }

  public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  /// 1234567 → "1,234,567".
  static func grouped(_ number: UInt) -> String {
    let digits = Array(String(number))
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return out
  }
}

/// Time as a whole number of minutes (hours of support, visit lengths, banked time). May be negative in a
/// correction or a balance.
public struct Minutes: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic, CustomStringConvertible {
  public var value: Int

  public init(_ value: Int) { self.value = value }
  public static func hours(_ hours: Int) -> Minutes { Minutes(hours * 60) }

  public static let zero = Minutes(0)
  public static func + (a: Minutes, b: Minutes) -> Minutes { Minutes(a.value + b.value) }
  public static func - (a: Minutes, b: Minutes) -> Minutes { Minutes(a.value - b.value) }
  public static prefix func - (a: Minutes) -> Minutes { Minutes(-a.value) }
  public static func < (a: Minutes, b: Minutes) -> Bool { a.value < b.value }

  /// In plain words: "1 hour 30 minutes", "45 minutes", "2 hours", "minus 1 hour 15 minutes", "0 minutes".
  public var spoken: String {
    let magnitude = value.magnitude
    let (h, m) = (magnitude / 60, magnitude % 60)
    var parts: [String] = []
    if h > 0 { parts.append(h == 1 ? "1 hour" : "\(h) hours") }
    if m > 0 || h == 0 { parts.append(m == 1 ? "1 minute" : "\(m) minutes") }
    return (value < 0 ? "minus " : "") + parts.joined(separator: " ")
  }

  /// Short form for tables: "1:30", "-0:45".
  public var clock: String {
    let magnitude = value.magnitude
    return (value < 0 ? "-" : "") + "\(magnitude / 60):" + String(format: "%02d", Int(magnitude % 60))
  }

  public var description: String { spoken }

  public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}
