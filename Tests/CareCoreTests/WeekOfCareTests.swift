import Foundation
import PropertyBased
import Testing

@testable import CareCore

@Suite("Week of care: travel, visit patterns, zones of consent")
struct WeekOfCareTests {
  static let london = GeoPoint(latitude: 51.5074, longitude: -0.1278)!
  static let paris = GeoPoint(latitude: 48.8566, longitude: 2.3522)!

  @Test func distancesAreGreatCircleKilometres() {
    // London–Paris is about 344 km as the crow flies.
    #expect(abs(Self.london.kilometres(to: Self.paris) - 343.9) < 1.5)
    #expect(Self.london.kilometres(to: Self.london) == 0)
    #expect(GeoPoint(latitude: 91, longitude: 0) == nil)
    #expect(GeoPoint(latitude: 0, longitude: .nan) == nil)
  }

  /// Just under a kilometre as the crow flies is just under 1.4 km by road: 17.5 minutes on foot, rounded up.
  @Test(arguments: [(TravelMode.walk, 18), (.cycle, 6), (.publicTransport, 7), (.drive, 3)])
  func travelMinutesFollowTheModesSpeed(mode: TravelMode, minutes: Int) {
    let a = GeoPoint(latitude: 53.7420, longitude: -2.0140)!
    // 0.999 km north (111.195 km a degree of latitude).
    let b = GeoPoint(latitude: 53.7420 + 0.999 / 111.195, longitude: -2.0140)!
    #expect(StraightLineTravel().minutes(from: a, to: b, by: mode) == minutes)
    #expect(TravelMode.slowest(TravelMode.allCases) == .walk)
  }

  @Test func travelIsSymmetricAndNeverNegative() async {
    let coordinate = Gen.double(in: -60...60)
    await propertyCheck(count: 200, input: coordinate, coordinate, coordinate, coordinate) { a, b, c, d in
      let p = GeoPoint(latitude: a, longitude: b)!
      let q = GeoPoint(latitude: c, longitude: d)!
      let travel = StraightLineTravel()
      for mode in TravelMode.allCases {
        #expect(travel.minutes(from: p, to: q, by: mode) == travel.minutes(from: q, to: p, by: mode))
        #expect(travel.minutes(from: p, to: q, by: mode) >= 0)
      }
      #expect(travel.minutes(from: p, to: p, by: .walk) == 0)
    }
  }

  static let sam = ID<Account>(UUID())
  static let kit = ID<Account>(UUID())
  static let morning = VisitPattern(days: [.monday, .tuesday], start: 8 * 60, length: 45, tasks: [.personalCare])

  @Test func aGoodPatternHasNoProblems() throws {
    let pattern = SupportPattern(
      visits: [Self.morning, VisitPattern(days: [.monday], start: 9 * 60, length: 60, tasks: [.goingOut], workers: 2)],
      flexibility: 45, chosen: [Self.sam], declined: [Self.kit])
    #expect(pattern.problems.isEmpty)
    #expect(try pattern.validated() == pattern)
  }

  /// Each bad pattern is refused with the field and a plain sentence.
  @Test(arguments: [
    (
      SupportPattern(visits: [VisitPattern(days: [.monday], start: 60, length: 25 * 60, tasks: [.overnight])]),
      "visits[0].length", "Visit 1: a visit cannot be longer than a day"
    ),
    (
      SupportPattern(visits: [morning, VisitPattern(days: [.tuesday], start: 8 * 60 + 30, length: 30, tasks: [.meals])]
      ),
      "visits[1].start", "Visits 1 and 2 overlap on Tuesday"
    ),
    (SupportPattern(visits: []), "visits", "Add at least one visit"),
    (
      SupportPattern(visits: [VisitPattern(days: [], start: 60, length: 30, tasks: [.meals])]), "visits[0].days",
      "Visit 1: choose at least one day"
    ),
    (
      SupportPattern(visits: [VisitPattern(days: [.friday], start: 23 * 60 + 30, length: 45, tasks: [.meals])]),
      "visits[0].length", "Visit 1: the visit must end by midnight (plan an overnight visit as starting in the evening)"
    ),
    (
      SupportPattern(visits: [VisitPattern(days: [.friday], start: 600, length: 30, tasks: [.meals], workers: 3)]),
      "visits[0].workers", "Visit 1: one worker or two"
    ),
    (SupportPattern(visits: [morning], flexibility: 240), "flexibility", "Flexibility must be 0 to 180 minutes"),
    (
      SupportPattern(visits: [morning], chosen: [sam], declined: [sam]), "declined",
      "A worker cannot be both chosen and declined"
    ),
    (
      SupportPattern(visits: [morning], declined: [kit], backup: kit), "backup",
      "The backup cannot be a declined worker"
    ),
  ])
  func badPatternsAreRefusedWithTheReason(pattern: SupportPattern, field: String, message: String) {
    #expect(pattern.problems.contains(FieldError(field, message)), "\(pattern.problems)")
    #expect(throws: CareError.self) { try pattern.validated() }
  }

  static let base = GeoPoint(latitude: 53.74, longitude: -2.01)!

  @Test func aZoneOfConsentSaysWhatTheWorkerAgreedTo() {
    let zone = ConsentZone(
      availability: [AvailableTime(day: .monday, from: 7 * 60, until: 13 * 60)], mostMinutesAWeek: 20 * 60,
      travelMode: .cycle, base: Self.base, longestJourney: 20, tasks: [.personalCare, .meals], petsAreFine: false)
    #expect(zone.problems.isEmpty)
    #expect(zone.available(on: .monday)?.until == 13 * 60)
    #expect(zone.available(on: .tuesday) == nil)
    #expect(zone.accepts(Self.morning))
    #expect(!zone.accepts(VisitPattern(days: [.monday], start: 60, length: 30, tasks: [.medication])))
    let home = Home(address: "1 Mill Lane", postcode: "HX7 8AA", position: Self.base, hasPets: true)
    #expect(!zone.accepts(home))
    var smoky = home
    smoky.hasPets = false
    smoky.someoneSmokes = true
    #expect(!zone.accepts(smoky), "smoking is not fine unless they say so")
  }

  @Test func availabilityThatEndsBeforeItStartsIsRefused() {
    let zone = ConsentZone(
      availability: [
        AvailableTime(day: .monday, from: 13 * 60, until: 9 * 60),
        AvailableTime(day: .friday, from: 60, until: 120), AvailableTime(day: .friday, from: 600, until: 700),
      ], mostMinutesAWeek: 70 * 60, travelMode: .walk, base: Self.base, longestJourney: 0, tasks: [])
    let messages = zone.problems.map(\.message)
    #expect(messages.contains("Monday: the end must be after the start"))
    #expect(messages.contains("Friday is given twice: give one stretch a day"))
    #expect(messages.contains("Most hours a week must be 0 to 60"))
    #expect(messages.contains("The longest journey must be 1 to 240 minutes"))
  }
}
