import Testing

@testable import Rota

/// The search re-times only the routes a move touches (and partners whose times really change). A
/// plan's times and cost must be exactly what timing every route afresh gives, or the search would
/// chase a score the evaluator does not agree with.
@Suite("Incremental timing")
struct TimingTests {
  @Test(arguments: ["InstanzCPLEX_HCSRP_25_1.txt", "InstanzCPLEX_HCSRP_50_3.txt", "InstanzVNS_HCSRP_100_1.txt"])
  func reTimingOnlyWhatChangedEqualsTimingEverything(name: String) throws {
    let problem = try SearchTests.problem(name)
    #expect(!problem.syncs.isEmpty, "the instance must have pairs, or the test proves little")
    let annealer = Annealer(problem)
    var routes = try annealer.greedy()
    var carerOf = [Int](repeating: 0, count: problem.services.count)
    for (c, route) in routes.enumerated() { for s in route { carerOf[s] = c } }
    var current = try #require(Timing.full(problem, routes: routes, partner: problem.partner))
    var rng = SeededRandom(seed: 5)
    var checked = 0
    for step in 0..<3_000 {
      guard
        let (candidate, changed) = annealer.neighbour(
          routes, carerOf: carerOf, starts: current.starts, weight: 0, rng: &rng)
      else { continue }
      var routeOf = carerOf
      for c in changed { for s in candidate[c] { routeOf[s] = c } }
      let quick = current.updated(
        problem, routes: candidate, routeOf: routeOf, changed: changed, partner: problem.partner)
      let afresh = Timing.full(problem, routes: candidate, partner: problem.partner)
      #expect((quick == nil) == (afresh == nil), "step \(step)")
      guard let quick, let afresh else { continue }
      checked += 1
      #expect(zip(quick.starts, afresh.starts).allSatisfy { abs($0 - $1) < 1e-6 }, "step \(step)")
      #expect(abs(quick.cost.objective - afresh.cost.objective) < 1e-6, "step \(step)")
      // Keep every other feasible move, worse or not, so the plan wanders far from the greedy start.
      if step % 2 == 0 {
        routes = candidate
        carerOf = routeOf
        current = quick
      }
    }
    #expect(checked > 500)
  }
}
