import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// How the co-op is doing, on both engines: continuity is counted from the latest published version of each
/// week (a republished week replaces the one before), a two-worker visit once with both its workers, the
/// person's chosen workers from their team; plan reviews stand where their dates put them; anyone in the co-op
/// may read the figures.
@Suite("Use cases: how the co-op is doing")
struct QualityCasesTests {
  /// Publishes a version of this week for the demo person with the visits given (day offset, worker, partner).
  static func publish(
    _ w: CasesWorld, _ demo: DemoCoop, _ visits: [(Int, Account, Account?)]
  ) async throws {
    let today = w.cases.today
    let monday = CoopCalendar.london.weekStart(of: today)
    let team = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
    let admin = try await w.store.actor(for: demo.admin, on: today)
    let plan = try AccessPolicy.permit(admin, .planWeek(coop: demo.coop.id, circle: team.circle.id))
    let rows = visits.enumerated().flatMap { n, v -> [NewRotaVisit] in
      let (day, worker, partner) = v
      let first = NewRotaVisit(
        personID: demo.person.id, pattern: n, slot: 0, day: monday.adding(days: day), start: 9 * 60, length: 60,
        usualStart: 9 * 60, window: 0, tasks: [.meals], workerID: worker.id, partnerID: partner?.id)
      guard let partner else { return [first] }
      return [
        first,
        NewRotaVisit(
          personID: demo.person.id, pattern: n, slot: 1, day: monday.adding(days: day), start: 9 * 60, length: 60,
          usualStart: 9 * 60, window: 0, tasks: [.meals], workerID: partner.id, partnerID: worker.id),
      ]
    }
    try await w.store.publishWeek(monday: monday, visits: rows, permit: plan, env: w.clock.env)
  }

  @Test(arguments: Engine.allCases)
  func continuityAndReviewsAreCountedFromTheRecords(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (chosen, other) = (demo.teamWorker, demo.sameCircleWorker)
      let reader = try await w.cases.requester(for: demo.sameCircleWorker)
      var model = try await w.cases.quality(by: reader)
      #expect(model.weeks.count == Cases.qualityWeeks && model.weeks.allSatisfy { $0.visits == 0 && $0.people == 0 })
      #expect(model.weeks.last?.monday == CoopCalendar.london.weekStart(of: w.cases.today))
      let everyone = model.reviews.people
      #expect(everyone >= 1 && model.reviews.notSet == everyone)
      // Monday: the chosen worker; Tuesday: both (one visit, two workers); Wednesday: the other worker.
      try await Self.publish(w, demo, [(0, chosen, nil), (1, chosen, other), (2, other, nil)])
      model = try await w.cases.quality(by: reader)
      var week = try #require(model.weeks.last)
      #expect(week.people == 1 && week.visits == 3 && week.workersPerPerson == [2])
      #expect(week.workersSent == 4 && week.fromTheirTeam == 2 && week.fromTheirTeamPercent == 50)
      // Republished with the chosen worker on Wednesday: the new version is the one counted.
      try await Self.publish(w, demo, [(0, chosen, nil), (1, chosen, other), (2, chosen, nil)])
      week = try #require(try await w.cases.quality(by: reader).weeks.last)
      #expect(week.visits == 3 && week.workersSent == 4 && week.fromTheirTeam == 3 && week.fromTheirTeamPercent == 75)
      // A concern and a compliment this month: counted, in numbers only (three months, this one last).
      #expect(model.concerns.count == 3 && model.concerns.allSatisfy { $0.raisedCount == 0 })
      _ = try await w.cases.raiseConcern(
        NewConcern(kind: "concern", title: "Late twice", text: "Tuesday and Friday."), by: reader)
      _ = try await w.cases.raiseConcern(
        NewConcern(kind: "compliment", title: "Lovely", text: "Thank you."),
        by: try await w.cases.requester(for: demo.family))
      let month = try #require(try await w.cases.quality(by: reader).concerns.last)
      #expect(month.raised[.concern] == 1 && month.raised[.compliment] == 1 && month.outcomes == 0)
      // The next review set three weeks on: "later"; then it passes unheld: "overdue".
      try await w.cases.setPlanReview(
        demo.person.id, due: w.cases.today.adding(days: 21).iso, by: w.cases.requester(for: demo.family))
      model = try await w.cases.quality(by: reader)
      #expect(model.reviews.later == 1 && model.reviews.notSet == everyone - 1 && model.reviews.overdue == 0)
      w.clock.advance(TimeInterval(22 * 86_400))
      model = try await w.cases.quality(by: try await w.cases.requester(for: demo.personAccount))
      #expect(model.reviews.overdue == 1 && model.reviews.later == 0)
      // The week has moved on: this week has no visits; the one counted above is three weeks back.
      #expect(model.weeks.last?.visits == 0 && model.weeks.dropLast(3).last?.visits == 3)
    }
  }
}
