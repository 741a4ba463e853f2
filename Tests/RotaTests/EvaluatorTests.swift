import Foundation
import Testing

@testable import Rota

/// Hand-made cases with answers worked out on paper.
@Suite("Evaluator and scheduler")
struct EvaluatorTests {
  /// Two people on a line: depot at 0, person A at distance 10, person B at 20 (B needs two carers).
  static func tiny(minGap: Double = 0, maxGap: Double = 0) -> RotaProblem {
    let travel: [[Double]] = [[0, 10, 20], [10, 0, 10], [20, 10, 0]]
    return RotaProblem(
      name: "tiny",
      services: [
        .init(person: 0, node: 1, skill: 0, duration: 5, earliest: 0, latest: 100),
        .init(person: 1, node: 2, skill: 0, duration: 5, earliest: 30, latest: 40),
        .init(person: 1, node: 2, skill: 1, duration: 5, earliest: 30, latest: 40),
      ],
      carers: [
        .init(name: "c1", skills: [0], startNode: 0, endNode: 0),
        .init(name: "c2", skills: [0, 1], startNode: 0, endNode: 0),
      ],
      travel: travel, syncs: [.init(first: 1, second: 2, minGap: minGap, maxGap: maxGap)],
      personIDs: ["pA", "pB"], skillIDs: ["s1", "s2"])
  }

  @Test func simultaneousServicesWaitForEachOther() throws {
    let problem = Self.tiny()
    // c1: A (arrive 10, end 15), B (arrive 25, wait to 30). c2: B's second service (arrive 20, wait to 30).
    let schedule = try #require(Schedule.compute(problem, routes: [[0, 1], [2]]))
    #expect(schedule.starts == [10, 30, 30])
    #expect(schedule.cost.travel == 20 + 20 + 40)
    #expect(schedule.cost.totalTardiness == 0)
    let report = Evaluator.evaluate(problem, Plan(routes: [[0, 1], [2]], starts: schedule.starts))
    #expect(report.isFeasible)
    #expect(report.cost == schedule.cost)
  }

  @Test func aMinimumGapPushesTheSecondServiceAndLatenessCounts() throws {
    let problem = Self.tiny(minGap: 15, maxGap: 20)
    let schedule = try #require(Schedule.compute(problem, routes: [[0, 1], [2]]))
    #expect(schedule.starts[2] == 45)
    #expect(schedule.cost.totalTardiness == 5)
    #expect(schedule.cost.maxTardiness == 5)
    #expect(abs(schedule.cost.objective - (80 + 5 + 5) / 3) < 1e-9)
  }

  @Test func aMaximumGapDelaysTheFirstService() throws {
    // The second service cannot start before 50 on its route; the first must follow within 5.
    var problem = Self.tiny(minGap: 0, maxGap: 5)
    problem = RotaProblem(
      name: "late",
      services: problem.services.enumerated().map { i, s in
        i == 2 ? .init(person: 1, node: 2, skill: 1, duration: 5, earliest: 50, latest: 60) : s
      }, carers: problem.carers, travel: problem.travel, syncs: problem.syncs, personIDs: problem.personIDs,
      skillIDs: problem.skillIDs)
    let schedule = try #require(Schedule.compute(problem, routes: [[0, 1], [2]]))
    #expect(schedule.starts[1] == 45)
    #expect(schedule.starts[2] == 50)
  }

  @Test func twoRoutesWaitingOnEachOtherCannotBeScheduled() {
    // Person B's two halves and a second pair ordered crosswise on two routes: a deadlock.
    let p = Self.tiny()
    let problem = RotaProblem(
      name: "cycle",
      services: p.services + [
        .init(person: 0, node: 1, skill: 0, duration: 5, earliest: 0, latest: 100),
        .init(person: 0, node: 1, skill: 0, duration: 5, earliest: 0, latest: 100),
      ],
      carers: [
        .init(name: "c1", skills: [0, 1], startNode: 0, endNode: 0),
        .init(name: "c2", skills: [0, 1], startNode: 0, endNode: 0),
      ],
      travel: p.travel, syncs: p.syncs + [.init(first: 3, second: 4, minGap: 0, maxGap: 0)], personIDs: p.personIDs,
      skillIDs: p.skillIDs)
    // c1 does pair one then pair two; c2 does pair two then pair one, with the pair-one half needing 10 minutes more.
    #expect(Schedule.compute(problem, routes: [[0, 1, 3], [4, 2]]) == nil)
  }

  @Test func theEvaluatorNamesEveryBrokenRule() {
    let problem = Self.tiny()
    let plan = Plan(routes: [[0, 1, 2], []], starts: [5, 30, 31])
    let report = Evaluator.evaluate(problem, plan)
    #expect(report.violations.contains { $0.contains("lacks skill s2") })
    #expect(report.violations.contains { $0.contains("before arrival") })
    #expect(report.violations.contains { $0.contains("need two carers") })
    #expect(report.violations.contains { $0.contains("apart; allowed") })
    let missing = Evaluator.evaluate(problem, Plan(routes: [[0], [2]], starts: [10, 0, 30]))
    #expect(missing.violations.contains("service 1 is not planned"))
  }
}
