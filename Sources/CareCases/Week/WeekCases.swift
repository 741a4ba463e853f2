import CareCore
import CareRota
import CareStore
import Foundation
import Rota

/// How long the rota engine searches for a week's plan: `seconds`, or exactly `iterations` moves when set
/// (the same seed then gives the same plan on any machine: tests and the demo use that).
public struct WeekSearch: Sendable {
  public var seed: UInt64
  public var seconds: Double
  public var iterations: Int?

  public init(seed: UInt64 = 1, seconds: Double = 10, iterations: Int? = nil) {
    self.seed = seed
    self.seconds = seconds
    self.iterations = iterations
  }

  var options: SearchOptions { SearchOptions(seed: seed, seconds: seconds, iterations: iterations) }
}

/// The rota keeper's draft of a circle's week: the plan, the visits nobody could take with their reasons,
/// each person's figures, and who or what is not ready to be planned yet.
public struct WeekDraftModel: Sendable {
  public let circle: Circle
  public let monday: Day
  public let planned: PlannedWeek
  /// In plain words: a person without a home position or agreed visits, a worker who has not said what they
  /// agree to. They are left out of the plan until they are ready.
  public let notReady: [String]
  /// Names for the ids in the plan.
  public let names: [UUID: String]
}

extension Cases {
  /// Plans a circle's week with the rota engine there and then, without keeping it: the circle's rota
  /// keeper or an administrator. The search runs on a thread of its own, never on the threads that answer
  /// requests. (The rota keeper's page keeps its plans: `startPlanningWeek`.)
  public func draftWeek(
    circle circleID: ID<Circle>, monday: Day, by requester: Requester,
    options: SearchOptions = SearchOptions(seed: 1, seconds: 10, iterations: 20_000)
  ) async throws -> WeekDraftModel {
    try require(requester, .planWeek(coop: requester.coopID, circle: circleID))
    try Self.checkMonday(monday)
    guard let facts = try await store.circleWeekFacts(circleID, coop: requester.coopID, on: monday) else {
      throw CareError.notFound
    }
    let (week, notReady) = Self.weekToPlan(facts, monday: monday)
    let planned = await Self.planOffTheLoop(week, options: options).0
    return WeekDraftModel(
      circle: facts.circle, monday: monday, planned: planned, notReady: notReady, names: Self.names(facts))
  }

  static func checkMonday(_ monday: Day) throws {
    guard (1999...2199).contains(monday.year) else {
      throw CareError.invalid([FieldError("week", "Give a week between the years 2000 and 2199")])
    }
    guard CoopCalendar.london.weekStart(of: monday) == monday else {
      throw CareError.invalid([FieldError("week", "A week starts on a Monday")])
    }
  }

  static func names(_ facts: CircleWeekFacts) -> [UUID: String] {
    var names: [UUID: String] = [:]
    for p in facts.people { names[p.id.rawValue] = p.name }
    for w in facts.workers { names[w.id.rawValue] = w.name }
    return names
  }

  /// The engine's search on a thread of its own (it runs for seconds and never yields).
  static func planOffTheLoop(_ week: WeekToPlan, options: SearchOptions) async -> (PlannedWeek, [NewRotaVisit]) {
    await withCheckedContinuation { (done: CheckedContinuation<(PlannedWeek, [NewRotaVisit]), Never>) in
      Thread.detachNewThread {
        let planned = WeekPlanner().plan(week, options: options).0
        done.resume(returning: (planned, visitsToKeep(planned, week)))
      }
    }
  }

  /// The planned visits as rows to keep, each with its slot (0, or 1 for a two-worker visit's second
  /// worker) and what the pattern asked for.
  static func visitsToKeep(_ planned: PlannedWeek, _ week: WeekToPlan) -> [NewRotaVisit] {
    let people = Dictionary(uniqueKeysWithValues: week.people.map { ($0.id, $0) })
    var slots: [String: Int] = [:]
    return planned.visits.compactMap { v in
      guard let person = people[v.person], person.pattern.visits.indices.contains(v.pattern) else { return nil }
      let pattern = person.pattern.visits[v.pattern]
      let place = "\(v.person)/\(v.pattern)/\(v.day.iso)"
      let slot = slots[place, default: 0]
      slots[place] = slot + 1
      return NewRotaVisit(
        personID: v.person, pattern: v.pattern, slot: slot, day: v.day, start: v.start, length: v.length,
        usualStart: pattern.start, window: pattern.window, tasks: pattern.tasks, workerID: v.worker,
        partnerID: v.partner)
    }
  }

  /// The store's facts as the planner's input, and what is missing, in plain words.
  public static func weekToPlan(_ facts: CircleWeekFacts, monday: Day) -> (WeekToPlan, [String]) {
    var notReady: [String] = []
    var people: [WeekToPlan.Person] = []
    for p in facts.people {
      guard let home = p.home else {
        notReady.append("\(p.name) has no home address and position yet")
        continue
      }
      guard let pattern = p.pattern else {
        notReady.append("\(p.name) has no agreed visits for this week yet")
        continue
      }
      people.append(
        WeekToPlan.Person(id: p.id, name: p.name, home: home, pattern: pattern.pattern, team: p.teamWorkers))
    }
    var workers: [WeekToPlan.Worker] = []
    for w in facts.workers {
      guard let zone = w.zone else {
        notReady.append("\(w.name) has not said when they can work and what they agree to yet")
        continue
      }
      workers.append(WeekToPlan.Worker(id: w.id, name: w.name, skills: w.training, zone: zone))
    }
    return (WeekToPlan(monday: monday, people: people, workers: workers), notReady)
  }
}

extension WeekFigures {
  init(_ planned: PlannedWeek, notReady: [String]) {
    self.init(
      people: planned.figures.map {
        ForPerson(
          person: $0.person, visits: $0.visits, workers: $0.workers, withChosenShare: $0.withChosenShare,
          continuityIndex: $0.continuityIndex, minutesLate: $0.minutesLate)
      },
      unfilled: planned.unfilled.map { Unfilled(person: $0.person, day: $0.day, start: $0.start, reasons: $0.reasons) },
      travelMinutes: planned.travelMinutes, shareWithinChoice: planned.shareWithinChoice, notReady: notReady)
  }
}
