import Foundation
import Testing

@testable import Rota

@Suite("Repair")
struct RepairTests {
  @Test func onlyTheMissingCarersVisitsMoveAndThePlanStaysValid() throws {
    let problem = try SearchTests.problem("InstanzCPLEX_HCSRP_25_1.txt")
    let solved = try Annealer(problem).solve(SearchOptions(seed: 2, iterations: 20_000))
    // A carer whose visits someone else could do (in these instances some skills have one carer only).
    let gone = try #require(
      solved.plan.routes.indices.first { c in
        !solved.plan.routes[c].isEmpty
          && solved.plan.routes[c].allSatisfy { s in problem.carers.indices.filter { problem.canDo($0, s) }.count >= 3 }
      })
    let repaired = try Repair.withoutCarer(problem, plan: solved.plan, carer: gone)
    #expect(repaired.plan.routes[gone].isEmpty)
    let report = Evaluator.evaluate(problem, repaired.plan)
    #expect(report.violations == [])
    #expect(abs(report.cost.objective - repaired.cost.objective) < 1e-6)
    let orphans = Set(solved.plan.routes[gone])
    for (c, route) in solved.plan.routes.enumerated() where c != gone {
      // Everyone else keeps their visits, in the same order.
      #expect(repaired.plan.routes[c].filter { !orphans.contains($0) } == route)
    }
    #expect(Set(repaired.changes.filter { $0.from != $0.to }.map(\.service)) == orphans)
  }

  @Test func thePersonsBackupIsAskedFirst() throws {
    var problem = try SearchTests.problem("InstanzCPLEX_HCSRP_25_1.txt")
    let solved = try Annealer(problem).solve(SearchOptions(seed: 1, iterations: 5_000))
    let qualified = { (s: Int) in problem.carers.indices.filter { problem.canDo($0, s) } }
    let gone = try #require(
      solved.plan.routes.indices.first { c in
        solved.plan.routes[c].allSatisfy { qualified($0).count >= 3 } && !solved.plan.routes[c].isEmpty
      })
    let orphan = try #require(solved.plan.routes[gone].first { problem.partner[$0] == nil })
    let person = problem.services[orphan].person
    let others = qualified(orphan).filter { $0 != gone }
    // Whichever qualified carer repair would pick on cost alone, name another as backup.
    let byCost = try Repair.withoutCarer(problem, plan: solved.plan, carer: gone).plan.routes.firstIndex {
      $0.contains(orphan)
    }!
    let backup = try #require(others.first { $0 != byCost })
    problem.backup[person] = backup
    let repaired = try Repair.withoutCarer(problem, plan: solved.plan, carer: gone)
    #expect(repaired.plan.routes[backup].contains(orphan))
  }

  @Test func aVisitNobodyElseMayDoIsReported() throws {
    let tiny = EvaluatorTests.tiny()
    // Carer 1 is the only one with skill 1 (service 2).
    #expect(throws: Repair.Failure.noCarerFor(service: 2)) {
      try Repair.withoutCarer(tiny, plan: Plan(routes: [[0, 1], [2]], starts: [10, 30, 30]), carer: 1)
    }
  }

  @Test func coverCandidatesKeepEveryRuleAndPutTheBackupFirst() throws {
    var problem = try SearchTests.problem("InstanzCPLEX_HCSRP_25_1.txt")
    let solved = try Annealer(problem).solve(SearchOptions(seed: 1, iterations: 5_000))
    let gone = try #require(
      solved.plan.routes.indices.max { solved.plan.routes[$0].count < solved.plan.routes[$1].count })
    let uncovered = solved.plan.routes[gone]
    let first = try #require(uncovered.first { problem.partner[$0] == nil })
    let plain = Repair.candidates(problem, plan: solved.plan, uncovered: uncovered, excluding: [gone])
    let backup = try #require(plain[first]?.last?.carer, "someone can cover the visit")
    problem.backup[problem.services[first].person] = backup
    let found = Repair.candidates(problem, plan: solved.plan, uncovered: uncovered, excluding: [gone])
    #expect(Set(found.keys) == Set(uncovered))
    #expect(found[first]?.first?.carer == backup)
    #expect(found[first]?.first?.rank == 0)
    for (s, candidates) in found {
      #expect(!candidates.contains { $0.carer == gone })
      #expect(Set(candidates.map(\.carer)).count == candidates.count)
      for candidate in candidates {
        // Taking it where the candidate said leaves every other visit where it was, and breaks no rule.
        #expect(problem.canDo(candidate.carer, s))
        #expect(candidate.start <= problem.services[s].latest + 1e-6)
        #expect(candidate.start >= problem.services[s].earliest - 1e-6)
      }
    }
    // The first candidate taken for real: the plan breaks no rule but the other visits still uncovered.
    let taker = try #require(found[first]?.first)
    var routes = solved.plan.routes.map { $0.filter { !uncovered.contains($0) } }
    let at = routes[taker.carer].firstIndex { solved.plan.starts[$0] > taker.start } ?? routes[taker.carer].count
    routes[taker.carer].insert(first, at: at)
    let schedule = try #require(Schedule.compute(problem, routes: routes))
    #expect(abs(schedule.starts[first] - taker.start) < 1e-6)
    // What the evaluator says of the visits left out (not planned; a pair's half alone) is not counted.
    let left = uncovered.filter { $0 != first }
    let report = Evaluator.evaluate(problem, Plan(routes: routes, starts: schedule.starts))
    let aboutLeft = { (v: String) in
      left.contains { v.hasPrefix("service \($0) ") || v.hasPrefix("services \($0) ") || v.contains(" and \($0) ") }
    }
    #expect(report.violations.filter { !aboutLeft($0) } == [])
  }
}
