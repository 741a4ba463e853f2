import CareCore
import Foundation
import PropertyBased
import Rota
import Testing

@testable import CareRota

/// A small circle in one town: three people, five workers.
enum Town {
  static func at(_ lat: Double, _ lon: Double) -> GeoPoint { GeoPoint(latitude: lat, longitude: lon)! }
  static let amina = ID<Account>(UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!)
  static let ben = ID<Account>(UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!)
  static let chloe = ID<Account>(UUID(uuidString: "00000000-0000-0000-0000-00000000000c")!)
  static let dev = ID<Account>(UUID(uuidString: "00000000-0000-0000-0000-00000000000d")!)
  static let erin = ID<Account>(UUID(uuidString: "00000000-0000-0000-0000-00000000000e")!)
  static let alan = ID<Person>(UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!)
  static let bea = ID<Person>(UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!)
  static let cy = ID<Person>(UUID(uuidString: "00000000-0000-0000-0000-0000000000c1")!)
  static let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
  static let everyDay = Set(Weekday.allCases)

  static func zone(
    from: Int = 7 * 60, until: Int = 20 * 60, days: Set<Weekday> = everyDay, mode: TravelMode = .drive,
    tasks: Set<VisitTask> = [.personalCare, .meals, .movingAndHandling, .medication], pets: Bool = true,
    at base: GeoPoint = at(53.7420, -2.0140)
  ) -> ConsentZone {
    ConsentZone(
      availability: days.sorted().map { AvailableTime(day: $0, from: from, until: until) }, mostMinutesAWeek: 40 * 60,
      travelMode: mode, base: base, longestJourney: 30, tasks: tasks, petsAreFine: pets)
  }

  static func worker(_ id: ID<Account>, _ name: String, zone: ConsentZone = zone()) -> WeekToPlan.Worker {
    WeekToPlan.Worker(id: id, name: name, skills: [.personalCare, .meals, .movingAndHandling, .medication], zone: zone)
  }

  static var week: WeekToPlan {
    let alan = WeekToPlan.Person(
      id: alan, name: "Alan",
      home: Home(address: "1 Mill Lane", postcode: "HX7 8AA", position: at(53.7440, -2.0110), hasPets: true),
      pattern: SupportPattern(
        visits: [
          VisitPattern(days: everyDay, start: 8 * 60, length: 45, tasks: [.personalCare, .medication]),
          VisitPattern(days: weekdays, start: 17 * 60 + 30, length: 30, tasks: [.meals]),
        ], flexibility: 45, chosen: [amina, ben, chloe], declined: [erin], backup: dev),
      team: [amina, ben, chloe, dev, erin])
    let bea = WeekToPlan.Person(
      id: bea, name: "Bea", home: Home(address: "4 Canal St", postcode: "HX7 8BB", position: at(53.7390, -2.0200)),
      pattern: SupportPattern(
        visits: [
          VisitPattern(
            days: [.monday, .wednesday, .friday], start: 9 * 60, length: 60, tasks: [.movingAndHandling], workers: 2)
        ], chosen: [ben, chloe], backup: dev),
      team: [ben, chloe, dev])
    let cy = WeekToPlan.Person(
      id: cy, name: "Cy", home: Home(address: "9 Hill Top", postcode: "HX7 8CC", position: at(53.7500, -2.0300)),
      pattern: SupportPattern(
        visits: [VisitPattern(days: [.sunday], start: 22 * 60, length: 60, tasks: [.overnight])], chosen: [amina]),
      team: [amina])
    return WeekToPlan(
      monday: Day(year: 2026, month: 12, day: 7)!, people: [alan, bea, cy],
      workers: [
        worker(amina, "Amina"), worker(ben, "Ben"), worker(chloe, "Chloe", zone: zone(pets: false)),
        worker(dev, "Dev", zone: zone(days: [.saturday, .sunday, .monday])), worker(erin, "Erin"),
      ])
  }

  static let quick = SearchOptions(seed: 7, seconds: 5, iterations: 4000)
}

@Suite("Week planner: the co-op's week through the rota engine")
struct WeekPlannerTests {
  @Test func theWeekIsPlannedWithinEveryonesChoicesAndConsent() throws {
    let week = Town.week
    let planner = WeekPlanner()
    let (planned, built, plan) = planner.plan(week, options: Town.quick)
    let report = Evaluator.evaluate(built.problem, plan)
    #expect(report.isFeasible, "\(report.violations)")
    // 7 + 5 of Alan's, 3 × 2 of Bea's; Cy's overnight visit nobody is trained for.
    #expect(planned.visits.count == 18)
    #expect(planned.visits.allSatisfy { $0.worker != Town.erin }, "Erin was declined by Alan and is in no other team")
    #expect(
      !planned.visits.contains { $0.person == Town.alan && $0.worker == Town.chloe },
      "Chloe does not go where there are pets")
    #expect(!planned.visits.contains { $0.worker == Town.dev && ![.saturday, .sunday, .monday].contains($0.weekday) })
    for visit in planned.visits where visit.person == Town.bea {
      let partner = try #require(visit.partner)
      #expect(partner != visit.worker)
      #expect(
        planned.visits.contains {
          $0.person == Town.bea && $0.day == visit.day && $0.worker == partner && $0.start == visit.start
        })
    }
    #expect(planned.shareWithinChoice == 1)
    #expect(planned.figures.first { $0.person == Town.alan }?.withChosenShare == 1)
  }

  @Test func aVisitNobodyMayDoIsLeftUnfilledWithTheReason() {
    let (planned, _, _) = WeekPlanner().plan(Town.week, options: Town.quick)
    #expect(planned.unfilled.count == 1)
    let cy = planned.unfilled.first
    #expect(cy?.person == Town.cy)
    #expect(cy?.weekday == .sunday)
    #expect(cy?.day == Day(year: 2026, month: 12, day: 13))
    #expect(cy?.reasons.contains("1 worker is not trained for overnight") == true, "\(cy?.reasons ?? [])")
    #expect(cy?.reasons.contains("4 workers are not in Cy's team") == true, "\(cy?.reasons ?? [])")
  }

  /// A visit at a time nobody works is left out with each worker's reason.
  @Test func aVisitAtATimeNobodyWorksSaysWhy() {
    var week = Town.week
    week.people[0].pattern.visits.append(VisitPattern(days: [.tuesday], start: 21 * 60, length: 30, tasks: [.meals]))
    let (planned, _, _) = WeekPlanner().plan(week, options: Town.quick)
    let late = planned.unfilled.first { $0.person == Town.alan }
    #expect(
      late?.reasons == [
        "2 workers are not available at that time on Tuesday", "1 worker is declined by Alan",
        "1 worker is not agreed to work in a home with pets", "1 worker is not available on Tuesday",
      ])
    #expect(planned.visits.count == 18)
  }

  /// A visit workers may do but none can fit in (ten hours, more than anyone's day allows) is left out
  /// rather than stopping the week; everything else is still planned.
  @Test func aVisitNobodyCanFitInIsLeftUnfilled() {
    var week = Town.week
    week.people[0].pattern.visits.append(VisitPattern(days: [.tuesday], start: 9 * 60, length: 600, tasks: [.meals]))
    let (planned, _, _) = WeekPlanner().plan(week, options: Town.quick)
    let long = planned.unfilled.first { $0.person == Town.alan }
    #expect(long?.pattern == 2)
    #expect(
      long?.reasons == [
        "no worker who may do it can fit it in within the hours, journeys and most hours a week they agreed to"
      ])
    #expect(planned.visits.count == 18)
  }

  /// Twelve people, each with three chosen workers and a named backup among ten: the plan keeps nearly
  /// everyone to their own choice (the bar for the demo: 95 %), without breaking any rule.
  @Test func aCircleKeepsPeopleToTheWorkersTheyChose() {
    let workers = (0..<10).map { i in
      Town.worker(
        ID(UUID(uuidString: String(format: "00000000-0000-0000-0001-%012d", i))!), "Worker \(i)",
        zone: Town.zone(at: Town.at(53.74 + Double(i % 3) * 0.004, -2.014 + Double(i / 3) * 0.004)))
    }
    let people = (0..<12).map { i in
      let chosen = (0..<3).map { workers[(i + $0) % 10].id }
      let backup = workers[(i + 3) % 10].id
      return WeekToPlan.Person(
        id: ID(UUID(uuidString: String(format: "00000000-0000-0000-0002-%012d", i))!), name: "Person \(i)",
        home: Home(
          address: "\(i) High St", postcode: "HX7 8AA",
          position: Town.at(53.738 + Double(i % 4) * 0.003, -2.02 + Double(i / 4) * 0.003)),
        pattern: SupportPattern(
          visits: [
            VisitPattern(days: Town.everyDay, start: 8 * 60 + (i % 3) * 30, length: 45, tasks: [.personalCare]),
            VisitPattern(days: Town.everyDay, start: 17 * 60 + (i % 2) * 30, length: 30, tasks: [.meals]),
          ], flexibility: 45, chosen: chosen, backup: backup),
        team: Set(chosen + [backup, workers[(i + 5) % 10].id]))
    }
    let week = WeekToPlan(monday: Day(year: 2026, month: 12, day: 7)!, people: people, workers: workers)
    let (planned, built, plan) = WeekPlanner().plan(
      week, options: SearchOptions(seed: 3, seconds: 20, iterations: 30_000))
    #expect(Evaluator.evaluate(built.problem, plan).isFeasible)
    #expect(planned.unfilled.isEmpty)
    #expect(planned.visits.count == 12 * 14)
    #expect(planned.shareWithinChoice >= 0.95, "\(planned.figures.map(\.workers.count))")
  }

  /// Whatever the circle looks like, the plan never sends a worker outside their zone of consent or to
  /// someone who declined them, and the engine's independent evaluator finds the plan legal.
  @Test func noPlanBreaksConsentAvailabilityOrAChoice() async {
    let choices = Gen.int(in: 0...Int.max).array(of: 12...12)
    await propertyCheck(count: 25, input: choices) { draws in
      var rng = SplitMix(seed: UInt64(truncatingIfNeeded: draws[0]))
      var week = Town.week
      let ids = week.workers.map(\.id)
      for w in week.workers.indices {
        let from = 6 * 60 + Int(rng.next() % 4) * 60
        let days = Set(Weekday.allCases.filter { _ in rng.next() % 3 != 0 })
        week.workers[w].zone = Town.zone(
          from: from, until: from + 8 * 60 + Int(rng.next() % 6) * 60, days: days,
          mode: TravelMode.allCases[Int(rng.next() % 4)], pets: rng.next() % 2 == 0)
      }
      for p in week.people.indices {
        week.people[p].team = Set(ids.filter { _ in rng.next() % 4 != 0 })
        let declined = Set(ids.filter { _ in rng.next() % 5 == 0 })
        week.people[p].pattern.declined = declined
        week.people[p].pattern.chosen.removeAll { declined.contains($0) }
        if let b = week.people[p].pattern.backup, week.people[p].pattern.declined.contains(b) {
          week.people[p].pattern.backup = nil
        }
      }
      let (planned, built, plan) = WeekPlanner().plan(
        week, options: SearchOptions(seed: 1, seconds: 5, iterations: 1500))
      #expect(Evaluator.evaluate(built.problem, plan).isFeasible)
      let workers = Dictionary(uniqueKeysWithValues: week.workers.map { ($0.id, $0) })
      for visit in planned.visits {
        let person = week.people.first { $0.id == visit.person }!
        let zone = workers[visit.worker]!.zone
        #expect(person.team.contains(visit.worker))
        #expect(!person.pattern.declined.contains(visit.worker))
        #expect(zone.accepts(person.home))
        #expect(zone.accepts(person.pattern.visits[visit.pattern]))
        let hours = zone.available(on: visit.weekday)
        #expect(hours != nil)
        if let hours { #expect(hours.from <= visit.start && visit.start + visit.length <= hours.until) }
      }
      // Every visit of the week is planned or named as unfilled, none twice.
      let wanted = week.people.map { p in p.pattern.visits.map { $0.days.count * $0.workers }.reduce(0, +) }.reduce(
        0, +)
      let unfilledSlots = planned.unfilled.map { u in
        week.people.first { $0.id == u.person }!.pattern.visits[u.pattern].workers
      }.reduce(0, +)
      #expect(planned.visits.count + unfilledSlots == wanted)
    }
  }
}

/// A small deterministic generator for the property test's choices.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
