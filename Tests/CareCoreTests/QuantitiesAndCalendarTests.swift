import Foundation
import PropertyBased
import Testing

@testable import CareCore

@Suite("Pence, minutes and the co-op's calendar")
struct QuantitiesAndCalendarTests {
  @Test(arguments: [
    (0, "£0.00"), (5, "£0.05"), (150, "£1.50"), (-150, "-£1.50"), (-5, "-£0.05"),
    (123_456_789, "£1,234,567.89"), (-100_000, "-£1,000.00"), (99, "£0.99"),
  ])
  func penceReadAsPounds(pence: Int, text: String) {
    #expect(Pence(pence).formatted == text)
  }

  /// Formatting and reading back agree for any amount: the digits are the amount, the sign is its sign.
  @Test func anyAmountFormatsToItsOwnDigits() async {
    await propertyCheck(input: Gen.int(in: -10_000_000_000...10_000_000_000)) { pence in
      let text = Pence(pence).formatted
      let digits = text.filter(\.isNumber)
      #expect(Int(digits) == abs(pence))
      #expect(text.hasPrefix("-") == (pence < 0))
      #expect(text.filter { $0 == "." }.count == 1 && text.split(separator: ".").last?.count == 2)
    }
  }

  @Test(arguments: [
    (0, "0 minutes", "0:00"), (1, "1 minute", "0:01"), (45, "45 minutes", "0:45"), (60, "1 hour", "1:00"),
    (90, "1 hour 30 minutes", "1:30"), (600, "10 hours", "10:00"), (-75, "minus 1 hour 15 minutes", "-1:15"),
  ])
  func minutesInPlainWords(minutes: Int, spoken: String, clock: String) {
    #expect(Minutes(minutes).spoken == spoken)
    #expect(Minutes(minutes).clock == clock)
  }

  @Test func sumsOfQuantitiesAreExact() {
    #expect([Pence(10), Pence(-3), Pence(5)].reduce(.zero, +) == Pence(12))
    #expect(Minutes.hours(2) - Minutes(45) == Minutes(75))
  }

  let london = CoopCalendar.london

  /// The day a person lives in, not UTC's: 23:30 UTC on 23 June is already 24 June in London.
  @Test func todayIsTheLocalDay() {
    let lateUTC = Date(timeIntervalSince1970: 1_782_257_400)  // 2026-06-23 23:30 UTC
    #expect(Day(lateUTC).iso == "2026-06-23")
    #expect(london.day(of: lateUTC).iso == "2026-06-24")
    #expect(london.minuteOfDay(of: lateUTC) == 30)
  }

  @Test(arguments: [("2026-03-29", 23 * 60), ("2026-10-25", 25 * 60), ("2026-06-01", 24 * 60), ("2026-12-25", 24 * 60)])
  func daysAreAsLongAsTheClocksSay(day: String, minutes: Int) {
    #expect(london.length(of: Day(iso: day)!) == minutes)
  }

  /// Any local time on any day comes back as itself, except the hour the clocks skip, which moves on by
  /// that hour; a time that happens twice is the first of the two.
  @Test func localTimesRoundTrip() async {
    await propertyCheck(input: Gen.int(in: 0...(365 * 60)), Gen.int(in: 0...1439)) { offset, minute in
      let day = Day(iso: "2000-01-01")!.adding(days: offset)
      let instant = london.instant(on: day, atMinute: minute)
      let skipped = london.length(of: day) == 23 * 60 && (60..<120).contains(minute)
      #expect(london.day(of: instant) == day)
      #expect(london.minuteOfDay(of: instant) == (skipped ? minute + 60 : minute))
    }
    let spring = Day(iso: "2026-03-29")!
    let skipped = london.instant(on: spring, atMinute: 90)
    #expect(london.minuteOfDay(of: skipped) == 150, "01:30 does not exist that night: 02:30 BST")
    #expect(skipped.timeIntervalSince(london.instant(on: spring, atMinute: 0)) == 90 * 60)
    #expect(london.minuteOfDay(of: london.instant(on: spring, atMinute: 180)) == 180)
    let autumn = Day(iso: "2026-10-25")!
    let first = london.instant(on: autumn, atMinute: 90)
    #expect(first.timeIntervalSince(london.instant(on: autumn, atMinute: 0)) == 90 * 60, "01:30 BST, the first")
  }

  @Test func weeksStartOnMonday() async {
    await propertyCheck(input: Gen.int(in: 0...20_000)) { offset in
      let day = Day(iso: "1990-01-01")!.adding(days: offset)
      let monday = london.weekStart(of: day)
      #expect((0...6).contains(Self.daysBetween(monday, day)))
      #expect(london.weekStart(of: monday) == monday)
      #expect(london.week(from: monday).contains(day))
    }
    #expect(london.weekStart(of: Day(iso: "2026-11-30")!).iso == "2026-11-30")  // a Monday
    #expect(london.weekStart(of: Day(iso: "2026-12-06")!).iso == "2026-11-30")  // the Sunday after
  }

  static func daysBetween(_ a: Day, _ b: Day) -> Int {
    var n = 0
    var d = a
    while d < b {
      d = d.adding(days: 1)
      n += 1
    }
    return n
  }
}

@Suite("Wall-clock times")
struct ClockTextTests {
  @Test(arguments: [(0, "00:00"), (5, "00:05"), (485, "08:05"), (600, "10:00"), (1439, "23:59")])
  func minutesOfTheDayReadAsAClock(minute: Int, text: String) {
    #expect(CoopCalendar.clockText(minute) == text)
  }

  /// Typed clock times: one parser for the week's forms, the API and visit times.
  @Test(
    arguments: [
      ("08:30", false, 510), ("8:30", false, 510), (" 23:59 ", false, 1439), ("00:00", false, 0),
      ("24:00", true, 1440), ("24:00", false, nil), ("8:5", false, nil), ("25:00", false, nil), ("08:60", false, nil),
      ("0８:30", false, nil), ("", false, nil), ("8", false, nil),
    ] as [(String, Bool, Int?)])
  func clockTextReadsAsMinutes(text: String, endOfDay: Bool, minute: Int?) {
    #expect(CoopCalendar.minute(ofClock: text, endOfDay: endOfDay) == minute)
  }
}
