import Foundation
import Testing

@testable import Rota

@Suite("ConVRP and route limits")
struct ConVRPTests {
  static let folder = Fixtures.folder("convrp")

  static func load(_ name: String) throws -> RotaProblem {
    try ConVRPReader.read(text: try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8), file: name)
  }

  @Test func readsDaysDemandsAndLimits() throws {
    let problem = try Self.load("convrp-small/convrp_10_test_1.vrp")
    let text = try String(contentsOfFile: "\(Self.folder)/convrp-small/convrp_10_test_1.vrp", encoding: .utf8)
    let demandRows = text.components(separatedBy: "DEMAND_SECTION")[1].components(separatedBy: "SVC_TIME_SECTION")[0]
      .components(separatedBy: "DEPOT_SECTION")[0]
    let visits = demandRows.split(whereSeparator: \.isNewline).flatMap {
      $0.split(whereSeparator: \.isWhitespace).dropFirst()
    }
    .filter { $0 != "-1" }.count
    #expect(problem.services.count == visits)
    #expect(Set(problem.services.map(\.day)) == [0, 1, 2])
    #expect(problem.shifts.allSatisfy { $0.capacity == 15 && $0.maxDuration == 35 })
    #expect(problem.travel.count == 11)
  }

  @Test func plansKeepToCapacityAndCountContinuity() throws {
    let week = try Self.load("convrp-0-7/Christofides_1_5_0.7.vrp")
    var options = SearchOptions(seed: 1, iterations: 30_000)
    options.continuityWeight = 20
    let result = try SearchTests.solvedHonestly(week, options)
    for (r, route) in result.plan.routes.enumerated() {
      #expect(route.reduce(0) { $0 + week.services[$1].demand } <= week.shifts[r].capacity)
    }
    let separate = try Week.dayByDay(week, days: 5, options: SearchOptions(seed: 1, iterations: 30_000))
    #expect(Evaluator.evaluate(week, separate).violations == [])
    #expect(ContinuityReport(week, result.plan).meanCOC > ContinuityReport(week, separate).meanCOC)
  }

  @Test func theEvaluatorCatchesAnOverloadedRoute() throws {
    let week = try Self.load("convrp-small/convrp_10_test_1.vrp")
    // Everything on day 0 into one route: far over a capacity of 15.
    var routes = [[Int]](repeating: [], count: week.shifts.count)
    for (s, service) in week.services.enumerated() {
      let shift = week.shifts.indices.first { week.shifts[$0].day == service.day }!
      routes[shift].append(s)
    }
    let starts = [Double](repeating: 0, count: week.services.count)
    let report = Evaluator.evaluate(week, Plan(routes: routes, starts: starts))
    #expect(report.violations.contains { $0.contains("over its capacity") })
  }

  @Test(arguments: [
    ("NAME: x\nCAPACITY: 5\n", "NUM_DAYS"),
    (
      "NUM_DAYS: 2\nCAPACITY: 5\nDISTANCE: 9\nNODE_COORD_SECTION\n1 0 0\nDEMAND_SECTION\n1 2\nDEPOT_SECTION\n0 0\n",
      "DEMAND_SECTION"
    ),
    ("NUM_DAYS: 1\nCAPACITY: 5\nDISTANCE: 9\nNODE_COORD_SECTION\n1 zero 0\n", "line 5"),
  ])
  func malformedFilesSayWhere(text: String, location: String) {
    #expect {
      try ConVRPReader.read(text: text, file: "bad.vrp")
    } throws: { error in
      (error as? InstanceError)?.location.hasPrefix(location) == true
    }
  }
}
