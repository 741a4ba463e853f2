import Foundation

/// A quantity counted in whole units (pence, minutes): sums are exact, negatives allowed (a correction, a
/// balance), and it is stored and sent as a plain integer.
public protocol WholeQuantity: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic {
  var value: Int { get }
  init(_ value: Int)
}

extension WholeQuantity {
  public static var zero: Self { Self(0) }
  public static func + (a: Self, b: Self) -> Self { Self(a.value + b.value) }
  public static func - (a: Self, b: Self) -> Self { Self(a.value - b.value) }
  public static prefix func - (a: Self) -> Self { Self(-a.value) }
  public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

  public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(Int.self)) }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}

/// Money as a whole number of pence: never a floating-point amount. Ledgers hold these; corrections are
/// new entries, so amounts may be negative.
public struct Pence: WholeQuantity, CustomStringConvertible {
  public var value: Int

  public init(_ value: Int) { self.value = value }

  /// "£1,234.50", "£0.05", "-£1.50": the sign before the pound sign, pence always two digits.
  public var formatted: String {
    let magnitude = value.magnitude
    let pounds = Self.grouped(magnitude / 100)
    let pence = magnitude % 100
    return (value < 0 ? "-" : "") + "£" + pounds + "." + (pence < 10 ? "0" : "") + String(pence)
  }

  public var description: String { formatted }

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
public struct Minutes: WholeQuantity, CustomStringConvertible {
  public var value: Int

  public init(_ value: Int) { self.value = value }
  public static func hours(_ hours: Int) -> Minutes { Minutes(hours * 60) }

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
}
