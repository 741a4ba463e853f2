import Foundation
import Testing

@testable import Rota

/// People's wishes and carers' zones of consent: hand-made cases worked out on paper, and a search
/// over a generated instance that must never break a "never".
@Suite("Wishes and consent")
struct ConsentTests {
  /// Depot at 0, person A at 10, person B at 20 (each one visit), carers c1 and c2 alike.
  static func pair() -> RotaProblem {
    RotaProblem(
      name: "pair",
      services: [
        .init(person: 0, node: 1, skill: 0, duration: 5, earliest: 0, latest: 10),
        .init(person: 1, node: 2, skill: 1, duration: 5, earliest: 0, latest: 100),
      ],
      carers: [
        .init(name: "c1", skills: [0, 1], startNode: 0, endNode: 0),
        .init(name: "c2", skills: [0, 1], startNode: 0, endNode: 0),
      ],
      travel: [[0, 10, 20], [10, 0, 10], [20, 10, 0]], syncs: [], personIDs: ["A", "B"],
      skillIDs: ["personal care", "medication"])
  }

  @Test func aDeclinedCarerAndOneOutsideTheirConsentAreNeverSent() throws {
    var problem = Self.pair()
    problem.wishes[0] = .init(declined: [0])
    problem.consent[1] = .init(people: [0], tasks: [0])
    #expect(!problem.canDo(0, 0))  // A declined c1
    #expect(problem.canDo(1, 0))
    #expect(!problem.canDo(1, 1))  // c2 agreed to A only
    let report = Evaluator.evaluate(problem, Plan(routes: [[0], [1]], starts: [10, 20]))
    #expect(report.violations.contains { $0.contains("person A declined c1") })
    #expect(report.violations.contains { $0.contains("c2 has not agreed to visit person B") })
    #expect(report.violations.contains { $0.contains("c2 has not agreed to medication") })
  }

  @Test func hoursAndJourneysOutsideConsentMakeARouteImpossible() throws {
    var problem = Self.pair()
    problem.consent[0] = .init(from: 30, until: 60, maxJourney: 15)
    // c1 leaves at 30: A at 40 (late by 30); then B at 55, back at 80 > 60, and the 20-minute journey home.
    #expect(Schedule.compute(problem, routes: [[0, 1], []]) == nil)
    let alone = try #require(Schedule.compute(problem, routes: [[0], [1]]))
    #expect(alone.starts[0] == 40)
    let report = Evaluator.evaluate(problem, Plan(routes: [[0, 1], []], starts: [40, 55]))
    #expect(report.violations.contains { $0.contains("after the 60.0 they agreed to") })
    #expect(report.violations.contains { $0.contains("travels 20.0 back to base; they agreed to at most 15.0") })
    #expect(report.violations.contains { $0.contains("before arrival") } == false)
  }

  @Test func flexibilityForgivesLatenessOnlyWhenAChosenCarerComes() throws {
    var problem = Self.pair()
    problem.consent[0] = .init(from: 30)
    problem.consent[1] = .init(from: 30)
    problem.wishes[0] = .init(preferred: [0], flexibility: 45)
    // Both start A at 40, 30 minutes after its window: c1 is chosen (within 45 min), c2 is not.
    let chosen = try #require(Schedule.compute(problem, routes: [[0], [1]]))
    #expect(chosen.cost.totalTardiness == 0)
    #expect(chosen.cost.preference == 0)
    let stranger = try #require(Schedule.compute(problem, routes: [[1], [0]]))
    #expect(stranger.cost.totalTardiness == 30)
    #expect(stranger.cost.preference == problem.preferenceWeight)
    let report = Evaluator.evaluate(problem, Plan(routes: [[1], [0]], starts: stranger.starts))
    #expect(report.isFeasible)
    #expect(report.cost == stranger.cost)
  }

  @Test func theSearchChoosesThePreferredCarerWhenItCostsLittle() throws {
    var problem = Self.pair()
    problem.wishes[1] = .init(preferred: [1])
    let result = try Annealer(problem).solve(SearchOptions(seed: 1, iterations: 3_000))
    #expect(result.plan.routes[1].contains(1))
    #expect(result.cost.preference == 0)
  }

  @Test func aVisitNobodyMayDoIsAClearError() throws {
    var problem = Self.pair()
    problem.wishes[1] = .init(declined: [0, 1])
    #expect(throws: InstanceError.self) { try problem.checkEveryVisitHasACarer(file: "week.json") }
    var tight = Self.pair()
    tight.consent = [0: .init(until: 30), 1: .init(until: 30)]  // A fits (back at 25); B needs 45
    #expect(throws: PlanningError.noRouteFor(service: 1, person: "B", skill: "medication")) {
      try Annealer(tight).greedy()
    }
  }

  /// 40 visits, 6 carers, random declines and consent: whatever the seed, the plan breaks no "never".
  @Test(arguments: [1, 2, 3] as [UInt64])
  func plansNeverBreakWishesOrConsent(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let nodes = 21
    let points = (0..<nodes).map { _ in (Double(rng.below(60)), Double(rng.below(60))) }
    let travel = points.map { a in
      points.map { b in ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot() }
    }
    let services = (0..<40).map { i in
      RotaProblem.Service(
        person: i % 20, node: 1 + i % 20, skill: i % 3, duration: 30, earliest: Double(i / 20 * 240),
        latest: Double(i / 20 * 240 + 120))
    }
    let carers = (0..<6).map { RotaProblem.Carer(name: "c\($0)", skills: [0, 1, 2], startNode: 0, endNode: 0) }
    var problem = RotaProblem(
      name: "random", services: services, carers: carers, travel: travel, syncs: [],
      personIDs: (0..<20).map { "p\($0)" }, skillIDs: ["wash", "meds", "meal"])
    for person in 0..<20 {
      problem.wishes[person] = .init(
        preferred: [rng.below(6)], declined: [rng.below(6)], flexibility: Double(rng.below(4) * 15))
    }
    for carer in 0..<6 where carer % 2 == 0 {
      problem.consent[carer] = .init(
        people: Set((0..<20).filter { _ in rng.unit() < 0.7 }), tasks: carer == 0 ? [0, 2] : nil, from: 0,
        until: 600, maxJourney: 70)
    }
    try problem.checkEveryVisitHasACarer(file: "random")
    let result = try Annealer(problem).solve(SearchOptions(seed: seed, iterations: 20_000))
    let report = Evaluator.evaluate(problem, result.plan)
    #expect(report.violations == [])
    #expect(abs(report.cost.objective - result.cost.objective) < 1e-6)
  }
}
