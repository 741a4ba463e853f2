import Testing

@testable import Rota

/// Where nothing is paired and windows are hard, a ruin is rebuilt by checking each place in constant time
/// from the route's slack. Those checks must agree with timing the whole plan, place by place, or the search
/// would build plans the evaluator rejects (or pass over places that were fine).
@Suite("Quick rebuild from route slack")
struct SlackRouteTests {
  @Test(arguments: ["R101.txt", "RC103.txt", "C204.txt"])
  func eachPlacesPriceAndLegalityEqualTimingThePlan(name: String) throws {
    let problem = try SolomonTests.load(name)
    #expect(Annealer.quickRecreateApplies(problem))
    let annealer = Annealer(problem)
    let routes = try annealer.solve(SearchOptions(seed: 3, iterations: 5_000)).plan.routes
    var compared = (legal: 0, broken: 0)
    for s in stride(from: 0, to: problem.services.count, by: 3) {
      var without = routes
      let from = try #require(routes.firstIndex { $0.contains(s) })
      without[from].removeAll { $0 == s }
      let before = try #require(Timing.full(problem, routes: without, partner: problem.partner))
      for c in without.indices {
        let slack = SlackRoute(problem, shift: c, visits: without[c])
        for position in 0...without[c].count {
          var with = without
          with[c].insert(s, at: position)
          let full = Timing.full(problem, routes: with, partner: problem.partner)
          let extra = slack.extraTravel(problem, problem.services[s], at: position, under: .infinity)
          let quick = slack.fits(problem.services[s]) ? extra : nil
          #expect((quick == nil) == (full == nil), "visit \(s) route \(c) position \(position)")
          if let quick, let full {
            #expect(abs(full.travel[c] - before.travel[c] - quick) < 1e-6)
            compared.legal += 1
          } else {
            compared.broken += 1
          }
        }
      }
    }
    #expect(compared.legal > 100 && compared.broken > 100, "\(compared)")
  }

  @Test func instancesWithPairsOrSoftWindowsTakeTheGeneralRebuild() throws {
    #expect(!Annealer.quickRecreateApplies(try SearchTests.problem("InstanzCPLEX_HCSRP_25_1.txt")))
  }

  /// With continuity counted, a string ruin puts visits back with carers the person already has. Solomon's
  /// R101 over three days: from the same plan, rebuilds that add a new face are far fewer when a new face
  /// costs more than any journey than when it costs nothing.
  @Test func stringRuinsRebuildWithKnownFacesWhenContinuityCounts() throws {
    let week = Week.repeating(try SolomonTests.load("R101.txt"), days: 3)
    #expect(Annealer.quickRecreateApplies(week))
    let annealer = Annealer(week)
    let routes = try annealer.greedy()
    var carerOf = [Int](repeating: 0, count: week.services.count)
    for (c, route) in routes.enumerated() { for s in route { carerOf[s] = c } }
    let timing = try #require(Timing.full(week, routes: routes, partner: week.partner))
    let before = ContinuityCounter(week, routes: routes)
    func newFaces(weight: Double) -> Int {
      var rng = SeededRandom(seed: 8)
      return (0..<300).filter { _ in
        annealer.stringRuinAndRecreate(
          routes, carerOf: carerOf, timing: timing, average: 10, longest: 10, continuity: before, weight: weight,
          rng: &rng
        ).map { ContinuityCounter(week, routes: $0.routes).total > before.total } ?? false
      }.count
    }
    let (free, costly) = (newFaces(weight: 0), newFaces(weight: 1e6))
    #expect(free > 30, "the test needs rebuilds that scatter visits when continuity is free")
    #expect(costly * 4 < free, "new faces: \(costly) with continuity counted, \(free) without")
  }

  /// Mostly string ruins on a Solomon instance: the plan keeps every window and the evaluator agrees.
  @Test func stringRuinsKeepEveryRuleAndAnHonestScore() throws {
    let problem = try SolomonTests.load("RC103.txt")
    var options = SearchOptions(seed: 4, iterations: 4_000)
    options.ruinShare = 0.6
    let result = try SearchTests.solvedHonestly(problem, options)
    #expect(result.cost.travel < (try Annealer(problem).solve(SearchOptions(seed: 4, iterations: 1)).cost.travel))
  }
}
