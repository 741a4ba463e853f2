import CareCore
import CareRota
import CareStore
import Foundation
import Rota

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
  /// Plans a circle's week with the rota engine: the circle's rota keeper or an administrator. The search
  /// runs on a thread of its own, never on the threads that answer requests.
  public func draftWeek(
    circle circleID: ID<Circle>, monday: Day, by requester: Requester,
    options: SearchOptions = SearchOptions(seed: 1, seconds: 10, iterations: 20_000)
  ) async throws -> WeekDraftModel {
    try require(requester, .planWeek(coop: requester.coopID, circle: circleID))
    guard CoopCalendar.london.weekStart(of: monday) == monday else {
      throw CareError.invalid([FieldError("week", "A week starts on a Monday")])
    }
    guard let facts = try await store.circleWeekFacts(circleID, coop: requester.coopID, on: monday) else {
      throw CareError.notFound
    }
    let (week, notReady) = Self.weekToPlan(facts, monday: monday)
    let planner = WeekPlanner()
    let planned = await withCheckedContinuation { (done: CheckedContinuation<PlannedWeek, Never>) in
      Thread.detachNewThread { done.resume(returning: planner.plan(week, options: options).0) }
    }
    var names: [UUID: String] = [:]
    for p in facts.people { names[p.id.rawValue] = p.name }
    for w in facts.workers { names[w.id.rawValue] = w.name }
    return WeekDraftModel(circle: facts.circle, monday: monday, planned: planned, notReady: notReady, names: names)
  }

  /// The store's facts as the planner's input, and what is missing, in plain words.
  static func weekToPlan(_ facts: CircleWeekFacts, monday: Day) -> (WeekToPlan, [String]) {
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
