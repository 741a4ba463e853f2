import Foundation

/// The co-op's own calendar: the days, weeks and times its members live by (Europe/London), not UTC.
/// "Today" at 00:30 on a summer night is already the next day here, an hour before it is in UTC; a visit at
/// 01:30 on the night the clocks go forward does not exist, and one at 01:30 when they go back happens twice.
public struct CoopCalendar: Sendable {
  public let timeZone: TimeZone
  let calendar: Calendar

  public init(timeZone: TimeZone) {
    self.timeZone = timeZone
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    calendar.firstWeekday = 2  // weeks start on Monday
    self.calendar = calendar
  }

  public static let london = CoopCalendar(timeZone: TimeZone(identifier: "Europe/London")!)

  /// The local day an instant falls on.
  public func day(of instant: Date) -> Day {
    let c = calendar.dateComponents([.year, .month, .day], from: instant)
    return Day(year: c.year!, month: c.month!, day: c.day!)!
  }

  /// Minutes after local midnight of an instant (0..<1440).
  /// A wall-clock time as people read it: minute 485 of the day is "08:05".
  public static func clockText(_ minuteOfDay: Int) -> String {
    let (h, m) = (minuteOfDay / 60, minuteOfDay % 60)
    return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
  }

  /// "08:30" (or "8:30") as minutes after midnight; "24:00" too when `endOfDay` (the end of a day's time).
  public static func minute(ofClock text: String, endOfDay: Bool = false) -> Int? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if endOfDay, t == "24:00" { return 24 * 60 }
    let parts = t.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
    else { return nil }
    return h * 60 + m
  }

  public func minuteOfDay(of instant: Date) -> Int {
    let c = calendar.dateComponents([.hour, .minute], from: instant)
    return c.hour! * 60 + c.minute!
  }

  /// The instant a local wall-clock time happens on a day. A time the clocks skip (spring) is moved on by
  /// the gap (01:30 becomes 02:30 BST); a time that happens twice (autumn) is the first of the two.
  public func instant(on day: Day, atMinute minute: Int) -> Date {
    precondition((0..<1440).contains(minute), "minute of day out of range")
    var c = DateComponents()
    (c.year, c.month, c.day, c.hour, c.minute) = (day.year, day.month, day.day, minute / 60, minute % 60)
    if let exact = calendar.date(from: c), minuteOfDay(of: exact) == minute, self.day(of: exact) == day {
      return exact
    }
    // In the spring gap: the same wall-clock time before the change, moved on by the length of the gap.
    let midnight = calendar.startOfDay(
      for: calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!)
    return midnight.addingTimeInterval(TimeInterval(minute * 60))
  }

  /// How long a local day really is (23, 24 or 25 hours), in minutes.
  public func length(of day: Day) -> Int {
    let start = instant(on: day, atMinute: 0)
    let next = instant(on: day.adding(days: 1), atMinute: 0)
    return Int(next.timeIntervalSince(start) / 60)
  }

  /// The Monday of the week a day is in.
  public func weekStart(of day: Day) -> Day {
    let noon = instant(on: day, atMinute: 12 * 60)
    let weekday = calendar.component(.weekday, from: noon)  // 1 = Sunday
    return day.adding(days: -((weekday + 5) % 7))
  }

  /// The seven days of the week starting on `monday`.
  public func week(from monday: Day) -> [Day] { (0..<7).map { monday.adding(days: $0) } }
}
