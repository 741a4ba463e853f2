import Foundation
import Testing

@testable import Rota

@Suite("Solomon VRPTW")
struct SolomonTests {
  static let folder = URL(fileURLWithPath: Fixtures.folder("solomon"))

  static func load(_ name: String) throws -> RotaProblem {
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    return try SolomonReader.read(text: text, file: name)
  }

  @Test func c101IsReadWithHardWindowsAndCapacity() throws {
    let problem = try Self.load("C101.txt")
    #expect(problem.services.count == 100)
    #expect(problem.shifts.count == 25)
    #expect(problem.shifts.allSatisfy { $0.capacity == 200 && $0.maxDuration == 1236 })
    #expect(problem.services[0].deadline == 967)  // customer 1: ready 912, due 967
    #expect(abs(problem.travel[0][1] - (25.0 + 324.0).squareRoot()) < 1e-9)
  }

  @Test func plansKeepEveryWindowAndScoreAsTheEvaluatorDoes() throws {
    let problem = try Self.load("R101.txt")
    let result = try Annealer(problem).solve(SearchOptions(seed: 1, iterations: 20_000))
    let report = Evaluator.evaluate(problem, result.plan)
    #expect(report.violations == [])
    #expect(report.cost.totalTardiness == 0)
    #expect(abs(report.cost.travel - result.cost.travel) < 1e-6)
  }

  @Test func aStartAfterTheDueDateIsAViolation() throws {
    let problem = try Self.load("C101.txt")
    let greedy = try Annealer(problem).greedy()
    let schedule = try #require(Schedule.compute(problem, routes: greedy))
    var starts = schedule.starts
    starts[0] = 1000  // customer 1 is due by 967
    let report = Evaluator.evaluate(problem, Plan(routes: greedy, starts: starts))
    #expect(report.violations.contains { $0.contains("after its deadline 967") })
  }

  @Test(arguments: [
    ("CUSTOMER", "CLIENTS", "CUSTOMER: missing section"),
    ("  25         200", "  25         0", "VEHICLE: expected NUMBER and CAPACITY"),
    ("    1      45         68         10", "    1      45         68         999", "more than a vehicle carries"),
    (
      "    1      45         68         10        912        967",
      "    1      45         68         10        970        967", "ready time is after the due date"
    ),
  ])
  func mistakesAreNamed(original: String, broken: String, message: String) throws {
    let text = try String(contentsOf: Self.folder.appendingPathComponent("C101.txt"), encoding: .utf8)
    let bad = text.replacingOccurrences(of: original, with: broken)
    #expect(bad != text)
    let error = try #require(throws: InstanceError.self) { try SolomonReader.read(text: bad, file: "C101.txt") }
    #expect(error.description.contains(message), "\(error)")
  }
}
