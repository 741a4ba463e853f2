import Foundation
import Testing

@testable import Rota

@Suite("Search")
struct SearchTests {
  static func problem(_ name: String) throws -> RotaProblem {
    try MankowskaReader.read(text: try ReaderTests.text(name), file: name)
  }

  /// Solves, and expects the plan to break no hard rule and the search's score to be the evaluator's.
  static func solvedHonestly(_ problem: RotaProblem, _ options: SearchOptions) throws -> SearchResult {
    let result = try Annealer(problem).solve(options)
    let report = Evaluator.evaluate(problem, result.plan)
    #expect(report.violations == [])
    #expect(abs(report.cost.objective - result.cost.objective) < 1e-6)
    #expect(abs(report.cost.travel - result.cost.travel) < 1e-6)
    return result
  }

  @Test(arguments: ["InstanzCPLEX_HCSRP_10_1.txt", "InstanzCPLEX_HCSRP_25_1.txt"])
  func theSearchsScoreIsTheEvaluatorsAndNoHardRuleBreaks(name: String) throws {
    _ = try Self.solvedHonestly(try Self.problem(name), SearchOptions(seed: 3, iterations: 20_000))
  }

  /// Mostly ruin-and-recreate moves: they re-time many routes at once and must keep every rule too.
  @Test func ruinAndRecreateKeepsTheScoreHonestAndTheRulesKept() throws {
    var options = SearchOptions(seed: 4, iterations: 3_000)
    options.ruinShare = 0.5
    _ = try Self.solvedHonestly(try Self.problem("InstanzCPLEX_HCSRP_50_3.txt"), options)
  }

  /// "Stop" reaches the search within 256 moves, and what it has so far is a whole, legal plan; progress is
  /// told as often as asked.
  @Test func aStopEndsTheSearchWithALegalPlan() throws {
    let problem = try Self.problem("InstanzCPLEX_HCSRP_10_1.txt")
    let told = Counter()
    var options = SearchOptions(seed: 1, seconds: 600, iterations: 10_000_000)
    options.progressEvery = 100
    options.progress = { _ in told.add() }
    options.shouldStop = { told.value >= 3 }
    let result = try Annealer(problem).solve(options)
    #expect(result.iterations < 5_000, "stopped, not run to its 10 million moves")
    #expect(told.value >= 3)
    #expect(Evaluator.evaluate(problem, result.plan).isFeasible)
  }

  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
  }

  @Test func theSameSeedGivesTheSamePlan() throws {
    let problem = try Self.problem("InstanzCPLEX_HCSRP_25_2.txt")
    let a = try Annealer(problem).solve(SearchOptions(seed: 11, iterations: 15_000))
    let b = try Annealer(problem).solve(SearchOptions(seed: 11, iterations: 15_000))
    let c = try Annealer(problem).solve(SearchOptions(seed: 12, iterations: 15_000))
    #expect(a.plan.routes == b.plan.routes)
    #expect(a.cost == b.cost)
    #expect(a.plan.routes != c.plan.routes || a.cost != c.cost)
  }

  @Test func searchingImprovesOnTheGreedyStart() throws {
    let problem = try Self.problem("InstanzCPLEX_HCSRP_25_3.txt")
    let annealer = Annealer(problem)
    let greedy = try #require(Schedule.compute(problem, routes: try annealer.greedy())).cost.objective
    let searched = try annealer.solve(SearchOptions(seed: 1, iterations: 30_000)).cost.objective
    #expect(searched < greedy)
  }

  @Test func solutionsAreWrittenForTheValidator() throws {
    let problem = try Self.problem("InstanzCPLEX_HCSRP_10_1.txt")
    let result = try Annealer(problem).solve(SearchOptions(seed: 1, iterations: 2_000))
    let json = try JSONSerialization.jsonObject(with: try SolutionWriter.json(problem, result.plan)) as! [String: Any]
    let routes = json["routes"] as! [[String: Any]]
    #expect(routes.count == 3)
    let visits = routes.flatMap { $0["locations"] as! [[String: Any]] }
    #expect(visits.count == problem.services.count)
    #expect(
      visits.allSatisfy { ($0["patient_id"] as! String).hasPrefix("p") && ($0["service_id"] as! String).hasPrefix("s") }
    )
    #expect(visits.allSatisfy { ($0["departure_time"] as! Double) - ($0["arrival_time"] as! Double) == 14 })
  }
}

@Suite("Search: edge cases")
struct SearchEdgeCaseTests {
  /// A week where every visit was left out (nobody may do any) still plans: empty routes, nothing to
  /// move. The search used to draw a random visit among none and stop the process.
  @Test func aProblemWithNoVisitsGivesEmptyRoutes() throws {
    let problem = RotaProblem(
      name: "empty", services: [],
      carers: [RotaProblem.Carer(name: "a", skills: [0], startNode: 0, endNode: 0)], travel: [[0]], syncs: [],
      personIDs: [], skillIDs: ["care"])
    let result = try Annealer(problem).solve(SearchOptions(seed: 1, seconds: 1, iterations: 100))
    #expect(result.plan.routes == [[]])
    #expect(result.iterations == 0)
  }
}
