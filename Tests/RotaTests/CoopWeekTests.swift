import Foundation
import Testing

@testable import Rota

/// The co-op's own week file: wishes and consent come through, mistakes are named, and a week
/// planned from it keeps every "never".
@Suite("Co-op week file")
struct CoopWeekTests {
  static let calder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Benchmarks/coop/calder-valley.week.json")

  static func read(_ json: String) throws -> RotaProblem {
    try CoopWeekReader.read(data: Data(json.utf8), file: "test.week.json")
  }

  static let small = """
    {"name": "t", "days": 2, "skills": ["care", "meds"], "travel": [[0, 10], [10, 0]],
     "carers": [{"id": "amina", "skills": ["care", "meds"], "base": 0, "consent": {"from": 420, "maxJourney": 20}},
                {"id": "ben", "skills": ["care"], "base": 0, "workDays": [1]}],
     "people": [{"id": "alan", "location": 1, "preferred": ["amina"], "declined": ["ben"], "flexibility": 45,
                 "visits": [{"skill": "care", "duration": 30, "earliest": 480, "latest": 510, "days": [0, 1]}]}]}
    """

  @Test func wishesConsentAndWorkDaysComeThrough() throws {
    let problem = try Self.read(Self.small)
    #expect(problem.services.count == 2)
    #expect(problem.shifts.count == 3)  // amina both days, ben on day 1
    #expect(problem.wishes[0] == .init(preferred: [0], declined: [1], flexibility: 45))
    #expect(problem.consent[0]?.from == 420)
    #expect(problem.consent[0]?.maxJourney == 20)
    #expect(!problem.canDo(2, 1))  // ben, declined
  }

  @Test(arguments: [
    (#""preferred": ["amina"]"#, #""preferred": ["zed"]"#, "people[0].preferred: unknown carer zed"),
    (#""duration": 30"#, #""duration": -5"#, "people[0].visits[0].duration: duration is negative"),
    (#""travel": [[0, 10], [10, 0]]"#, #""travel": [[0, 10], [10]]"#, "travel: expected a square matrix"),
    (#""declined": ["ben"]"#, #""declined": ["ben", "amina"]"#, "no carer may do this visit"),
    (#""days": [0, 1]"#, #""days": [0, 7]"#, "people[0].visits[0].days: a day outside 0..<2"),
    (#""location": 1"#, #""location": 9"#, "people[0].location: not a row of the travel matrix"),
    (#"{"id": "ben""#, #"{"id": "amina""#, "carers: amina is named twice"),
  ])
  func mistakesAreNamed(original: String, broken: String, message: String) throws {
    let json = Self.small.replacingOccurrences(of: original, with: broken)
    #expect(json != Self.small)
    let error = try #require(throws: InstanceError.self) { try Self.read(json) }
    #expect(error.description.contains(message), "\(error)")
  }

  @Test func theDemoCoopWeekPlansWithoutBreakingAnyNever() throws {
    let week = try CoopWeekReader.read(data: try Data(contentsOf: Self.calder), file: "calder-valley.week.json")
    #expect(week.personIDs.count == 12)
    #expect(week.carers.count == 20)
    #expect(week.services.count == 329)
    var options = SearchOptions(seed: 1, iterations: 20_000)
    options.continuityWeight = 30
    _ = try SearchTests.solvedHonestly(week, options)
  }
}

extension CoopWeekTests {
  @Test func aCarerAwayAllWeekIsCoveredByTheTeamWithoutBreakingConsent() throws {
    let week = try CoopWeekReader.read(data: try Data(contentsOf: Self.calder), file: "calder-valley.week.json")
    let solved = try Annealer(week).solve(SearchOptions(seed: 2, iterations: 20_000))
    let amina = 0
    let theirs = Set(
      solved.plan.routes.indices.filter { week.shifts[$0].carer == amina }.flatMap { solved.plan.routes[$0] })
    #expect(!theirs.isEmpty)
    let repaired = try Repair.withoutCarer(week, plan: solved.plan, carer: amina, fromDay: 0)
    #expect(Evaluator.evaluate(week, repaired.plan).violations == [])
    #expect(
      repaired.plan.routes.indices.allSatisfy { week.shifts[$0].carer != amina || repaired.plan.routes[$0].isEmpty })
    // Only Amina's visits change carer, and each goes to someone in that person's team where one can.
    let moved = repaired.changes.filter { $0.from != $0.to }
    #expect(Set(moved.map(\.service)) == theirs)
    let inTeam = moved.filter {
      week.team[week.services[$0.service].person]?.contains(week.shifts[$0.to].carer) == true
    }
    #expect(inTeam.count * 10 >= moved.count * 8, "\(inTeam.count) of \(moved.count) covered by the team")
  }
}
