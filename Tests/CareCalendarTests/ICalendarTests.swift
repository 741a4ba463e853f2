import Foundation
import Testing

@testable import CareCalendar

/// The iCalendar writer against RFC 5545's rules: CRLF lines of at most 75 octets, folded without splitting a
/// character; escaped text; the London time zone defined in the feed; stable UIDs and SEQUENCE; cancellations.
@Suite("iCalendar feeds")
struct ICalendarTests {
  static let stamp = Date(timeIntervalSince1970: 1_796_000_000)

  static func event(_ uid: String = "p/0/2026-12-07/0@carecoop", sequence: Int = 0, cancelled: Bool = false)
    -> CalendarEvent
  {
    CalendarEvent(
      uid: uid, sequence: sequence, start: LocalTime(year: 2026, month: 12, day: 7, minute: 8 * 60),
      end: LocalTime(year: 2026, month: 12, day: 7, minute: 8 * 60 + 45), summary: "Visit to Alan Whitworth",
      location: "3 Mill Lane, Hebden Bridge, HX7 8AA", description: "For: personal care; meals.\nBring the key",
      cancelled: cancelled)
  }

  /// Unfolds (RFC 5545 §3.1) into content lines.
  static func lines(_ text: String) -> [String] {
    // On the octets: a fold may fall inside a grapheme cluster (between its scalars), never inside a scalar.
    var bytes: [UInt8] = []
    let raw = Array(text.utf8)
    var i = 0
    while i < raw.count {
      if i + 2 < raw.count, raw[i] == 13, raw[i + 1] == 10, raw[i + 2] == 32 {
        i += 3
        continue
      }
      bytes.append(raw[i])
      i += 1
    }
    return String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
  }

  @Test func aFeedIsWellFormedWithTheLondonTimeZone() {
    let text = ICalendar(name: "Sam: my visits", events: [Self.event()], stamp: Self.stamp).text
    #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends CRLF")
    let lines = Self.lines(text)
    #expect(lines.first == "BEGIN:VCALENDAR")
    #expect(lines.contains("VERSION:2.0"))
    #expect(lines.contains("TZID:Europe/London"))
    #expect(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"))
    #expect(lines.contains("DTSTART;TZID=Europe/London:20261207T080000"))
    #expect(lines.contains("DTEND;TZID=Europe/London:20261207T084500"))
    #expect(lines.contains("UID:p/0/2026-12-07/0@carecoop"))
    #expect(lines.contains("SEQUENCE:0"))
    #expect(lines.contains("STATUS:CONFIRMED"))
    #expect(lines.contains { $0.hasPrefix("DTSTAMP:") && $0.hasSuffix("Z") })
    // Begin and end pair up.
    let begins = lines.filter { $0.hasPrefix("BEGIN:") }.map { $0.dropFirst(6) }
    let ends = lines.filter { $0.hasPrefix("END:") }.map { $0.dropFirst(4) }
    #expect(begins.sorted() == ends.sorted())
  }

  @Test func textIsEscaped() {
    let lines = Self.lines(ICalendar(name: "A, B; C\\D", events: [Self.event()], stamp: Self.stamp).text)
    #expect(lines.contains("X-WR-CALNAME:A\\, B\\; C\\\\D"))
    #expect(lines.contains("LOCATION:3 Mill Lane\\, Hebden Bridge\\, HX7 8AA"))
    #expect(lines.contains("DESCRIPTION:For: personal care\\; meals.\\nBring the key"))
  }

  @Test(arguments: [
    String(repeating: "a", count: 200), String(repeating: "é", count: 120), String(repeating: "👩🏽‍🦱", count: 30),
  ])
  func longLinesFoldAt75OctetsWithoutSplittingACharacter(summary: String) {
    var event = Self.event()
    event.summary = summary
    let text = ICalendar(name: "x", events: [event], stamp: Self.stamp).text
    for line in text.components(separatedBy: "\r\n") {
      #expect(line.utf8.count <= 75)
      #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil, "a fold split a character")
    }
    #expect(Self.lines(text).contains("SUMMARY:" + summary), "unfolding gives the text back")
  }

  @Test func aCancelledVisitSaysSoWithItsSequence() {
    let lines = Self.lines(
      ICalendar(name: "x", events: [Self.event(sequence: 2, cancelled: true)], stamp: Self.stamp).text)
    #expect(lines.contains("STATUS:CANCELLED"))
    #expect(lines.contains("SEQUENCE:2"))
  }

  @Test func controlCharactersAreDropped() {
    #expect(ICalendar.escape("a\u{0}b\u{7}c\r\nd") == "abc\\nd")
  }
}
