import Foundation
import Testing

@testable import Rota

@Suite("Weekly continuity")
struct WeekTests {
  @Test func continuityMeasuresMatchHandWorkedValues() {
    // One person, four visits over four days: carers 0, 0, 1, 0.
    let day = RotaProblem(
      name: "one", services: [.init(person: 0, node: 1, skill: 0, duration: 10, earliest: 0, latest: 100)],
      carers: [
        .init(name: "a", skills: [0], startNode: 0, endNode: 0),
        .init(name: "b", skills: [0], startNode: 0, endNode: 0),
      ],
      travel: [[0, 5], [5, 0]], syncs: [], personIDs: ["p"], skillIDs: ["s"])
    let week = Week.repeating(day, days: 4)
    #expect(week.shifts.count == 8)
    // Shifts are day-major: day d, carer c is shift d * 2 + c.
    var routes = [[Int]](repeating: [], count: 8)
    routes[0] = [0]
    routes[2] = [1]
    routes[5] = [2]
    routes[6] = [3]
    let plan = Plan(routes: routes, starts: [5, 5, 5, 5])
    #expect(Evaluator.evaluate(week, plan).violations == [])
    let report = ContinuityReport(week, plan)
    #expect(report.distinctCarers == [2])
    // COC = (3² + 1² − 4) / (4 × 3) = 0.5; usual carer 3/4; consecutive same 1 of 3.
    #expect(abs(report.meanCOC - 0.5) < 1e-9)
    #expect(abs(report.usualCarerShare - 0.75) < 1e-9)
    #expect(abs(report.sequentialShare - 1.0 / 3) < 1e-9)
    #expect(report.shareWithinThreePlusBackup == 1)
  }

  /// A ruin is rebuilt with the continuity cost in view: the person's second visit goes back to the carer who
  /// already comes, though another lives nearer, once a new face costs more than the extra miles.
  @Test(arguments: [(0.0, "near"), (10.0, "known")])
  func aRebuiltVisitGoesToAKnownFaceWhenContinuityCounts(weight: Double, expected: String) throws {
    let day = RotaProblem(
      name: "one", services: [.init(person: 0, node: 1, skill: 0, duration: 10, earliest: 0, latest: 100)],
      carers: [
        .init(name: "near", skills: [0], startNode: 0, endNode: 0),
        .init(name: "known", skills: [0], startNode: 2, endNode: 2),
      ],
      travel: [[0, 5, 9], [5, 0, 8], [9, 8, 0]], syncs: [], personIDs: ["p"], skillIDs: ["s"])
    let week = Week.repeating(day, days: 2)
    let annealer = Annealer(week)
    // Day 0 by "known"; day 1's visit is out, to be put back.
    var routes = [[Int]](repeating: [], count: 4)
    routes[1] = [0]
    var routeOf = [-1, -1]
    routeOf[0] = 1
    let timing = try #require(Timing.full(week, routes: routes, partner: week.partner))
    let counter = ContinuityCounter(week, routes: routes)
    let place = try #require(
      annealer.cheapestPlace(1, routes: routes, routeOf: routeOf, timing: timing, continuity: counter, weight: weight))
    #expect(week.carers[week.shifts[place.0].carer].name == expected)
  }

  @Test(arguments: [(nil, false), (3, true), (0, true)] as [(Int?, Bool)])
  func theFourthRegularCountsAsTheBackupOnlyWhenNamed(backup: Int?, within: Bool) {
    // Eight days, carers 0 0 1 1 2 2 3 3: four regulars. Within 3 + 1 only when one of them is the named backup.
    let day = RotaProblem(
      name: "one", services: [.init(person: 0, node: 1, skill: 0, duration: 10, earliest: 0, latest: 100)],
      carers: (0..<4).map { .init(name: "c\($0)", skills: [0], startNode: 0, endNode: 0) },
      travel: [[0, 5], [5, 0]], syncs: [], personIDs: ["p"], skillIDs: ["s"])
    var week = Week.repeating(day, days: 8)
    week.backup = backup.map { [0: $0] } ?? [:]
    var routes = [[Int]](repeating: [], count: week.shifts.count)
    for d in 0..<8 { routes[d * 4 + d / 2] = [d] }
    let report = ContinuityReport(week, Plan(routes: routes, starts: [Double](repeating: 5, count: 8)))
    #expect(report.distinctCarers == [4])
    #expect(report.shareWithinThreePlusBackup == (within ? 1 : 0))
  }

  @Test func planningTheWeekAtOnceKeepsFewerFacesThanDayByDay() throws {
    let day = try SearchTests.problem("InstanzCPLEX_HCSRP_25_4.txt")
    let week = Week.repeating(day, days: 5)
    let separate = try Week.dayByDay(week, days: 5, options: SearchOptions(seed: 1, iterations: 40_000))
    var options = SearchOptions(seed: 1, iterations: 40_000)
    options.continuityWeight = 10
    let result = try Annealer(week).solve(options)
    #expect(Evaluator.evaluate(week, separate).violations == [])
    let report = Evaluator.evaluate(week, result.plan)
    #expect(report.violations == [])
    #expect(abs(report.cost.objective - result.cost.objective) < 1e-6)
    let before = ContinuityReport(week, separate)
    let after = ContinuityReport(week, result.plan)
    #expect(after.distinctCarers.reduce(0, +) < before.distinctCarers.reduce(0, +))
    #expect(after.meanCOC > before.meanCOC)
    #expect(result.distinctCarers == after.distinctCarers.reduce(0, +))
  }
}
