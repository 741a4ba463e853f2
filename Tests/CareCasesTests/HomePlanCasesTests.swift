import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// The person's plan at a glance on their home page, on both engines: the next review (or none set), the
/// changes waiting for their answer, the goals they are working on with the steps done — and only for the
/// person: nobody else's home page shows it, and the person's own glance is not a look in their log.
@Suite("Use cases: the person's plan on their home page")
struct HomePlanCasesTests {
  @Test(arguments: Engine.allCases)
  func thePersonSeesTheirPlanAtAGlance(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let person = demo.person.id
      let me = try await w.cases.requester(for: demo.personAccount)
      let family = try await w.cases.requester(for: demo.family)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      // Nothing written yet: nothing to tell, and no review date.
      var glance = try #require(try await w.cases.home(for: me).yourPlan)
      #expect(glance.isEmpty && glance.mayAnswer)
      // A review date, two changes proposed by the team, a goal with three steps (one done) and one reached.
      let due = w.cases.today.adding(days: 20)
      try await w.cases.setPlanReview(person, due: due.iso, by: family)
      _ = try await w.cases.proposePlanChange(
        person, section: "strengths", basedOn: 0, text: "Great at making people laugh.", note: "", by: worker)
      _ = try await w.cases.proposePlanChange(
        person, section: "risks", basedOn: 0, text: "Busy roads.", note: "", by: family)
      let swim = try await w.cases.addGoal(person, title: "Swim on my own", steps: ["Find", "Go", "Swim"], by: me)
      _ = try await w.cases.addGoalProgress(person, goal: swim.id, kind: "done", step: 1, note: nil, by: worker)
      let bus = try await w.cases.addGoal(person, title: "Take the bus", steps: ["Buy a pass"], by: me)
      _ = try await w.cases.setGoalStatus(person, goal: bus.id, status: "achieved", note: "Did it!", by: me)
      func planLooks() async throws -> Int {
        try await w.cases.whoLooked(at: person, page: 1, by: me).events.filter { $0.action == .viewPlan }.count
      }
      let looksBefore = try await planLooks()
      glance = try #require(try await w.cases.home(for: me).yourPlan)
      #expect(glance.reviewDue == due && glance.changesWaiting == 2)
      #expect(glance.goals.map(\.title) == ["Swim on my own"])
      #expect(glance.goals.map(\.done) == [1] && glance.goals.map(\.steps) == [3])
      #expect(try await planLooks() == looksBefore, "the person's own glance is no look")
      // The person answers one change: one waits.
      let plan = try await w.cases.supportPlan(person, by: me)
      let change = try #require(plan.plan.section(.strengths).waiting.first)
      _ = try await w.cases.answerPlanChange(person, change: change.id, answer: "accept", text: nil, by: me)
      #expect(try await w.cases.home(for: me).yourPlan?.changesWaiting == 1)
      // The review day passes: still shown, as it was due (the page says it is overdue).
      w.clock.advance(TimeInterval(25 * 86_400))
      #expect(try await w.cases.home(for: w.cases.requester(for: demo.personAccount)).yourPlan?.reviewDue == due)
      // Nobody else's home page carries the person's plan.
      #expect(try await w.cases.home(for: family).yourPlan == nil)
      #expect(try await w.cases.home(for: worker).yourPlan == nil)
    }
  }
}
