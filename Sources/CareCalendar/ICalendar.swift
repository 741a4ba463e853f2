import Foundation

/// A wall-clock moment in the co-op's time zone (Europe/London): the calendar says "08:00 London time",
/// and every calendar program turns that into the right instant either side of the clock change.
public struct LocalTime: Sendable, Hashable, Comparable {
  public let year: Int
  public let month: Int
  public let day: Int
  /// Minutes after local midnight.
  public let minute: Int

  public init(year: Int, month: Int, day: Int, minute: Int) {
    self.year = year
    self.month = month
    self.day = day
    self.minute = minute
  }

  public static func < (a: LocalTime, b: LocalTime) -> Bool {
    (a.year, a.month, a.day, a.minute) < (b.year, b.month, b.day, b.minute)
  }

  /// `20261207T080000`
  var text: String {
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)\(two(month))\(two(day))T\(two(minute / 60))\(two(minute % 60))00"
  }
}

/// One visit on a calendar feed.
public struct CalendarEvent: Sendable, Hashable {
  /// The same for the same visit in every version of the week, so a calendar updates it in place.
  public var uid: String
  /// Raised whenever the visit changes (or is cancelled): a calendar keeps the highest it has seen.
  public var sequence: Int
  public var start: LocalTime
  public var end: LocalTime
  public var summary: String
  public var location: String?
  public var description: String?
  public var cancelled: Bool

  public init(
    uid: String, sequence: Int, start: LocalTime, end: LocalTime, summary: String, location: String? = nil,
    description: String? = nil, cancelled: Bool = false
  ) {
    self.uid = uid
    self.sequence = sequence
    self.start = start
    self.end = end
    self.summary = summary
    self.location = location
    self.description = description
    self.cancelled = cancelled
  }
}

/// An iCalendar (RFC 5545) feed: a calendar of events in Europe/London, with the time zone's own
/// definition (VTIMEZONE) so no program has to guess it. Lines end CRLF and are folded at 75 octets
/// (never inside a UTF-8 character); text is escaped.
public struct ICalendar: Sendable {
  public var name: String
  public var events: [CalendarEvent]
  /// When the feed was made (DTSTAMP, UTC).
  public var stamp: Date

  public init(name: String, events: [CalendarEvent], stamp: Date) {
    self.name = name
    self.events = events
    self.stamp = stamp
  }

  public static let timeZone = "Europe/London"

  /// The UK's rule since 1996 (EU summer time): BST from 01:00 UTC on the last Sunday of March to 01:00 UTC
  /// on the last Sunday of October.
  static let londonTimeZone = [
    "BEGIN:VTIMEZONE", "TZID:Europe/London",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
  ]

  public var text: String {
    let stampText = Self.utc(stamp)
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CareCoop//Week of care//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(name), "X-WR-TIMEZONE:" + Self.timeZone,
    ]
    lines += Self.londonTimeZone
    for event in events.sorted(by: { ($0.start, $0.uid) < ($1.start, $1.uid) }) {
      lines += [
        "BEGIN:VEVENT", "UID:" + Self.escape(event.uid), "SEQUENCE:\(event.sequence)", "DTSTAMP:" + stampText,
        "DTSTART;TZID=\(Self.timeZone):\(event.start.text)", "DTEND;TZID=\(Self.timeZone):\(event.end.text)",
        "SUMMARY:" + Self.escape(event.summary),
      ]
      if let location = event.location { lines.append("LOCATION:" + Self.escape(location)) }
      if let description = event.description { lines.append("DESCRIPTION:" + Self.escape(description)) }
      lines.append(event.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED")
      lines.append("TRANSP:OPAQUE")
      lines.append("END:VEVENT")
    }
    lines.append("END:VCALENDAR")
    return lines.map(Self.fold).joined()
  }

  /// TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped; other control
  /// characters dropped.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n": out += "\\n"
      case "\r": continue
      default:
        if scalar.value < 0x20 || scalar.value == 0x7f { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// One content line, folded so no physical line is longer than 75 octets, ending CRLF (§3.1).
  static func fold(_ line: String) -> String {
    var out = String.UnicodeScalarView()
    var width = 0
    for scalar in line.unicodeScalars {
      let octets = UTF8.width(scalar)
      if width + octets > 75 {
        out.append(contentsOf: "\r\n ".unicodeScalars)
        width = 1
      }
      out.append(scalar)
      width += octets
    }
    return String(out) + "\r\n"
  }

  static func utc(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func two(_ n: Int?) -> String {
      let n = n ?? 0
      return n < 10 ? "0\(n)" : "\(n)"
    }
    return "\(c.year ?? 1970)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
  }
}
