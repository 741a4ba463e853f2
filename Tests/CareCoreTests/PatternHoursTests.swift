import Foundation
import Testing

@testable import CareCore

/// A proposed pattern against the person's funding: fewer, longer visits only as an agreement allows, and
/// what it does to the week's hours in words.
@Suite("Compressing visits against the funding")
struct PatternHoursTests {
  static let monday = Day(year: 2026, month: 6, day: 1)!

  static func agreement(compress: ClosedRange<Int>?, minutes: Int = 600, period: FundingPeriod = .week)
    -> FundingAgreement
  {
    FundingAgreement(
      id: ID(UUID()), coopID: ID(UUID()), personID: ID(UUID()),
      terms: FundingTerms(
        funder: .localAuthority, funderName: "Leeds City Council", minutesPerPeriod: minutes, period: period,
        starts: monday, ratePence: 2_450, compressMinMinutes: compress?.lowerBound,
        compressMaxMinutes: compress?.upperBound),
      recordedBy: ID(UUID()), recordedAt: Date(timeIntervalSince1970: 0))
  }

  /// Five visits of an hour a week (10 hours with the evening's).
  static let usual = SupportPattern(visits: [
    VisitPattern(
      days: [.monday, .tuesday, .wednesday, .thursday, .friday], start: 8 * 60, length: 60, tasks: [.meals]),
    VisitPattern(
      days: [.monday, .tuesday, .wednesday, .thursday, .friday], start: 18 * 60, length: 60, tasks: [.meals]),
  ])
  /// The same hours in five longer visits.
  static let compressed = SupportPattern(visits: [
    VisitPattern(
      days: [.monday, .tuesday, .wednesday, .thursday, .friday], start: 10 * 60, length: 120, tasks: [.meals])
  ])

  @Test(
    arguments: [
      (60...180, true, 0),  // allowed, and two hours is within one to three
      (60...90, true, 1),  // allowed, but two hours is longer than the longest
      (nil, true, 1),  // not allowed at all
    ] as [(ClosedRange<Int>?, Bool, Int)])
  func fewerLongerVisitsAsTheAgreementAllows(compress: ClosedRange<Int>?, compressing: Bool, problems: Int) {
    let check = PatternHours(
      new: Self.compressed, current: Self.usual, agreements: [Self.agreement(compress: compress)], on: Self.monday)
    #expect(check.isCompressing == compressing)
    #expect(check.problems.count == problems)
    #expect(check.problems.allSatisfy { $0.field == "visits" })
  }

  @Test func moreVisitsOrNoFundingIsNotCompressing() {
    let more = PatternHours(
      new: Self.usual, current: Self.compressed, agreements: [Self.agreement(compress: nil)], on: Self.monday)
    #expect(!more.isCompressing && more.problems.isEmpty)
    let unfunded = PatternHours(new: Self.compressed, current: Self.usual, agreements: [], on: Self.monday)
    #expect(unfunded.isCompressing && unfunded.problems.isEmpty && unfunded.words == nil)
    // An agreement not yet in force on the day is not asked.
    let later = PatternHours(
      new: Self.compressed, current: Self.usual, agreements: [Self.agreement(compress: nil)],
      on: Self.monday.adding(days: -1))
    #expect(later.problems.isEmpty)
  }

  @Test(arguments: [
    (600, FundingPeriod.week, "These visits use 10 hours a week of the 10 hours paid for: all of them."),
    (720, .week, "These visits use 10 hours a week of the 12 hours paid for: 2 hours a week left to bank or use."),
    (
      2_160, .fourWeeks,
      "These visits use 10 hours a week of the 9 hours paid for: 1 hour a week more, which banked hours must cover."
    ),
    (2_600, .month, "These visits use 10 hours a week of the 10 hours paid for: all of them."),
  ])
  func theWeeksHoursInWords(minutes: Int, period: FundingPeriod, words: String) {
    let check = PatternHours(
      new: Self.usual, current: nil, agreements: [Self.agreement(compress: nil, minutes: minutes, period: period)],
      on: Self.monday)
    #expect(check.words == words)
  }
}
