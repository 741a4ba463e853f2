import Foundation

/// A calendar date with no time or zone (joining day, term end). Stored as ISO 8601 text so that
/// SQLite and PostgreSQL compare and sort it the same way.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  public init?(year: Int, month: Int, day: Int) {
    var components = DateComponents()
    (components.year, components.month, components.day) = (year, month, day)
    guard (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day),
      let date = Day.calendar.date(from: components),
      Day.calendar.component(.day, from: date) == day
    else { return nil }
    (self.year, self.month, self.day) = (year, month, day)
  }

  /// Parses `YYYY-MM-DD`.
  public init?(iso: String) {
    let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public init(_ date: Date) {
    let c = Day.calendar.dateComponents([.year, .month, .day], from: date)
    (year, month, day) = (c.year!, c.month!, c.day!)
  }

  public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

  /// The day `days` later (earlier when negative).
  public func adding(days: Int) -> Day {
    var components = DateComponents()
    (components.year, components.month, components.day) = (year, month, day)
    let date = Day.calendar.date(from: components)!
    return Day(Day.calendar.date(byAdding: .day, value: days, to: date)!)
  }
  public var description: String { iso }

  /// Whole days from `other` to this day (negative when this is earlier).
  public func days(since other: Day) -> Int {
    func date(_ d: Day) -> Date {
      var c = DateComponents()
      (c.year, c.month, c.day) = (d.year, d.month, d.day)
      return Day.calendar.date(from: c)!
    }
    return Day.calendar.dateComponents([.day], from: date(other), to: date(self)).day!
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  /// "3 March 2026": the GOV.UK date style, easier to read than numbers alone.
  public var longText: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

  /// "March 2026".
  public var monthText: String { "\(Self.monthNames[month - 1]) \(year)" }

  public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = Day(iso: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "Expected a date as YYYY-MM-DD"))
    }
    self = day
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }
}
